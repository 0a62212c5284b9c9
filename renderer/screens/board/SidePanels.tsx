import { Fragment, memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { BoardDriver, BoardVan, CheckinEntry } from '../../../shared/contract/board';
import type { DayStatus } from '../../../shared/domain';
import { READINESS_LABEL } from '../../../shared/rules/fleet/readiness';
import { StatusChip } from '../../components/StatusChip';
import { DRAG_DRIVER, DRAG_VAN } from './BoardTable';
import { DAY_STATUS_KEYS, DAY_STATUS_KEY_OF, DAY_STATUS_LABEL, DAY_STATUS_TONE, checkinSort, clockTime, vanClassShort } from './model';
import { VanClassTag } from '../../components/domainChips';
import { useStationTz } from './tz';

const GROUP_ORDER = { expected: 0, standby: 1, not_expected: 2 } as const;
const GROUP_HEADING = { expected: 'Expected', standby: 'Standby', not_expected: 'Not on the schedule' } as const;

/**
 * The roster for the day: one line per active driver, status set in one keystroke
 * (C checked in now, L late, O called out, N no-show, F off, S scheduled). ↑/↓ move.
 */
export const CheckinPanel = memo(function CheckinPanel({
  entries,
  notice,
  canWrite,
  onSet,
  onBulk,
}: {
  entries: CheckinEntry[];
  /** Said above the list (e.g. there is no schedule for the day). */
  notice: string | null;
  canWrite: boolean;
  onSet(entry: CheckinEntry, status: DayStatus): void;
  onBulk(): void;
}) {
  const tz = useStationTz();
  const [query, setQuery] = useState('');
  const [activeId, setActiveId] = useState<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...entries].sort((a, b) => GROUP_ORDER[a.group] - GROUP_ORDER[b.group] || checkinSort(a, b)).filter((e) => !q || e.name.toLowerCase().includes(q) || e.transporterId.toLowerCase().includes(q));
  }, [entries, query]);
  const counts = useMemo(() => {
    const c: Record<DayStatus, number> = { scheduled: 0, checked_in: 0, late: 0, called_out: 0, no_show: 0, off: 0 };
    for (const e of entries) c[e.status]++;
    return c;
  }, [entries]);

  const idx = shown.findIndex((e) => e.driverId === activeId);
  useEffect(() => {
    if (activeId != null) listRef.current?.querySelector(`[data-driver="${activeId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const move = (d: number) => {
    if (shown.length === 0) return;
    const i = idx < 0 ? 0 : Math.max(0, Math.min(shown.length - 1, idx + d));
    setActiveId(shown[i]!.driverId);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Home') move(-1e6);
    else if (e.key === 'End') move(1e6);
    else {
      const status = DAY_STATUS_KEYS[e.key.toLowerCase()];
      const entry = shown[idx];
      if (!status || !entry || !canWrite) return;
      e.stopPropagation();
      onSet(entry, status);
      // Move on to the next driver: check-in is a queue at the door.
      if (status === 'checked_in' || status === 'late') move(1);
    }
    e.preventDefault();
  };

  return (
    <div className="side-panel checkin-panel">
      {notice && (
        <div className="side-notice" role="note">
          {notice}
        </div>
      )}
      {canWrite && (
        <button type="button" className="btn btn-primary btn-sm bulk-open" onClick={onBulk} title="Tick everyone who is here and check them in at once">
          Check in arrivals…
        </button>
      )}
      <div className="side-counts" aria-label="Check-in counts">
        <span>
          <b className="ok-text">{counts.checked_in}</b> in
        </span>
        <span>
          <b className="warn-text">{counts.late}</b> late
        </span>
        <span>
          <b>{counts.scheduled}</b> expected
        </span>
        <span title="Called out or no-show">
          <b className="bad-text">{counts.called_out + counts.no_show}</b> out
        </span>
        <span>
          <b>{counts.off}</b> off
        </span>
      </div>
      <input
        className="input side-search"
        type="search"
        placeholder="Find a driver…"
        aria-label="Find a driver to check in"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'Enter') {
            e.preventDefault();
            listRef.current?.focus();
            if (idx < 0 && shown[0]) setActiveId(shown[0].driverId);
          }
        }}
      />
      <div
        className="side-list"
        ref={listRef}
        tabIndex={0}
        role="listbox"
        aria-label="Roster for the day"
        aria-activedescendant={activeId != null ? `checkin-${activeId}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (idx < 0 && shown[0]) setActiveId(shown[0].driverId);
        }}
      >
        {shown.length === 0 && <div className="side-empty">{entries.length === 0 ? 'No active drivers on the roster.' : 'No driver matches.'}</div>}
        {shown.map((e, i) => {
          const time = clockTime(e.checkedInAt, tz);
          const active = e.driverId === activeId;
          const heading = e.group !== shown[i - 1]?.group ? GROUP_HEADING[e.group] : null;
          return (
            <Fragment key={e.driverId}>
            {heading && (
              <div className="side-group" role="presentation">
                {heading}
              </div>
            )}
            <div
              id={`checkin-${e.driverId}`}
              data-driver={e.driverId}
              data-name={e.name}
              role="option"
              aria-selected={active}
              className={`side-item${active ? ' active' : ''}`}
              onMouseDown={() => setActiveId(e.driverId)}
            >
              <div className="side-line">
                <span className="side-name">{e.name}</span>
                <StatusChip tone={DAY_STATUS_TONE[e.status]}>
                  {DAY_STATUS_LABEL[e.status]}
                  {time && (e.status === 'checked_in' || e.status === 'late') ? ` ${time}` : ''}
                </StatusChip>
              </div>
              <div className="side-line sub">
                <span className="mono muted">{e.transporterId}</span>
                {e.assignedRouteCode && <span className="tag">Route {e.assignedRouteCode}</span>}
              </div>
              {active && canWrite && (
                <div className="status-keys" role="group" aria-label={`Set ${e.name}'s status`}>
                  {(Object.keys(DAY_STATUS_LABEL) as DayStatus[]).map((s) => (
                    <button
                      key={s}
                      type="button"
                      className={`btn btn-sm${e.status === s ? ' current' : ''}`}
                      tabIndex={-1}
                      title={`${DAY_STATUS_LABEL[s]} (${DAY_STATUS_KEY_OF[s]})`}
                      onMouseDown={(ev) => ev.preventDefault()}
                      onClick={() => onSet(e, s)}
                    >
                      <kbd>{DAY_STATUS_KEY_OF[s]}</kbd> {DAY_STATUS_LABEL[s]}
                    </button>
                  ))}
                </div>
              )}
              {e.note && (e.status === 'called_out' || e.status === 'no_show' || e.status === 'late') && <div className="side-line sub muted">{e.note}</div>}
            </div>
            </Fragment>
          );
        })}
      </div>
      <div className="side-hint muted">
        Select a driver, then <kbd>C</kbd> in · <kbd>L</kbd> late · <kbd>O</kbd> called out · <kbd>N</kbd> no-show · <kbd>F</kbd> off · <kbd>S</kbd> scheduled
      </div>
    </div>
  );
});

/**
 * A searchable list of free drivers or vans whose items can be dragged onto a route row. `dataKey`
 * names the `data-*` attribute carrying the id (the board's drop handler and tests read it).
 */
function DragListPanel<T extends { id: number; name: string }>({
  title,
  placeholder,
  searchLabel,
  listLabel,
  items,
  matches,
  emptyAll,
  emptyNone,
  dragType,
  dataKey,
  canWrite,
  children,
}: {
  title: string;
  placeholder: string;
  searchLabel: string;
  listLabel: string;
  items: T[];
  matches: (item: T, q: string) => boolean;
  emptyAll: string;
  emptyNone: string;
  dragType: string;
  dataKey: 'driver' | 'van';
  canWrite: boolean;
  children: (item: T) => ReactNode;
}) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = items.filter((it) => !q || matches(it, q));
  return (
    <div className="side-panel">
      <div className="side-title">
        {title}
        {canWrite ? ' · drag one onto a route' : ''}
      </div>
      <input className="input side-search" type="search" placeholder={placeholder} aria-label={searchLabel} value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="side-list" role="list" aria-label={listLabel}>
        {shown.length === 0 && <div className="side-empty">{items.length === 0 ? emptyAll : emptyNone}</div>}
        {shown.map((it) => (
          <div
            key={it.id}
            role="listitem"
            className={`side-item${canWrite ? ' draggable' : ''}`}
            draggable={canWrite}
            {...{ [`data-${dataKey}`]: it.id }}
            data-name={it.name}
            onDragStart={(e) => {
              e.dataTransfer.setData(dragType, String(it.id));
              e.dataTransfer.setData('text/plain', it.name);
              e.dataTransfer.effectAllowed = 'move';
            }}
            title={canWrite ? 'Drag onto a route to assign' : undefined}
          >
            {children(it)}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Free available drivers: drag one onto a route row to assign. */
export const DriversPanel = memo(function DriversPanel({ drivers, canWrite }: { drivers: BoardDriver[]; canWrite: boolean }) {
  const tz = useStationTz();
  return (
    <DragListPanel
      title="Available drivers without a route"
      placeholder="Find a driver…"
      searchLabel="Find an available driver"
      listLabel="Available drivers"
      items={drivers}
      matches={(d, q) => d.name.toLowerCase().includes(q) || d.transporterId.toLowerCase().includes(q)}
      emptyAll="Every available driver has a route."
      emptyNone="No driver matches."
      dragType={DRAG_DRIVER}
      dataKey="driver"
      canWrite={canWrite}
    >
      {(d) => {
        const time = clockTime(d.checkedInAt, tz);
        return (
          <>
            <div className="side-line">
              <span className="side-name">{d.name}</span>
              <StatusChip tone={DAY_STATUS_TONE[d.dayStatus]}>
                {DAY_STATUS_LABEL[d.dayStatus]}
                {time && (d.dayStatus === 'checked_in' || d.dayStatus === 'late') ? ` ${time}` : ''}
              </StatusChip>
            </div>
            <div className="side-line sub">
              {d.qualifications
                .filter((q) => q === 'CDV' || q === 'EDV' || q === 'STEP_VAN')
                .map((q) => (
                  <span key={q} className="tag">
                    {q === 'STEP_VAN' ? 'Step' : q}
                  </span>
                ))}
              {d.tier && <span className="tag">{d.tier}</span>}
              <span className="muted">{Math.round(d.hoursThisWeek)} h this week</span>
              {d.warnings.length > 0 && (
                <StatusChip tone={d.warnings.some((w) => w.severity === 'hard') ? 'bad' : 'warn'} title={d.warnings.map((w) => w.message).join('\n')}>
                  {d.warnings.length === 1 ? '1 note' : `${d.warnings.length} notes`}
                </StatusChip>
              )}
            </div>
          </>
        );
      }}
    </DragListPanel>
  );
});

/** Free ready (or attention) vans: drag one onto a route row. */
export const VansPanel = memo(function VansPanel({ vans, canWrite }: { vans: BoardVan[]; canWrite: boolean }) {
  return (
    <DragListPanel
      title="Ready vans without a route"
      placeholder="Find a van…"
      searchLabel="Find a ready van"
      listLabel="Ready vans"
      items={vans}
      matches={(v, q) => v.name.toLowerCase().includes(q) || vanClassShort(v.vanClass).toLowerCase().includes(q)}
      emptyAll="No free ready van."
      emptyNone="No van matches."
      dragType={DRAG_VAN}
      dataKey="van"
      canWrite={canWrite}
    >
      {(v) => (
        <>
          <div className="side-line">
            <span className="side-name">{v.name}</span>
            <VanClassTag vanClass={v.vanClass} electric={v.electric} />
            <StatusChip tone={v.readiness === 'ready' ? 'ok' : 'warn'} title={v.readinessReasons.map((r) => r.message).join('\n')}>
              {READINESS_LABEL[v.readiness]}
            </StatusChip>
          </div>
          {(v.rangeMi != null || v.readinessReasons.length > 0) && (
            <div className="side-line sub">
              {v.rangeMi != null && (
                <span className="muted">
                  {v.stateOfChargePct != null ? `${Math.round(v.stateOfChargePct)} % · ` : ''}
                  {Math.round(v.rangeMi)} mi range
                </span>
              )}
              {v.readinessReasons[0] && <span className="muted side-reason">{v.readinessReasons[0].message}</span>}
            </div>
          )}
        </>
      )}
    </DragListPanel>
  );
});
