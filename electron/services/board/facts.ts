import { eq } from 'drizzle-orm';
import { assignments, devices, driverDays, drivers, routes, vans } from '../../db/schema';
import type { ReadContext } from '../context';
import { computeReadiness } from '../fleet/readiness';
import { getStation, stationToday } from '../station/station';
import { getBoardSettings, type BoardSettings } from './settings';
import { scorecardTiers, trainingWarnings } from '../scorecards/board';
import { addDays, daysBetween } from '../../../shared/station-time';
import { chargeAtWave } from '../../../shared/rules/fleet/readiness';
import { scheduleOfDay } from '../schedule/day';
import { defaultDayStatus } from '../../../shared/rules/schedule/states';
import type { BoardConflict } from '../../../shared/contract/board';
import type { DayStatus, Tier } from '../../../shared/domain';
import type { Station } from '../../../shared/contract/station';
import type { PreTripFact } from '../../../shared/contract/fleet';
import type { ServiceTypeReading } from '../../../shared/rules/fleet/service-types';
import { preTripsOn } from '../fleet/pretrip';
import {
  dutyMinutes,
  routeServiceReading,
  shiftOf,
  type Bookings,
  type BoardLimits,
  type DriverFacts,
  type RouteFacts,
  type Shift,
  type VanFacts,
} from '../../../shared/rules/board';

/**
 * Everything the board's rules and the auto-assign need about one date, loaded in a handful of
 * queries: routes, assignments, drivers (day status, shift history, familiarity, tier, warnings),
 * vans (readiness from computeReadiness, EV range) and devices.
 *
 * Extension points (other areas add ONE line each):
 * - DRIVER_WARNING_SOURCES: driver-level warnings (e.g. expired mandatory training), shown on the
 *   board and checked as rules (give them severity 'soft' or 'hard').
 * - TIER_SOURCES: a driver's scorecard tier for the cost function (first source that knows wins).
 */
export type DriverWarningSource = (ctx: ReadContext, date: string, driverIds: number[]) => Map<number, BoardConflict[]>;
export type TierSource = (ctx: ReadContext, date: string, driverIds: number[]) => Map<number, Tier>;

export const DRIVER_WARNING_SOURCES: DriverWarningSource[] = [
  // add one line per source, e.g. trainingWarnings,
  trainingWarnings,
];
export const TIER_SOURCES: TierSource[] = [
  // add one line per source, e.g. scorecardTiers,
  scorecardTiers,
];

export type RouteRow = typeof routes.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type DriverRow = typeof drivers.$inferSelect;
export type VanRow = typeof vans.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;

export interface DriverInfo {
  row: DriverRow;
  /** The DA's first pre-trip inspection of the date, if any. */
  preTrip: PreTripFact | null;
  facts: DriverFacts;
  checkinNote: string;
  hoursThisWeek: number;
  tier: Tier | null;
  /** Route code → times driven in the familiarity window before the date. */
  familiarity: Map<string, number>;
}

export interface VanInfo {
  row: VanRow;
  /** EV charge expected at the day's wave (today's charge + overnight charging at the bay, capped at full). */
  waveChargePct: number | null;
  facts: VanFacts;
  deviceId: number | null;
  /** The van's first pre-trip inspection of the date, if any. */
  preTrip: PreTripFact | null;
}

export interface BoardFacts {
  date: string;
  station: Station | null;
  settings: BoardSettings;
  limits: BoardLimits;
  routes: RouteRow[];
  routeFacts: Map<number, RouteFacts>;
  /** routeId → how its service type reads (classes, tags, known or not). */
  serviceReadings: Map<number, ServiceTypeReading>;
  /** routeId → assignment of the date. */
  assignments: Map<number, AssignmentRow>;
  drivers: Map<number, DriverInfo>;
  vans: Map<number, VanInfo>;
  devices: Map<number, DeviceRow>;
  bookings: {
    driverRoute: Map<number, { routeId: number; code: string }>;
    vanRoute: Map<number, { routeId: number; code: string }>;
    deviceRoute: Map<number, { routeId: number; code: string }>;
  };
}

/** Readings of the service types of many routes (a day has a handful of distinct ones). */
export function serviceReader(settings: BoardSettings): (serviceType: string, vanType: string | null) => ServiceTypeReading {
  const cache = new Map<string, ServiceTypeReading>();
  return (serviceType, vanType) => {
    const key = `${serviceType}\u0000${vanType ?? ''}`;
    let r = cache.get(key);
    if (!r) cache.set(key, (r = routeServiceReading(serviceType, vanType, settings.serviceTypes)));
    return r;
  };
}

export const routeToFacts = (r: RouteRow, reading: ServiceTypeReading): RouteFacts => ({
  id: r.id,
  code: r.code,
  date: r.date,
  wave: r.wave,
  serviceType: r.serviceType,
  plannedDurationMin: r.plannedDurationMin,
  plannedDistanceMi: r.plannedDistanceMi,
  allowedVanClasses: reading.classes,
  requiresVan: reading.requiresVan,
});

export function loadBoardFacts(ctx: ReadContext, date: string): BoardFacts {
  const db = ctx.db;
  const settings = getBoardSettings(db);
  const limits = settings.limits;
  const station = getStation(db);

  const routeRows = db.select().from(routes).where(eq(routes.date, date)).all();
  routeRows.sort((a, b) => a.wave.localeCompare(b.wave) || a.staging.localeCompare(b.staging, undefined, { numeric: true }) || a.code.localeCompare(b.code, undefined, { numeric: true }));
  const read = serviceReader(settings);
  const serviceReadings = new Map(routeRows.map((r) => [r.id, read(r.serviceType, r.vanType)]));
  const routeFacts = new Map(routeRows.map((r) => [r.id, routeToFacts(r, serviceReadings.get(r.id)!)]));
  const routeById = new Map(routeRows.map((r) => [r.id, r]));

  const assignRows = db.select().from(assignments).where(eq(assignments.date, date)).all();
  const assignmentsByRoute = new Map(assignRows.map((a) => [a.routeId, a]));

  // History and planned days around the date: shifts (±6 days) and familiarity (window before).
  const from = addDays(date, -Math.max(6, settings.familiarityDays));
  const to = addDays(date, 6);
  // Raw statement: this is the largest read (every assignment of the window), and row mapping
  // through the query builder costs more than the query.
  const history = db.$client
    .prepare(
      `SELECT a.driver_id AS driverId, r.date AS date, r.code AS code, r.wave AS wave, r.planned_duration_min AS dur
         FROM assignments a JOIN routes r ON r.id = a.route_id
        WHERE a.date BETWEEN ? AND ? AND a.date <> ? AND r.status <> 'cancelled'`,
    )
    .all(from, to, date) as { driverId: number; date: string; code: string; wave: string; dur: number }[];
  const weekFrom = addDays(date, -6);
  const famFrom = addDays(date, -settings.familiarityDays);
  const shiftsBy = new Map<number, Shift[]>();
  const famBy = new Map<number, Map<string, number>>();
  const weekMin = new Map<number, number>();
  for (const h of history) {
    if (h.date >= weekFrom && h.date <= to) {
      let list = shiftsBy.get(h.driverId);
      if (!list) shiftsBy.set(h.driverId, (list = []));
      list.push(shiftOf({ date: h.date, wave: h.wave, plannedDurationMin: h.dur, code: h.code }, limits));
      if (h.date < date) weekMin.set(h.driverId, (weekMin.get(h.driverId) ?? 0) + dutyMinutes(h.dur, limits));
    }
    if (h.date < date && h.date >= famFrom) {
      let fam = famBy.get(h.driverId);
      if (!fam) famBy.set(h.driverId, (fam = new Map()));
      fam.set(h.code, (fam.get(h.code) ?? 0) + 1);
    }
  }

  const days = new Map(db.select().from(driverDays).where(eq(driverDays.date, date)).all().map((d) => [d.driverId, d]));
  // With no status recorded, the schedule says whether the driver is expected (no schedule: everyone is).
  const schedule = scheduleOfDay(db, date);
  const assignedDriverIds = new Set(assignRows.map((a) => a.driverId));
  const driverRows = db
    .select()
    .from(drivers)
    .all()
    .filter((d) => d.archivedAt === null || assignedDriverIds.has(d.id));
  const ids = driverRows.map((d) => d.id);
  const warnings = new Map<number, BoardConflict[]>();
  for (const source of DRIVER_WARNING_SOURCES) {
    for (const [id, list] of source(ctx, date, ids)) warnings.set(id, [...(warnings.get(id) ?? []), ...list]);
  }
  const tiers = new Map<number, Tier>();
  for (const source of TIER_SOURCES) {
    for (const [id, tier] of source(ctx, date, ids)) if (!tiers.has(id)) tiers.set(id, tier);
  }
  const preTrips = preTripsOn(db, date);
  const driverMap = new Map<number, DriverInfo>();
  for (const d of driverRows) {
    const day = days.get(d.id);
    driverMap.set(d.id, {
      row: d,
      preTrip: preTrips.byDriver.get(d.id) ?? null,
      checkinNote: day?.note ?? '',
      hoursThisWeek: Math.round(((weekMin.get(d.id) ?? 0) / 60) * 10) / 10,
      tier: tiers.get(d.id) ?? null,
      familiarity: famBy.get(d.id) ?? new Map(),
      facts: {
        id: d.id,
        name: d.name,
        status: d.status,
        archived: d.archivedAt !== null,
        qualifications: d.qualifications,
        licenceExpiry: d.licenceExpiry,
        dayStatus: (day?.status ?? defaultDayStatus(schedule.hasSchedule, schedule.states.get(d.id) ?? null)) as DayStatus,
        checkedInAt: day?.checkedInAt ?? null,
        shifts: shiftsBy.get(d.id) ?? [],
        warnings: warnings.get(d.id) ?? [],
      },
    });
  }

  const readiness = computeReadiness(ctx, date);
  // EV range is judged on the charge expected at the wave: nights of charging at the bay until the route's day.
  const nights = Math.max(0, daysBetween(stationToday(db, ctx.clock), date));
  const deviceRows = db.select().from(devices).all();
  const deviceByVan = new Map<number, number>();
  for (const dv of deviceRows) if (dv.vanId != null && dv.archivedAt === null && !deviceByVan.has(dv.vanId)) deviceByVan.set(dv.vanId, dv.id);
  const assignedVanIds = new Set(assignRows.map((a) => a.vanId));
  const vanMap = new Map<number, VanInfo>();
  for (const v of db.select().from(vans).all()) {
    if (v.archivedAt !== null && !assignedVanIds.has(v.id)) continue;
    const r = readiness.get(v.id) ?? { vanId: v.id, status: 'out-of-service' as const, reasons: [{ code: 'ARCHIVED', message: 'archived' }] };
    const waveChargePct = chargeAtWave(v, nights, limits.overnightChargePct);
    const rangeMi = v.usableRangeMi != null && waveChargePct != null ? (v.usableRangeMi * waveChargePct) / 100 : null;
    vanMap.set(v.id, {
      row: v,
      waveChargePct,
      deviceId: deviceByVan.get(v.id) ?? null,
      preTrip: preTrips.byVan.get(v.id) ?? null,
      facts: { id: v.id, name: v.name, vanClass: v.vanClass, electric: v.electric, readiness: r.status, reasons: r.reasons, rangeMi },
    });
  }

  const bookings: BoardFacts['bookings'] = { driverRoute: new Map(), vanRoute: new Map(), deviceRoute: new Map() };
  for (const a of assignRows) {
    const code = routeById.get(a.routeId)?.code ?? '?';
    bookings.driverRoute.set(a.driverId, { routeId: a.routeId, code });
    if (a.vanId != null) bookings.vanRoute.set(a.vanId, { routeId: a.routeId, code });
    if (a.deviceId != null) bookings.deviceRoute.set(a.deviceId, { routeId: a.routeId, code });
  }

  return {
    date,
    station,
    settings,
    limits,
    routes: routeRows,
    routeFacts,
    serviceReadings,
    assignments: assignmentsByRoute,
    drivers: driverMap,
    vans: vanMap,
    devices: new Map(deviceRows.map((d) => [d.id, d])),
    bookings,
  };
}

/** Bookings without some routes (the ones a write is about to change). */
export function bookingsWithout(f: BoardFacts, routeIds: Iterable<number>): Bookings & BoardFacts['bookings'] {
  const skip = new Set(routeIds);
  const strip = (m: Map<number, { routeId: number; code: string }>) => new Map([...m].filter(([, v]) => !skip.has(v.routeId)));
  return { driverRoute: strip(f.bookings.driverRoute), vanRoute: strip(f.bookings.vanRoute), deviceRoute: strip(f.bookings.deviceRoute) };
}

/** The given date, or today at the station. */
export const dateOr = (ctx: ReadContext, date: string | null | undefined) => date ?? stationToday(ctx.db, ctx.clock);
