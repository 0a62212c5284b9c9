/**
 * Route progress on the road (issue 14): pace from Amazon's Cortex route list, who is behind
 * schedule early, and how many stops a rescuer takes so both drivers finish in time. Pure
 * functions over instants in epoch milliseconds; the limits are the board's (on-duty day, pre-trip,
 * return) and the margins are the station's progress settings, never constants here.
 */
import type { BoardLimits } from '../contract/board';
import { formatHoursMin } from './board';

/** The station's progress settings (settings key "progress"). */
export interface ProgressSettings {
  /** A route is behind when its projection misses the planned end or the on-duty limit by more than this (minutes). */
  marginMin: number;
  /** Pace is not judged before this long on the road (the drive to the first stop is not a pace). */
  minOnRoadMin: number;
  /** A rescuer's average speed to reach the route (km/h), when both positions are known. */
  travelKph: number;
  /** Travel time assumed when a position is unknown (minutes). */
  unknownTravelMin: number;
}

export const DEFAULT_PROGRESS_SETTINGS: ProgressSettings = { marginMin: 20, minOnRoadMin: 60, travelKph: 40, unknownTravelMin: 30 };

type DutyLimits = Pick<BoardLimits, 'maxDailyHours' | 'preTripMin' | 'postTripMin'>;

const MIN = 60_000;
const HOUR = 3_600_000;

/** On-duty start (wave − pre-trip) → the latest moment deliveries may end: start + day limit − return and post-trip. */
export function dutyWindow(waveAt: number, limits: DutyLimits): { start: number; deliveriesBy: number } {
  const start = waveAt - limits.preTripMin * MIN;
  return { start, deliveriesBy: start + limits.maxDailyHours * HOUR - limits.postTripMin * MIN };
}

/** What the desk knows about one route at the snapshot. */
export interface PaceInput {
  asOf: number;
  /** The wave instant on the route's date. */
  waveAt: number;
  /** Left the station geofence (null: not seen; the wave counts). */
  launchedAt: number | null;
  plannedDurationMin: number;
  stopsTotal: number | null;
  stopsDone: number | null;
  /** Cortex says Complete. */
  complete: boolean;
  /** Cortex says Not started. */
  notStarted: boolean;
}

export type PaceStatus = 'complete' | 'not_started' | 'not_judged' | 'no_stops' | 'on_pace' | 'behind';

export interface PaceVerdict {
  status: PaceStatus;
  launchAt: number;
  launchFrom: 'geofence' | 'wave';
  hoursOnRoad: number;
  stopsDone: number | null;
  stopsTotal: number | null;
  stopsLeft: number | null;
  /** Stops per hour on the road (null before the first judgement or without counts). */
  pace: number | null;
  /** The pace the plan needs: all stops / planned duration. */
  plannedPace: number | null;
  projectedFinish: number | null;
  plannedEnd: number;
  /** Latest end of deliveries within the on-duty day (on-duty start + day limit − return). */
  limitEnd: number;
  dutyStart: number;
  /** How far the projection passes the earlier of planned end and limit (negative: slack). Null when not projected. */
  minutesLate: number | null;
  /** Which end the projection misses by more than the margin (behind only). */
  misses: ('plan' | 'limit')[];
  /** One line in words: the figures behind the verdict. */
  why: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Pace and verdict for one route. Pace = stops done ÷ hours on the road since launch (the geofence
 * launch, else the wave); projected finish = as-of + stops left ÷ pace. Behind = the projection
 * passes the planned end (launch + planned duration) or the on-duty limit by more than the margin.
 * A route whose pace is at least the planned pace, and whose plan fits the day, is never behind.
 * No stops done after `minOnRoadMin` on the road is its own verdict (`no_stops`): there is no pace
 * to project from, so no finish time is claimed.
 */
export function paceVerdict(p: PaceInput, limits: DutyLimits, settings: Pick<ProgressSettings, 'marginMin' | 'minOnRoadMin'>): PaceVerdict {
  const launchAt = p.launchedAt ?? p.waveAt;
  const { start: dutyStart, deliveriesBy: limitEnd } = dutyWindow(p.waveAt, limits);
  const plannedEnd = launchAt + p.plannedDurationMin * MIN;
  const onRoadMs = Math.max(0, p.asOf - launchAt);
  const stopsLeft = p.stopsTotal != null && p.stopsDone != null ? Math.max(0, p.stopsTotal - p.stopsDone) : null;
  const plannedPace = p.stopsTotal != null && p.plannedDurationMin > 0 ? p.stopsTotal / (p.plannedDurationMin / 60) : null;
  const base: PaceVerdict = {
    status: 'on_pace',
    launchAt,
    launchFrom: p.launchedAt != null ? 'geofence' : 'wave',
    hoursOnRoad: round1(onRoadMs / HOUR),
    stopsDone: p.stopsDone,
    stopsTotal: p.stopsTotal,
    stopsLeft,
    pace: null,
    plannedPace: plannedPace == null ? null : round1(plannedPace),
    projectedFinish: null,
    plannedEnd,
    limitEnd,
    dutyStart,
    minutesLate: null,
    misses: [],
    why: '',
  };
  if (p.complete || (stopsLeft === 0 && p.stopsTotal != null && p.stopsTotal > 0)) return { ...base, status: 'complete', stopsLeft: 0, why: 'complete' };
  if (p.notStarted || p.asOf <= launchAt) return { ...base, status: 'not_started', why: 'not started' };
  if (p.stopsDone == null || p.stopsTotal == null || stopsLeft == null) return { ...base, status: 'not_judged', why: 'no stop counts in the list' };
  if (onRoadMs < settings.minOnRoadMin * MIN) return { ...base, status: 'not_judged', why: `on the road ${Math.round(onRoadMs / MIN)} min: pace is judged after ${settings.minOnRoadMin} min` };
  if (p.stopsDone === 0) return { ...base, status: 'no_stops', why: `no stops done in ${round1(onRoadMs / HOUR)} h on the road` };
  const pace = p.stopsDone / (onRoadMs / HOUR);
  const projectedFinish = p.asOf + (stopsLeft / pace) * HOUR;
  const latePlan = (projectedFinish - plannedEnd) / MIN;
  const lateLimit = (projectedFinish - limitEnd) / MIN;
  const misses: ('plan' | 'limit')[] = [];
  if (latePlan > settings.marginMin) misses.push('plan');
  if (lateLimit > settings.marginMin) misses.push('limit');
  const minutesLate = Math.round(Math.max(latePlan, lateLimit));
  const why = `${p.stopsDone}/${p.stopsTotal} stops in ${round1(onRoadMs / HOUR)} h = ${round1(pace)}/h; ${stopsLeft} left → ${round1(stopsLeft / pace)} h more`;
  return { ...base, status: misses.length > 0 ? 'behind' : 'on_pace', pace: round1(pace), projectedFinish, minutesLate, misses, why };
}

/** Behind first by lateness (no stops done first of all: nothing to project from), then by route code. */
export function byLateness<T extends { verdict: Pick<PaceVerdict, 'status' | 'minutesLate'>; routeCode: string }>(list: readonly T[]): T[] {
  const key = (x: T) => (x.verdict.status === 'no_stops' ? Number.POSITIVE_INFINITY : (x.verdict.minutesLate ?? Number.NEGATIVE_INFINITY));
  return [...list].sort((a, b) => key(b) - key(a) || a.routeCode.localeCompare(b.routeCode));
}

export const isBehind = (v: Pick<PaceVerdict, 'status'>) => v.status === 'behind' || v.status === 'no_stops';

// ── Rescues ────────────────────────────────────────────────────────────────────────────────────

/** The behind route as the rescue plan needs it. */
export interface RescueNeed {
  asOf: number;
  stopsLeft: number;
  /** The behind driver's own pace (stops per hour). */
  pace: number;
  /** Earlier of planned end and on-duty limit: when the route must be done. */
  deadline: number;
  /** The route's planned pace, for a rescuer with no pace of their own (a standby). */
  plannedPace: number;
}

/** Someone who could take stops. */
export interface RescuerInput {
  kind: 'finished' | 'ahead' | 'on_pace' | 'standby';
  /** When their own work is done (as-of for a finished driver or a standby). */
  freeAt: number;
  /** Latest end of deliveries within their on-duty day. */
  limitEnd: number;
  /** Their pace (stops/h), null for a standby (the route's planned pace counts). */
  pace: number | null;
  /** Kilometres to the behind van, null when either position is unknown. */
  distanceKm: number | null;
  /** Minutes before a standby can leave (pre-trip and load-out); 0 for drivers on the road. */
  prepMin: number;
}

export interface RescuePlan {
  /** Stops the rescuer should take (0 when the route needs none). */
  stops: number;
  travelMin: number;
  /** When the rescuer is done with the taken stops. */
  rescuerDoneAt: number;
  /** When the behind driver is done with the rest. */
  driverDoneAt: number;
  /** Both finish by their deadline. */
  fits: boolean;
  /** Minutes the rescuer has left before their limit after the taken stops (negative: over). */
  slackMin: number;
  arithmetic: string;
}

const hm = (ms: number) => formatHoursMin(ms / MIN);

/**
 * How many stops to hand over so the behind driver finishes by the deadline: the driver keeps
 * what their pace does by then; the rest go to the rescuer, who gets there after their own work,
 * preparation and travel (distance ÷ speed, or the assumed time when a position is unknown).
 */
export function rescuePlan(need: RescueNeed, r: RescuerInput, settings: Pick<ProgressSettings, 'travelKph' | 'unknownTravelMin'>, fmt: (ms: number) => string): RescuePlan {
  const keepable = Math.max(0, Math.floor(need.pace * Math.max(0, (need.deadline - need.asOf) / HOUR)));
  const stops = Math.max(0, need.stopsLeft - keepable);
  const travelMin = r.distanceKm == null ? settings.unknownTravelMin : Math.round((r.distanceKm / settings.travelKph) * 60);
  const rescuerPace = r.pace != null && r.pace > 0 ? r.pace : need.plannedPace;
  const arrive = Math.max(need.asOf, r.freeAt) + (r.prepMin + travelMin) * MIN;
  const rescuerDoneAt = arrive + (rescuerPace > 0 ? (stops / rescuerPace) * HOUR : 0);
  const driverDoneAt = need.asOf + (need.pace > 0 ? ((need.stopsLeft - stops) / need.pace) * HOUR : Number.POSITIVE_INFINITY);
  const slackMin = Math.round((r.limitEnd - rescuerDoneAt) / MIN);
  const fits = rescuerPace > 0 && rescuerDoneAt <= r.limitEnd && driverDoneAt <= need.deadline + MIN;
  const travel = r.distanceKm == null ? `${travelMin} min assumed (position unknown)` : `${round1(r.distanceKm)} km at ${settings.travelKph} km/h = ${travelMin} min`;
  const arithmetic =
    `${need.stopsLeft} left; driver does ${round1(need.pace)}/h × ${hm(Math.max(0, need.deadline - need.asOf))} to ${fmt(need.deadline)} = ${keepable}, so ${stops} to take. ` +
    `Rescuer free ${fmt(Math.max(need.asOf, r.freeAt))}${r.prepMin ? ` + ${r.prepMin} min prep` : ''} + ${travel}; ${stops} at ${round1(rescuerPace)}/h = ${hm((stops / (rescuerPace || 1)) * HOUR)} → ${fmt(rescuerDoneAt)}, limit ${fmt(r.limitEnd)}.`;
  return { stops, travelMin, rescuerDoneAt, driverDoneAt, fits, slackMin, arithmetic };
}

/** Fits first; then a known distance before an unknown one, nearer first; then more slack. */
export function rankRescuers<T extends Pick<RescuePlan, 'fits' | 'slackMin'> & { distanceKm: number | null }>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      Number(b.fits) - Number(a.fits) ||
      Number(a.distanceKm == null) - Number(b.distanceKm == null) ||
      (a.distanceKm ?? 0) - (b.distanceKm ?? 0) ||
      b.slackMin - a.slackMin,
  );
}

/** Amazon's Cortex route list file name (DOMAIN.md): `Routes_<STATION>_<YYYY-MM-DD>_<HH>_<MM> (<TZ>)`, the time it was taken. */
export const CORTEX_FILE_NAME = /Routes_([A-Za-z0-9]+)_(\d{4}-\d{2}-\d{2})_(\d{2})_(\d{2})(?:\s*\(([A-Za-z]{2,5})\))?/;
/** Amazon's Day of Ops plan file name (DOMAIN.md), e.g. `2026-12-30-DSE4-CYCLE_1-DSP-DayOfOpsPlan.xlsx`. */
export const DAY_OF_OPS_FILE_NAME = /Day[\s_-]*of[\s_-]*Ops[\s_-]*Plan/i;

/** Where a file dropped on the board goes: the route-sheet import, the progress import, or the dispatcher decides. */
export type DropTarget = 'routes' | 'progress' | 'ask';

/**
 * A dropped file's import, from what the reader found in it (`exportId`: its recognised export;
 * for a Cortex route list how many routes it lists and how many have started) and its file name.
 * The start of the day's files — the Day of Ops plan, a Cortex list where no route has started yet
 * (who Amazon has on each route) — are route sheets; a Cortex list with routes under way is
 * progress. When the content and the name disagree, or the content says nothing, the name alone
 * does not decide: ask.
 */
export function dropTarget(f: { exportId: string | null; fileName: string; routes: number; started: number }): { target: DropTarget; reason: string } {
  const namedCortex = CORTEX_FILE_NAME.test(f.fileName);
  const namedPlan = DAY_OF_OPS_FILE_NAME.test(f.fileName);
  if (f.exportId === 'day-of-ops-plan') {
    return namedCortex ? { target: 'ask', reason: "It reads as a Day of Ops plan but is named like a Cortex route list." } : { target: 'routes', reason: "Amazon's Day of Ops plan: the day's route sheet." };
  }
  if (f.exportId === 'cortex-route-list') {
    if (namedPlan) return { target: 'ask', reason: 'It reads as a Cortex route list but is named like a Day of Ops plan.' };
    if (f.routes === 0) return { target: 'ask', reason: 'A Cortex route list, but no route in it could be read.' };
    if (f.started > 0) return { target: 'progress', reason: `A Cortex route list with ${f.started} of ${f.routes} routes under way: progress.` };
    return { target: 'routes', reason: `A Cortex route list with none of its ${f.routes} routes started: the start of the day's routes and drivers.` };
  }
  if (f.exportId === null && namedCortex) return { target: 'ask', reason: 'Named like a Cortex route list, but its headers are not those of one.' };
  return { target: 'routes', reason: 'A route sheet.' };
}
