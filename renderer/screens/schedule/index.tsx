import { useMemo, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useCanWrite, useChannel } from '../../api/hooks';
import { useToday } from '../../api/stationDay';
import { useToast } from '../../components/Toasts';
import type { ScheduleCellChange, ScheduleFillResult } from '../../../shared/contract/schedule';
import { SCHEDULE_STATE_KEY, SCHEDULE_STATE_LABEL, SCHEDULE_STATE_OF_KEY, type ScheduleState } from '../../../shared/rules/schedule/states';
import { weekStartOf } from '../../../shared/rules/schedule/settings';
import { addDays } from '../../../shared/station-time';
import './schedule.css';

const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const TONE: Record<ScheduleState, string> = { working: 'ok', standby: 'info', off: 'muted', requested_off: 'warn', pto: 'warn' };

/**
 * The week's schedule: drivers × days. Arrow keys move, W S O R P set a state, Delete clears,
 * Ctrl+Z undoes; per day the working drivers against the forecast; per driver hours and overtime.
 */
export default function ScheduleScreen() {
  const today = useToday();
  const canWrite = useCanWrite();
  const toast = useToast();
  const [weekStart, setWeekStart] = useState(() => weekStartOf(today));
  const week = useChannel('schedule.week', { weekStart });
  const [at, setAt] = useState<[number, number]>([0, 0]);
  const [undo, setUndo] = useState<ScheduleCellChange[][]>([]);
  const [fill, setFill] = useState<ScheduleFillResult | null>(null);
  const grid = useRef<HTMLTableElement>(null);
  const rows = useMemo(() => week.data?.drivers ?? [], [week.data]);

  const write = async (cells: ScheduleCellChange[]) => {
    try {
      const r = await api('schedule.set', { cells });
      if (r.undo.length > 0) setUndo((u) => [...u, r.undo]);
      week.reload();
    } catch (err) {
      toast.error(`Schedule: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const onKey = (e: React.KeyboardEvent) => {
    const [r, c] = at;
    const move = (dr: number, dc: number) => setAt([Math.max(0, Math.min(rows.length - 1, r + dr)), Math.max(0, Math.min(6, c + dc))]);
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      const last = undo[undo.length - 1];
      if (last && canWrite) {
        setUndo((u) => u.slice(0, -1));
        void api('schedule.set', { cells: last }).then(() => week.reload());
      }
    } else if (e.key === 'ArrowUp') move(-1, 0);
    else if (e.key === 'ArrowDown') move(1, 0);
    else if (e.key === 'ArrowLeft') move(0, -1);
    else if (e.key === 'ArrowRight') move(0, 1);
    else if (canWrite && rows[r] && week.data && (SCHEDULE_STATE_OF_KEY[e.key.toLowerCase()] || e.key === 'Delete' || e.key === 'Backspace')) {
      const state = SCHEDULE_STATE_OF_KEY[e.key.toLowerCase()] ?? null;
      void write([{ driverId: rows[r].driverId, date: week.data.days[c]!.date, state }]);
      if (state) move(0, 1);
    } else return;
    e.preventDefault();
  };

  const previewFill = async () => {
    try {
      setFill(await api('schedule.fill', { weekStart, apply: false }));
    } catch (err) {
      toast.error(`Fill: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const applyFill = async () => {
    try {
      const r = await api('schedule.fill', { weekStart, apply: true });
      if (r.undo.length > 0) setUndo((u) => [...u, r.undo]);
      setFill(null);
      toast.show(`Week filled: ${r.changed} cells changed`);
      week.reload();
    } catch (err) {
      toast.error(`Fill: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const copyLast = async () => {
    try {
      const r = await api('schedule.copyWeek', { from: addDays(weekStart, -7), to: weekStart });
      if (r.undo.length > 0) setUndo((u) => [...u, r.undo]);
      toast.show(`Copied last week: ${r.changed} cells changed`);
      week.reload();
    } catch (err) {
      toast.error(`Copy: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const data = week.data;
  return (
    <div className="screen schedule-screen">
      <div className="screen-head row">
        <h1>Schedule</h1>
        <button type="button" className="btn btn-sm" onClick={() => setWeekStart(addDays(weekStart, -7))} aria-label="Previous week">
          ←
        </button>
        <span className="mono">Week of {weekStart}</span>
        <button type="button" className="btn btn-sm" onClick={() => setWeekStart(addDays(weekStart, 7))} aria-label="Next week">
          →
        </button>
        <span className="spacer" />
        {canWrite && (
          <>
            <button type="button" className="btn btn-sm" disabled={undo.length === 0} onClick={() => onKey({ key: 'z', ctrlKey: true, preventDefault() {} } as React.KeyboardEvent)}>
              ↶ Undo
            </button>
            <button type="button" className="btn" onClick={() => void copyLast()}>
              Copy last week
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void previewFill()}>
              Fill the week…
            </button>
          </>
        )}
      </div>
      {fill && (
        <div className="panel fill-preview" role="region" aria-label="Fill preview">
          <b>Optimal fill:</b> {fill.objective.routesCovered} route days covered ({fill.objective.qualifiedCovered} needing a qualification), {fill.objective.standbyCovered} standbys,{' '}
          {fill.objective.offTargetDays} days off drivers’ preferred days · {fill.changes.length} cells change · {fill.ms} ms
          <div className="row fill-days">
            {fill.coverage.map((c) => (
              <span key={c.date} className={c.working < c.forecast ? 'bad-text' : 'ok-text'}>
                {DAY[new Date(`${c.date}T00:00:00Z`).getUTCDay()]} {c.working}/{c.forecast}
              </span>
            ))}
          </div>
          <button type="button" className="btn btn-primary btn-sm" onClick={() => void applyFill()}>
            Apply fill
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setFill(null)}>
            Cancel
          </button>
        </div>
      )}
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="schedule-wrap panel">
          <table ref={grid} className="schedule-grid" role="grid" aria-label="Week schedule" tabIndex={0} onKeyDown={onKey}>
            <thead>
              <tr>
                <th>Driver</th>
                {data.days.map((d) => (
                  <th key={d.date} className={d.date === today ? 'today' : ''}>
                    {DAY[d.weekday]} {d.date.slice(5)}
                  </th>
                ))}
                <th>Days</th>
                <th>Hours</th>
                <th>Overtime</th>
                <th>Notes</th>
              </tr>
              <tr className="totals" aria-label="Working per day against the forecast">
                <th>Working / forecast</th>
                {data.days.map((d) => (
                  <th key={d.date} className={d.working < d.forecast ? 'bad-text' : 'ok-text'} title={`${d.forecastSource}; standby ${d.standby}/${d.standbyWanted}`}>
                    {d.working}/{d.forecast} <span className="muted">+{d.standby}</span>
                  </th>
                ))}
                <th colSpan={4} />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, ri) => (
                <tr key={r.driverId}>
                  <th scope="row">
                    {r.name}
                    <span className="muted tgt"> {r.targets.daysPerWeek} d · {r.targets.hoursPerWeek} h</span>
                  </th>
                  {r.cells.map((s, ci) => (
                    <td
                      key={ci}
                      role="gridcell"
                      aria-selected={at[0] === ri && at[1] === ci}
                      className={`cell ${s ? TONE[s] : 'none'}${at[0] === ri && at[1] === ci ? ' active' : ''}`}
                      title={s ? SCHEDULE_STATE_LABEL[s] : 'Not on the schedule'}
                      onMouseDown={() => setAt([ri, ci])}
                    >
                      {s ? SCHEDULE_STATE_KEY[s] : '·'}
                    </td>
                  ))}
                  <td className="num">{r.workingDays + r.standbyDays}</td>
                  <td className="num">{r.hours}</td>
                  <td className={`num${r.overtimeHours > 0 ? ' warn-text' : ''}`}>{r.overtimeHours > 0 ? r.overtimeHours : ''}</td>
                  <td className="notes">{r.notes.map((n) => n.message).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="side-hint muted">
        <kbd>↑</kbd> <kbd>↓</kbd> <kbd>←</kbd> <kbd>→</kbd> move · <kbd>W</kbd> working · <kbd>S</kbd> standby · <kbd>O</kbd> off · <kbd>R</kbd> requested off · <kbd>P</kbd> PTO · <kbd>Del</kbd> clear · <kbd>Ctrl+Z</kbd> undo
      </div>
    </div>
  );
}
