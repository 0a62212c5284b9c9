import { EMPTY_CELL, kindText, type Cell } from './cells';
import { csvSheet, DELIMITERS, guessDelimiter, type Delimiter } from './csv';
import { decodeText, encodingProblem, type TextEncodingName } from './decode';
import { detectFileKind } from './detect';
import { columnLetter, type GridRow, type Sheet } from './grid';
import { displayHeader, findHeader, rowTexts, specFields, type ColumnSpecs, type HeaderFound } from './header';
import { IssueList, type ColumnNames } from './issues';
import { ImportRefusal } from './refusal';
import { classifyRows, type SkipKind, type SkippedRow } from './rows';
import { recogniseExport, type ExportId, type KnownExport, type Recognised } from './signatures';
import { xlsxWorkbook } from './xlsx';
import type { ImportReadSummary } from '../../shared/contract/common';

/**
 * The one table reader every importer uses: bytes in (CSV/TSV in any of the encodings Excel and
 * Amazon write, XLSX, or a PDF given a PDF reader), the importer's column spec in, its data rows
 * out — or an ImportRefusal saying, in words, why the file is not that table. See README.md.
 */
export interface ReadOptions<F extends string> {
  /** For messages and previews only: the kind of file is told by its bytes. */
  fileName?: string;
  columns: ColumnSpecs<F>;
  /**
   * A different spec for a known export whose headers mean something else: Amazon's dashboard
   * calls its 0–100 points "FICO Score" while the scorecard table's "Fico Score" is the 0–850 value.
   */
  columnsByExport?: Partial<Record<ExportId, ColumnSpecs<F>>>;
  /** Known exports this importer reads; any other one recognised is refused by name. */
  accepts?: readonly ExportId[];
  /** Groups of fields of which at least one must be present, e.g. [['transporterId', 'name']]. */
  requireOneOf?: readonly (readonly F[])[];
  /** Non-blank rows searched for the header on each sheet (default 30). */
  searchRows?: number;
  /** Read only this sheet (by name). */
  sheet?: string;
  /** Rebuilds a PDF's tables as sheets (rows from text positions); without it a PDF is refused. */
  pdf?: (bytes: Uint8Array) => Promise<Sheet[]>;
}

export type TableKind = 'csv' | 'xlsx' | 'pdf';

export interface IgnoredColumn {
  index: number;
  /** Spreadsheet letter: A, B, … AA. */
  letter: string;
  /** As the file writes it ('' for an unnamed column that holds values). */
  header: string;
}

export interface TableRow<F extends string> {
  /** As the spreadsheet shows it (header row included in the count). */
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
  /** The field's text, trimmed and read as its kind (a day-fraction wave → "10:45"); '' when absent or empty. */
  get(field: F): string;
  /** The field's cell (raw value and text); EMPTY_CELL when absent. */
  cell(field: F): Cell;
  /** Whether the file has the field's column at all. */
  has(field: F): boolean;
}

/** Everything a preview (console or `--json`) shows about how the file was read (the contract's type: previews carry it as is). */
export type ReadSummary = ImportReadSummary;

export interface Table<F extends string> extends ColumnNames {
  readonly fileName: string;
  readonly kind: TableKind;
  readonly encoding: TextEncodingName | null;
  readonly delimiter: Delimiter | null;
  readonly recognised: KnownExport | null;
  readonly sheet: { name: string; index: number; names: string[] };
  readonly headerRow: number;
  /** The header row's cells as a person reads them (line breaks become spaces). */
  readonly headers: readonly string[];
  /** Field → column index (0 = A). */
  readonly columns: Partial<Record<F, number>>;
  readonly ignoredColumns: readonly IgnoredColumn[];
  readonly rows: readonly TableRow<F>[];
  readonly skipped: Readonly<Record<SkipKind, number>>;
  readonly skippedRows: readonly SkippedRow[];
  /** Excel's 1904 date system (Mac workbooks), for importers converting raw serials themselves. */
  readonly date1904: boolean;
  /** A fresh collector for this table's row errors (columns named as the file names them). */
  issues(): IssueList<F>;
  summary(): ReadSummary;
}

/** A file handed to an import channel (UTF-8 text, or base64 bytes) as bytes. */
export function fileInputBytes(input: { content: string; encoding: 'utf8' | 'base64' }): Uint8Array {
  return new Uint8Array(input.encoding === 'base64' ? Buffer.from(input.content, 'base64') : Buffer.from(input.content, 'utf8'));
}

const FILE_KIND_REFUSALS = {
  empty: ['empty', 'The file is empty.'],
  xls: ['legacy-xls', 'This is an old Excel 97–2003 workbook (.xls), which the desk does not read: open it in Excel and save it as "Excel Workbook (.xlsx)" or "CSV UTF-8", then import that file.'],
  pdf: ['pdf', 'This is a PDF, not a spreadsheet: import the CSV or Excel (.xlsx) export here.'],
  zip: ['archive', 'This is a ZIP archive, not a spreadsheet: unzip it and import the CSV or Excel file inside.'],
  html: ['html', 'This is a web page (HTML) saved under a spreadsheet name: open it in Excel and save it as "Excel Workbook (.xlsx)" or "CSV UTF-8".'],
  binary: ['binary', 'This file is not a spreadsheet the desk reads (CSV, tab-separated text or Excel .xlsx).'],
} as const;

interface Loaded {
  kind: TableKind;
  sheets: Sheet[];
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  date1904: boolean;
  text?: string;
}

export async function readTable<F extends string>(bytes: Uint8Array, opts: ReadOptions<F>): Promise<Table<F>> {
  const loaded = await load(bytes, opts);
  const { sheets } = loaded;
  if (sheets.every((s) => s.rows.length === 0)) throw new ImportRefusal('no-table', 'The file has no rows: expected a header row and one row per record.', { fileKind: loaded.kind === 'csv' ? 'text' : loaded.kind, encoding: loaded.encoding });
  const recognised = recogniseExport(sheets, opts.searchRows);
  const specs = (recognised && opts.columnsByExport?.[recognised.export.id]) || opts.columns;
  if (specs !== opts.columns) opts = { ...opts, columns: specs };
  const found = findHeader(sheets, specs, opts);
  if (recognised && opts.accepts && !opts.accepts.includes(recognised.export.id) && (!found?.acceptable || found.sheet.name === recognised.sheet)) {
    const e = recognised.export;
    throw new ImportRefusal('wrong-export', `This is ${e.name}; import it under ${e.importUnder}.`, {
      recognised: { id: e.id, name: e.name, importUnder: e.importUnder },
      sheet: recognised.sheet,
      headerRow: recognised.rowNumber,
    });
  }
  if (!found || !found.acceptable) throw missingColumns(found, sheets, opts, loaded, recognised);
  return buildTable(found, loaded, recognised, opts);
}

async function load<F extends string>(bytes: Uint8Array, opts: ReadOptions<F>): Promise<Loaded> {
  const fileKind = detectFileKind(bytes);
  switch (fileKind) {
    case 'text': {
      const { text, encoding } = decodeText(bytes);
      const delimiter = pickDelimiter(text, opts);
      return { kind: 'csv', sheets: [csvSheet(text, delimiter)], encoding, delimiter, date1904: false, text };
    }
    case 'xlsx': {
      try {
        const wb = await xlsxWorkbook(bytes);
        return { kind: 'xlsx', sheets: wb.sheets, encoding: null, delimiter: null, date1904: wb.date1904 };
      } catch (err) {
        throw new ImportRefusal('unreadable', `The Excel file could not be opened (damaged or password-protected?): ${(err as Error).message}`, { fileKind });
      }
    }
    case 'pdf':
      if (opts.pdf) return { kind: 'pdf', sheets: await opts.pdf(bytes), encoding: null, delimiter: null, date1904: false };
      break;
    case 'empty':
    case 'xls':
    case 'zip':
    case 'html':
    case 'binary':
      break;
  }
  const [code, message] = FILE_KIND_REFUSALS[fileKind as keyof typeof FILE_KIND_REFUSALS];
  throw new ImportRefusal(code, message, { fileKind });
}

/**
 * The delimiter under which the importer's header is found best (comma, tab, semicolon, pipe:
 * a title row above the header can fool a plain guess); Papa Parse's guess when none matches.
 */
function pickDelimiter<F extends string>(text: string, opts: ReadOptions<F>): Delimiter {
  const specs = [opts.columns, ...Object.values(opts.columnsByExport ?? {})] as ColumnSpecs<F>[];
  const rows = (opts.searchRows ?? 30) * 2;
  const score = (d: Delimiter) => {
    const preview = [csvSheet(text, d, { preview: rows })];
    let best = -Infinity;
    for (const spec of specs) {
      const found = findHeader(preview, spec, opts);
      if (found) best = Math.max(best, (found.acceptable ? 1e6 : 0) - found.match.missingRequired.length * 1000 + found.match.matched);
    }
    // Another export's header (to be refused by name) also tells the delimiter.
    const other = recogniseExport(preview, opts.searchRows);
    return other ? Math.max(best, other.share * 100) : best;
  };
  // Papa Parse's guess is right for nearly every file: try the others only when it finds no header.
  const guess = guessDelimiter(text);
  if (score(guess) >= 1e6) return guess;
  let best: { d: Delimiter; score: number } | null = null;
  for (const d of DELIMITERS) {
    const s = score(d);
    if (s > -Infinity && (!best || s > best.score)) best = { d, score: s };
  }
  return best?.d ?? guess;
}

function missingColumns<F extends string>(found: HeaderFound<F> | null, sheets: readonly Sheet[], opts: ReadOptions<F>, loaded: Loaded, recognised: Recognised | null): ImportRefusal {
  const specs = opts.columns;
  const label = (f: F) => specs[f]!.label;
  const missing: string[] = [];
  if (found) {
    missing.push(...found.match.missingRequired.map(label));
    for (const g of opts.requireOneOf ?? []) if (!g.some((f) => found.match.columns[f] !== undefined)) missing.push(g.map(label).join('" or "'));
  } else {
    missing.push(...specFields(specs).filter((f) => specs[f]!.required).map(label));
    for (const g of opts.requireOneOf ?? []) missing.push(g.map(label).join('" or "'));
  }
  // Show the row the file most likely meant as its header: the best candidate, else the first row.
  const sheet = found?.sheet ?? sheets.find((s) => s.rows.length > 0)!;
  const row = found?.row ?? sheet.rows[0]!;
  const seen = rowTexts(row).map(displayHeader).filter(Boolean);
  const hint = loaded.text !== undefined ? encodingProblem(loaded.text) : null;
  const what = missing.length > 0 ? `Missing column${missing.length > 1 ? 's' : ''} "${missing.join('", "')}"` : 'No header row with the expected columns';
  const where = sheets.length > 1 ? ` (best match: row ${row.rowNumber} of sheet "${sheet.name}")` : '';
  const parts = [
    recognised ? `This looks like ${recognised.export.name}, but it lacks columns the import needs. ${what}.` : `${what}.`,
    `The file's columns${where}: ${seen.length ? seen.slice(0, 40).map((h) => `"${h}"`).join(', ') : '(none)'}.`,
  ];
  if (hint) parts.push(`The text may be mis-decoded (read as ${loaded.encoding}): ${hint}; re-save it as "CSV UTF-8".`);
  return new ImportRefusal('missing-columns', parts.join(' '), {
    fileKind: loaded.kind === 'csv' ? 'text' : loaded.kind,
    encoding: loaded.encoding,
    recognised: recognised ? { id: recognised.export.id, name: recognised.export.name, importUnder: recognised.export.importUnder } : undefined,
    missing,
    seenHeaders: seen,
    sheet: sheet.name,
    headerRow: row.rowNumber,
    encodingHint: hint ?? undefined,
  });
}

/** Fast per-row access: one shared shape, cells looked up by the field's column. */
class Row<F extends string> implements TableRow<F> {
  constructor(
    readonly rowNumber: number,
    readonly cells: readonly Cell[],
    private readonly t: { columns: Partial<Record<F, number>>; specs: ColumnSpecs<F>; date1904: boolean },
  ) {}
  cell(field: F): Cell {
    const i = this.t.columns[field];
    return i === undefined ? EMPTY_CELL : (this.cells[i] ?? EMPTY_CELL);
  }
  get(field: F): string {
    const c = this.cell(field);
    return c === EMPTY_CELL ? '' : kindText(c, this.t.specs[field]?.kind, this.t.date1904);
  }
  has(field: F): boolean {
    return this.t.columns[field] !== undefined;
  }
}

function ignoredColumns(headerCells: readonly Cell[], data: readonly GridRow[], claimed: Set<number>): IgnoredColumn[] {
  let width = headerCells.length;
  for (const r of data) if (r.cells.length > width) width = r.cells.length;
  const out: IgnoredColumn[] = [];
  for (let i = 0; i < width; i++) {
    if (claimed.has(i)) continue;
    const header = displayHeader(headerCells[i]?.text ?? '');
    if (header || data.some((r) => (r.cells[i]?.text ?? '') !== '')) out.push({ index: i, letter: columnLetter(i), header });
  }
  return out;
}

function buildTable<F extends string>(found: HeaderFound<F>, loaded: Loaded, recognised: Recognised | null, opts: ReadOptions<F>): Table<F> {
  const specs = opts.columns;
  const { sheet, row: headerRow, match } = found;
  const classified = classifyRows(sheet, found.at, specs, match);
  const columns = match.columns;
  const headers = headerRow.cells.map((c) => displayHeader(c.text));
  const shared = { columns, specs, date1904: loaded.date1904 };
  const rows = classified.data.map((r) => new Row<F>(r.rowNumber, r.cells, shared));
  const ignored = ignoredColumns(headerRow.cells, classified.data, new Set(Object.values(columns) as number[]));
  const isField = (key: string): key is F => specs[key as F] !== undefined;
  const sheetInfo = { name: sheet.name, index: sheet.index, names: loaded.sheets.map((s) => s.name) };
  const table: Table<F> = {
    fileName: opts.fileName ?? '',
    kind: loaded.kind,
    encoding: loaded.encoding,
    delimiter: loaded.delimiter,
    recognised: recognised?.export ?? null,
    sheet: sheetInfo,
    headerRow: headerRow.rowNumber,
    headers,
    columns,
    ignoredColumns: ignored,
    rows,
    skipped: classified.counts,
    skippedRows: classified.skipped,
    date1904: loaded.date1904,
    columnIndex: (key) => (isField(key) ? columns[key] : undefined),
    columnName: (key) => {
      if (!isField(key)) return undefined;
      const i = columns[key];
      return (i !== undefined && headers[i]) || specs[key]?.label;
    },
    issues: () => new IssueList<F>(table),
    summary: () => ({
      fileName: table.fileName,
      kind: table.kind,
      encoding: table.encoding,
      delimiter: table.delimiter,
      recognised: table.recognised ? { id: table.recognised.id, name: table.recognised.name } : null,
      sheet: sheetInfo,
      headerRow: table.headerRow,
      columns: Object.fromEntries((Object.keys(columns) as F[]).map((f) => [f, headers[columns[f]!] ?? ''])),
      absentColumns: specFields(specs).filter((f) => columns[f] === undefined).map((f) => specs[f]!.label),
      ignoredColumns: ignored,
      dataRows: rows.length,
      skipped: { ...classified.counts },
      skippedRows: classified.skipped.slice(0, 200),
    }),
  };
  return table;
}

export { ImportRefusal, isImportRefusal, type RefusalCode, type RefusalDetails } from './refusal';
export { IssueList, type IssueInput } from './issues';
export { EMPTY_CELL, dayFractionText, serialDateText, excelDateText, type Cell, type CellKind, type CellRaw } from './cells';
export { detectFileKind, type FileKind } from './detect';
export { decodeText, encodingProblem, type TextEncodingName } from './decode';
export { normalizeHeader, matchHeader, type ColumnSpec, type ColumnSpecs } from './header';
export { KNOWN_EXPORTS, recogniseExport, exportById, type ExportId, type KnownExport, type ImportPlace } from './signatures';
export { SKIP_KINDS, type SkipKind, type SkippedRow } from './rows';
export { columnLetter, type GridRow, type Sheet } from './grid';
export type { Delimiter } from './csv';
