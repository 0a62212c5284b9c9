import Papa from 'papaparse';

/**
 * Every CSV file the desk writes (at-risk list, load-out sheet, …) goes through here: papaparse
 * quotes what needs quoting and, with `escapeFormulae`, puts a `'` before any text cell that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) — a driver named
 * `=HYPERLINK(…)` stays text. UTF-8 with a BOM (Excel reads the encoding from it), CRLF lines.
 */
export function csvFile(fileName: string, fields: string[], rows: (string | number | null)[][]): { fileName: string; mimeType: 'text/csv'; base64: string } {
  const text = Papa.unparse({ fields, data: rows.map((r) => r.map((v) => v ?? '')) }, { escapeFormulae: true, newline: '\r\n' });
  return { fileName, mimeType: 'text/csv', base64: Buffer.from('\uFEFF' + text + '\r\n', 'utf8').toString('base64') };
}
