/**
 * Station time: the one module for calendar dates and times of day at the station.
 *
 * - A station date is a `YYYY-MM-DD` string (the calendar at the station); an instant is a `Date`
 *   (ISO-8601 UTC when stored). The IANA time zone (`station.timeZone`) turns one into the other,
 *   daylight saving time included.
 * - Date arithmetic (`addDays`, `daysBetween`) is on calendar dates, never on instants, so a day is
 *   a day even when it is 23 or 25 hours long.
 * - DST: a wall time that does not exist (the spring-forward gap) moves forward by the gap, like
 *   the clock on the wall (02:30 → 03:30); a wall time that happens twice (fall back) is the first.
 */

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const MINUTE = 60_000;
const DAY = 86_400_000;

// ─── Calendar dates ──────────────────────────────────────────────────────────────────────────

/** Is `s` a real calendar date in YYYY-MM-DD form? */
export function isValidDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}

// ─── Instants → station wall clock ───────────────────────────────────────────────────────────

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The station's wall clock at `instant`: its date, minutes after midnight and seconds. */
export function stationClock(instant: Date, tz: string): { date: string; minutes: number; seconds: number } {
  const p: Record<string, string> = {};
  for (const part of formatter(tz).formatToParts(instant)) p[part.type] = part.value;
  const hour = Number(p.hour) % 24;
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: hour * 60 + Number(p.minute), seconds: Number(p.second) };
}

/** The station date of `instant` (YYYY-MM-DD). */
export const stationDate = (instant: Date, tz: string): string => stationClock(instant, tz).date;

/** Minutes after the station's midnight at `instant` (0–1439). */
export const stationMinutes = (instant: Date, tz: string): number => stationClock(instant, tz).minutes;

const offsetCache = new Map<string, number>();

/** Minutes the zone is ahead of UTC at `instant` (e.g. −480 for PST, −420 for PDT). */
export function zoneOffsetMinutes(instant: Date, tz: string): number {
  // Zone offsets only change on quarter-hour boundaries: cache per zone and quarter hour.
  const key = `${tz}|${Math.floor(instant.getTime() / 900_000)}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const { date, minutes, seconds } = stationClock(instant, tz);
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE + seconds * 1000;
  const off = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);
  if (offsetCache.size > 20_000) offsetCache.clear();
  offsetCache.set(key, off);
  return off;
}

// ─── Station wall clock → instants ───────────────────────────────────────────────────────────

/** "HH:MM" → minutes after midnight. */
export const hhmmToMinutes = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
/** Minutes after midnight → "HH:MM". */
export const minutesToHhmm = (m: number): string =>
  `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(Math.floor(m % 60)).padStart(2, '0')}`;

/**
 * The instant at which the station's clock reads `time` (minutes after midnight, or "HH:MM") on
 * `date` — e.g. a wave time. See the module note for the DST gap and overlap.
 */
export function stationInstant(date: string, time: number | string, tz: string): Date {
  const minutes = typeof time === 'string' ? hhmmToMinutes(time) : time;
  const wall = Date.parse(`${date}T00:00:00Z`) + Math.round(minutes * MINUTE);
  // A zone changes its offset at most once around any wall time: the offsets in force a day
  // either side are the only candidates. Keep those whose instant reads back as the wall time.
  const before = zoneOffsetMinutes(new Date(wall - DAY), tz);
  const after = zoneOffsetMinutes(new Date(wall + DAY), tz);
  const fits = [before, after]
    .map((off) => wall - off * MINUTE)
    .filter((t) => t + zoneOffsetMinutes(new Date(t), tz) * MINUTE === wall)
    .sort((a, b) => a - b);
  // In the gap no instant fits: the offset before the change moves the time forward by the gap.
  return new Date(fits[0] ?? wall - before * MINUTE);
}

/** The instant the station day `date` starts (its local midnight). */
export const dayStart = (date: string, tz: string): Date => stationInstant(date, 0, tz);

/** The instant the station day `date` ends: the next day's start (exclusive). */
export const dayEnd = (date: string, tz: string): Date => dayStart(addDays(date, 1), tz);

// ─── Formatting ──────────────────────────────────────────────────────────────────────────────

/** "HH:MM" on the station's clock at `instant`. */
export const formatStationTime = (instant: Date, tz: string): string => minutesToHhmm(stationMinutes(instant, tz));

/** "YYYY-MM-DD HH:MM" on the station's clock at `instant`. */
export function formatStationDateTime(instant: Date, tz: string): string {
  const c = stationClock(instant, tz);
  return `${c.date} ${minutesToHhmm(c.minutes)}`;
}
