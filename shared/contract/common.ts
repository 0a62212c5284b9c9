import { z } from 'zod';
import { isValidDate } from '../station-time';

/** Building blocks reused by every area's input schemas. Strict objects: unknown keys are refused. */
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idInput = z.strictObject({ id });

export const isoDate = z
  .string()
  .max(10)
  .refine(isValidDate, { message: 'must be a date as YYYY-MM-DD' });
export const optionalDate = isoDate.nullable().optional();
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24 h)');

export const shortText = (max = 120) => z.string().trim().max(max, `must be at most ${max} characters`);
export const requiredText = (max = 120) => shortText(max).min(1, 'is required');
export const notes = shortText(2000).default('');

export const listInput = z
  .strictObject({
    search: shortText(200).optional(),
    includeArchived: z.boolean().optional(),
  })
  .default({});

export const archiveInput = z.strictObject({ id, archived: z.boolean().default(true) });

/** A file handed to an import channel: UTF-8 text for CSV, base64 for XLSX. */
export const fileInput = z.strictObject({
  fileName: shortText(260).min(1, 'is required'),
  content: z.string().max(15_000_000, 'file too large'),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
});

/** One problem in an imported file, numbered as a spreadsheet shows rows (header = row 1). */
export interface ImportIssue {
  row: number;
  column: string;
  message: string;
}

/** Rows the table reader skipped, by kind (title and legend rows, blank rows, repeated headers, totals). */
export type ImportSkipped = Record<'title' | 'legend' | 'blank' | 'repeatedHeader' | 'total', number>;

/**
 * How an import read its file (the table reader's summary): what the file was, where its header
 * is, the columns it used and those it ignored, and the rows it skipped. Previews and `--json`
 * show it.
 */
export interface ImportReadSummary {
  fileName: string;
  kind: 'csv' | 'xlsx' | 'pdf';
  encoding: string | null;
  delimiter: string | null;
  recognised: { id: string; name: string } | null;
  sheet: { name: string; index: number; names: string[] };
  headerRow: number;
  /** Field → header as written in the file. */
  columns: Record<string, string>;
  /** Labels of the importer's optional columns the file does not have. */
  absentColumns: string[];
  /** Columns the importer does not know: listed, never guessed. `header` '' = an unnamed column. */
  ignoredColumns: { index: number; letter: string; header: string }[];
  dataRows: number;
  skipped: ImportSkipped;
  skippedRows: { rowNumber: number; kind: 'title' | 'legend' | 'repeatedHeader' | 'total'; text: string }[];
}
