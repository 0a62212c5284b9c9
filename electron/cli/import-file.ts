import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './common';
import type { ImportIssue, ImportReadSummary, ImportSkipped } from '../../shared/contract/common';

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

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
const SKIP_WORDS: Record<keyof ImportSkipped, string> = { title: 'title row', legend: 'legend row', blank: 'blank row', repeatedHeader: 'repeated header', total: 'total row' };

/**
 * What a console preview says about how a file was read and what to look at (the same facts as
 * `read` and `warnings` in `--json`): sheet and header row, rows skipped by kind, columns no field
 * reads, warnings.
 */
export function readPreview(read: ImportReadSummary | null, warnings: readonly ImportIssue[] = []): string {
  const lines: string[] = [];
  if (read) {
    const what = read.recognised ? `${read.recognised.name}, ` : '';
    const where = read.kind === 'xlsx' ? `sheet "${read.sheet.name}"${read.sheet.names.length > 1 ? ` (${read.sheet.index + 1} of ${read.sheet.names.length})` : ''}` : `${read.encoding ?? 'text'}${read.delimiter && read.delimiter !== ',' ? `, ${read.delimiter === '\t' ? 'tab' : read.delimiter}-separated` : ''}`;
    const skipped = (Object.keys(SKIP_WORDS) as (keyof ImportSkipped)[]).filter((k) => read.skipped[k] > 0).map((k) => plural(read.skipped[k], SKIP_WORDS[k]));
    lines.push(`  Read ${what}${where}: header on row ${read.headerRow}, ${plural(read.dataRows, 'data row')}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`);
    if (read.ignoredColumns.length > 0) lines.push(`  Columns not read: ${read.ignoredColumns.map((c) => `${c.letter} ${c.header ? `"${c.header}"` : '(no header)'}`).join(', ')}`);
  }
  if (warnings.length > 0) {
    lines.push(`  ${plural(warnings.length, 'warning')}:`);
    for (const w of warnings.slice(0, 50)) lines.push(`    row ${w.row}${w.column ? `, ${w.column}` : ''}: ${w.message}`);
    if (warnings.length > 50) lines.push(`    … ${warnings.length - 50} more (--json lists them all)`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
