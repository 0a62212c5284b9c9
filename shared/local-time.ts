/**
 * Station-local wall-clock time ↔ UTC instants, with DST handled by the IANA time zone.
 * (shared/dates.ts does calendar dates; this is for times of day at the station.)
 */
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

/** Wall-clock parts of `instant` in `tz`. */
export function zonedParts(instant: Date, tz: string): { date: string; minutes: number; seconds: number } {
  const p: Record<string, string> = {};
  for (const part of formatter(tz).formatToParts(instant)) p[part.type] = part.value;
  const hour = Number(p.hour) % 24;
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: hour * 60 + Number(p.minute), seconds: Number(p.second) };
}

const offsetCache = new Map<string, number>();

/** Minutes the zone is ahead of UTC at `instant` (e.g. −480 for PST, −420 for PDT). */
export function zoneOffsetMinutes(instant: Date, tz: string): number {
  // Zone offsets only change on quarter-hour boundaries: cache per zone and quarter hour.
  const key = `${tz}|${Math.floor(instant.getTime() / 900_000)}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const { date, minutes, seconds } = zonedParts(instant, tz);
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 + seconds * 1000;
  const off = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  if (offsetCache.size > 20_000) offsetCache.clear();
  offsetCache.set(key, off);
  return off;
}

/**
 * The instant at which the station's clock reads `minutes` after midnight of `date` (YYYY-MM-DD).
 * In a DST gap the time is shifted forward; in an overlap the first occurrence wins.
 */
export function localTimeToInstant(date: string, minutes: number, tz: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + Math.round(minutes * 60_000);
  const off1 = zoneOffsetMinutes(new Date(wall), tz);
  let t = wall - off1 * 60_000;
  const off2 = zoneOffsetMinutes(new Date(t), tz);
  if (off2 !== off1) t = wall - off2 * 60_000;
  return new Date(t);
}

/** "HH:MM" → minutes after midnight. */
export const hhmmToMinutes = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
/** Minutes after midnight → "HH:MM". */
export const minutesToHhmm = (m: number): string =>
  `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(Math.floor(m % 60)).padStart(2, '0')}`;
