import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../../api/client';
import type { BoardDriver, BoardLimits, BoardRoute, BoardVan, CheckResult } from '../../../shared/contract/board';
import { StatusChip } from '../../components/StatusChip';
import { READINESS_LABEL } from '../../../shared/rules/fleet/readiness';
import { DAY_STATUS_LABEL, DAY_STATUS_TONE, clockTime, conflictText, orderDrivers, orderVans, qualifiedFor } from './model';
import { VanClassList, VanClassTag } from '../../components/domainChips';
import { useStationTz } from './tz';

/**
 * The type-ahead picker that opens on a driver or van cell (Enter / double-click). Typing filters
 * the free drivers or ready vans; each candidate shows the rules' verdict for this route at once
 * (`board.check`: OK, warning, or refused with the rule). ↑/↓ move, Enter picks, Esc cancels.
 */
export interface PickerProps {
  kind: 'driver' | 'van';
  route: BoardRoute;
  drivers: BoardDriver[];
  vans: BoardVan[];
  /** The other half of the assignment the check should assume (driver when picking a van, and vice versa). */
  withDriverId: number | null;
  withVanId: number | null;
  /** A note above the list, e.g. "Step 2 of 2: a van for Ana Diaz". */
  note?: string;
  anchor: DOMRect | null;
  /** The station's limits (EV range), so the first van offered is one that covers the route. */
  limits?: BoardLimits;
  onPick(id: number): void;
  onCancel(): void;
}

type Verdict = CheckResult | 'loading' | 'error';

/** Picking the driver first: the van comes next, so "needs a van" is not a verdict on the driver. */
function withoutVanRequired(r: CheckResult): CheckResult {
  const conflicts = r.conflicts.filter((c) => c.rule !== 'VAN_REQUIRED');
  if (conflicts.length === r.conflicts.length) return r;
  return { ok: conflicts.length === 0, hard: conflicts.some((c) => c.severity === 'hard'), soft: conflicts.some((c) => c.severity === 'soft'), conflicts };
}
const VISIBLE = 40;
const CHECK_WINDOW = 12;

export function Picker(p: PickerProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [checks, setChecks] = useState<Record<string, Verdict>>({});
  // Until the dispatcher moves, the highlight follows the first candidate the rules accept.
  const moved = useRef(false);
  const [hint, setHint] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number; maxHeight: number }>({ left: 200, top: 120, maxHeight: 420 });

  const usualVanId = p.kind === 'van' && p.withDriverId != null ? (p.drivers.find((d) => d.id === p.withDriverId)?.usualVanId ?? null) : null;
  const candidates = useMemo(
    () =>
      p.kind === 'driver'
        ? orderDrivers(p.drivers, p.route, query).map((d) => ({ id: d.id, driver: d }))
        : orderVans(p.vans, p.route, query, usualVanId, p.limits).map((v) => ({ id: v.id, van: v })),
    [p.kind, p.drivers, p.vans, p.route, query, usualVanId, p.limits],
  );
  const shown = candidates.slice(0, VISIBLE);

  useEffect(() => {
    setActive(0);
    moved.current = false;
  }, [query]);

  // Instant rule feedback for what is on screen (cached per candidate for this picker).
  const keyOf = (id: number) => (p.kind === 'driver' ? `${id}:${p.withVanId ?? ''}` : `${p.withDriverId ?? ''}:${id}`);
  // Check what is in view around the highlighted candidate (each check is a server round trip).
  const windowStart = Math.max(0, active - 3);
  const inView = shown.slice(windowStart, windowStart + CHECK_WINDOW);
  useEffect(() => {
    const missing = inView.filter((c) => !(keyOf(c.id) in checks));
    if (missing.length === 0) return;
    let live = true;
    setChecks((prev) => ({ ...prev, ...Object.fromEntries(missing.map((c) => [keyOf(c.id), 'loading' as const])) }));
    for (const c of missing) {
      const driverId = p.kind === 'driver' ? c.id : p.withDriverId;
      const vanId = p.kind === 'van' ? c.id : p.withVanId;
      api('board.check', { routeId: p.route.id, ...(driverId != null ? { driverId } : {}), ...(vanId != null ? { vanId } : {}) }).then(
        (r) => live && setChecks((prev) => ({ ...prev, [keyOf(c.id)]: vanId == null ? withoutVanRequired(r) : r })),
        () => live && setChecks((prev) => ({ ...prev, [keyOf(c.id)]: 'error' })),
      );
    }
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [inView.map((c) => c.id).join(',')]);

  useLayoutEffect(() => {
    const a = p.anchor;
    const w = 540;
    const vh = window.innerHeight;
    const vw = window.innerWidth;
    if (!a) {
      setPos({ left: Math.max(8, vw / 2 - w / 2), top: 100, maxHeight: vh - 140 });
      return;
    }
    const below = vh - a.bottom - 12;
    const above = a.top - 12;
    const left = Math.max(8, Math.min(a.left, vw - w - 8));
    if (below >= 300 || below >= above) setPos({ left, top: a.bottom + 2, maxHeight: Math.min(460, below) });
    else {
      const h = Math.min(460, above);
      setPos({ left, top: a.top - h - 2, maxHeight: h });
    }
  }, [p.anchor]);

  useEffect(() => {
    listRef.current?.querySelector(`[data-i="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  // The first candidate offered is the best valid one: skip refused ones while the dispatcher has not moved.
  useEffect(() => {
    if (moved.current) return;
    for (let i = 0; i < shown.length; i++) {
      const v = checks[keyOf(shown[i]!.id)];
      if (v === undefined || v === 'loading') return; // wait: the order matters, not the first answer
      if (v === 'error' || !v.hard) {
        setActive(i);
        return;
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checks, shown.map((c) => c.id).join(',')]);

  // The hint answers one Enter pressed too early; it goes once the verdict is in.
  const activeVerdict = shown[active] ? checks[keyOf(shown[active]!.id)] : undefined;
  useEffect(() => {
    if (activeVerdict !== undefined && activeVerdict !== 'loading') setHint(null);
  }, [activeVerdict]);

  /** Enter and click act only on a settled verdict (never while it says "checking…"). */
  const pick = (i: number) => {
    const c = shown[i];
    if (!c) return;
    const v = checks[keyOf(c.id)];
    if (v === undefined || v === 'loading') {
      setHint('Still checking the rules for this one: Enter works once the verdict shows.');
      return;
    }
    // A refused candidate may still be picked: the board then shows every rule it breaks.
    p.onPick(c.id);
  };
  const move = (f: (i: number) => number) => {
    moved.current = true;
    setHint(null);
    setActive(f);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    switch (e.key) {
      case 'ArrowDown':
        move((i) => Math.min(shown.length - 1, i + 1));
        break;
      case 'ArrowUp':
        move((i) => Math.max(0, i - 1));
        break;
      case 'PageDown':
        move((i) => Math.min(shown.length - 1, i + 8));
        break;
      case 'PageUp':
        move((i) => Math.max(0, i - 8));
        break;
      case 'Enter':
        pick(active);
        break;
      case 'Escape':
        p.onCancel();
        break;
      case 'Tab':
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const title = p.kind === 'driver' ? `Driver for ${p.route.code}` : `Van for ${p.route.code}`;
  return createPortal(
    <div className="picker-layer" onMouseDown={(e) => e.target === e.currentTarget && p.onCancel()}>
      <div
        ref={boxRef}
        className="picker"
        role="dialog"
        aria-label={title}
        style={{ left: pos.left, top: pos.top, maxHeight: pos.maxHeight }}
        onKeyDown={onKeyDown}
      >
        <div className="picker-head">
          <strong>{title}</strong>
          <span className="muted">
            {p.route.serviceType} · needs {p.route.allowedVanClasses.length > 0 ? <VanClassList classes={p.route.allowedVanClasses} /> : 'no van'}
          </span>
          {p.note && <div className="picker-note">{p.note}</div>}
        </div>
        <input
          className="input"
          autoFocus
          aria-label={p.kind === 'driver' ? 'Type a driver name or ID' : 'Type a van name or class'}
          placeholder={p.kind === 'driver' ? 'Type a name or transporter ID…' : 'Type a van name or type…'}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          role="combobox"
          aria-expanded="true"
          aria-controls="board-picker-list"
          aria-activedescendant={shown[active] ? `pick-${shown[active]!.id}` : undefined}
        />
        <ul className="picker-list" id="board-picker-list" role="listbox" ref={listRef}>
          {shown.length === 0 && (
            <li className="picker-empty">
              {p.kind === 'driver' ? 'No free driver matches. Check drivers in, or swap (S) with another route.' : 'No ready van matches.'}
            </li>
          )}
          {shown.map((c, i) => {
            const v = checks[keyOf(c.id)];
            return (
              <li
                key={c.id}
                id={`pick-${c.id}`}
                data-i={i}
                role="option"
                aria-selected={i === active}
                className={`picker-item${i === active ? ' active' : ''}${typeof v === 'object' && v.hard ? ' refused' : ''}`}
                aria-disabled={typeof v === 'object' && v.hard ? true : undefined}
                onMouseEnter={() => {
                  if (i !== active) move(() => i);
                }}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(i);
                }}
              >
                {'driver' in c && c.driver ? <DriverLine d={c.driver} route={p.route} /> : 'van' in c && c.van ? <VanLine v={c.van} usual={c.van.id === usualVanId} /> : null}
                <Feedback v={v} />
              </li>
            );
          })}
          {candidates.length > shown.length && <li className="picker-empty">{candidates.length - shown.length} more: keep typing to narrow.</li>}
        </ul>
        {hint && (
          <div className="picker-hint" role="status">
            {hint}
          </div>
        )}
        <div className="picker-foot muted">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> assign · <kbd>Esc</kbd> cancel
        </div>
      </div>
    </div>,
    document.body,
  );
}

function DriverLine({ d, route }: { d: BoardDriver; route: BoardRoute }) {
  const tz = useStationTz();
  const time = clockTime(d.checkedInAt, tz);
  return (
    <div className="pick-main">
      <span className="pick-name">{d.name}</span>
      <span className="pick-sub mono">{d.transporterId}</span>
      <span className="pick-tags">
        <StatusChip tone={DAY_STATUS_TONE[d.dayStatus]}>
          {DAY_STATUS_LABEL[d.dayStatus]}
          {time && (d.dayStatus === 'checked_in' || d.dayStatus === 'late') ? ` ${time}` : ''}
        </StatusChip>
        {!qualifiedFor(d, route.allowedVanClasses) && <StatusChip tone="bad">Not qualified</StatusChip>}
        {d.tier && <span className="tag">{d.tier}</span>}
        <span className="tag" title="On-duty hours in the 6 days before">
          {Math.round(d.hoursThisWeek)} h wk
        </span>
      </span>
    </div>
  );
}

function VanLine({ v, usual }: { v: BoardVan; usual: boolean }) {
  return (
    <div className="pick-main">
      <span className="pick-name">{v.name}</span>
      <VanClassTag vanClass={v.vanClass} electric={v.electric} />
      <span className="pick-tags">
        <StatusChip tone={v.readiness === 'ready' ? 'ok' : v.readiness === 'attention' ? 'warn' : 'bad'} title={v.readinessReasons.map((r) => r.message).join('\n')}>
          {READINESS_LABEL[v.readiness]}
        </StatusChip>
        {v.waveRangeMi != null && (
          <span className="tag" title={`Charge expected at the wave: ${Math.round(v.waveChargePct ?? 0)} % (now ${Math.round(v.stateOfChargePct ?? 0)} %${v.chargingBay ? `, charging at bay ${v.chargingBay}` : ''})`}>
            {v.waveRangeMi} mi at wave
          </span>
        )}
        {usual && <StatusChip tone="info">Usual van</StatusChip>}
      </span>
    </div>
  );
}

function Feedback({ v }: { v: Verdict | undefined }) {
  if (v === undefined) return null;
  if (v === 'loading') return <span className="pick-verdict muted">checking…</span>;
  if (v === 'error') return <span className="pick-verdict muted">no check</span>;
  if (v.hard) {
    const c = v.conflicts.find((x) => x.severity === 'hard')!;
    return (
      <span className="pick-verdict" title={v.conflicts.map(conflictText).join('\n')}>
        <StatusChip tone="bad">Refused</StatusChip> <span className="bad-text">{conflictText(c)}</span>
      </span>
    );
  }
  if (v.soft) {
    const c = v.conflicts.find((x) => x.severity === 'soft')!;
    return (
      <span className="pick-verdict" title={v.conflicts.map(conflictText).join('\n')}>
        <StatusChip tone="warn">{v.conflicts.length > 1 ? `${v.conflicts.length} warnings` : 'Warning'}</StatusChip> <span className="warn-text">{conflictText(c)}</span>
      </span>
    );
  }
  return (
    <span className="pick-verdict">
      <StatusChip tone="ok">OK</StatusChip>
    </span>
  );
}
