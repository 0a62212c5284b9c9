import { and, eq, min } from 'drizzle-orm';
import { assignments, routes, scheduleDays } from '../../db/schema';
import type { ReadDb } from '../context';
import { stationTimeZone } from '../station/station';
import { getScheduleSettings } from './settings';
import { stationInstant } from '../../../shared/station-time';
import type { ScheduleState } from '../../../shared/rules/schedule/states';

/** The schedule of one date: each scheduled driver's state, and whether the date has a schedule at all. */
export interface DaySchedule {
  hasSchedule: boolean;
  states: Map<number, ScheduleState>;
}

export function scheduleOfDay(db: ReadDb, date: string): DaySchedule {
  const rows = db.select({ driverId: scheduleDays.driverId, state: scheduleDays.state }).from(scheduleDays).where(eq(scheduleDays.date, date)).all();
  return { hasSchedule: rows.length > 0, states: new Map(rows.map((r) => [r.driverId, r.state])) };
}

export const NO_SCHEDULE_NOTICE = 'No schedule for this day — every active driver is expected.';

/**
 * When the driver should be at the station: their route's wave (else the day's first wave) minus the
 * report time (`reportBeforeWaveMin`). Null when the date has no routes: nobody can be late then.
 */
export function reportByOf(db: ReadDb, date: string, driverId: number): Date | null {
  const own = db
    .select({ wave: routes.wave })
    .from(assignments)
    .innerJoin(routes, eq(routes.id, assignments.routeId))
    .where(and(eq(assignments.date, date), eq(assignments.driverId, driverId)))
    .get();
  const wave = own?.wave ?? db.select({ wave: min(routes.wave) }).from(routes).where(eq(routes.date, date)).get()?.wave ?? null;
  if (!wave) return null;
  const at = stationInstant(date, wave, stationTimeZone(db));
  return new Date(at.getTime() - getScheduleSettings(db).reportBeforeWaveMin * 60_000);
}
