import type { ScheduleRuleNote } from '../../contract/schedule';
import { addDays, daysBetween } from '../../station-time';

/** The limits a schedule is checked against (board limits + the schedule's overtime line). */
export interface ScheduleLimits {
  minRestHours: number;
  maxConsecutiveDays: number;
  /** In any 7 consecutive days. */
  maxWeeklyHours: number;
  /** Sunday–Saturday hours above this are overtime (information). */
  overtimeHours: number;
}

/** One shift on a date: start and end as minutes from the date's midnight (end may pass 24:00). */
export interface DayShift {
  date: string;
  startMin: number;
  endMin: number;
}

const hours = (min: number) => Math.round((min / 60) * 100) / 100;
const fmt = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(2).replace(/0$/, ''));

/**
 * The DOMAIN.md limits over a driver's shifts (history and planned, any order) for the week
 * `weekDates` (Sunday–Saturday): rest < minRestHours between two shifts, runs longer than
 * maxConsecutiveDays, more than maxWeeklyHours in any 7 consecutive days touching the week
 * (warnings); hours over `overtimeHours` in the week (information). At the limit is within it.
 */
export function scheduleNotes(shifts: readonly DayShift[], weekDates: readonly string[], limits: ScheduleLimits): ScheduleRuleNote[] {
  const notes: ScheduleRuleNote[] = [];
  const first = weekDates[0]!;
  const last = weekDates[weekDates.length - 1]!;
  const byDate = new Map<string, DayShift>();
  for (const s of shifts) byDate.set(s.date, s);
  const sorted = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const abs = (s: DayShift, m: number) => daysBetween(first, s.date) * 1440 + m;

  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.date < first || b.date > last) continue;
    const rest = abs(b, b.startMin) - abs(a, a.endMin);
    if (rest < limits.minRestHours * 60) {
      notes.push({ rule: 'REST_BETWEEN_SHIFTS', severity: 'warning', date: b.date, message: `only ${fmt(hours(rest))} h off before ${b.date} (minimum ${limits.minRestHours} h)` });
    }
  }

  for (const date of weekDates) {
    if (!byDate.has(date)) continue;
    let run = 1;
    while (byDate.has(addDays(date, -run))) run++;
    if (run === limits.maxConsecutiveDays + 1) {
      notes.push({ rule: 'CONSECUTIVE_DAYS', severity: 'warning', date, message: `${date} would be day ${run} in a row (limit ${limits.maxConsecutiveDays})` });
    }
  }

  // Every 7-day window that ends in the week (windows reaching back into last week included).
  let worst = { min: 0, end: '' };
  for (const end of weekDates) {
    let min = 0;
    for (let k = 0; k < 7; k++) {
      const s = byDate.get(addDays(end, -k));
      if (s) min += s.endMin - s.startMin;
    }
    if (min > worst.min) worst = { min, end };
  }
  if (worst.min > limits.maxWeeklyHours * 60) {
    notes.push({ rule: 'WEEKLY_HOURS', severity: 'warning', date: worst.end, message: `${fmt(hours(worst.min))} h in the 7 days to ${worst.end} (limit ${limits.maxWeeklyHours} h)` });
  }

  const weekMin = weekDates.reduce((sum, d) => sum + (byDate.has(d) ? byDate.get(d)!.endMin - byDate.get(d)!.startMin : 0), 0);
  if (weekMin > limits.overtimeHours * 60) {
    notes.push({ rule: 'OVERTIME', severity: 'info', date: null, message: `${fmt(hours(weekMin - limits.overtimeHours * 60))} h overtime (${fmt(hours(weekMin))} h in the week, over ${limits.overtimeHours} h)` });
  }
  return notes;
}

/** Hours over the overtime line (information). */
export const overtimeOf = (weekHours: number, overtimeHours: number) => Math.max(0, Math.round((weekHours - overtimeHours) * 100) / 100);
