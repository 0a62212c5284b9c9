import { distinctTexts, type GridRow, type Sheet } from './grid';
import { matchHeader, normalizeHeader, specFields, type ColumnSpecs, type HeaderMatch } from './header';

/**
 * Which rows of a sheet are data. Real exports carry title rows, legend blocks, blank rows, the
 * header again on every page and a totals row; each is skipped and counted, never guessed into a
 * value. The rules (in this order):
 * - blank: a row with no text above the sheet's last non-blank row (trailing empty lines are not rows);
 * - before the header: one distinct text that is not legend-like → title, anything else → legend;
 * - after the header:
 *   - repeatedHeader: the row names most of the columns the header named (60 %, at least two);
 *   - total: the first non-empty cell of the first three columns reads Total / Totals / Grand
 *     total / Subtotal / Sum, or a cell sums a column range (=SUM(C2:C40));
 *   - legend: every non-empty cell is legend-like (words with `:` `=` `≥` `|`, a tier name,
 *     "Legend", "Note", or a leading `*`);
 *   - title: one distinct text, in column A, of three words or more (or "Page 2 of 5");
 *   - everything else is data, even when half empty: the importer says what is wrong with it.
 */
export type SkipKind = 'title' | 'legend' | 'blank' | 'repeatedHeader' | 'total';
export const SKIP_KINDS: readonly SkipKind[] = ['title', 'legend', 'blank', 'repeatedHeader', 'total'];

export interface SkippedRow {
  rowNumber: number;
  kind: Exclude<SkipKind, 'blank'>;
  /** The row's distinct texts joined with " | " (what a preview shows; where a week in a title is found). */
  text: string;
}

export interface ClassifiedRows {
  data: GridRow[];
  skipped: SkippedRow[];
  counts: Record<SkipKind, number>;
}

const TOTAL_RE = /^(grand[\s-]*|sub[\s-]*)?totals?\b|^sum$/i;
const COLUMN_SUM_RE = /^(SUM|SUBTOTAL|AGGREGATE)\((?:\d+,\s*)?\$?([A-Z]{1,3})\$?\d+:\$?([A-Z]{1,3})\$?\d+\)$/i;
const TIER_WORD_RE = /\b(fantastic|great|fair|poor|legend|notes?|key)\b/i;

export function isLegendText(text: string): boolean {
  if (!/\p{L}{3,}/u.test(text)) return false;
  return /[:=≥≤<>|•]/.test(text) || TIER_WORD_RE.test(text) || /^[*†‡]/.test(text);
}

export function isTotalRow(row: GridRow): boolean {
  const first = firstFilled(row);
  if (first >= 0 && first < 3 && TOTAL_RE.test(row.cells[first]!.text)) return true;
  return row.cells.some((c) => !!c.formula && sumsOneColumn(c.formula));
}

/** `SUM(C2:C40)`: a column total (a row total `SUM(B2:F2)` is an ordinary value). */
function sumsOneColumn(formula: string): boolean {
  const m = COLUMN_SUM_RE.exec(formula.trim());
  return !!m && m[2]!.toUpperCase() === m[3]!.toUpperCase();
}

/** Digits, sign or point: a value, not a header name. */
const startsNumberLike = (c: number) => (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;

/**
 * Whether a row repeats the header. Most rows are data, so a cheap bound comes first: how many of
 * its cells are some field's name at all (number-like cells skipped); the full match only runs on
 * rows that could pass.
 */
function headerRepeater<F extends string>(specs: ColumnSpecs<F>, header: HeaderMatch<F>): (row: GridRow) => boolean {
  const need = header.matched <= 2 ? header.matched : Math.max(2, Math.ceil(header.matched * 0.6));
  const names = new Set(specFields(specs).flatMap((f) => [specs[f]!.label, ...specs[f]!.aliases].map(normalizeHeader)));
  const isName = new Map<string, boolean>(); // tiers, names and IDs repeat row after row
  return (row) => {
    let bound = 0;
    for (const c of row.cells) {
      const t = c.text;
      if (t === '' || typeof c.raw === 'number' || startsNumberLike(t.charCodeAt(0))) continue;
      let hit = isName.get(t);
      if (hit === undefined) isName.set(t, (hit = names.has(normalizeHeader(t))));
      if (hit && ++bound >= need) break;
    }
    return bound >= need && matchHeader(row.cells.map((c) => c.text), specs).matched >= need;
  };
}

function firstFilled(row: GridRow): number {
  return row.cells.findIndex((c) => c.text !== '');
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** The row's only distinct text (a merged or single-cell row), or null. */
function singleText(row: GridRow): string | null {
  let only: string | null = null;
  for (const c of row.cells) {
    if (c.text === '' || c.text === only) continue;
    if (only !== null) return null;
    only = c.text;
  }
  return only;
}

export function classifyRows<F extends string>(sheet: Sheet, headerAt: number, specs: ColumnSpecs<F>, header: HeaderMatch<F>): ClassifiedRows {
  const counts: Record<SkipKind, number> = { title: 0, legend: 0, blank: 0, repeatedHeader: 0, total: 0 };
  const skipped: SkippedRow[] = [];
  const data: GridRow[] = [];
  const rows = sheet.rows;
  const repeatsHeader = headerRepeater(specs, header);
  const skip = (row: GridRow, kind: SkippedRow['kind'], texts: string[]) => {
    counts[kind]++;
    skipped.push({ rowNumber: row.rowNumber, kind, text: texts.join(' | ') });
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    counts.blank += row.rowNumber - (i > 0 ? rows[i - 1]!.rowNumber : 0) - 1;
    if (i === headerAt) continue;
    if (i < headerAt) {
      const texts = distinctTexts(row.cells);
      skip(row, texts.length === 1 && !isLegendText(texts[0]!) ? 'title' : 'legend', texts);
      continue;
    }
    if (repeatsHeader(row)) skip(row, 'repeatedHeader', distinctTexts(row.cells));
    else if (isTotalRow(row)) skip(row, 'total', distinctTexts(row.cells));
    else if (row.cells.every((c) => c.text === '' || isLegendText(c.text))) skip(row, 'legend', distinctTexts(row.cells));
    else {
      const single = singleText(row);
      if (single !== null && firstFilled(row) === 0 && (wordCount(single) >= 3 || /^page\s+\d+/i.test(single))) skip(row, 'title', [single]);
      else data.push(row);
    }
  }
  return { data, skipped, counts };
}
