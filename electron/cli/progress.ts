import { call } from '../services/dispatch';
import { fileImportCommand } from './import-file';

/**
 * `import progress FILE --db PATH [--date D] [--at ISO] [--json]`: Amazon's Cortex route list as a
 * progress snapshot. Prints the ProgressImportResult (`{"ok","date","asOf","routes","updated","behind",
 * "rescues",…}`); exit 0 imported, 2 refused (nothing written).
 */
export const importProgressCommand = fileImportCommand({
  usage: 'import progress FILE --db PATH [--date YYYY-MM-DD] [--at ISO-TIME] [--json]',
  summary: "Import Amazon's Cortex route list taken during the day as progress: the behind list and the rescues it shows (as-of time from the file name, else --at)",
  fileWhat: 'the Cortex route list, XLSX or CSV',
  date: 'optional',
  at: true,
  dryRun: false,
  run: (ctx, { fileName, content, encoding }, values) =>
    call(ctx, 'progress.import', { fileName, content, encoding, ...(values.date ? { date: values.date } : {}), ...(values.at ? { at: values.at } : {}) }),
  describe(res) {
    let out =
      `Imported progress of ${res.routes} routes for ${res.date} as of ${res.asOf} (${res.updated} on the desk)` +
      (res.skippedOtherDsp ? `, ${res.skippedOtherDsp} of other DSPs skipped` : '') +
      `: ${res.behind.length} behind\n`;
    for (const b of res.behind) out += `  ${b.routeCode} ${b.driverName}: ${b.stopsDone}/${b.stopsTotal} stops, ${b.minutesLate == null ? 'no stops done yet' : `${b.minutesLate} min late, finish ${b.projectedFinish}`}\n`;
    for (const r of res.rescues) out += `  rescue on ${r.routeCode}: ${r.toName} (${r.recorded})\n`;
    return out;
  },
});
