import Papa from 'papaparse';
import { EMPTY_CELL, textCell, type Cell } from './cells';
import type { GridRow, Sheet } from './grid';

export type Delimiter = ',' | '\t' | ';' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

/**
 * CSV/TSV text → one sheet. Papa Parse does the quoting (a quoted field may span lines: it is one
 * record, so one spreadsheet row); record i is row i + 1, as Excel numbers them.
 */
export function csvSheet(text: string, delimiter: Delimiter, opts: { name?: string; preview?: number } = {}): Sheet {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(clean, { header: false, skipEmptyLines: false, delimiter, preview: opts.preview ?? 0 });
  const rows: GridRow[] = [];
  const records = parsed.data;
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    let any = false;
    const cells: Cell[] = new Array(rec.length);
    for (let j = 0; j < rec.length; j++) {
      const c = rec[j] ? textCell(rec[j]!) : EMPTY_CELL;
      if (c !== EMPTY_CELL) any = true;
      cells[j] = c;
    }
    if (any) rows.push({ rowNumber: i + 1, cells });
  }
  return { name: opts.name ?? 'CSV', index: 0, rows };
}

/** Papa Parse's own guess (the delimiter giving the most consistent field counts). */
export function guessDelimiter(text: string): Delimiter {
  const d = Papa.parse(text.slice(0, 64_000), { preview: 30, delimiter: '', delimitersToGuess: [...DELIMITERS] }).meta.delimiter;
  return (DELIMITERS as readonly string[]).includes(d) ? (d as Delimiter) : ',';
}
