import type { ProgressLatest, RouteProgress } from '../../../shared/contract/progress';
import './progress.css';
import { StatusChip } from '../StatusChip';
import { STATUS_WORDS, lateWords, stationHm } from './format';

/**
 * Routes behind schedule, latest first, each with the figures behind its verdict: stops done of
 * all, pace against the planned pace, projected finish against the planned end and the on-duty
 * limit. Used on the board (a tab) and the map (a side-panel section).
 */
export function BehindList({ latest, tz, onRescue, onPick }: { latest: ProgressLatest | undefined; tz: string | undefined; onRescue?: (r: RouteProgress) => void; onPick?: (r: RouteProgress) => void }) {
  if (!latest) return <p className="muted empty">Loading progress…</p>;
  if (latest.snapshotId == null) return <p className="muted empty">No route progress for {latest.date} yet: drop Amazon&apos;s Cortex route list (Routes_…xlsx) here or import it.</p>;
  const asOf = `as of ${stationHm(latest.asOf, tz)} · margin ${latest.settings.marginMin} min`;
  if (latest.behind.length === 0)
    return (
      <p className="muted empty" data-testid="behind-empty">
        No route behind ({asOf}); {latest.routes.length} routes in the list.
      </p>
    );
  return (
    <div className="behind" data-testid="behind-list">
      <p className="muted behind-asof">{asOf}</p>
      <ul className="behind-list">
        {latest.behind.map((r) => (
          <li key={r.routeCode} className="behind-item" data-route={r.routeCode}>
            <div className="behind-head">
              <StatusChip tone="bad">{STATUS_WORDS[r.status]}</StatusChip>
              <button type="button" className="link behind-route" onClick={() => onPick?.(r)} disabled={!onPick} title={onPick ? 'Show on the map' : undefined}>
                {r.routeCode}
              </button>
              <span className="behind-driver">{r.driverName || '—'}</span>
              <b className="behind-late">{lateWords(r)}</b>
            </div>
            <dl className="behind-figures">
              <dt>Stops</dt>
              <dd>
                {r.stopsDone ?? '—'}/{r.stopsTotal ?? '—'}
              </dd>
              <dt>Pace</dt>
              <dd>
                {r.pace ?? 0}/h <span className="muted">(plan {r.plannedPace ?? '—'}/h, {r.hoursOnRoad} h on road since {stationHm(r.launchAt, tz)} {r.launchFrom === 'geofence' ? 'launch' : 'wave'})</span>
              </dd>
              <dt>Finish</dt>
              <dd>
                {r.projectedFinish ? stationHm(r.projectedFinish, tz) : 'cannot project'} <span className="muted">· plan {stationHm(r.plannedEnd, tz)} · limit {stationHm(r.limitEnd, tz)}</span>
              </dd>
            </dl>
            {onRescue && (
              <button type="button" className="btn btn-sm" onClick={() => onRescue(r)}>
                Rescue…
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
