/**
 * The board's rules as pure functions: used by the board screen for instant feedback and by the
 * services for enforcement. Hard conflicts refuse an assignment (409); soft ones need an override
 * reason that goes to the audit log. Limits come from settings (defaults from DOMAIN.md).
 */
import type { DayStatus, DriverStatus, Qualification, VanClass } from '../domain';
import { dueForRoute, evMilesNeeded, isAssignable, type ReadinessReason, type ReadinessStatus } from './fleet/readiness';
import { QUALIFICATION_WORDS, missingQualifications, vanClassWords, withArticle } from './fleet/classes';
import { readServiceType, type ServiceTypeReading, type ServiceTypeRules } from './fleet/service-types';
import { daysBetween } from '../station-time';
import { expiryWindowEnd } from '../expiry';
import { licenceState } from './roster';
import type { BoardConflict, BoardLimits, RuleSeverity } from '../contract/board';

/** The limits live with the contract (the `board.limits` channel answers them); re-exported for the rules' users. */
export type { BoardLimits };

export const DEFAULT_BOARD_LIMITS: BoardLimits = {
  maxDailyHours: 10,
  preTripMin: 30,
  postTripMin: 15,
  stationTimeMin: 45,
  minRestHours: 10,
  maxWeeklyHours: 60,
  overtimeWeeklyHours: 40,
  maxConsecutiveDays: 6,
  licenceExpiringDays: 14,
  vanDueMarginMi: 20,
  evRangeFactor: 1.2,
  evRangeMarginMi: 10,
  overnightChargePct: 70,
};

/** Limits with the derived field filled in (stationTimeMin = pre-trip + return). */
export const withDerivedLimits = (l: BoardLimits): BoardLimits => ({ ...l, stationTimeMin: l.preTripMin + l.postTripMin });

/** A shift already on the books (another day): absolute minutes since 1970-01-01 00:00 station time. */
export interface Shift {
  date: string;
  /** Days since 1970-01-01 (filled by shiftOf). */
  day?: number;
  start: number;
  end: number;
  routeCode?: string;
}

export interface RouteFacts {
  id: number;
  code: string;
  date: string;
  wave: string;
  serviceType: string;
  plannedDurationMin: number;
  plannedDistanceMi: number | null;
  /** Van classes that may serve the route, first choice first. */
  allowedVanClasses: readonly VanClass[];
  /** False for Ride Along routes (a trainee rides with a trainer). */
  requiresVan: boolean;
}

export interface DriverFacts {
  id: number;
  name: string;
  status: DriverStatus;
  archived: boolean;
  qualifications: readonly Qualification[];
  licenceExpiry: string | null;
  dayStatus: DayStatus;
  checkedInAt: string | null;
  /** Shifts on other days (history and already-planned days), any order. */
  shifts: readonly Shift[];
  /** Warnings from other areas (training, …) — included as given. */
  warnings: readonly BoardConflict[];
}

export interface VanFacts {
  id: number;
  name: string;
  vanClass: VanClass;
  electric: boolean;
  readiness: ReadinessStatus;
  reasons: readonly ReadinessReason[];
  /** Miles of range expected at the route's wave (charge expected then × usable range), when known. */
  rangeMi: number | null;
}

/** Who is booked where on the day (other routes than the one being checked count as clashes). */
export interface Bookings {
  driverRoute: ReadonlyMap<number, { routeId: number; code: string }>;
  vanRoute: ReadonlyMap<number, { routeId: number; code: string }>;
  deviceRoute: ReadonlyMap<number, { routeId: number; code: string }>;
}

export interface Candidate {
  driver: DriverFacts | null;
  van: VanFacts | null;
  deviceId?: number | null;
}

const hard = (rule: string, message: string): BoardConflict => ({ rule, message, severity: 'hard' });
const soft = (rule: string, message: string): BoardConflict => ({ rule, message, severity: 'soft' });

/**
 * How a route reads under the station's service-type rules: its van classes (the sheet's own van
 * type column, when given, is read by the same rules and wins), tags, and whether it needs a van.
 */
export function routeServiceReading(serviceType: string, vanType: string | null, rules?: ServiceTypeRules): ServiceTypeReading {
  const reading = readServiceType(serviceType, rules);
  if (!vanType?.trim()) return reading;
  const override = readServiceType(vanType, rules);
  return override.known ? { ...reading, classes: override.classes, classesFrom: `van type "${vanType.trim()}"` } : reading;
}

export function hhmmToMin(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export const dayStart = (date: string) => dayIndex(date) * 1440;

/** On-duty minutes of a route: pre-trip and load-out + planned duration + return and post-trip. */
export const dutyMinutes = (plannedDurationMin: number, limits: Pick<BoardLimits, 'preTripMin' | 'postTripMin'>) =>
  limits.preTripMin + plannedDurationMin + limits.postTripMin;

/** The on-duty window of a route: from the pre-trip before the wave to the end of the post-trip. */
export function shiftOf(route: { date: string; wave: string; plannedDurationMin: number; code?: string }, limits: BoardLimits): Shift {
  const day = dayIndex(route.date);
  const start = day * 1440 + hhmmToMin(route.wave) - limits.preTripMin;
  return { date: route.date, day, start, end: start + dutyMinutes(route.plannedDurationMin, limits), routeCode: route.code };
}

/** "9 h 15", "10 h 00", "45 min": a duration in words that never needs cutting. */
export function formatHoursMin(min: number): string {
  const m = Math.round(min);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

/**
 * Overtime is information for the schedule, never a warning (DOMAIN.md): the on-duty hours of the
 * 7 days ending with this route's day (this route included) when they pass the overtime line.
 */
export function weeklyOvertime(hoursBeforeMin: number, route: { plannedDurationMin: number }, limits: BoardLimits): { weekMin: number; overtimeMin: number } | null {
  const weekMin = hoursBeforeMin + dutyMinutes(route.plannedDurationMin, limits);
  const overtimeMin = weekMin - limits.overtimeWeeklyHours * 60;
  return overtimeMin > 0 ? { weekMin, overtimeMin } : null;
}

/** Per-route values every driver check needs (cached per route object and limits). */
const derivedCache = new WeakMap<RouteFacts, { limits: BoardLimits; shift: Shift; warnUntil: string }>();
function derived(route: RouteFacts, limits: BoardLimits) {
  let d = derivedCache.get(route);
  if (!d || d.limits !== limits) {
    d = { limits, shift: shiftOf(route, limits), warnUntil: expiryWindowEnd(route.date, limits.licenceExpiringDays) };
    derivedCache.set(route, d);
  }
  return d;
}

const hours = (min: number) => Math.round((min / 60) * 10) / 10;

/** Driver-only rules (no van): availability, licence, check-in, working hours, other areas' warnings. */
export function driverConflicts(route: RouteFacts, d: DriverFacts, limits: BoardLimits): BoardConflict[] {
  const day = driverDayConflicts(route, d, limits);
  const nWarn = d.warnings.length;
  return [...day.slice(0, day.length - nWarn), ...hoursConflicts(route, d, limits), ...day.slice(day.length - nWarn)];
}

const DAY_WORDS: Record<DayStatus, string> = {
  scheduled: 'scheduled',
  checked_in: 'checked in',
  late: 'late',
  called_out: 'called out',
  no_show: 'a no-show',
  off: 'off',
};

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export const dayIndex = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/**
 * A driver's shifts around one date, pre-digested once so that checking many routes of that date
 * is cheap (auto-assign checks every route × driver pair).
 */
interface HistorySummary {
  /** On-duty minutes per day offset −6…+6 (index offset + 6), excluding the date itself. */
  byDay: Float64Array;
  /** Other days' shifts (start/end in absolute minutes). */
  others: Shift[];
  /** Consecutive worked days right before and right after the date. */
  runBefore: number;
  runAfter: number;
}
const summaries = new WeakMap<readonly Shift[], Map<string, HistorySummary>>();

function summarize(shifts: readonly Shift[], date: string): HistorySummary {
  let perDate = summaries.get(shifts);
  if (!perDate) summaries.set(shifts, (perDate = new Map()));
  let s = perDate.get(date);
  if (s) return s;
  const base = dayIndex(date);
  const byDay = new Float64Array(13);
  const worked = new Set<number>();
  const others: Shift[] = [];
  for (const sh of shifts) {
    if (sh.date === date) continue;
    others.push(sh);
    const off = (sh.day ?? dayIndex(sh.date)) - base;
    worked.add(off);
    if (off >= -6 && off <= 6) byDay[off + 6] += sh.end - sh.start;
  }
  let runBefore = 0;
  for (let o = -1; worked.has(o); o--) runBefore++;
  let runAfter = 0;
  for (let o = 1; worked.has(o); o++) runAfter++;
  s = { byDay, others, runBefore, runAfter };
  perDate.set(date, s);
  return s;
}

interface HoursFacts {
  duty: number;
  worst: number;
  worstFrom: number;
  restBefore: number;
  restAfter: number;
  run: number;
}

function hoursFacts(route: RouteFacts, shifts: readonly Shift[], limits: BoardLimits): HoursFacts {
  const today = derived(route, limits).shift;
  const duty = today.end - today.start;
  if (shifts.length === 0) return { duty, worst: duty, worstFrom: 0, restBefore: Infinity, restAfter: Infinity, run: 1 };
  const h = summarize(shifts, route.date);
  // Weekly: every 7-day window that contains this date.
  let worst = 0;
  let worstFrom = 0;
  for (let k = -6; k <= 0; k++) {
    let sum = duty;
    for (let o = k; o <= k + 6; o++) if (o !== 0) sum += h.byDay[o + 6]!;
    if (sum > worst) {
      worst = sum;
      worstFrom = k;
    }
  }
  let prevEnd = -Infinity;
  let nextStart = Infinity;
  for (const s of h.others) {
    if (s.end <= today.start && s.end > prevEnd) prevEnd = s.end;
    if (s.start >= today.end && s.start < nextStart) nextStart = s.start;
    if (s.start < today.end && s.end > today.start) prevEnd = Math.max(prevEnd, today.start); // overlap: no rest at all
  }
  return { duty, worst, worstFrom, restBefore: today.start - prevEnd, restAfter: nextStart - today.end, run: h.runBefore + 1 + h.runAfter };
}

/**
 * The working-hours situation of a driver for routes of one date and wave, as numbers, so the
 * rules can be counted for any planned duration with four comparisons (solvers check every
 * route × driver pair): with D = duration + station time (minutes),
 * violations(D) = [D > daily] + [D + weekOthers > weekly] + [restBeforeBad or D > restAfterMaxDuty] + [runBad].
 */
export interface HoursProfile {
  weekOthers: number;
  restBeforeBad: boolean;
  restAfterMaxDuty: number;
  runBad: boolean;
}

export function hoursProfile(route: Pick<RouteFacts, 'date' | 'wave'>, shifts: readonly Shift[], limits: BoardLimits): HoursProfile {
  const start = dayIndex(route.date) * 1440 + hhmmToMin(route.wave) - limits.preTripMin;
  if (shifts.length === 0) return { weekOthers: 0, restBeforeBad: false, restAfterMaxDuty: Infinity, runBad: false };
  const h = summarize(shifts, route.date);
  let weekOthers = 0;
  for (let k = -6; k <= 0; k++) {
    let sum = 0;
    for (let o = k; o <= k + 6; o++) if (o !== 0) sum += h.byDay[o + 6]!;
    if (sum > weekOthers) weekOthers = sum;
  }
  let prevEnd = -Infinity;
  let nextStart = Infinity;
  for (const s of h.others) {
    if (s.end <= start && s.end > prevEnd) prevEnd = s.end;
    if (s.start > start && s.start < nextStart) nextStart = s.start;
    if (s.start <= start && s.end > start) prevEnd = start; // overlaps the start: no rest
  }
  const minRest = limits.minRestHours * 60;
  return {
    weekOthers,
    restBeforeBad: start - prevEnd < minRest,
    restAfterMaxDuty: nextStart - start - minRest,
    runBad: h.runBefore + 1 + h.runAfter > limits.maxConsecutiveDays,
  };
}

export function countHoursViolations(p: HoursProfile, plannedDurationMin: number, limits: BoardLimits): number {
  const D = dutyMinutes(plannedDurationMin, limits);
  return (D > limits.maxDailyHours * 60 ? 1 : 0) + (D + p.weekOthers > limits.maxWeeklyHours * 60 ? 1 : 0) + (p.restBeforeBad || D > p.restAfterMaxDuty ? 1 : 0) + (p.runBad ? 1 : 0);
}

/** How many working-hours rules a route would break for a driver (no messages; for solvers). */
export function hoursViolations(route: RouteFacts, shifts: readonly Shift[], limits: BoardLimits): number {
  const f = hoursFacts(route, shifts, limits);
  const minRest = limits.minRestHours * 60;
  return (
    (f.duty > limits.maxDailyHours * 60 ? 1 : 0) +
    (f.worst > limits.maxWeeklyHours * 60 ? 1 : 0) +
    (f.restBefore < minRest || f.restAfter < minRest ? 1 : 0) +
    (f.run > limits.maxConsecutiveDays ? 1 : 0)
  );
}

/** Working-hours limits (DOMAIN.md): daily, weekly (any 7 consecutive days), rest, consecutive days. */
export function hoursConflicts(route: RouteFacts, d: Pick<DriverFacts, 'name' | 'shifts'>, limits: BoardLimits): BoardConflict[] {
  const out: BoardConflict[] = [];
  const f = hoursFacts(route, d.shifts, limits);
  if (f.duty > limits.maxDailyHours * 60) {
    out.push(
      soft(
        'DAILY_HOURS',
        `${formatHoursMin(f.duty)} on duty (route ${formatHoursMin(route.plannedDurationMin)} + ${limits.preTripMin} min pre-trip and load-out + ${limits.postTripMin} min return) is over the ${limits.maxDailyHours} h daily limit`,
      ),
    );
  }
  if (f.worst > limits.maxWeeklyHours * 60) {
    out.push(soft('WEEKLY_HOURS', `${hours(f.worst)} h in the 7 days from ${addDaysPure(route.date, f.worstFrom)} is over the ${limits.maxWeeklyHours} h limit`));
  }
  const minRest = limits.minRestHours * 60;
  if (f.restBefore < minRest) out.push(soft('REST_BETWEEN_SHIFTS', `only ${hours(f.restBefore)} h off since the previous shift (minimum ${limits.minRestHours} h)`));
  else if (f.restAfter < minRest) out.push(soft('REST_BETWEEN_SHIFTS', `only ${hours(f.restAfter)} h off before the next planned shift (minimum ${limits.minRestHours} h)`));
  if (f.run > limits.maxConsecutiveDays) out.push(soft('CONSECUTIVE_DAYS', `${f.run} consecutive work days (limit ${limits.maxConsecutiveDays})`));
  return out;
}

/**
 * Driver rules that do not depend on the route's times: availability, licence, other areas'
 * warnings. A scheduled driver who has not arrived yet is a state ("not here yet", `isHere`), not
 * a warning: the board shows it on the row, the load-out prints it, nothing needs overriding.
 */
export function driverDayConflicts(route: RouteFacts, d: DriverFacts, limits: BoardLimits): BoardConflict[] {
  const out: BoardConflict[] = [];
  if (d.archived || d.status !== 'active') {
    out.push(hard('DRIVER_UNAVAILABLE', `${d.name} is ${d.archived ? 'archived' : d.status.replace('_', ' ')}`));
  } else if (d.dayStatus === 'called_out' || d.dayStatus === 'off' || d.dayStatus === 'no_show') {
    out.push(hard('DRIVER_UNAVAILABLE', `${d.name} is ${DAY_WORDS[d.dayStatus]} on ${route.date}`));
  }
  const licence = d.licenceExpiry ? licenceState(d.licenceExpiry, route.date, derived(route, limits).warnUntil) : 'valid';
  if (licence === 'expired') {
    out.push(hard('LICENCE_EXPIRED', `${d.name}'s licence expired on ${d.licenceExpiry}`));
  } else if (licence === 'expiring') {
    const left = daysBetween(route.date, d.licenceExpiry!);
    out.push(soft('LICENCE_EXPIRING', `${d.name}'s licence expires on ${d.licenceExpiry} (in ${left} day${left === 1 ? '' : 's'})`));
  }
  for (const w of d.warnings) out.push(w);
  return out;
}

/** Has the driver arrived (checked in, or late with a check-in time)? */
export const isHere = (d: Pick<DriverFacts, 'dayStatus' | 'checkedInAt'>) => d.dayStatus === 'checked_in' || (d.dayStatus === 'late' && !!d.checkedInAt);

function addDaysPure(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The van's attention reasons that fall due before this route ends (the rest is information on the van). */
export function vanDueForRoute(route: Pick<RouteFacts, 'date' | 'plannedDistanceMi'>, v: Pick<VanFacts, 'readiness' | 'reasons'>, limits: BoardLimits): ReadinessReason[] {
  return v.readiness === 'attention' ? v.reasons.filter((r) => dueForRoute(r, route, limits.vanDueMarginMi)) : [];
}

/** Van-only rules: readiness, type fit, EV range. */
export function vanConflicts(route: RouteFacts, v: VanFacts, limits: BoardLimits): BoardConflict[] {
  const out: BoardConflict[] = [];
  if (!isAssignable(v.readiness)) {
    const why = v.reasons.map((r) => r.message).join('; ');
    out.push(hard('VAN_NOT_READY', `${v.name} is ${v.readiness.replace(/-/g, ' ')}${why ? ` (${why})` : ''}`));
  } else {
    const due = vanDueForRoute(route, v, limits);
    if (due.length > 0) out.push(soft('VAN_ATTENTION', `${v.name} needs attention before this route ends: ${due.map((r) => r.message).join('; ')}`));
  }
  if (route.requiresVan && !route.allowedVanClasses.includes(v.vanClass)) {
    const needs = route.allowedVanClasses.map(vanClassWords).join(' / ');
    out.push(hard('VAN_TYPE_MISMATCH', `${v.name} is ${withArticle(vanClassWords(v.vanClass))}; route ${route.code} (${route.serviceType}) needs ${needs}`));
  }
  if (evRangeShort(route, v, limits)) {
    const need = evMilesNeeded(route.plannedDistanceMi!, limits);
    out.push(
      soft(
        'EV_RANGE',
        `${v.name} is expected to have about ${Math.floor(v.rangeMi!)} mi of charge at the ${route.wave} wave; route ${route.code} needs ${Math.ceil(need)} mi (${Math.round(route.plannedDistanceMi!)} mi × ${limits.evRangeFactor} + ${limits.evRangeMarginMi} mi)`,
      ),
    );
  }
  return out;
}

/** Is the range expected at the wave short of planned distance × factor + margin? (Unknown range or distance: no.) */
export const evRangeShort = (route: Pick<RouteFacts, 'plannedDistanceMi'>, v: Pick<VanFacts, 'rangeMi'>, limits: BoardLimits): boolean =>
  v.rangeMi != null && route.plannedDistanceMi != null && v.rangeMi < evMilesNeeded(route.plannedDistanceMi, limits);

/** Is a driver qualified for at least one of `classes` (a route's allowed van classes, each as its usual kind: electric vans electric; none listed = any)? */
export function qualifiedForAny(qualifications: readonly Qualification[], classes: readonly VanClass[]): boolean {
  return classes.length === 0 || classes.some((c) => missingQualifications(qualifications, { vanClass: c, electric: c === 'electric_van' }).length === 0);
}

/** Driver × van rule: the qualifications the van's class needs (shared/rules/fleet/classes.ts). */
export function pairConflicts(d: DriverFacts, v: VanFacts): BoardConflict[] {
  const missing = missingQualifications(d.qualifications, v);
  if (missing.length === 0) return [];
  const words = missing.map((q) => QUALIFICATION_WORDS[q as keyof typeof QUALIFICATION_WORDS] ?? q).join(' and ');
  return [hard('DRIVER_NOT_QUALIFIED', `${d.name} is not ${words} (needed for ${v.name}, ${withArticle(vanClassWords(v.vanClass))})`)];
}

/** Every rule for putting `c` on `route`, given the day's other bookings. Hard conflicts first. */
export function checkAssignment(route: RouteFacts, c: Candidate, bookings: Bookings, limits: BoardLimits = DEFAULT_BOARD_LIMITS): BoardConflict[] {
  const out: BoardConflict[] = [];
  if (c.driver) {
    const other = bookings.driverRoute.get(c.driver.id);
    if (other && other.routeId !== route.id) out.push(hard('DRIVER_DOUBLE_BOOKED', `${c.driver.name} is already on route ${other.code}`));
    out.push(...driverConflicts(route, c.driver, limits));
  }
  if (c.van) {
    const other = bookings.vanRoute.get(c.van.id);
    if (other && other.routeId !== route.id) out.push(hard('VAN_DOUBLE_BOOKED', `${c.van.name} is already on route ${other.code}`));
    out.push(...vanConflicts(route, c.van, limits));
    if (c.driver) out.push(...pairConflicts(c.driver, c.van));
  } else if (c.driver && route.requiresVan) {
    out.push(hard('VAN_REQUIRED', `route ${route.code} needs a van`));
  }
  if (c.deviceId != null) {
    const other = bookings.deviceRoute.get(c.deviceId);
    if (other && other.routeId !== route.id) out.push(hard('DEVICE_DOUBLE_BOOKED', `the device is already handed out for route ${other.code}`));
  }
  return sortConflicts(out);
}

export function sortConflicts(list: BoardConflict[]): BoardConflict[] {
  const rank = (s: RuleSeverity) => (s === 'hard' ? 0 : 1);
  return list.map((c, i) => [c, i] as const).sort((a, b) => rank(a[0].severity) - rank(b[0].severity) || a[1] - b[1]).map(([c]) => c);
}

export const hasHard = (list: readonly BoardConflict[]) => list.some((c) => c.severity === 'hard');
export const softOnly = (list: readonly BoardConflict[]) => list.filter((c) => c.severity === 'soft');
