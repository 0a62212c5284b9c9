import { and, eq, isNull } from 'drizzle-orm';
import { assignments, driverDays, drivers, routes } from '../../db/schema';
import type { ReadContext, WriteContext } from '../context';
import { dateOr } from './facts';
import { notFound } from '../../../shared/errors';
import type { CheckinEntry, CheckinSetResult } from '../../../shared/contract/board';
import type { DayStatus } from '../../../shared/domain';

/** Check-in: each active driver's day status (scheduled, checked in, late, called out…) on a date. */

export function listCheckins(ctx: ReadContext, date?: string | null): CheckinEntry[] {
  const d = dateOr(ctx, date);
  const rows = ctx.db
    .select({ id: drivers.id, name: drivers.name, tid: drivers.transporterId, status: driverDays.status, at: driverDays.checkedInAt, note: driverDays.note })
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
    .map((r) => ({
      driverId: r.id,
      name: r.name,
      transporterId: r.tid,
      status: (r.status ?? 'scheduled') as DayStatus,
      checkedInAt: r.at ?? null,
      note: r.note ?? '',
      assignedRouteId: booked.get(r.id)?.routeId ?? null,
      assignedRouteCode: booked.get(r.id)?.code ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

export function setCheckin(w: WriteContext, input: { date?: string | null; driverId: number; status: DayStatus; at?: string; note?: string }): CheckinSetResult {
  const date = dateOr(w, input.date);
  const driver = w.db.select().from(drivers).where(eq(drivers.id, input.driverId)).get();
  if (!driver) throw notFound('driver', input.driverId);
  const prev = w.db.select().from(driverDays).where(and(eq(driverDays.driverId, input.driverId), eq(driverDays.date, date))).get();
  const previous = { status: (prev?.status ?? 'scheduled') as DayStatus, checkedInAt: prev?.checkedInAt ?? null, note: prev?.note ?? '' };
  const now = w.clock.now().toISOString();
  const at = input.at ? new Date(input.at).toISOString() : null;
  const checkedInAt = input.status === 'checked_in' ? (at ?? (previous.checkedInAt && previous.status === 'checked_in' ? previous.checkedInAt : now)) : input.status === 'late' ? at : null;
  const note = input.note ?? previous.note;
  w.db
    .insert(driverDays)
    .values({ driverId: input.driverId, date, status: input.status, checkedInAt, note, updatedAt: now })
    .onConflictDoUpdate({ target: [driverDays.driverId, driverDays.date], set: { status: input.status, checkedInAt, note, updatedAt: now } })
    .run();
  w.audit({
    action: 'checkin',
    entity: 'driver_day',
    entityId: `${input.driverId}:${date}`,
    before: previous,
    after: { status: input.status, checkedInAt, note },
  });
  const entry = listCheckins(w, date).find((e) => e.driverId === input.driverId) ?? {
    driverId: driver.id,
    name: driver.name,
    transporterId: driver.transporterId,
    status: input.status,
    checkedInAt,
    note,
    assignedRouteId: null,
    assignedRouteCode: null,
  };
  return { entry, previous };
}
