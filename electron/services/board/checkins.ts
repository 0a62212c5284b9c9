import { and, eq, inArray, isNull } from 'drizzle-orm';
import { assignments, driverDays, drivers, routes } from '../../db/schema';
import type { ReadContext, WriteContext } from '../context';
import { dateOr } from './facts';
import { stationToday } from '../station/station';
import { NO_SCHEDULE_NOTICE, reportByOf, scheduleOfDay } from '../schedule/day';
import { AppError, conflict, notFound, validationError } from '../../../shared/errors';
import type { CheckinEntry, CheckinSetResult } from '../../../shared/contract/board';
import { isGivenReason, MIN_REASON_CHARS } from '../../../shared/rules/reason';
import type { BulkCheckinResult, CheckinDay } from '../../../shared/contract/schedule';
import type { DayStatus } from '../../../shared/domain';
import { ARRIVAL_STATUSES, REASON_STATUSES, defaultDayStatus, expectedGroup, isLate, type ExpectedGroup } from '../../../shared/rules/schedule/states';

/**
 * Check-in: each active driver's day status on a date, from the schedule (expected, standby, not
 * expected) and what was recorded (checked in with time, late, called out or no-show with reason).
 * Check-in happens today only, at the server's clock: a client's clock is never the record.
 */

export function listCheckins(ctx: ReadContext, date?: string | null): CheckinEntry[] {
  const d = dateOr(ctx, date);
  const schedule = scheduleOfDay(ctx.db, d);
  const rows = ctx.db
    .select({ id: drivers.id, name: drivers.name, tid: drivers.transporterId, status: driverDays.status, at: driverDays.checkedInAt, note: driverDays.note, statusAt: driverDays.updatedAt })
    .from(drivers)
    .leftJoin(driverDays, and(eq(driverDays.driverId, drivers.id), eq(driverDays.date, d)))
    .where(and(isNull(drivers.archivedAt), eq(drivers.status, 'active')))
    .all();
  const booked = new Map(
    ctx.db
      .select({ driverId: assignments.driverId, routeId: assignments.routeId, code: routes.code })
      .from(assignments)
      .innerJoin(routes, eq(routes.id, assignments.routeId))
      .where(eq(assignments.date, d))
      .all()
      .map((b) => [b.driverId, b]),
  );
  return rows
    .map((r) => {
      const scheduled = schedule.states.get(r.id) ?? null;
      return {
        driverId: r.id,
        name: r.name,
        transporterId: r.tid,
        status: (r.status ?? defaultDayStatus(schedule.hasSchedule, scheduled)) as DayStatus,
        checkedInAt: r.at ?? null,
        note: r.note ?? '',
        statusAt: r.statusAt ?? null,
        scheduled,
        group: expectedGroup(schedule.hasSchedule, scheduled),
        assignedRouteId: booked.get(r.id)?.routeId ?? null,
        assignedRouteCode: booked.get(r.id)?.code ?? null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

/** The day's expected list as the board shows it: entries, counts per group, and a word when there is no schedule. */
export function checkinDay(ctx: ReadContext, date?: string | null): CheckinDay {
  const d = dateOr(ctx, date);
  const entries = listCheckins(ctx, d);
  const hasSchedule = scheduleOfDay(ctx.db, d).hasSchedule;
  const counts: Record<ExpectedGroup, number> = { expected: 0, standby: 0, not_expected: 0 };
  for (const e of entries) counts[e.group]++;
  return { date: d, today: stationToday(ctx.db, ctx.clock), hasSchedule, notice: hasSchedule ? null : NO_SCHEDULE_NOTICE, counts, entries };
}

/** Arrivals are recorded today only (the station's date by the server's clock). */
function refuseOtherDay(date: string, today: string, what: string): void {
  if (date !== today) {
    throw conflict(`${what} is only possible for today (${today} at the station), not ${date}`, { date, today });
  }
}

export interface CheckinInput {
  date?: string | null;
  driverId?: number;
  transporterId?: string;
  status: DayStatus;
  at?: string;
  note?: string;
}

export function setCheckin(w: WriteContext, input: CheckinInput): CheckinSetResult {
  const kiosk = w.actor.role === 'kiosk';
  const today = stationToday(w.db, w.clock);
  const date = input.date ?? today;
  const driver =
    input.driverId !== undefined
      ? w.db.select().from(drivers).where(eq(drivers.id, input.driverId)).get()
      : w.db.select().from(drivers).where(eq(drivers.transporterId, (input.transporterId ?? '').trim().toUpperCase())).get();
  if (!driver) throw notFound('driver', input.driverId ?? input.transporterId);
  if (kiosk) {
    // The kiosk only checks a driver in, now, today: no other status, no time, no note.
    if (input.status !== 'checked_in' || input.at !== undefined || input.note !== undefined) {
      throw new AppError('FORBIDDEN', 'A kiosk may only check a driver in (status checked_in, no time or note)');
    }
    if (driver.archivedAt !== null || driver.status !== 'active') throw notFound('driver', input.transporterId ?? driver.id);
  }
  if (ARRIVAL_STATUSES.includes(input.status)) refuseOtherDay(date, today, 'Check-in');
  if (input.status === 'no_show' && date > today) throw conflict(`A no-show can only be recorded on or after the day (${date} is after today, ${today})`, { date, today });
  const prev = w.db.select().from(driverDays).where(and(eq(driverDays.driverId, driver.id), eq(driverDays.date, date))).get();
  const schedule = scheduleOfDay(w.db, date);
  const previous = {
    status: (prev?.status ?? defaultDayStatus(schedule.hasSchedule, schedule.states.get(driver.id) ?? null)) as DayStatus,
    checkedInAt: prev?.checkedInAt ?? null,
    note: prev?.note ?? '',
  };
  const note = input.note ?? (input.status === previous.status ? previous.note : '');
  if (REASON_STATUSES.includes(input.status) && !isGivenReason(note)) {
    throw validationError(`Give a reason for the ${input.status === 'no_show' ? 'no-show' : 'call-out'} (at least ${MIN_REASON_CHARS} characters)`, [{ path: 'note', message: 'is required' }]);
  }
  const now = w.clock.now();
  let status = input.status;
  let checkedInAt: string | null = null;
  if (ARRIVAL_STATUSES.includes(status)) {
    let at: Date | null = null;
    if (input.at !== undefined) {
      // A time given by the desk (undo puts the recorded time back): today, and not in the future.
      at = new Date(input.at);
      if (at.getTime() > now.getTime() || stationToday(w.db, { now: () => at! }) !== today) {
        throw validationError('The check-in time must be earlier today at the station', [{ path: 'at', message: 'must be earlier today' }]);
      }
    } else if (status === 'checked_in') {
      at = previous.status === 'checked_in' && previous.checkedInAt ? new Date(previous.checkedInAt) : now;
    }
    checkedInAt = at ? at.toISOString() : null;
    if (status === 'checked_in' && at && isLate(at, reportByOf(w.db, date, driver.id))) status = 'late';
  }
  const unchanged = prev && prev.status === status && prev.checkedInAt === checkedInAt && prev.note === note;
  const statusAt = unchanged ? prev.updatedAt : now.toISOString();
  if (!unchanged) {
    w.db
      .insert(driverDays)
      .values({ driverId: driver.id, date, status, checkedInAt, note, updatedAt: statusAt })
      .onConflictDoUpdate({ target: [driverDays.driverId, driverDays.date], set: { status, checkedInAt, note, updatedAt: statusAt } })
      .run();
    w.audit({ action: 'checkin', entity: 'driver_day', entityId: `${driver.id}:${date}`, before: previous, after: { status, checkedInAt, note } });
  }
  const entry = listCheckins(w, date).find((e) => e.driverId === driver.id) ?? {
    driverId: driver.id,
    name: driver.name,
    transporterId: driver.transporterId,
    status,
    checkedInAt,
    note,
    statusAt,
    scheduled: schedule.states.get(driver.id) ?? null,
    group: expectedGroup(schedule.hasSchedule, schedule.states.get(driver.id) ?? null),
    assignedRouteId: null,
    assignedRouteCode: null,
  };
  return { entry, previous };
}

/** Check in every given driver now (today only); drivers already in keep their time. One audited call. */
export function bulkCheckin(w: WriteContext, input: { date?: string | undefined; driverIds: number[] }): BulkCheckinResult {
  const today = stationToday(w.db, w.clock);
  const date = input.date ?? today;
  refuseOtherDay(date, today, 'Check-in');
  const ids = [...new Set(input.driverIds)];
  const found = new Set(w.db.select({ id: drivers.id }).from(drivers).where(inArray(drivers.id, ids)).all().map((d) => d.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw notFound('driver', missing.join(', '));
  const previous: BulkCheckinResult['previous'] = [];
  const checkedIn: CheckinEntry[] = [];
  let already = 0;
  const now = new Map(listCheckins(w, date).map((e) => [e.driverId, e]));
  for (const driverId of ids) {
    const before = now.get(driverId);
    if (before && ARRIVAL_STATUSES.includes(before.status) && before.checkedInAt) {
      already++;
      continue;
    }
    const r = setCheckin(w, { date, driverId, status: 'checked_in' });
    previous.push({ driverId, ...r.previous });
    checkedIn.push(r.entry);
  }
  return { date, checkedIn, already, previous };
}
