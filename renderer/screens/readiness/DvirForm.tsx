import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toasts';
import { DVIR_CHECKLIST, type InspectionKind } from '../../../shared/rules/fleet/maintenance';
import type { ReadinessRow } from '../../../shared/contract/fleet';
import { VAN_CLASS_SHORT } from '../../../shared/domain';
import { errorText } from './model';

type Mark = 'pass' | 'fail' | undefined;

/**
 * Keyboard-first DVIR entry: Tab through the checklist, P = pass, F = fail (focus moves on), a
 * failed item opens its note field; A marks every unchecked item as passed; Enter submits.
 */
export function DvirForm({ vans, vanId, onClose }: { vans: ReadinessRow[]; vanId?: number; onClose: () => void }) {
  const toast = useToast();
  const [van, setVan] = useState<number | ''>(vanId ?? '');
  const [kind, setKind] = useState<InspectionKind>('pre_trip');
  const [inspector, setInspector] = useState('');
  const [odometer, setOdometer] = useState('');
  const [notes, setNotes] = useState('');
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [itemNotes, setItemNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = useRef<(HTMLDivElement | null)[]>([]);
  const form = useRef<HTMLFormElement>(null);

  const mark = (code: string, m: Mark, index: number, move = true) => {
    setMarks((x) => ({ ...x, [code]: m }));
    if (move && m === 'pass') rows.current[index + 1]?.focus();
  };
  const allPass = () => setMarks((x) => Object.fromEntries(DVIR_CHECKLIST.map((i) => [i.code, x[i.code] ?? 'pass'])));

  const onRowKey = (e: KeyboardEvent, code: string, index: number) => {
    const k = e.key.toLowerCase();
    if (k === 'p') {
      e.preventDefault();
      mark(code, 'pass', index);
    } else if (k === 'f') {
      e.preventDefault();
      mark(code, 'fail', index, false);
      // The note field appears right after a failed item: go there.
      setTimeout(() => document.getElementById(`dvir-note-${code}`)?.focus(), 0);
    } else if (k === 'a') {
      e.preventDefault();
      allPass();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      rows.current[index + 1]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      rows.current[index - 1]?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      form.current?.requestSubmit();
    }
  };

  const unchecked = DVIR_CHECKLIST.filter((i) => !marks[i.code]);
  const failed = DVIR_CHECKLIST.filter((i) => marks[i.code] === 'fail');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (van === '') return setError('Choose the van.');
    if (!inspector.trim()) return setError('Who inspected? Enter the inspector.');
    if (unchecked.length > 0) return setError(`${unchecked.length} checklist ${unchecked.length === 1 ? 'item is' : 'items are'} not marked: ${unchecked.map((i) => i.label).join(', ')}. Press A to pass the rest.`);
    const odo = odometer.trim() === '' ? null : Number(odometer.replace(/,/g, ''));
    if (odo != null && (!Number.isFinite(odo) || odo < 0)) return setError('Odometer must be a number of miles.');
    setBusy(true);
    setError(null);
    try {
      const res = await api('fleet.inspect', {
        vanId: van,
        kind,
        inspector: inspector.trim(),
        odometerMi: odo,
        notes,
        items: DVIR_CHECKLIST.map((i) => ({ itemCode: i.code, passed: marks[i.code] === 'pass', note: itemNotes[i.code] ?? '' })),
      });
      const crit = res.defects.filter((d) => d.severity === 'critical').length;
      toast.show(
        res.result === 'pass'
          ? `DVIR saved: ${res.vanName} passed.`
          : `DVIR saved: ${res.vanName} failed ${failed.length} item(s)${crit ? ` — ${crit} critical, van grounded` : ''}.`,
        { tone: crit ? 'bad' : 'ok' },
      );
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Enter DVIR" onClose={onClose} variant="wide">
      <form ref={form} className="dvir-form" onSubmit={submit} aria-label="DVIR">
        <div className="dvir-top">
          <label className="field">
            <span>Van</span>
            <select className="select" value={van} onChange={(e) => setVan(e.target.value ? Number(e.target.value) : '')} data-autofocus={vanId ? undefined : true} aria-label="Van">
              <option value="">Choose…</option>
              {vans.map((v) => (
                <option key={v.vanId} value={v.vanId}>
                  {v.name} ({VAN_CLASS_SHORT[v.vanClass]})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Type</span>
            <select className="select" value={kind} onChange={(e) => setKind(e.target.value as InspectionKind)} aria-label="Inspection type">
              <option value="pre_trip">Pre-trip</option>
              <option value="post_trip">Post-trip</option>
            </select>
          </label>
          <label className="field">
            <span>Inspector</span>
            <input className="input" value={inspector} onChange={(e) => setInspector(e.target.value)} maxLength={80} aria-label="Inspector" data-autofocus={vanId ? true : undefined} />
          </label>
          <label className="field">
            <span>Odometer (mi)</span>
            <input className="input num" inputMode="numeric" value={odometer} onChange={(e) => setOdometer(e.target.value)} aria-label="Odometer" />
          </label>
        </div>
        <p className="muted dvir-help">
          Tab or ↓ to each item, <kbd>P</kbd> pass, <kbd>F</kbd> fail, <kbd>A</kbd> pass all unmarked, <kbd>Enter</kbd> save. Items marked <strong>*</strong> are critical: a failure grounds the van.
        </p>
        <div className="dvir-list" role="list">
          {DVIR_CHECKLIST.map((item, i) => {
            const m = marks[item.code];
            return (
              <div key={item.code} role="listitem">
                <div
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  className={`dvir-item${m ? ` ${m}` : ''}`}
                  tabIndex={0}
                  role="group"
                  aria-label={`${item.label}${item.critical ? ' (critical)' : ''}: ${m ?? 'not marked'}`}
                  data-testid={`dvir-${item.code}`}
                  onKeyDown={(e) => onRowKey(e, item.code, i)}
                >
                  <span className="label">
                    {item.label}
                    {item.critical && <span className="crit" title="Critical item"> *</span>}
                  </span>
                  <span className="pf">
                    <button type="button" tabIndex={-1} className={m === 'pass' ? 'on pass' : ''} onClick={() => mark(item.code, 'pass', i, false)} aria-pressed={m === 'pass'}>
                      Pass
                    </button>
                    <button type="button" tabIndex={-1} className={m === 'fail' ? 'on fail' : ''} onClick={() => mark(item.code, 'fail', i, false)} aria-pressed={m === 'fail'}>
                      Fail
                    </button>
                  </span>
                </div>
                {m === 'fail' && (
                  <input
                    id={`dvir-note-${item.code}`}
                    className="input dvir-note"
                    placeholder={`What is wrong with ${item.label.toLowerCase()}? (Enter or Tab to go on)`}
                    value={itemNotes[item.code] ?? ''}
                    maxLength={500}
                    onChange={(e) => setItemNotes((x) => ({ ...x, [item.code]: e.target.value }))}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        rows.current[i + 1]?.focus();
                      }
                    }}
                    aria-label={`${item.label} note`}
                  />
                )}
              </div>
            );
          })}
        </div>
        <label className="field">
          <span>Notes</span>
          <input className="input" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} aria-label="Notes" />
        </label>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="row dvir-actions">
          <span className="muted">
            {DVIR_CHECKLIST.length - unchecked.length}/{DVIR_CHECKLIST.length} marked{failed.length ? `, ${failed.length} failed` : ''}
          </span>
          <button type="button" className="btn" onClick={allPass}>
            Pass all unmarked (A)
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save DVIR'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
