import { useMemo, useRef, useState } from 'react';
import type { CheckinEntry } from '../../../shared/contract/board';
import { isGivenReason, MIN_REASON_CHARS } from '../../../shared/rules/reason';
import type { DayStatus } from '../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { DAY_STATUS_LABEL } from './model';

const waiting = (e: CheckinEntry) => !(e.status === 'checked_in' || e.status === 'late') || !e.checkedInAt;

/**
 * Check in everyone who is here in one action: the day's expected drivers (then standbys) who are
 * not in yet, all ticked; Space toggles the focused one, "Check in N drivers" confirms.
 */
export function BulkCheckinDialog({ entries, busy, onConfirm, onClose }: { entries: CheckinEntry[]; busy: boolean; onConfirm: (driverIds: number[]) => void; onClose: () => void }) {
  const list = useMemo(
    () => entries.filter((e) => waiting(e) && (e.group !== 'not_expected' || e.status === 'scheduled') && e.status !== 'called_out' && e.status !== 'no_show').sort((a, b) => (a.group === b.group ? a.name.localeCompare(b.name) : a.group === 'expected' ? -1 : 1)),
    [entries],
  );
  const [picked, setPicked] = useState<Set<number>>(() => new Set(list.filter((e) => e.group === 'expected').map((e) => e.driverId)));
  const toggle = (id: number) => setPicked((p) => (p.has(id) ? new Set([...p].filter((x) => x !== id)) : new Set([...p, id])));
  const all = picked.size === list.length && list.length > 0;
  const confirmRef = useRef<HTMLButtonElement>(null);
  const n = picked.size;
  return (
    <Dialog
      title="Check in arrivals"
      onClose={onClose}
      footer={
        <>
          <span className="muted">{list.length === 0 ? 'Everyone expected is in.' : `${n} of ${list.length} selected`}</span>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button ref={confirmRef} type="button" className="btn btn-primary" disabled={busy || n === 0} onClick={() => onConfirm(list.filter((e) => picked.has(e.driverId)).map((e) => e.driverId))}>
            {`Check in ${n} driver${n === 1 ? '' : 's'}`}
          </button>
        </>
      }
    >
      <label className="row bulk-all">
        <input type="checkbox" checked={all} onChange={() => setPicked(all ? new Set() : new Set(list.map((e) => e.driverId)))} data-autofocus />
        Select all ({list.length})
      </label>
      <ul className="bulk-list" aria-label="Drivers to check in">
        {list.map((e) => (
          <li key={e.driverId}>
            <label className="row">
              <input
                type="checkbox"
                checked={picked.has(e.driverId)}
                onChange={() => toggle(e.driverId)}
                onKeyDown={(ev) => {
                  if (ev.key === 'Enter') {
                    ev.preventDefault();
                    confirmRef.current?.click();
                  }
                }}
              />
              <span className="side-name">{e.name}</span>
              <span className="mono muted">{e.transporterId}</span>
              <span className="tag">{e.group === 'standby' ? 'Standby' : e.group === 'expected' ? 'Expected' : 'Not scheduled'}</span>
            </label>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

/** A call-out or no-show needs a reason; the server records it with its own time. */
export function ReasonDialog({ entry, status, onConfirm, onClose }: { entry: CheckinEntry; status: DayStatus; onConfirm: (reason: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const ok = isGivenReason(reason);
  return (
    <Dialog
      title={`${entry.name}: ${DAY_STATUS_LABEL[status].toLowerCase()}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!ok} onClick={() => onConfirm(reason.trim())}>
            Record {DAY_STATUS_LABEL[status].toLowerCase()}
          </button>
        </>
      }
    >
      <label className="field">
        <span>Reason (recorded with the time)</span>
        <input
          className="input"
          data-autofocus
          aria-label="Reason"
          value={reason}
          maxLength={300}
          placeholder={status === 'no_show' ? 'e.g. no answer at 09:40' : 'e.g. sick, called at 06:10'}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && ok) onConfirm(reason.trim());
          }}
        />
      </label>
      {!ok && <p className="muted">At least {MIN_REASON_CHARS} characters.</p>}
    </Dialog>
  );
}
