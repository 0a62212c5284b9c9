import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';
import { call } from '../services/dispatch';
import { readImportFile, readPreview } from './import-file';
import type { ImportIssue } from '../../shared/contract/common';

const problems = (errors: ImportIssue[]) => errors.map((e) => `  row ${e.row} ${e.column}: ${e.message}`).join('\n');
const SOURCE = { desk: 'a DVIR sheet', 'whip-around': "Whip Around's report", dvic: "Amazon's DVIC report" } as const;
const options = { ...dbOption, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } as const;

/**
 * `import fleet FILE --db PATH [--dry-run] --json` → {ok, vans, added, changed, errors:[{row,column,message}]};
 * exit 0 when ok, 2 otherwise (nothing written).
 */
export const importFleetCommand: CliCommand = {
  usage: 'import fleet FILE --db PATH [--dry-run] [--json]',
  summary: "Import vans (CSV/XLSX, Amazon's fleet vehicles export too); all or nothing; updates by VIN",
  async run(argv) {
    const { values, positionals } = parseOptions(argv, options, true);
    if (positionals.length !== 1) throw new CliError('give exactly one FILE (CSV or XLSX)');
    const input = readImportFile(positionals[0]!);
    const { ctx, opened } = openDesk(resolveDb(values.db));
    try {
      const res = await call(ctx, 'fleet.import', { ...input, dryRun: values['dry-run'] });
      if (values.json) printJson(res);
      else {
        process.stdout.write(
          res.ok
            ? `${res.dryRun ? 'Checked' : 'Imported'} ${res.vans} vans: ${res.added} new, ${res.changed} changed, ${res.unchanged} unchanged${res.grounded ? `, ${res.grounded} grounded by Amazon` : ''}\n`
            : `Not imported — ${res.errors.length} problem(s):\n${problems(res.errors)}\n`,
        );
        process.stdout.write(readPreview(res.read, res.warnings));
      }
      return res.ok ? EXIT.OK : EXIT.INVALID;
    } finally {
      opened.close();
    }
  },
};

/** `import inspections FILE --db PATH [--dry-run] --json` → {ok, inspections, failed, defectsOpened, errors}. */
export const importInspectionsCommand: CliCommand = {
  usage: 'import inspections FILE --db PATH [--dry-run] [--json]',
  summary: "Import inspections: a DVIR sheet (Van, Date, Time, Type, Inspector, one P/F column per checklist item), Whip Around's report or Amazon's DVIC report",
  async run(argv) {
    const { values, positionals } = parseOptions(argv, options, true);
    if (positionals.length !== 1) throw new CliError('give exactly one FILE (CSV or XLSX)');
    const input = readImportFile(positionals[0]!);
    const { ctx, opened } = openDesk(resolveDb(values.db));
    try {
      const res = await call(ctx, 'fleet.importInspections', { ...input, dryRun: values['dry-run'] });
      if (values.json) printJson(res);
      else {
        process.stdout.write(
          res.ok
            ? `${res.dryRun ? 'Checked' : 'Imported'} ${res.inspections} inspections from ${SOURCE[res.source]}: ${res.added} new, ${res.unchanged} already on the desk` +
                (res.source === 'desk' ? ` (${res.failed} failed${res.dryRun ? '' : `, ${res.defectsOpened} defects opened`})` : ' (who and when; no item results)') +
                '\n'
            : `Not imported — ${res.errors.length} problem(s):\n${problems(res.errors)}\n`,
        );
        process.stdout.write(readPreview(res.read, res.warnings));
      }
      return res.ok ? EXIT.OK : EXIT.INVALID;
    } finally {
      opened.close();
    }
  },
};
