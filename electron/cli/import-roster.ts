import { call } from '../services/dispatch';
import { readImportFile } from './import-file';
import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';

/**
 * `import roster FILE --db PATH [--dry-run] [--json]`: Amazon's associates export (CSV or XLSX),
 * all or nothing, updating drivers by transporter ID. Prints the RosterImportResult
 * `{ok, dryRun, drivers, added, changed, unchanged, errors:[{row, column, message}]}`;
 * exit 0 when imported (or, with --dry-run, when it would be), 2 when the file has errors.
 */
export const importRosterCommand: CliCommand = {
  usage: 'import roster FILE --db PATH [--dry-run] [--json]',
  summary: "Import drivers from Amazon's associates export (CSV/XLSX); all or nothing; updates by transporter ID",
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { ...dbOption, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
      true,
    );
    if (positionals.length !== 1) throw new CliError('give exactly one FILE (the associates export, CSV or XLSX)');
    const input = readImportFile(positionals[0]!);
    const { ctx, opened } = openDesk(resolveDb(values.db));
    try {
      const res = await call(ctx, 'roster.import', { ...input, dryRun: values['dry-run'] });
      if (values.json) printJson(res);
      else if (res.ok) {
        process.stdout.write(
          `${res.dryRun ? 'Would import' : 'Imported'} ${res.drivers} drivers: ${res.added.length} new, ${res.changed.length} changed, ${res.unchanged} unchanged` +
            `${res.dryRun ? ' (dry run: nothing written)' : ''}\n`,
        );
      } else {
        process.stdout.write(`Not imported, nothing written. ${res.errors.length} problem(s):\n`);
        for (const e of res.errors) process.stdout.write(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}\n`);
      }
      if (!res.ok) {
        process.stderr.write(`dispatch-desk import roster: ${res.errors.length} problem(s) in ${input.fileName}; nothing imported\n`);
        return EXIT.INVALID;
      }
      return EXIT.OK;
    } finally {
      opened.close();
    }
  },
};
