import type { ReadDb } from '../context';
import { getStation } from '../station/station';
import { getBoardSettings } from '../board/settings';
import { getProgressSettings } from './settings';
import { stationInstant } from '../../../shared/station-time';
import { byLateness, isBehind, paceVerdict } from '../../../shared/rules/progress';
import type { BoardLimits } from '../../../shared/contract/board';
import type { ProgressLatest, ProgressSettings, RouteProgress } from '../../../shared/contract/progress';

/** A snapshot header as stored. */
export interface SnapshotRow {
  id: number;
  date: string;
  asOf: string;
  fileName: string;
}

interface Row {
  routeCode: string;
  routeId: number | null;
  driverId: number | null;
  transporterIds: string;
  driverNames: string;
  progress: string;
  stopsAll: number | null;
  stopsDone: number | null;
  wave: string | null;
  launchedAt: string | null;
  plannedDurationMin: number | null;
  rosterName: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
export const isComplete = (progress: string) => /^\s*complete/i.test(progress);
export const isNotStarted = (progress: string) => /not\s*started/i.test(progress);

/** The date's latest snapshot by Amazon's as-of time (a later import of an older list does not win). */
export function latestSnapshot(db: ReadDb, date: string): SnapshotRow | null {
  return (
    (db.$client
      .prepare('SELECT id, date, as_of AS asOf, file_name AS fileName FROM progress_snapshots WHERE date = ? ORDER BY as_of DESC, id DESC LIMIT 1')
      .get(date) as SnapshotRow | undefined) ?? null
  );
}

export interface VerdictContext {
  timeZone: string;
  limits: BoardLimits;
  settings: ProgressSettings;
}

export function verdictContext(db: ReadDb): VerdictContext {
  return { timeZone: getStation(db)?.timeZone ?? 'UTC', limits: getBoardSettings(db).limits, settings: getProgressSettings(db) };
}

/** Every route of a snapshot with its pace and verdict (shared/rules/progress.ts). */
export function snapshotRoutes(db: ReadDb, snap: SnapshotRow, vc: VerdictContext): RouteProgress[] {
  const rows = db.$client
    .prepare(
      `SELECT pr.route_code AS routeCode, pr.route_id AS routeId, pr.driver_id AS driverId, pr.transporter_ids AS transporterIds,
              pr.driver_names AS driverNames, pr.progress, pr.stops_all AS stopsAll, pr.stops_done AS stopsDone,
              r.wave, r.launched_at AS launchedAt, r.planned_duration_min AS plannedDurationMin, d.name AS rosterName
         FROM progress_routes pr LEFT JOIN routes r ON r.id = pr.route_id LEFT JOIN drivers d ON d.id = pr.driver_id
        WHERE pr.snapshot_id = ? ORDER BY pr.route_code`,
    )
    .all(snap.id) as Row[];
  const asOf = Date.parse(snap.asOf);
  // A day has a few waves: each wave's instant once (the zone arithmetic is the costly part).
  const waves = new Map<string, number>();
  const waveAt = (wave: string) => {
    let t = waves.get(wave);
    if (t === undefined) waves.set(wave, (t = stationInstant(snap.date, wave, vc.timeZone).getTime()));
    return t;
  };
  return rows.map((r) => {
    const ids = JSON.parse(r.transporterIds) as string[];
    const names = JSON.parse(r.driverNames) as string[];
    const people = ids.map((t, i) => ({ transporterId: t, name: names[i] ?? '' }));
    const driverName = r.rosterName ?? names[0] ?? '';
    if (r.wave == null || r.plannedDurationMin == null) {
      const why = 'not on the desk for this date: no wave to count from';
      return { routeCode: r.routeCode, routeId: r.routeId, driverId: r.driverId, driverName, people, progress: r.progress, status: 'not_judged', stopsDone: r.stopsDone, stopsTotal: r.stopsAll, stopsLeft: null, pace: null, plannedPace: null, hoursOnRoad: 0, launchAt: snap.asOf, launchFrom: 'wave', projectedFinish: null, plannedEnd: snap.asOf, limitEnd: snap.asOf, minutesLate: null, misses: [], why } satisfies RouteProgress;
    }
    const v = paceVerdict(
      {
        asOf,
        waveAt: waveAt(r.wave),
        launchedAt: r.launchedAt ? Date.parse(r.launchedAt) : null,
        plannedDurationMin: r.plannedDurationMin,
        stopsTotal: r.stopsAll,
        stopsDone: r.stopsDone,
        complete: isComplete(r.progress),
        notStarted: isNotStarted(r.progress),
      },
      vc.limits,
      vc.settings,
    );
    return {
      routeCode: r.routeCode,
      routeId: r.routeId,
      driverId: r.driverId,
      driverName,
      people,
      progress: r.progress,
      status: v.status,
      stopsDone: v.stopsDone,
      stopsTotal: v.stopsTotal,
      stopsLeft: v.stopsLeft,
      pace: v.pace,
      plannedPace: v.plannedPace,
      hoursOnRoad: v.hoursOnRoad,
      launchAt: iso(v.launchAt),
      launchFrom: v.launchFrom,
      projectedFinish: v.projectedFinish == null ? null : iso(v.projectedFinish),
      plannedEnd: iso(v.plannedEnd),
      limitEnd: iso(v.limitEnd),
      minutesLate: v.minutesLate,
      misses: v.misses,
      why: v.why,
    };
  });
}

export const behindOf = (routes: readonly RouteProgress[]) => byLateness(routes.filter((r) => isBehind(r)).map((r) => ({ ...r, verdict: r }))).map(({ verdict: _v, ...r }) => r);

/** `progress.latest`: the date's latest snapshot, every route's verdict, the behind list. */
export function progressLatest(db: ReadDb, date: string): ProgressLatest {
  const vc = verdictContext(db);
  const snap = latestSnapshot(db, date);
  const snapshots = (db.$client.prepare('SELECT COUNT(*) AS n FROM progress_snapshots WHERE date = ?').get(date) as { n: number }).n;
  if (!snap) return { date, snapshotId: null, asOf: null, fileName: null, snapshots, settings: vc.settings, routes: [], behind: [] };
  const routes = snapshotRoutes(db, snap, vc);
  return { date, snapshotId: snap.id, asOf: snap.asOf, fileName: snap.fileName, snapshots, settings: vc.settings, routes, behind: behindOf(routes) };
}

/**
 * For the van pop-up (issue 14 part A): the latest progress of the given routes of a date, by route
 * id — stops done/total, pace, projected finish and status. Routes without a snapshot row are absent.
 */
export function latestRouteProgress(db: ReadDb, date: string, routeIds?: readonly number[]): Map<number, RouteProgress> {
  const snap = latestSnapshot(db, date);
  const out = new Map<number, RouteProgress>();
  if (!snap) return out;
  const want = routeIds ? new Set(routeIds) : null;
  for (const r of snapshotRoutes(db, snap, verdictContext(db))) if (r.routeId != null && (!want || want.has(r.routeId))) out.set(r.routeId, r);
  return out;
}
