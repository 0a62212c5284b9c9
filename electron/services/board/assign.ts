import { eq, inArray } from 'drizzle-orm';
import { assignments, routes } from '../../db/schema';
import type { ReadContext, WriteContext } from '../context';
import { bookingsWithout, loadBoardFacts, type AssignmentRow, type BoardFacts } from './facts';
import { conflictsFor, enforce, routeDate } from './check';
import { routeView, stateOf } from './view';
import { AppError } from '../../../shared/errors';
import { sortConflicts } from '../../../shared/rules/board';
import type { AssignmentState, BoardConflict, BoardWriteResult, RestoreInput, RestoreState } from '../../../shared/contract/board';

/** The board's writes: assign, unassign, swap, pin and restore (undo/redo); each is one call on the write path (one transaction, one audit entry with a line per further route). */

function writeState(w: WriteContext, f: BoardFacts, routeId: number, state: AssignmentState | null, action: string, reason: string | null): void {
  const before = f.assignments.get(routeId) ?? null;
  w.db.delete(assignments).where(eq(assignments.routeId, routeId)).run();
  let after: AssignmentRow | null = null;
  if (state) {
    after = w.db
      .insert(assignments)
      .values({
        routeId,
        date: f.date,
        driverId: state.driverId,
        vanId: state.vanId,
        deviceId: state.deviceId,
        pinned: state.pinned,
        overrideReason: state.overrideReason,
        assignedBy: w.actor.name,
        assignedAt: w.clock.now().toISOString(),
      })
      .returning()
      .get();
  }
  const route = f.routes.find((r) => r.id === routeId)!;
  const routeStatus = state ? (route.status === 'planned' ? 'assigned' : route.status) : route.status === 'assigned' ? 'planned' : route.status;
  if (routeStatus !== route.status) w.db.update(routes).set({ status: routeStatus, updatedAt: w.clock.now().toISOString() }).where(eq(routes.id, routeId)).run();
  w.audit({
    action,
    entity: 'route',
    entityId: routeId,
    before: before ? { code: route.code, ...stateOf(before) } : null,
    after: after ? { code: route.code, ...stateOf(after) } : null,
    reason,
  });
}

/** Reload and describe the touched routes after a write (inside the same transaction). */
function result(ctx: ReadContext, date: string, routeIds: number[], undo: RestoreInput, overridden: BoardConflict[]): BoardWriteResult {
  const f = loadBoardFacts(ctx, date);
  return { routes: routeIds.map((id) => routeView(f, id)), overridden, undo };
}

const undoOf = (f: BoardFacts, routeIds: number[]): RestoreInput => ({
  states: routeIds.map((routeId) => ({ routeId, assignment: stateOf(f.assignments.get(routeId)) })),
});

export function assignRoute(
  w: WriteContext,
  input: { routeId: number; driverId: number; vanId?: number | null; deviceId?: number | null; pinned?: boolean; override?: { reason: string } },
): BoardWriteResult {
  const f = loadBoardFacts(w, routeDate(w, input.routeId));
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
    w,
    f,
    input.routeId,
    { driverId: input.driverId, vanId, deviceId, pinned: input.pinned ?? prev?.pinned ?? false, overrideReason: reason },
    overridden.length > 0 ? 'assign (override)' : 'assign',
    reason ? `${reason} [overrode: ${overridden.map((c) => c.rule).join(', ')}]` : null,
  );
  return result(w, f.date, [input.routeId], undo, overridden);
}

export function unassignRoute(w: WriteContext, input: { routeId: number }): BoardWriteResult {
  const f = loadBoardFacts(w, routeDate(w, input.routeId));
  const undo = undoOf(f, [input.routeId]);
  if (f.assignments.has(input.routeId)) writeState(w, f, input.routeId, null, 'unassign', null);
  return result(w, f.date, [input.routeId], undo, []);
}

export function swapDrivers(w: WriteContext, input: { routeIdA: number; routeIdB: number; override?: { reason: string } }): BoardWriteResult {
  if (input.routeIdA === input.routeIdB) throw new AppError('VALIDATION', 'Pick two different routes to swap', { issues: [{ path: 'routeIdB', message: 'must differ from routeIdA' }] });
  const date = routeDate(w, input.routeIdA);
  if (routeDate(w, input.routeIdB) !== date) throw new AppError('VALIDATION', 'Both routes must be on the same day', { issues: [{ path: 'routeIdB', message: 'is on another day' }] });
  const f = loadBoardFacts(w, date);
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
  w.db.delete(assignments).where(inArray(assignments.routeId, ids)).run();
  for (const id of ids) {
    const s = next.get(id) ?? null;
    writeState(w, { ...f, assignments: new Map([[id, f.assignments.get(id)!]].filter(([, v]) => v) as [number, AssignmentRow][]) }, id, s && { ...s, overrideReason: reason }, 'swap', reason);
  }
  return result(w, f.date, ids, undo, overridden);
}

export function pinRoute(w: WriteContext, input: { routeId: number; pinned: boolean }): BoardWriteResult {
  const f = loadBoardFacts(w, routeDate(w, input.routeId));
  const a = f.assignments.get(input.routeId);
  if (!a) throw new AppError('CONFLICT', 'Only an assigned route can be pinned', { conflicts: [{ rule: 'NOT_ASSIGNED', message: 'the route has no assignment', severity: 'hard' }] });
  const undo = undoOf(f, [input.routeId]);
  if (a.pinned !== input.pinned) {
    w.db.update(assignments).set({ pinned: input.pinned }).where(eq(assignments.id, a.id)).run();
    w.audit({ action: input.pinned ? 'pin' : 'unpin', entity: 'route', entityId: input.routeId, before: { pinned: a.pinned }, after: { pinned: input.pinned } });
  }
  return result(w, f.date, [input.routeId], undo, []);
}

/**
 * Put routes back to given states (undo / redo). Hard rules are checked against the day as it is
 * now (a van grounded since cannot come back); soft ones were accepted when first saved, so the
 * stored override reason travels with the state.
 */
export function restoreStates(w: WriteContext, input: { states: RestoreState[] }): BoardWriteResult {
  const ids = input.states.map((s) => s.routeId);
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', 'A route appears twice', { issues: [{ path: 'states', message: 'duplicate routeId' }] });
  const date = routeDate(w, ids[0]!);
  for (const id of ids) if (routeDate(w, id) !== date) throw new AppError('VALIDATION', 'All routes must be on the same day', { issues: [{ path: 'states', message: 'mixed dates' }] });
  const f = loadBoardFacts(w, date);
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
  w.db.delete(assignments).where(inArray(assignments.routeId, ids)).run();
  for (const s of input.states) {
    const prev = f.assignments.get(s.routeId);
    const same = JSON.stringify(stateOf(prev)) === JSON.stringify(s.assignment);
    if (same && prev) {
      // Unchanged: put the row back as it was (keeps who/when).
      w.db.insert(assignments).values(prev).run();
      continue;
    }
    if (same) continue;
    writeState(w, { ...f, assignments: prev ? new Map([[s.routeId, prev]]) : new Map() }, s.routeId, s.assignment, 'restore', s.assignment?.overrideReason ?? null);
  }
  return result(w, f.date, ids, undo, []);
}
