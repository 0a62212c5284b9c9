/**
 * Cell parsers of the route sheet (DOMAIN.md): durations, wave times, distances.
 * Each returns `{ value }` or `{ error }`; an empty cell is `{ value: null }`.
 */
import type { Parsed } from '../../import/values';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Planned duration → minutes. `10:00`, `9:30`, `10h`, `9h 30m`, `9h30`, `9 hrs 30 min`, `45m`,
 * or a bare number: hours when ≤ 24 (`9.5`), minutes above (`600`). Must be 1–14 h.
 */
export function parseDuration(raw: string): Parsed<number | null> {
  const s = raw.trim().toLowerCase();
  if (s === '' || s === '-') return { value: null };
  let min: number | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$/.exec(s))) {
    min = Number(m[1]) * 60 + Number(m[2]);
  } else if ((m = /^(\d+(?:\.\d+)?)$/.exec(s))) {
    const n = Number(m[1]);
    min = n <= 24 ? n * 60 : n;
  } else if (
    (m = /^(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours))?\s*(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)?)?$/.exec(s)) &&
    (m[1] !== undefined || (m[2] !== undefined && /m/.test(s)))
  ) {
    min = (m[1] ? Number(m[1]) * 60 : 0) + (m[2] ? Number(m[2]) : 0);
  }
  if (min === null || !Number.isFinite(min)) {
    return { error: `"${raw.slice(0, 40)}" is not a duration (use 10:00, 10h, 9h 30m, 9.5 or 600)` };
  }
  min = Math.round(min);
  if (min < 60 || min > 14 * 60) return { error: `${Math.floor(min / 60)}:${pad(min % 60)} is outside 1–14 h` };
  return { value: min };
}

/** Wave time → "HH:MM" (24 h). `10:05`, `9:45`, `10:05:00`, `10:05 AM`, `1:30 pm`, `10am`. */
export function parseWave(raw: string): Parsed<string | null> {
  const s = raw.trim().toLowerCase().replace(/\./g, '');
  if (s === '' || s === '-') return { value: null };
  let m = /^(\d{1,2}):([0-5]\d)(?::[0-5]\d)?$/.exec(s);
  if (m) {
    const h = Number(m[1]);
    if (h > 23) return { error: `"${raw.slice(0, 40)}" is not a time of day` };
    return { value: `${pad(h)}:${m[2]}` };
  }
  m = /^(\d{1,2})(?::([0-5]\d))?(?::[0-5]\d)?\s*([ap])\s*m$/.exec(s);
  if (m) {
    let h = Number(m[1]);
    if (h < 1 || h > 12) return { error: `"${raw.slice(0, 40)}" is not a time of day` };
    if (m[3] === 'a' && h === 12) h = 0;
    else if (m[3] === 'p' && h !== 12) h += 12;
    return { value: `${pad(h)}:${m[2] ?? '00'}` };
  }
  return { error: `"${raw.slice(0, 40)}" is not a wave time (use HH:MM or h:mm AM/PM)` };
}

/** Distance → miles. `82`, `82 mi`, `82.5 miles`, `132 km`. */
export function parseDistance(raw: string): Parsed<number | null> {
  const s = raw.trim().toLowerCase().replace(/,/g, '');
  if (s === '' || s === '-') return { value: null };
  const m = /^(-?\d+(?:\.\d+)?)\s*(mi|mile|miles|km|kms|kilometers|kilometres)?$/.exec(s);
  if (!m) return { error: `"${raw.slice(0, 40)}" is not a distance (use 82, 82 mi or 132 km)` };
  const n = Number(m[1]);
  if (n < 0) return { error: `${n} cannot be negative` };
  const km = m[2]?.startsWith('k');
  return { value: Math.round((km ? n / 1.609344 : n) * 10) / 10 };
}
