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

/** Issues sorted as a person reads the sheet: by row, then as they were found. */
export const byRow = (list: ImportIssue[]): ImportIssue[] => list.map((x, i) => [x, i] as const).sort((a, b) => a[0].row - b[0].row || a[1] - b[1]).map(([x]) => x);
