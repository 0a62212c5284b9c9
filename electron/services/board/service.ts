import { and, eq, inArray, isNull } from 'drizzle-orm';
import { assignments, driverDays, drivers, routes } from '../../db/schema';
import type { ServiceContext } from '../context';
import { writeAudit } from '../audit';
import { stationToday } from '../station/station';
import { bookingsWithout, loadBoardFacts, type AssignmentRow, type BoardFacts } from './facts';
import { AppError, notFound } from '../../../shared/errors';
import { checkAssignment, hasHard, softOnly, sortConflicts, type Bookings } from '../../../shared/rules/board';
import { isAssignable } from '../../../shared/rules/fleet/readiness';
import type {
  AssignmentState,
  BoardConflict,
  BoardDriver,
  BoardRoute,
  BoardVan,
  BoardView,
  BoardWriteResult,
  CheckResult,
  CheckinEntry,
  CheckinSetResult,
  RestoreInput,
  RestoreState,
} from '../../../shared/contract/board';
import type { DayStatus, VanType } from '../../../shared/domain';

/** Run `fn` in one transaction with a context whose db is the transaction. */
export function inTx<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => T): T {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: txDb(ctx, tx) }));
}

/**
 * The transaction as a Db. Readers that use the raw connection (`db.$client`, e.g. readiness)
 * get the same connection, which is inside the transaction.
 */
export function txDb(ctx: ServiceContext, tx: unknown): ServiceContext['db'] {
  const db = tx as ServiceContext['db'];
  if (!db.$client) Object.defineProperty(db, '$client', { value: ctx.db.$client, enumerable: false });
  return db;
}

export const dateOr = (ctx: ServiceContext, date: string | null | undefined) => date ?? stationToday(ctx.db, ctx.clock);

// ------------------------------------------------------------------ views

const stateOf = (a: AssignmentRow | undefined | null): AssignmentState | null =>
  a ? { driverId: a.driverId, vanId: a.vanId, deviceId: a.deviceId, pinned: a.pinned, overrideReason: a.overrideReason } : null;

/** Conflicts of a route's current assignment against the rest of the day. */
export function currentConflicts(f: BoardFacts, routeId: number): BoardConflict[] {
  const a = f.assignments.get(routeId);
  const rf = f.routeFacts.get(routeId);
  if (!a || !rf) return [];
  const d = f.drivers.get(a.driverId)?.facts ?? null;
  const v = a.vanId != null ? (f.vans.get(a.vanId)?.facts ?? null) : null;
  return checkAssignment(rf, { driver: d, van: v, deviceId: a.deviceId }, f.bookings, f.limits);
}

export function routeView(f: BoardFacts, routeId: number): BoardRoute {
  const r = f.routes.find((x) => x.id === routeId);
  if (!r) throw notFound('route', routeId);
  const a = f.assignments.get(routeId) ?? null;
  const d = a ? f.drivers.get(a.driverId) : undefined;
  const v = a?.vanId != null ? f.vans.get(a.vanId) : undefined;
  const dev = a?.deviceId != null ? f.devices.get(a.deviceId) : undefined;
  return {
    id: r.id,
    date: r.date,
    code: r.code,
    wave: r.wave,
    staging: r.staging,
    serviceType: r.serviceType,
    plannedDurationMin: r.plannedDurationMin,
    stops: r.stops,
    packages: r.packages,
    plannedDistanceMi: r.plannedDistanceMi,
    vanType: (r.vanType as VanType | null) ?? null,
    allowedVanTypes: [...f.routeFacts.get(r.id)!.allowedVanTypes],
    notes: r.notes,
    status: r.status,
    assignment: a
      ? { id: a.id, routeId: a.routeId, assignedBy: a.assignedBy, assignedAt: a.assignedAt, ...stateOf(a)! }
      : null,
    driver: d ? { id: d.row.id, name: d.row.name, transporterId: d.row.transporterId } : null,
    van: v ? { id: v.row.id, name: v.row.name, type: v.row.type } : null,
    device: dev ? { id: dev.id, identifier: dev.identifier, label: dev.label } : null,
    conflicts: currentConflicts(f, routeId),
  };
}

function driverView(f: BoardFacts, id: number): BoardDriver {
  const d = f.drivers.get(id)!;
  const own: BoardConflict[] = [...d.facts.warnings];
  if (d.row.licenceExpiry) {
    if (d.row.licenceExpiry < f.date) own.unshift({ rule: 'LICENCE_EXPIRED', message: `licence expired on ${d.row.licenceExpiry}`, severity: 'hard' });
  }
  return {
    id,
    name: d.row.name,
    transporterId: d.row.transporterId,
    qualifications: d.row.qualifications,
    dayStatus: d.facts.dayStatus,
    checkedInAt: d.facts.checkedInAt,
    hoursThisWeek: d.hoursThisWeek,
    licenceExpiry: d.row.licenceExpiry,
    usualVanId: d.row.usualVanId,
    tier: d.tier,
    warnings: own,
    assignedRouteId: f.bookings.driverRoute.get(id)?.routeId ?? null,
  };
}

function vanView(f: BoardFacts, id: number): BoardVan {
  const v = f.vans.get(id)!;
  return {
    id,
    name: v.row.name,
    type: v.row.type,
    readiness: v.facts.readiness,
    readinessReasons: [...v.facts.reasons],
    stateOfChargePct: v.row.stateOfChargePct,
    usableRangeMi: v.row.usableRangeMi,
    rangeMi: v.facts.rangeMi == null ? null : Math.round(v.facts.rangeMi),
    deviceId: v.deviceId,
    assignedRouteId: f.bookings.vanRoute.get(id)?.routeId ?? null,
  };
}

export const isAvailableDriver = (f: BoardFacts, id: number) => {
  const d = f.drivers.get(id);
  if (!d || d.facts.archived || d.facts.status !== 'active') return false;
  return !['called_out', 'off', 'no_show'].includes(d.facts.dayStatus);
};

export function boardView(f: BoardFacts): BoardView {
  const routesOut = f.routes.map((r) => routeView(f, r.id));
  const avail = [...f.drivers.keys()].filter((id) => isAvailableDriver(f, id));
  const ready = [...f.vans.values()].filter((v) => v.row.archivedAt === null && isAssignable(v.facts.readiness)).map((v) => v.row.id);
  const freeDrivers = avail.filter((id) => !f.bookings.driverRoute.has(id));
  const freeVans = ready.filter((id) => !f.bookings.vanRoute.has(id));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { numeric: true });
  return {
    date: f.date,
    station: f.station ? { code: f.station.code, name: f.station.name, dspCode: f.station.dspCode } : null,
    counts: {
      routes: routesOut.length,
      assigned: routesOut.filter((r) => r.assignment).length,
      unassigned: routesOut.filter((r) => !r.assignment && r.status !== 'cancelled').length,
      availableDrivers: avail.length,
      checkedIn: avail.filter((id) => f.drivers.get(id)!.facts.dayStatus === 'checked_in' || !!f.drivers.get(id)!.facts.checkedInAt).length,
      readyVans: ready.length,
      freeDrivers: freeDrivers.length,
      freeVans: freeVans.length,
    },
    routes: routesOut,
    availableDrivers: freeDrivers.map((id) => driverView(f, id)).sort(byName),
    readyVans: freeVans.map((id) => vanView(f, id)).sort(byName),
  };
}

export function listBoard(ctx: ServiceContext, date?: string | null): BoardView {
  return boardView(loadBoardFacts(ctx, dateOr(ctx, date)));
}

// ------------------------------------------------------------------ checks

function routeDate(ctx: ServiceContext, routeId: number): string {
  const r = ctx.db.select({ date: routes.date }).from(routes).where(eq(routes.id, routeId)).get();
  if (!r) throw notFound('route', routeId);
  return r.date;
}

interface Wanted {
  driverId?: number;
  vanId?: number | null;
  deviceId?: number | null;
}

/** Rules for `w` on `routeId` against `bookings` (the day's other routes). */
export function conflictsFor(f: BoardFacts, routeId: number, w: Wanted, bookings: Bookings): BoardConflict[] {
  const rf = f.routeFacts.get(routeId);
  if (!rf) throw notFound('route', routeId);
  const extra: BoardConflict[] = [];
  const route = f.routes.find((r) => r.id === routeId)!;
  if (route.status === 'cancelled') extra.push({ rule: 'ROUTE_CANCELLED', message: `route ${route.code} is cancelled`, severity: 'hard' });
  let driver = null;
  if (w.driverId != null) {
    driver = f.drivers.get(w.driverId)?.facts ?? null;
    if (!driver) throw notFound('driver', w.driverId);
  }
  let van = null;
  if (w.vanId != null) {
    van = f.vans.get(w.vanId)?.facts ?? null;
    if (!van) throw notFound('van', w.vanId);
  }
  if (w.deviceId != null && !f.devices.has(w.deviceId)) throw notFound('device', w.deviceId);
  const list = checkAssignment(rf, { driver, van, deviceId: w.deviceId ?? null }, bookings, f.limits);
  // Without a driver, a missing van is not a conflict yet (the picker checks one side at a time).
  return sortConflicts([...extra, ...list]);
}

export function checkBoard(ctx: ServiceContext, input: { routeId: number; driverId?: number; vanId?: number | null; deviceId?: number | null }): CheckResult {
  const f = loadBoardFacts(ctx, routeDate(ctx, input.routeId));
  const conflicts = conflictsFor(f, input.routeId, input, bookingsWithout(f, [input.routeId]));
  const isHard = hasHard(conflicts);
  return { ok: conflicts.length === 0, hard: isHard, soft: softOnly(conflicts).length > 0, conflicts };
}

/** Refuse hard conflicts; refuse soft ones without an override reason. Returns the overridden ones. */
export function enforce(conflicts: BoardConflict[], override: { reason: string } | undefined, what: string): BoardConflict[] {
  const hardOnes = conflicts.filter((c) => c.severity === 'hard');
  if (hardOnes.length > 0) {
    throw new AppError('CONFLICT', `${what} refused: ${hardOnes.map((c) => c.message).join('; ')}`, { conflicts });
  }
  const softOnes = softOnly(conflicts);
  if (softOnes.length > 0 && !override) {
    throw new AppError('CONFLICT', `${what} needs an override reason: ${softOnes.map((c) => c.message).join('; ')}`, {
      conflicts: softOnes,
      overridable: true,
    });
  }
  return softOnes;
}

// ------------------------------------------------------------------ writes

function writeState(ctx: ServiceContext, f: BoardFacts, routeId: number, state: AssignmentState | null, action: string, reason: string | null): void {
  const before = f.assignments.get(routeId) ?? null;
  ctx.db.delete(assignments).where(eq(assignments.routeId, routeId)).run();
  let after: AssignmentRow | null = null;
  if (state) {
    after = ctx.db
      .insert(assignments)
      .values({
        routeId,
        date: f.date,
        driverId: state.driverId,
        vanId: state.vanId,
        deviceId: state.deviceId,
        pinned: state.pinned,
        overrideReason: state.overrideReason,
        assignedBy: ctx.actor.name,
        assignedAt: ctx.clock.now().toISOString(),
      })
      .returning()
      .get();
  }
  const route = f.routes.find((r) => r.id === routeId)!;
  const routeStatus = state ? (route.status === 'planned' ? 'assigned' : route.status) : route.status === 'assigned' ? 'planned' : route.status;
  if (routeStatus !== route.status) ctx.db.update(routes).set({ status: routeStatus, updatedAt: ctx.clock.now().toISOString() }).where(eq(routes.id, routeId)).run();
  writeAudit(ctx.db, ctx.actor, ctx.clock.now(), {
    action,
    entity: 'route',
    entityId: routeId,
    before: before ? { code: route.code, ...stateOf(before) } : null,
    after: after ? { code: route.code, ...stateOf(after) } : null,
    reason,
  });
}

/** Reload and describe the touched routes after a write (inside the same transaction). */
function result(ctx: ServiceContext, date: string, routeIds: number[], undo: RestoreInput, overridden: BoardConflict[]): BoardWriteResult {
  const f = loadBoardFacts(ctx, date);
  return { routes: routeIds.map((id) => routeView(f, id)), overridden, undo };
}

const undoOf = (f: BoardFacts, routeIds: number[]): RestoreInput => ({
  states: routeIds.map((routeId) => ({ routeId, assignment: stateOf(f.assignments.get(routeId)) })),
});

export function assignRoute(
  ctx: ServiceContext,
  input: { routeId: number; driverId: number; vanId?: number | null; deviceId?: number | null; pinned?: boolean; override?: { reason: string } },
): BoardWriteResult {
  return inTx(ctx, (tx) => {
    const f = loadBoardFacts(tx, routeDate(tx, input.routeId));
    const bookings = bookingsWithout(f, [input.routeId]);
    const vanId = input.vanId ?? null;
    // Default device: the one linked to the van, when it is not handed out elsewhere.
    let deviceId = input.deviceId;
    if (deviceId === undefined) {
      const linked = vanId != null ? (f.vans.get(vanId)?.deviceId ?? null) : null;
      deviceId = linked != null && !bookings.deviceRoute.has(linked) ? linked : null;
    }
    const conflicts = conflictsFor(f, input.routeId, { driverId: input.driverId, vanId, deviceId }, bookings);
    const overridden = enforce(conflicts, input.override, 'Assignment');
    const undo = undoOf(f, [input.routeId]);
    const prev = f.assignments.get(input.routeId);
    const reason = overridden.length > 0 ? input.override!.reason : null;
    writeState(
      tx,
      f,
      input.routeId,
      { driverId: input.driverId, vanId, deviceId, pinned: input.pinned ?? prev?.pinned ?? false, overrideReason: reason },
      overridden.length > 0 ? 'assign (override)' : 'assign',
      reason ? `${reason} [overrode: ${overridden.map((c) => c.rule).join(', ')}]` : null,
    );
    return result(tx, f.date, [input.routeId], undo, overridden);
  });
}

export function unassignRoute(ctx: ServiceContext, input: { routeId: number }): BoardWriteResult {
  return inTx(ctx, (tx) => {
    const f = loadBoardFacts(tx, routeDate(tx, input.routeId));
    const undo = undoOf(f, [input.routeId]);
    if (f.assignments.has(input.routeId)) writeState(tx, f, input.routeId, null, 'unassign', null);
    return result(tx, f.date, [input.routeId], undo, []);
  });
}

export function swapDrivers(ctx: ServiceContext, input: { routeIdA: number; routeIdB: number; override?: { reason: string } }): BoardWriteResult {
  if (input.routeIdA === input.routeIdB) throw new AppError('VALIDATION', 'Pick two different routes to swap', { issues: [{ path: 'routeIdB', message: 'must differ from routeIdA' }] });
  return inTx(ctx, (tx) => {
    const date = routeDate(tx, input.routeIdA);
    if (routeDate(tx, input.routeIdB) !== date) throw new AppError('VALIDATION', 'Both routes must be on the same day', { issues: [{ path: 'routeIdB', message: 'is on another day' }] });
    const f = loadBoardFacts(tx, date);
    const a = f.assignments.get(input.routeIdA);
    const b = f.assignments.get(input.routeIdB);
    if (!a && !b) throw new AppError('CONFLICT', 'Neither route has a driver to swap', { conflicts: [] });
    const ids = [input.routeIdA, input.routeIdB];
    const bookings = bookingsWithout(f, ids);
    // New states: drivers change places, vans and devices stay with the routes.
    const next = new Map<number, AssignmentState | null>();
    const build = (own: AssignmentRow | undefined, other: AssignmentRow | undefined): AssignmentState | null =>
      other ? { driverId: other.driverId, vanId: own?.vanId ?? null, deviceId: own?.deviceId ?? null, pinned: own?.pinned ?? false, overrideReason: null } : null;
    next.set(input.routeIdA, build(a, b));
    next.set(input.routeIdB, build(b, a));
    const conflicts: BoardConflict[] = [];
    for (const id of ids) {
      const s = next.get(id);
      if (!s) continue;
      const route = f.routes.find((r) => r.id === id)!;
      const list = conflictsFor(f, id, s, bookings).map((c) => ({ ...c, message: `${route.code}: ${c.message}` }));
      conflicts.push(...list);
      bookings.driverRoute.set(s.driverId, { routeId: id, code: route.code });
      if (s.vanId != null) bookings.vanRoute.set(s.vanId, { routeId: id, code: route.code });
      if (s.deviceId != null) bookings.deviceRoute.set(s.deviceId, { routeId: id, code: route.code });
    }
    const overridden = enforce(sortConflicts(conflicts), input.override, 'Swap');
    const undo = undoOf(f, ids);
    const reason = overridden.length > 0 ? input.override!.reason : null;
    // Delete both first so the unique (date, driver) index never sees the driver twice.
    tx.db.delete(assignments).where(inArray(assignments.routeId, ids)).run();
    for (const id of ids) {
      const s = next.get(id) ?? null;
      writeState(tx, { ...f, assignments: new Map([[id, f.assignments.get(id)!]].filter(([, v]) => v) as [number, AssignmentRow][]) }, id, s && { ...s, overrideReason: reason }, 'swap', reason);
    }
    return result(tx, f.date, ids, undo, overridden);
  });
}

export function pinRoute(ctx: ServiceContext, input: { routeId: number; pinned: boolean }): BoardWriteResult {
  return inTx(ctx, (tx) => {
    const f = loadBoardFacts(tx, routeDate(tx, input.routeId));
    const a = f.assignments.get(input.routeId);
    if (!a) throw new AppError('CONFLICT', 'Only an assigned route can be pinned', { conflicts: [{ rule: 'NOT_ASSIGNED', message: 'the route has no assignment', severity: 'hard' }] });
    const undo = undoOf(f, [input.routeId]);
    if (a.pinned !== input.pinned) {
      tx.db.update(assignments).set({ pinned: input.pinned }).where(eq(assignments.id, a.id)).run();
      writeAudit(tx.db, tx.actor, tx.clock.now(), { action: input.pinned ? 'pin' : 'unpin', entity: 'route', entityId: input.routeId, before: { pinned: a.pinned }, after: { pinned: input.pinned } });
    }
    return result(tx, f.date, [input.routeId], undo, []);
  });
}

/**
 * Put routes back to given states (undo / redo). Hard rules are checked against the day as it is
 * now (a van grounded since cannot come back); soft ones were accepted when first saved, so the
 * stored override reason travels with the state.
 */
export function restoreStates(ctx: ServiceContext, input: { states: RestoreState[] }): BoardWriteResult {
  return inTx(ctx, (tx) => {
    const ids = input.states.map((s) => s.routeId);
    if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', 'A route appears twice', { issues: [{ path: 'states', message: 'duplicate routeId' }] });
    const date = routeDate(tx, ids[0]!);
    for (const id of ids) if (routeDate(tx, id) !== date) throw new AppError('VALIDATION', 'All routes must be on the same day', { issues: [{ path: 'states', message: 'mixed dates' }] });
    const f = loadBoardFacts(tx, date);
    const bookings = bookingsWithout(f, ids);
    const conflicts: BoardConflict[] = [];
    for (const s of input.states) {
      if (!s.assignment) continue;
      const route = f.routes.find((r) => r.id === s.routeId)!;
      const list = conflictsFor(f, s.routeId, s.assignment, bookings).filter((c) => c.severity === 'hard');
      conflicts.push(...list.map((c) => ({ ...c, message: `${route.code}: ${c.message}` })));
      bookings.driverRoute.set(s.assignment.driverId, { routeId: s.routeId, code: route.code });
      if (s.assignment.vanId != null) bookings.vanRoute.set(s.assignment.vanId, { routeId: s.routeId, code: route.code });
      if (s.assignment.deviceId != null) bookings.deviceRoute.set(s.assignment.deviceId, { routeId: s.routeId, code: route.code });
    }
    if (conflicts.length > 0) throw new AppError('CONFLICT', `Cannot restore: ${conflicts.map((c) => c.message).join('; ')}`, { conflicts });
    const undo = undoOf(f, ids);
    tx.db.delete(assignments).where(inArray(assignments.routeId, ids)).run();
    for (const s of input.states) {
      const prev = f.assignments.get(s.routeId);
      const same = JSON.stringify(stateOf(prev)) === JSON.stringify(s.assignment);
      if (same && prev) {
        // Unchanged: put the row back as it was (keeps who/when).
        tx.db.insert(assignments).values(prev).run();
        continue;
      }
      if (same) continue;
      writeState(tx, { ...f, assignments: prev ? new Map([[s.routeId, prev]]) : new Map() }, s.routeId, s.assignment, 'restore', s.assignment?.overrideReason ?? null);
    }
    return result(tx, f.date, ids, undo, []);
  });
}

// ------------------------------------------------------------------ check-in

export function listCheckins(ctx: ServiceContext, date?: string | null): CheckinEntry[] {
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

export function setCheckin(ctx: ServiceContext, input: { date?: string | null; driverId: number; status: DayStatus; at?: string; note?: string }): CheckinSetResult {
  const date = dateOr(ctx, input.date);
  return inTx(ctx, (tx) => {
    const driver = tx.db.select().from(drivers).where(eq(drivers.id, input.driverId)).get();
    if (!driver) throw notFound('driver', input.driverId);
    const prev = tx.db.select().from(driverDays).where(and(eq(driverDays.driverId, input.driverId), eq(driverDays.date, date))).get();
    const previous = { status: (prev?.status ?? 'scheduled') as DayStatus, checkedInAt: prev?.checkedInAt ?? null, note: prev?.note ?? '' };
    const now = tx.clock.now().toISOString();
    const at = input.at ? new Date(input.at).toISOString() : null;
    const checkedInAt = input.status === 'checked_in' ? (at ?? (previous.checkedInAt && previous.status === 'checked_in' ? previous.checkedInAt : now)) : input.status === 'late' ? at : null;
    const note = input.note ?? previous.note;
    tx.db
      .insert(driverDays)
      .values({ driverId: input.driverId, date, status: input.status, checkedInAt, note, updatedAt: now })
      .onConflictDoUpdate({ target: [driverDays.driverId, driverDays.date], set: { status: input.status, checkedInAt, note, updatedAt: now } })
      .run();
    writeAudit(tx.db, tx.actor, tx.clock.now(), {
      action: 'checkin',
      entity: 'driver_day',
      entityId: `${input.driverId}:${date}`,
      before: previous,
      after: { status: input.status, checkedInAt, note },
    });
    const entry = listCheckins(tx, date).find((e) => e.driverId === input.driverId) ?? {
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
  });
}
