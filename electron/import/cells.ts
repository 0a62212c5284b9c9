import type ExcelJS from 'exceljs';

/**
 * One cell as the reader hands it on: the value as stored (`raw`: Excel keeps numbers, dates and
 * booleans typed; CSV has only text) and the text a person sees (`text`, trimmed). Importers parse
 * whichever suits them; `text` alone is always enough for CSV-shaped logic.
 */
export type CellRaw = string | number | boolean | Date | null;

export interface Cell {
  readonly raw: CellRaw;
  readonly text: string;
  /** The formula behind an XLSX cell (its cached result is `raw`), e.g. `SUM(C2:C40)`. */
  readonly formula?: string;
  /** An Excel error value (`#DIV/0!`, `#N/A`): `text` carries it so a number parser refuses it. */
  readonly error?: string;
}

export const EMPTY_CELL: Cell = Object.freeze({ raw: null, text: '' });

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0xfeff;

export function textCell(s: string): Cell {
  // Most cells need no trimming: skip the copy (a 1,500 × 54 dashboard has 81,000 cells).
  const text = isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1)) ? s.trim() : s;
  return text === '' ? EMPTY_CELL : { raw: s, text };
}

/** How the importer wants a column's text: Excel keeps times and dates as numbers or dates. */
export type CellKind = 'text' | 'time' | 'date';

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
/** Excel's day 0: 1899-12-30 in the 1900 date system (its fake 29 Feb 1900 makes day 1 = 1899-12-31), 1904-01-01 in the 1904 system. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** Numbers as Excel shows them in General format: at most 15 significant digits (0.1+0.2 → 0.3). */
export function numberText(n: number): string {
  if (Number.isSafeInteger(n) || !Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** Seconds since midnight → "HH:MM", or "HH:MM:SS" when the seconds are not zero; hours may pass 24 for durations. */
function clockText(totalSeconds: number): string {
  const s = Math.round(totalSeconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return sec ? `${pad(h)}:${pad(m)}:${pad(sec)}` : `${pad(h)}:${pad(m)}`;
}

/** A day fraction (Excel's time of day, 0.4479166… = 10:45) as "HH:MM"; null outside [0, 1). */
export function dayFractionText(f: number): string | null {
  if (!(f >= 0 && f < 1)) return null;
  const text = clockText(f * 86_400);
  return text.startsWith('24:') ? null : text;
}

/** An Excel serial day number (46021 = 2025-12-30) as "YYYY-MM-DD"; null when out of Excel's range. */
export function serialDateText(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const day = Math.floor(serial);
  // The 1900 system counts a 29 Feb 1900 that never was: serials below 61 are one day later than the epoch suggests.
  const ms = date1904 ? EPOCH_1904 + day * DAY_MS : EPOCH_1900 + (day < 61 ? day + 1 : day) * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * An exceljs Date → text. exceljs gives dates and times as Dates in UTC built from the serial, so
 * a time of day or a duration lands on Excel's day 0 (1899-12-30, or 1904-01-01): those read as
 * "HH:MM" ("25:30" for a duration past a day). Calendar dates read "YYYY-MM-DD", with " HH:MM"
 * when a time is set — wall-clock time as the sheet shows it, not an instant.
 */
export function excelDateText(d: Date, date1904 = false): string {
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
  const ms = d.getTime();
  if (Number.isNaN(ms)) return '';
  if (ms - epoch < 2 * DAY_MS && ms >= epoch) return clockText((ms - epoch) / 1000);
  const rounded = Math.round(ms / 1000) * 1000;
  const iso = new Date(rounded).toISOString();
  const date = iso.slice(0, 10);
  const secs = (rounded % DAY_MS) / 1000;
  return secs === 0 ? date : `${date} ${clockText(secs)}`;
}

/** A percent-formatted number shows as a percent: 0.992 with `0.0%` → "99.2%" (full precision, not the format's rounding). */
function formattedNumber(n: number, numFmt: string | undefined): string {
  if (numFmt && /%/.test(numFmt.replace(/"[^"]*"/g, ''))) return `${numberText(n * 100)}%`;
  return numberText(n);
}

/** One exceljs cell value (with its number format) → Cell. */
export function excelCell(value: ExcelJS.CellValue | undefined, numFmt: string | undefined, date1904: boolean): Cell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number') return { raw: value, text: formattedNumber(value, numFmt) };
  if (typeof value === 'boolean') return { raw: value, text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { raw: value, text: excelDateText(value, date1904) };
  if ('richText' in value) return textCell(value.richText.map((t) => t.text).join(''));
  if ('error' in value) return { raw: null, text: String(value.error), error: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as { formula?: string; sharedFormula?: string; result?: ExcelJS.CellValue };
    const inner = excelCell((f.result ?? null) as ExcelJS.CellValue, numFmt, date1904);
    return { ...inner, formula: f.formula ?? f.sharedFormula ?? '' };
  }
  if ('hyperlink' in value) {
    const t = (value as { text?: unknown }).text;
    if (t && typeof t === 'object' && 'richText' in t) return excelCell(t as ExcelJS.CellRichTextValue, numFmt, date1904);
    return textCell(String(t ?? ''));
  }
  return EMPTY_CELL;
}

/**
 * The text of a cell as the importer asked for it. `time`: a day fraction (a bare number such as
 * 0.4479166 in a General cell, or the same as text) reads "10:45". `date`: an Excel serial number
 * reads "YYYY-MM-DD". Anything else keeps its text, for the importer's parser to accept or refuse.
 */
export function kindText(cell: Cell, kind: CellKind | undefined, date1904 = false): string {
  if (!kind || kind === 'text' || cell.error) return cell.text;
  if (kind === 'time') {
    if (typeof cell.raw === 'number') return dayFractionText(cell.raw) ?? cell.text;
    if (/^0?\.\d+$/.test(cell.text)) return dayFractionText(Number(cell.text)) ?? cell.text;
    return cell.text;
  }
  if (typeof cell.raw === 'number') {
    const date = serialDateText(cell.raw, date1904);
    if (!date) return cell.text;
    const time = dayFractionText(cell.raw - Math.floor(cell.raw));
    return time && time !== '00:00' ? `${date} ${time}` : date;
  }
  return cell.text;
}
