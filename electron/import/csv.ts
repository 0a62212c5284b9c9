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
  let clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A preview needs only the head of the file (a cut quoted field at its end does not matter).
  if (opts.preview) clean = clean.slice(0, 200 * opts.preview);
  const parsed = Papa.parse<string[]>(clean, { header: false, skipEmptyLines: false, delimiter, newline: lineEnding(clean), preview: opts.preview ?? 0 });
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

/**
 * CRLF, LF or CR: the first line break outside quotes (a header cell may hold "Seatbelt Off⏎Rate"
 * in a file whose records end in CRLF). Given to Papa Parse, which would otherwise scan for it on
 * every call.
 */
export function lineEnding(text: string): '\r\n' | '\n' | '\r' {
  const head = text.slice(0, 65_536).replace(/"[^"]*"/g, '');
  const n = head.indexOf('\n');
  const r = head.indexOf('\r');
  if (r >= 0 && (n < 0 || r < n)) return head[r + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/** Papa Parse's own guess (the delimiter giving the most consistent field counts). */
export function guessDelimiter(text: string): Delimiter {
  const d = Papa.parse(text.slice(0, 64_000), { preview: 30, delimiter: '', delimitersToGuess: [...DELIMITERS] }).meta.delimiter;
  return (DELIMITERS as readonly string[]).includes(d) ? (d as Delimiter) : ',';
}
