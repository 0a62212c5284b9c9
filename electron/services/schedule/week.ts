import { and, asc, eq, gte, inArray, isNull, lte, ne } from 'drizzle-orm';
import { assignments, drivers, routes, scheduleDays, scheduleTargets } from '../../db/schema';
import type { ReadContext, ReadDb, WriteContext } from '../context';
import { stationToday } from '../station/station';
import { getBoardSettings } from '../board/settings';
import { getScheduleSettings } from './settings';
import { addDays } from '../../../shared/station-time';
import { shiftOf } from '../../../shared/rules/board';
import { missingQualifications } from '../../../shared/rules/fleet/classes';
import { serviceReader } from '../board/facts';
import type { Qualification, VanClass } from '../../../shared/domain';
import { scheduleNotes, overtimeOf, type DayShift, type ScheduleLimits } from '../../../shared/rules/schedule/limits';
import { weekStartOf, weekdayOf } from '../../../shared/rules/schedule/settings';
import { LOCKED_STATES, type ScheduleState } from '../../../shared/rules/schedule/states';
import { notFound } from '../../../shared/errors';
import type {
  DriverTargets,
  ScheduleCellChange,
  ScheduleDayColumn,
  ScheduleDriverRow,
  ScheduleSettings,
  ScheduleWeek,
  ScheduleWriteResult,
} from '../../../shared/contract/schedule';

/** HH:MM → minutes after midnight. */
export const hhmmMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export const weekDates = (weekStart: string) => Array.from({ length: 7 }, (_, k) => addDays(weekStart, k));

/** The drivers a schedule is about: active and not archived, by name. */
export function scheduleDrivers(db: ReadDb) {
  return db
    .select()
    .from(drivers)
    .where(and(isNull(drivers.archivedAt), eq(drivers.status, 'active')))
    .orderBy(asc(drivers.name))
    .all();
}

export function targetsOf(db: ReadDb, settings: ScheduleSettings): Map<number, DriverTargets> & { fallback: DriverTargets } {
  const map = new Map(
    db
      .select()
      .from(scheduleTargets)
      .all()
      .map((t) => [t.driverId, { preferredDays: t.preferredDays, daysPerWeek: t.daysPerWeek, hoursPerWeek: t.hoursPerWeek, own: true }] as const),
  ) as Map<number, DriverTargets> & { fallback: DriverTargets };
  map.fallback = { preferredDays: [1, 2, 3, 4, 5], daysPerWeek: settings.defaultDaysPerWeek, hoursPerWeek: settings.defaultHoursPerWeek, own: false };
  return map;
}

/** Schedule rows between two dates, as driver → date → state. */
export function scheduleBetween(db: ReadDb, from: string, to: string): Map<number, Map<string, ScheduleState>> {
  const out = new Map<number, Map<string, ScheduleState>>();
  for (const r of db.select().from(scheduleDays).where(and(gte(scheduleDays.date, from), lte(scheduleDays.date, to))).all()) {
    let m = out.get(r.driverId);
    if (!m) out.set(r.driverId, (m = new Map()));
    m.set(r.date, r.state);
  }
  return out;
}

/**
 * Each driver's shifts around a week: routes driven or assigned (their real on-duty window) and,
 * on days with no route for the driver, scheduled working/standby days from today on (the planned
 * shift). Past days count only what was driven: a schedule that did not happen is not a shift.
 */
export function shiftsAround(db: ReadDb, from: string, to: string, today: string, settings: ScheduleSettings): Map<number, DayShift[]> {
  const limits = getBoardSettings(db).limits;
  const out = new Map<number, DayShift[]>();
  const add = (driverId: number, s: DayShift) => {
    let list = out.get(driverId);
    if (!list) out.set(driverId, (list = []));
    if (!list.some((x) => x.date === s.date)) list.push(s);
  };
  const driven = db
    .select({ driverId: assignments.driverId, date: routes.date, wave: routes.wave, dur: routes.plannedDurationMin })
    .from(assignments)
    .innerJoin(routes, eq(routes.id, assignments.routeId))
    .where(and(gte(routes.date, from), lte(routes.date, to), ne(routes.status, 'cancelled')))
    .all();
  for (const r of driven) {
    const s = shiftOf({ date: r.date, wave: r.wave, plannedDurationMin: r.dur }, limits);
    const base = (s.day ?? 0) * 1440;
    add(r.driverId, { date: r.date, startMin: s.start - base, endMin: s.end - base });
  }
  const start = hhmmMin(settings.shiftStart);
  for (const [driverId, days] of scheduleBetween(db, today > from ? today : from, to)) {
    for (const [date, state] of days) {
      if (state === 'working' || state === 'standby') add(driverId, { date, startMin: start, endMin: start + settings.shiftHours * 60 });
    }
  }
  return out;
}

export function scheduleLimits(db: ReadDb, settings: ScheduleSettings): ScheduleLimits {
  const b = getBoardSettings(db).limits;
  return { minRestHours: b.minRestHours, maxConsecutiveDays: b.maxConsecutiveDays, maxWeeklyHours: b.maxWeeklyHours, overtimeHours: settings.overtimeHours };
}

/** The qualification a route needs: one every van class it accepts asks for beyond a CDV (step-van, EV training). */
export function routeNeed(classes: readonly VanClass[]): Qualification | null {
  if (classes.length === 0) return null;
  for (const q of ['STEP_VAN', 'EDV'] as const) {
    if (classes.every((c) => missingQualifications([], { vanClass: c, electric: c === 'electric_van' }).includes(q))) return q;
  }
  return null;
}

/** Per date: the routes to cover and the mix — from the route sheet where one was imported, else the weekday forecast. */
export function forecastOf(db: ReadDb, dates: readonly string[], settings: ScheduleSettings) {
  const read = serviceReader(getBoardSettings(db));
  const rows = db
    .select({ date: routes.date, serviceType: routes.serviceType, vanType: routes.vanType })
    .from(routes)
    .where(and(inArray(routes.date, [...dates]), ne(routes.status, 'cancelled')))
    .all();
  return dates.map((date) => {
    const weekday = weekdayOf(date);
    const wf = settings.forecast[weekday]!;
    const sheet = rows.filter((r) => r.date === date);
    if (sheet.length === 0) return { date, weekday, routes: wf.routes, standby: wf.standby, needs: { ...wf.needs }, source: 'weekday forecast' as const };
    const needs: Partial<Record<Qualification, number>> = {};
    for (const r of sheet) {
      const q = routeNeed(read(r.serviceType, r.vanType).classes);
      if (q) needs[q] = (needs[q] ?? 0) + 1;
    }
    return { date, weekday, routes: sheet.length, standby: wf.standby, needs, source: 'route sheet' as const };
  });
}

export function scheduleWeek(ctx: ReadContext, weekStartInput?: string): ScheduleWeek {
  const today = stationToday(ctx.db, ctx.clock);
  const weekStart = weekStartOf(weekStartInput ?? today);
  const dates = weekDates(weekStart);
  const settings = getScheduleSettings(ctx.db);
  const limits = scheduleLimits(ctx.db, settings);
  const targets = targetsOf(ctx.db, settings);
  const cells = scheduleBetween(ctx.db, dates[0]!, dates[6]!);
  const shifts = shiftsAround(ctx.db, addDays(weekStart, -7), dates[6]!, today, settings);
  const forecast = forecastOf(ctx.db, dates, settings);
  const list = scheduleDrivers(ctx.db);

  const rows: ScheduleDriverRow[] = list.map((d) => {
    const row = dates.map((date) => cells.get(d.id)?.get(date) ?? null);
    const t = targets.get(d.id) ?? targets.fallback;
    const workingDays = row.filter((s) => s === 'working').length;
    const standbyDays = row.filter((s) => s === 'standby').length;
    const hours = workingDays * settings.shiftHours;
    // The limits over what the week holds: routes driven or assigned, else the scheduled shift.
    const mine = (shifts.get(d.id) ?? []).filter((s) => s.date < weekStart || row[dates.indexOf(s.date)] === 'working' || row[dates.indexOf(s.date)] === 'standby' || s.date < today);
    const notes = scheduleNotes(mine, dates, limits);
    if (workingDays + standbyDays > t.daysPerWeek) notes.push({ rule: 'TARGET_DAYS', severity: 'info', date: null, message: `${workingDays + standbyDays} days scheduled; target ${t.daysPerWeek}` });
    if (hours > t.hoursPerWeek) notes.push({ rule: 'TARGET_HOURS', severity: 'info', date: null, message: `${hours} h scheduled; target ${t.hoursPerWeek} h` });
    return {
      driverId: d.id,
      name: d.name,
      transporterId: d.transporterId,
      qualifications: d.qualifications,
      targets: t,
      cells: row,
      workingDays,
      standbyDays,
      hours,
      overtimeHours: overtimeOf(hours, settings.overtimeHours),
      notes,
    };
  });

  const days: ScheduleDayColumn[] = forecast.map((f) => {
    const qualified: Partial<Record<Qualification, number>> = {};
    let working = 0;
    let standby = 0;
    let any = false;
    for (const d of list) {
      const s = cells.get(d.id)?.get(f.date);
      if (s) any = true;
      if (s === 'standby') standby++;
      if (s !== 'working') continue;
      working++;
      for (const q of d.qualifications) qualified[q] = (qualified[q] ?? 0) + 1;
    }
    // Rows of drivers no longer active still make the date "scheduled".
    if (!any) any = [...cells.values()].some((m) => m.has(f.date));
    return { date: f.date, weekday: f.weekday, forecast: f.routes, forecastSource: f.source, standbyWanted: f.standby, needs: f.needs, working, standby, qualified, hasSchedule: any };
  });
  return { weekStart, days, drivers: rows, settings };
}

/** Write cells (null removes), one note per cell changed; answers the undo (the cells as they were). */
export function writeCells(w: WriteContext, changes: readonly ScheduleCellChange[]): ScheduleWriteResult {
  const ids = [...new Set(changes.map((c) => c.driverId))];
  const known = new Set(w.db.select({ id: drivers.id }).from(drivers).where(inArray(drivers.id, ids)).all().map((d) => d.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) throw notFound('driver', missing);
  const undo: ScheduleCellChange[] = [];
  const at = w.clock.now().toISOString();
  const seen = new Set<string>();
  for (const c of changes) {
    const key = `${c.driverId}:${c.date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const prev = w.db.select().from(scheduleDays).where(and(eq(scheduleDays.driverId, c.driverId), eq(scheduleDays.date, c.date))).get();
    const before = prev?.state ?? null;
    if (before === c.state) continue;
    if (c.state === null) w.db.delete(scheduleDays).where(and(eq(scheduleDays.driverId, c.driverId), eq(scheduleDays.date, c.date))).run();
    else
      w.db
        .insert(scheduleDays)
        .values({ driverId: c.driverId, date: c.date, state: c.state, updatedAt: at })
        .onConflictDoUpdate({ target: [scheduleDays.driverId, scheduleDays.date], set: { state: c.state, updatedAt: at } })
        .run();
    w.audit({ action: 'schedule', entity: 'schedule_day', entityId: key, before: { state: before }, after: { state: c.state } });
    undo.push({ driverId: c.driverId, date: c.date, state: before });
  }
  return { changed: undo.length, undo };
}

/** Copy a week onto another: each day to the same weekday; the target's requested off and PTO stay. */
export function copyWeek(w: WriteContext, input: { from: string; to: string }): ScheduleWriteResult {
  const from = weekStartOf(input.from);
  const to = weekStartOf(input.to);
  if (from === to) return { changed: 0, undo: [] };
  const src = scheduleBetween(w.db, from, addDays(from, 6));
  const dst = scheduleBetween(w.db, to, addDays(to, 6));
  const changes: ScheduleCellChange[] = [];
  for (const d of scheduleDrivers(w.db)) {
    for (let k = 0; k < 7; k++) {
      const target = addDays(to, k);
      const current = dst.get(d.id)?.get(target) ?? null;
      if (current && LOCKED_STATES.includes(current)) continue;
      const copied = src.get(d.id)?.get(addDays(from, k)) ?? null;
      // A request (off, PTO) belongs to its week; it is not copied forward.
      const state = copied && LOCKED_STATES.includes(copied) ? 'off' : copied;
      if (state !== current) changes.push({ driverId: d.id, date: target, state });
    }
  }
  return changes.length === 0 ? { changed: 0, undo: [] } : writeCells(w, changes);
}

export function setTargets(w: WriteContext, input: { driverId: number; preferredDays: number[]; daysPerWeek: number; hoursPerWeek: number }): DriverTargets {
  const d = w.db.select({ id: drivers.id }).from(drivers).where(eq(drivers.id, input.driverId)).get();
  if (!d) throw notFound('driver', input.driverId);
  const before = w.db.select().from(scheduleTargets).where(eq(scheduleTargets.driverId, input.driverId)).get() ?? null;
  const preferredDays = [...new Set(input.preferredDays)].sort();
  const values = { preferredDays, daysPerWeek: input.daysPerWeek, hoursPerWeek: input.hoursPerWeek, updatedAt: w.clock.now().toISOString() };
  w.db.insert(scheduleTargets).values({ driverId: input.driverId, ...values }).onConflictDoUpdate({ target: scheduleTargets.driverId, set: values }).run();
  w.audit({
    action: 'targets',
    entity: 'driver',
    entityId: input.driverId,
    before: before && { preferredDays: before.preferredDays, daysPerWeek: before.daysPerWeek, hoursPerWeek: before.hoursPerWeek },
    after: { preferredDays, daysPerWeek: input.daysPerWeek, hoursPerWeek: input.hoursPerWeek },
  });
  return { preferredDays, daysPerWeek: input.daysPerWeek, hoursPerWeek: input.hoursPerWeek, own: true };
}
