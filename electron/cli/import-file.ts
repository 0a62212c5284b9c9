import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './common';

/** Files bigger than this are refused before reading (the HTTP API's body limit is 10 MB too). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Read an import file for a `*.import` channel: bytes as base64 (CSV or XLSX; the service decodes). */
export function readImportFile(file: string): { fileName: string; content: string; encoding: 'base64' } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(err as Error).message}`);
  }
  if (stat.isDirectory()) throw new CliError(`${file} is a folder, not a file`);
  if (stat.size > MAX_IMPORT_BYTES) throw new CliError(`${file} is too large (${(stat.size / 1048576).toFixed(1)} MB; the limit is 10 MB)`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (bytes.length === 0) throw new CliError(`${file} is empty`);
  // CSV or XLSX alike as bytes: readSheet sniffs the ZIP magic, so a workbook saved as .csv still reads.
  return { fileName: path.basename(file), content: bytes.toString('base64'), encoding: 'base64' };
}
