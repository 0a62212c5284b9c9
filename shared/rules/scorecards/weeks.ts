/**
 * Amazon scorecard weeks: Sunday–Saturday, written `YYYY-Www`. Week 1 of a year is the
 * Sunday–Saturday week that contains 1 January; a week belongs to the year its Saturday falls in
 * (so the week of 28 Dec–3 Jan is week 1 of the new year). A year has 52 or 53 weeks.
 */
import { addDays, isValidDate } from '../../station-time';

export const WEEK_RE = /^(\d{4})-W(\d{2})$/;

const dow = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday

/** The Sunday that starts week 1 of `year`. */
export function week1Start(year: number): string {
  const jan1 = `${String(year).padStart(4, '0')}-01-01`;
  return addDays(jan1, -dow(jan1));
}

/** The Sunday on or before `date`. */
export function weekSunday(date: string): string {
  return addDays(date, -dow(date));
}

/** The scorecard week containing `date` (YYYY-MM-DD). */
export function weekOf(date: string): string {
  const sunday = weekSunday(date);
  const saturday = addDays(sunday, 6);
  const year = Number(saturday.slice(0, 4));
  const n = Math.round((Date.parse(`${sunday}T00:00:00Z`) - Date.parse(`${week1Start(year)}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** Sunday and Saturday of a week, or null when the label is not a real week. */
export function weekRange(week: string): { start: string; end: string } | null {
  const m = WEEK_RE.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  const start = addDays(week1Start(year), 7 * (n - 1));
  const end = addDays(start, 6);
  if (!isValidDate(start) || Number(end.slice(0, 4)) !== year) return null;
  return { start, end };
}

export const isValidWeek = (week: string) => weekRange(week) !== null;

/** The week `n` weeks after (negative: before) `week`. */
export function addWeeks(week: string, n: number): string {
  const r = weekRange(week);
  if (!r) throw new Error(`not a week: ${week}`);
  return weekOf(addDays(r.start, 7 * n));
}

/** Human label: "Week 47 (Nov 15–21, 2026)". */
export function weekLabel(week: string): string {
  const r = weekRange(week);
  if (!r) return week;
  const fmt = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return `Week ${Number(week.slice(6))} (${fmt(r.start)}–${fmt(r.end)}, ${r.end.slice(0, 4)})`;
}
