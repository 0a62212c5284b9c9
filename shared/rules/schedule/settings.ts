import type { ScheduleSettings, WeekdayForecast } from '../../contract/schedule';

const day = (routes: number, standby: number, step: number, edv: number): WeekdayForecast => ({ routes, standby, needs: { STEP_VAN: step, EDV: edv } });

/**
 * Defaults (DOMAIN.md): a scheduled day counts 10 h on duty (the day's limit), drivers report 30 min
 * before their wave (pre-trip and load-out), over 40 h a week is overtime; targets 5 days / 50 h.
 * The per-weekday forecast is a placeholder a station sets; a date with a route sheet uses its count.
 */
export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = {
  shiftHours: 10,
  shiftStart: '09:35',
  reportBeforeWaveMin: 30,
  overtimeHours: 40,
  defaultDaysPerWeek: 5,
  defaultHoursPerWeek: 50,
  forecast: [day(24, 2, 2, 6), day(30, 3, 2, 8), day(30, 3, 2, 8), day(30, 3, 2, 8), day(30, 3, 2, 8), day(32, 3, 2, 9), day(28, 2, 2, 7)],
};

/** Sunday of the week (Sunday–Saturday, the scorecard's weeks) containing `date`. */
export function weekStartOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - d.getUTCDay());
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
