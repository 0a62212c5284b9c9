import fs from 'node:fs';
import path from 'node:path';
import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';
import { isValidDate } from '../../shared/station-time';
import type { ServiceContext } from '../services/context';
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

/** What every file import answers: success, the row problems, and (most) how the file was read. */
interface FileImportResult {
  ok: boolean;
  errors: readonly ImportIssue[];
  read?: ImportReadSummary | null;
  warnings?: readonly ImportIssue[];
}

const importOptions = { ...dbOption, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } as const;
type ParsedImportOptions = ReturnType<typeof parseOptions<typeof importOptions & { date: { type: 'string' } }>>['values'];

/**
 * One shape for the `import X FILE --db PATH [--dry-run] [--json]` commands: read the file, run the
 * channel, print the answer as JSON or as words (the summary on success, every row problem when
 * refused — nothing written — then how the file was read); exit 0 imported (or would be), 2 refused.
 */
export function fileImportCommand<R extends FileImportResult>(spec: {
  usage: string;
  summary: string;
  /** What FILE is, for the "give exactly one FILE (…)" refusal. */
  fileWhat: string;
  /** `--date YYYY-MM-DD` is required (checked here) and passed to `run`. */
  withDate?: boolean;
  run: (ctx: ServiceContext, input: ReturnType<typeof readImportFile> & { dryRun: boolean }, values: ParsedImportOptions) => Promise<R>;
  /** The words printed on success (lines, each ending in a newline). */
  describe: (res: R, values: ParsedImportOptions) => string;
}): CliCommand {
  return {
    usage: spec.usage,
    summary: spec.summary,
    async run(argv) {
      const parsed = parseOptions(argv, { ...importOptions, date: { type: 'string' } }, true);
      const values = parsed.values;
      if (parsed.positionals.length !== 1) throw new CliError(`give exactly one FILE (${spec.fileWhat})`);
      if (spec.withDate) {
        if (values.date === undefined) throw new CliError('missing --date YYYY-MM-DD');
        if (!isValidDate(values.date)) throw new CliError(`--date must be a date as YYYY-MM-DD (got "${values.date}")`);
      } else if (values.date !== undefined) throw new CliError(`--date is not an option of ${spec.usage.split(' FILE')[0]}`);
      const input = readImportFile(parsed.positionals[0]!);
      const { ctx, opened } = openDesk(resolveDb(values.db));
      try {
        const res = await spec.run(ctx, { ...input, dryRun: values['dry-run'] }, values);
        if (values.json) printJson(res);
        else {
          if (res.ok) process.stdout.write(spec.describe(res, values));
          else {
            process.stdout.write(`Not imported, nothing written. ${res.errors.length} problem(s):\n`);
            for (const e of res.errors) process.stdout.write(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}\n`);
          }
          if (res.read !== undefined) process.stdout.write(readPreview(res.read, res.warnings));
        }
        if (!res.ok) process.stderr.write(`dispatch-desk ${spec.usage.split(' FILE')[0]}: ${res.errors.length} problem(s) in ${input.fileName}; nothing imported\n`);
        return res.ok ? EXIT.OK : EXIT.INVALID;
      } finally {
        opened.close();
      }
    },
  };
}
