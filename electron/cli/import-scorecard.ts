import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';
import { call } from '../services/dispatch';
import { readImportFile } from './import-file';
import { isValidWeek } from '../../shared/rules/scorecards/weeks';

/**
 * `import scorecard FILE --week YYYY-Www --db PATH [--dry-run] [--company-score N] [--company-tier T] --json`
 * Prints {ok, week, drivers, unknownDrivers, errors, tiers}; exit 0 when ok, 2 otherwise.
 */
export const importScorecardCommand: CliCommand = {
  usage: 'import scorecard FILE --week YYYY-Www --db PATH [--dry-run] [--json]',
  summary: "Import a week's DA scorecard (CSV or XLSX); all or nothing; replaces that week",
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      {
        ...dbOption,
        week: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'company-score': { type: 'string' },
        'company-tier': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new CliError('give exactly one FILE (CSV or XLSX)');
    if (!values.week) throw new CliError('missing --week YYYY-Www');
    if (!isValidWeek(values.week)) throw new CliError(`--week ${values.week} is not a scorecard week (YYYY-Www, e.g. 2026-W47)`);
    const input = readImportFile(file);
    const companyScore = values['company-score'] === undefined ? undefined : Number(values['company-score']);
    if (companyScore !== undefined && !Number.isFinite(companyScore)) throw new CliError('--company-score must be a number');
    const { ctx, opened } = openDesk(resolveDb(values.db));
    try {
      const res = await call(ctx, 'scorecards.import', {
        ...input,
        week: values.week,
        dryRun: values['dry-run'],
        ...(companyScore !== undefined ? { companyScore } : {}),
        ...(values['company-tier'] ? { companyTier: values['company-tier'] as 'Poor' } : {}),
      });
      const out = { ok: res.ok, week: res.week, drivers: res.drivers, unknownDrivers: res.unknownDrivers, errors: res.errors, tiers: res.tiers };
      if (values.json) printJson(out);
      else {
        const tiers = Object.entries(res.tiers).map(([t, n]) => `${t} ${n}`).join(', ');
        process.stdout.write(
          res.ok
            ? `${values['dry-run'] ? 'Checked' : 'Imported'} ${res.drivers} drivers for ${res.week} (${tiers})${res.unknownDrivers.length ? `; ${res.unknownDrivers.length} not on the roster` : ''}\n`
            : `Not imported — ${res.errors.length} problem(s):\n${res.errors.map((e) => `  row ${e.row} ${e.column}: ${e.message}`).join('\n')}\n`,
        );
      }
      return res.ok ? EXIT.OK : EXIT.INVALID;
    } finally {
      opened.close();
    }
  },
};
