import { decodeFileInput, readSheet, type Sheet } from '../../import/table';
import type { ImportIssue } from '../../../shared/contract/common';

/** What both fleet importers take (the import channels' input). */
export type FileIn = { fileName: string; content: string; encoding: 'utf8' | 'base64'; dryRun: boolean };

/** Loose match of headers and words: lower case, letters and digits only. */
export const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** What the importers' `prepare` stage reads: the sheet, or the one file-level error when it cannot be read. */
export type ReadFile = { sheet: Sheet; error?: undefined } | { sheet: null; error: ImportIssue };

export async function readFile(input: FileIn): Promise<ReadFile> {
  try {
    return { sheet: await readSheet(input.fileName, decodeFileInput(input)) };
  } catch (err) {
    return { sheet: null, error: { row: 0, column: '', message: `Cannot read ${input.fileName}: ${(err as Error).message}` } };
  }
}
