import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';
import { call } from '../services/dispatch';
import { readImportFile } from './import-file';
import { isValidWeek } from '../../shared/rules/scorecards/weeks';
import type { ScorecardImportResult } from '../../shared/contract/scorecards';

/**
 * `import scorecard FILE [--week YYYY-Www] --db PATH [--dry-run] [--company-score N] [--company-tier T] --json`
 * FILE: the DSP Overview Dashboard CSV (one or six weeks), the DA table (CSV/XLSX), or the scorecard
 * PDF. The week comes from the file; `--week` is needed only when the file does not say it, and
 * must agree with it otherwise. Prints {ok, week, weeks, weekFrom, source, drivers, unknownDrivers,
 * errors, tiers, read, station}; exit 0 when ok, 2 otherwise.
 */
export const importScorecardCommand: CliCommand = {
  usage: 'import scorecard FILE [--week YYYY-Www] --db PATH [--dry-run] [--json]',
  summary: "Import Amazon's scorecard (dashboard CSV, DA table CSV/XLSX, or the PDF); the week from the file; all or nothing; replaces each week",
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
    if (!file || positionals.length > 1) throw new CliError('give exactly one FILE (CSV, XLSX or PDF)');
    if (values.week !== undefined && !isValidWeek(values.week)) throw new CliError(`--week ${values.week} is not a scorecard week (YYYY-Www, e.g. 2026-W47)`);
    const input = readImportFile(file);
    const companyScore = values['company-score'] === undefined ? undefined : Number(values['company-score']);
    if (companyScore !== undefined && !Number.isFinite(companyScore)) throw new CliError('--company-score must be a number');
    const { ctx, opened } = openDesk(resolveDb(values.db));
    try {
      const res = await call(ctx, 'scorecards.import', {
        ...input,
        ...(values.week !== undefined ? { week: values.week } : {}),
        dryRun: values['dry-run'],
        ...(companyScore !== undefined ? { companyScore } : {}),
        ...(values['company-tier'] ? { companyTier: values['company-tier'] as 'Poor' } : {}),
      });
      // The first six keys as before; what the file was and how it was read added after them.
      const out = {
        ok: res.ok,
        week: res.week,
        drivers: res.drivers,
        unknownDrivers: res.unknownDrivers,
        errors: res.errors,
        tiers: res.tiers,
        weeks: res.weeks,
        weekFrom: res.weekFrom,
        source: res.source,
        read: res.read,
        station: res.station,
      };
      if (values.json) printJson(out);
      else process.stdout.write(describe(res, values['dry-run']));
      return res.ok ? EXIT.OK : EXIT.INVALID;
    } finally {
      opened.close();
    }
  },
};

/** The result in words: what the file was, the weeks, skipped rows and ignored columns, problems. */
function describe(res: ScorecardImportResult, dryRun: boolean): string {
  const lines: string[] = [];
  const what = res.source ? `${res.source.name}` : 'a scorecard table';
  if (res.read) lines.push(`Read ${res.read.fileName} as ${what} (header on row ${res.read.headerRow}${res.read.sheet.names.length > 1 ? ` of "${res.read.sheet.name}"` : ''}).`);
  const skipped = Object.entries(res.read?.skipped ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${SKIP_WORDS[k] ?? k}`);
  if (skipped.length) lines.push(`Skipped: ${skipped.join(', ')}.`);
  if (res.read?.ignoredColumns.length) lines.push(`Ignored columns (not known, not read): ${res.read.ignoredColumns.map((c) => (c.header ? `"${c.header}"` : `unnamed column ${c.letter}`)).join(', ')}.`);
  if (res.station?.overall) lines.push(`Station: overall standing ${res.station.overall.score} | ${res.station.overall.tier}.`);
  if (res.ok) {
    const tiers = Object.entries(res.tiers).map(([t, n]) => `${t} ${n}`).join(', ');
    const weeks = res.weeks.length > 1 ? ` (${res.weeks.length} weeks: ${res.weeks[0]!.week} to ${res.week})` : '';
    lines.push(`${dryRun ? 'Checked' : 'Imported'} ${res.drivers} rows for ${res.week}${weeks}, week from ${res.weekFrom} (${tiers})${res.unknownDrivers.length ? `; ${res.unknownDrivers.length} not on the roster` : ''}.`);
  } else {
    lines.push(`Not imported — ${res.errors.length} problem(s):`, ...res.errors.map((e) => `  ${e.row ? `row ${e.row} ` : ''}${e.column ? `${e.column}: ` : ''}${e.message}`));
  }
  return lines.join('\n') + '\n';
}

const SKIP_WORDS: Record<string, string> = { title: 'title rows', legend: 'legend rows', blank: 'blank rows', repeatedHeader: 'repeated headers', total: 'total rows' };
