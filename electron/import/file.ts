import type { ImportIssue } from '../../shared/contract/common';
import { fileInputBytes, isImportRefusal, readTable, type ReadOptions, type Table } from './reader';

/** A file handed to an import channel. */
export interface ImportFileInput {
  fileName: string;
  content: string;
  encoding: 'utf8' | 'base64';
}

/**
 * The import channels' first step: the file's table, or the one line saying why the file is not
 * that table (a refusal is an answer, not an exception: the preview shows it like a row error).
 */
export async function readImportFile<F extends string>(
  input: ImportFileInput,
  opts: Omit<ReadOptions<F>, 'fileName'>,
): Promise<{ table: Table<F>; refusal: null } | { table: null; refusal: ImportIssue }> {
  try {
    return { table: await readTable(fileInputBytes(input), { ...opts, fileName: input.fileName }), refusal: null };
  } catch (err) {
    if (isImportRefusal(err)) return { table: null, refusal: err.toIssue() };
    throw err;
  }
}

/**
 * The file's name and position of each of the importer's fields, so that problems found after
 * reading (against the desk's data) are named and ordered like the reader's own.
 */
export interface FileColumns {
  /** Field → the file's header for it (or the spec label when the file has none). */
  name: Record<string, string>;
  /** Header → column index (0 = A). */
  index: Record<string, number>;
}

export function fileColumns<F extends string>(table: Table<F>, fields: readonly F[]): FileColumns {
  const out: FileColumns = { name: {}, index: {} };
  for (const f of fields) {
    const name = table.columnName(f) ?? f;
    out.name[f] = name;
    const i = table.columnIndex(f);
    if (i !== undefined) out.index[name] = i;
  }
  return out;
}

/** Issues sorted as a person reads the sheet: by row, then left to right (when the columns are known), then as found. */
export function byRow(list: ImportIssue[], columns?: FileColumns): ImportIssue[] {
  const at = (i: ImportIssue) => columns?.index[i.column] ?? Number.MAX_SAFE_INTEGER;
  return list
    .map((x, i) => [x, i] as const)
    .sort((a, b) => a[0].row - b[0].row || at(a[0]) - at(b[0]) || a[1] - b[1])
    .map(([x]) => x);
}
