import { distinctTexts, type GridRow, type Sheet } from './grid';
import { matchHeader, type ColumnSpecs, type HeaderMatch } from './header';

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

function repeatsHeader<F extends string>(row: GridRow, specs: ColumnSpecs<F>, header: HeaderMatch<F>): boolean {
  const need = header.matched <= 2 ? header.matched : Math.max(2, Math.ceil(header.matched * 0.6));
  return matchHeader(row.cells.map((c) => c.text), specs).matched >= need;
}

function firstFilled(row: GridRow): number {
  return row.cells.findIndex((c) => c.text !== '');
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

export function classifyRows<F extends string>(sheet: Sheet, headerAt: number, specs: ColumnSpecs<F>, header: HeaderMatch<F>): ClassifiedRows {
  const counts: Record<SkipKind, number> = { title: 0, legend: 0, blank: 0, repeatedHeader: 0, total: 0 };
  const skipped: SkippedRow[] = [];
  const data: GridRow[] = [];
  const rows = sheet.rows;
  const skip = (row: GridRow, kind: SkippedRow['kind'], texts: string[]) => {
    counts[kind]++;
    skipped.push({ rowNumber: row.rowNumber, kind, text: texts.join(' | ') });
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    counts.blank += row.rowNumber - (i > 0 ? rows[i - 1]!.rowNumber : 0) - 1;
    if (i === headerAt) continue;
    const texts = distinctTexts(row.cells);
    if (i < headerAt) {
      skip(row, texts.length === 1 && !isLegendText(texts[0]!) ? 'title' : 'legend', texts);
      continue;
    }
    if (repeatsHeader(row, specs, header)) skip(row, 'repeatedHeader', texts);
    else if (isTotalRow(row)) skip(row, 'total', texts);
    else if (texts.every(isLegendText)) skip(row, 'legend', texts);
    else if (texts.length === 1 && firstFilled(row) === 0 && (wordCount(texts[0]!) >= 3 || /^page\s+\d+/i.test(texts[0]!))) skip(row, 'title', texts);
    else data.push(row);
  }
  return { data, skipped, counts };
}
