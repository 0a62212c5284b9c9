import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import type { ImportIssue } from '../../shared/contract/common';

/**
 * Reading spreadsheets the way a dispatcher sees them. Every import (roster, routes, fleet,
 * scorecards, inspections) goes through here: CSV or XLSX in, rows of text cells out, each with the
 * row number a spreadsheet shows (header = row 1; a record whose quoted field spans lines is one
 * row; blank rows are skipped but still counted).
 */
export interface SheetRow {
  row: number;
  cells: string[];
}
export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** Header matching ignores case, spaces and punctuation: "Route Code", "route_code", "ROUTE-CODE". */
export const normalizeHeader = (h: string) => h.replace(/^\uFEFF/, '').toLowerCase().replace(/[^\p{L}\p{N}+]/gu, '');

export function isXlsx(fileName: string, bytes?: Uint8Array): boolean {
  if (/\.xlsx$/i.test(fileName)) return true;
  // ZIP magic "PK\x03\x04": an XLSX saved without its extension.
  return !!bytes && bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

export function parseCsv(text: string): Sheet {
  const clean = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(clean, { header: false, skipEmptyLines: false, delimiter: '' });
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) return { headers: [], rows: [] };
  const headers = records[headerIndex]!.map((h) => h.trim());
  const rows: SheetRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ row: i + 1, cells: cells.map((c) => c.trim()) });
  }
  return { headers, rows };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel stores dates as dates and times of day as dates on 1899-12-30: give them back as text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) {
    if (value.getUTCFullYear() <= 1900) return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    const d = value.toISOString();
    return d.endsWith('T00:00:00.000Z') ? d.slice(0, 10) : d;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

export async function parseXlsx(bytes: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  // exceljs types want a Node Buffer; a view over the same memory avoids a copy.
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  let headers: string[] | null = null;
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const values = (r.values as ExcelJS.CellValue[]).slice(1);
    const cells = values.map((v) => cellText(v ?? null));
    if (cells.every((c) => c === '')) return;
    if (!headers) {
      headers = cells.map((c) => c.trim());
      return;
    }
    rows.push({ row: rowNumber, cells });
  });
  return { headers: headers ?? [], rows };
}

/** Read an uploaded file (CSV text or XLSX bytes) into a Sheet. */
export async function readSheet(fileName: string, content: string | Uint8Array): Promise<Sheet> {
  const bytes = typeof content === 'string' ? undefined : content;
  if (isXlsx(fileName, bytes)) {
    if (!bytes) throw new Error('An XLSX file must be given as bytes (base64)');
    return parseXlsx(bytes);
  }
  const text = typeof content === 'string' ? content : decodeText(content);
  return parseCsv(text);
}

/** CSV bytes as text: UTF-8 (BOM or not); files Excel saved as "CSV" on Windows are often Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export interface ColumnSpec {
  /** Name used in error messages (the canonical header). */
  label: string;
  aliases: string[];
  required?: boolean;
}

export interface ColumnMatch<F extends string> {
  /** Field → index of its column in the sheet. */
  index: Partial<Record<F, number>>;
  issues: ImportIssue[];
}

/** Find each field's column by its aliases; a missing required column is a row-1 error. */
export function matchColumns<F extends string>(headers: string[], spec: Record<F, ColumnSpec>): ColumnMatch<F> {
  const norm = headers.map(normalizeHeader);
  const index: Partial<Record<F, number>> = {};
  const issues: ImportIssue[] = [];
  for (const field of Object.keys(spec) as F[]) {
    const s = spec[field];
    const names = [s.label, ...s.aliases].map(normalizeHeader);
    const at = norm.findIndex((h) => names.includes(h));
    if (at >= 0) index[field] = at;
    else if (s.required) issues.push({ row: 1, column: s.label, message: `missing column "${s.label}"` });
  }
  return { index, issues };
}

/** The cell text of `field` in a row, '' when the column is absent. */
export function cell<F extends string>(match: ColumnMatch<F>, row: SheetRow, field: F): string {
  const i = match.index[field];
  return i === undefined ? '' : (row.cells[i] ?? '').trim();
}

/** Decode a file input from a channel (utf8 text or base64 bytes). */
export function decodeFileInput(input: { content: string; encoding: 'utf8' | 'base64' }): string | Uint8Array {
  return input.encoding === 'base64' ? new Uint8Array(Buffer.from(input.content, 'base64')) : input.content;
}
