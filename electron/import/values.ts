import { isValidDate } from '../../shared/station-time';

/**
 * Cell value parsers shared by the imports. Each returns `{ value }` or `{ error }` (words for the
 * person fixing the sheet); an empty cell is `{ value: null }` so callers decide if it is required.
 */
export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

/** Dates as spreadsheets write them: 2026-11-26, 11/26/2026, 11/26/26, 2026-11-26T00:00:00Z. */
export function parseDateCell(raw: string): Parsed<string | null> {
  const s = raw.trim();
  if (s === '' || s === '-') return { value: null };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(s))) {
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 100) y += 2000;
  } else {
    return { error: `"${s.slice(0, 40)}" is not a date (use YYYY-MM-DD or MM/DD/YYYY)` };
  }
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidDate(iso) ? { value: iso } : { error: `"${s.slice(0, 40)}" is not a real calendar date` };
}

/** Whole numbers ≥ 0, with thousands separators allowed ("1,204"). */
export function parseCount(raw: string): Parsed<number | null> {
  const s = raw.trim().replace(/,/g, '');
  if (s === '' || s === '-') return { value: null };
  if (!/^-?\d+(\.0+)?$/.test(s)) return { error: `"${raw.slice(0, 40)}" is not a whole number` };
  const n = Number(s);
  if (n < 0) return { error: `${n} cannot be negative` };
  return { value: n };
}

/** Plain decimal numbers, thousands separators allowed. */
export function parseNumber(raw: string): Parsed<number | null> {
  const s = raw.trim().replace(/,/g, '');
  if (s === '' || s === '-') return { value: null };
  const n = Number(s);
  if (!Number.isFinite(n) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) {
    return { error: `"${raw.slice(0, 40)}" is not a number` };
  }
  return { value: n };
}
