import { call } from '../services/dispatch';
import { fileImportCommand } from './import-file';

/**
 * `import roster FILE --db PATH [--dry-run] [--json]`: Amazon's associates export (CSV or XLSX),
 * all or nothing, updating drivers by transporter ID. Prints the RosterImportResult
 * `{ok, dryRun, drivers, added, changed, unchanged, errors:[{row, column, message}]}`;
 * exit 0 when imported (or, with --dry-run, when it would be), 2 when the file has errors.
 */
export const importRosterCommand = fileImportCommand({
  usage: 'import roster FILE --db PATH [--dry-run] [--json]',
  summary: "Import drivers from Amazon's associates export (CSV/XLSX); all or nothing; updates by transporter ID",
  fileWhat: 'the associates export, CSV or XLSX',
  run: (ctx, input) => call(ctx, 'roster.import', input),
  describe: (res) =>
    `${res.dryRun ? 'Would import' : 'Imported'} ${res.drivers} drivers: ${res.added.length} new, ${res.changed.length} changed, ${res.unchanged} unchanged` +
    `${res.dryRun ? ' (dry run: nothing written)' : ''}\n`,
});
