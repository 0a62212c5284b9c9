import type { DayStatus } from '../../domain';

/**
 * The week's schedule: each driver's planned state per date, and what it means on the day.
 * No schedule rows at all for a date = no schedule for that day: every active driver is expected
 * (the behaviour before schedules existed), and the board says so.
 */
export const SCHEDULE_STATES = ['working', 'standby', 'off', 'requested_off', 'pto'] as const;
export type ScheduleState = (typeof SCHEDULE_STATES)[number];

export const SCHEDULE_STATE_LABEL: Record<ScheduleState, string> = {
  working: 'Working',
  standby: 'Standby',
  off: 'Off',
  requested_off: 'Requested off',
  pto: 'PTO',
};

/** One letter per state on the week grid (W S O R P). */
export const SCHEDULE_STATE_KEY: Record<ScheduleState, string> = { working: 'W', standby: 'S', off: 'O', requested_off: 'R', pto: 'P' };
export const SCHEDULE_STATE_OF_KEY: Record<string, ScheduleState> = Object.fromEntries(
  Object.entries(SCHEDULE_STATE_KEY).map(([state, key]) => [key.toLowerCase(), state as ScheduleState]),
);

/** States the fill never changes: the driver asked for the day (requested off, PTO). */
export const LOCKED_STATES: readonly ScheduleState[] = ['requested_off', 'pto'];

/** Where a driver stands on the day's expected list. */
export type ExpectedGroup = 'expected' | 'standby' | 'not_expected';

export function expectedGroup(hasSchedule: boolean, state: ScheduleState | null): ExpectedGroup {
  if (!hasSchedule) return 'expected';
  if (state === 'working') return 'expected';
  if (state === 'standby') return 'standby';
  return 'not_expected';
}

/**
 * A driver's day status when nobody has recorded one: expected and standby drivers are
 * "scheduled" (not here yet); drivers the schedule does not expect are "off".
 */
export function defaultDayStatus(hasSchedule: boolean, state: ScheduleState | null): DayStatus {
  return expectedGroup(hasSchedule, state) === 'not_expected' ? 'off' : 'scheduled';
}

/** Check-in statuses that say the driver is at the station (so only today can have them). */
export const ARRIVAL_STATUSES: readonly DayStatus[] = ['checked_in', 'late'];
/** Statuses that need a reason (recorded with the time they were set). */
export const REASON_STATUSES: readonly DayStatus[] = ['called_out', 'no_show'];

/**
 * Late: checked in after the driver's wave minus `reportBeforeWaveMin` (their report time). The wave
 * is the driver's route's wave, else the day's first wave; no wave (no routes) → never late.
 */
export function isLate(checkinAt: Date, reportBy: Date | null): boolean {
  return reportBy !== null && checkinAt.getTime() > reportBy.getTime();
}
