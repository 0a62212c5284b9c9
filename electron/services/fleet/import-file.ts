import { decodeFileInput, readSheet, type Sheet } from '../../import/table';
import type { ImportIssue } from '../../../shared/contract/common';

/** What both fleet importers take (the import channels' input). */
export type FileIn = { fileName: string; content: string; encoding: 'utf8' | 'base64'; dryRun: boolean };

/** Loose match of headers and words: lower case, letters and digits only. */
export const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The sheet, or null with one file-level error when it cannot be read. */
export async function sheetOf(input: FileIn, errors: ImportIssue[]): Promise<Sheet | null> {
  try {
    return await readSheet(input.fileName, decodeFileInput(input));
  } catch (err) {
    errors.push({ row: 0, column: '', message: `Cannot read ${input.fileName}: ${(err as Error).message}` });
    return null;
  }
}
