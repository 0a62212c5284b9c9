import { call } from '../services/dispatch';
import { CliError, dbOption, EXIT, openDesk, parseOptions, printJson, resolveDb, type CliCommand } from './common';
import { readImportFile, readPreview } from './import-file';
import { isValidDate } from '../../shared/station-time';

/**
 * `import progress FILE --db PATH [--date D] [--at ISO] [--json]`: Amazon's Cortex route list as a
 * progress snapshot. Prints the ProgressImportResult (`{"ok","date","asOf","routes","updated","behind",
 * "rescues",…}`); exit 0 imported, 2 refused (nothing written).
 */
export const importProgressCommand: CliCommand = {
  usage: 'import progress FILE --db PATH [--date YYYY-MM-DD] [--at ISO-TIME] [--json]',
  summary: "Import Amazon's Cortex route list taken during the day as progress: the behind list and the rescues it shows (as-of time from the file name, else --at)",
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { ...dbOption, date: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
    if (positionals.length !== 1) throw new CliError('give exactly one FILE (the Cortex route list, XLSX or CSV)');
    if (values.date !== undefined && !isValidDate(values.date)) throw new CliError(`--date must be a date as YYYY-MM-DD (got "${values.date}")`);
    if (values.at !== undefined && Number.isNaN(Date.parse(values.at))) throw new CliError(`--at must be an ISO time such as 2026-12-02T12:40:00-08:00 (got "${values.at}")`);
    const input = readImportFile(positionals[0]!);
    const { ctx, opened } = openDesk(resolveDb(values.db));
    try {
      const res = await call(ctx, 'progress.import', { ...input, ...(values.date ? { date: values.date } : {}), ...(values.at ? { at: new Date(values.at).toISOString() } : {}) });
      if (values.json) printJson(res);
      else if (res.ok) {
        process.stdout.write(
          `Imported progress of ${res.routes} routes for ${res.date} as of ${res.asOf} (${res.updated} on the desk)` +
            (res.skippedOtherDsp ? `, ${res.skippedOtherDsp} of other DSPs skipped` : '') +
            `: ${res.behind.length} behind\n`,
        );
        for (const b of res.behind) process.stdout.write(`  ${b.routeCode} ${b.driverName}: ${b.stopsDone}/${b.stopsTotal} stops, ${b.minutesLate == null ? 'no stops done yet' : `${b.minutesLate} min late, finish ${b.projectedFinish}`}\n`);
        for (const r of res.rescues) process.stdout.write(`  rescue on ${r.routeCode}: ${r.toName} (${r.recorded})\n`);
        process.stdout.write(readPreview(res.read, res.warnings));
      } else {
        process.stdout.write(`Not imported, nothing written. ${res.errors.length} problem(s):\n`);
        for (const e of res.errors) process.stdout.write(`  ${e.row ? `row ${e.row}, ` : ''}${e.column}: ${e.message}\n`);
      }
      return res.ok ? EXIT.OK : EXIT.INVALID;
    } finally {
      opened.close();
    }
  },
};
