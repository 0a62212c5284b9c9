import { eq } from 'drizzle-orm';
import { routes } from '../../db/schema';
import type { ReadContext } from '../context';
import { bookingsWithout, loadBoardFacts, type BoardFacts } from './facts';
import { AppError, notFound } from '../../../shared/errors';
import { checkAssignment, hasHard, softOnly, sortConflicts, type Bookings } from '../../../shared/rules/board';
import type { BoardConflict, CheckResult } from '../../../shared/contract/board';

/** The board's rules applied to a wanted assignment: what conflicts, and which of them refuse it. */

export function routeDate(ctx: ReadContext, routeId: number): string {
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

export function checkBoard(ctx: ReadContext, input: { routeId: number; driverId?: number; vanId?: number | null; deviceId?: number | null }): CheckResult {
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
