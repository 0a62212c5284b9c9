import { call } from '../services/dispatch';
import { fileImportCommand } from './import-file';

const SOURCE = { desk: 'a DVIR sheet', 'whip-around': "Whip Around's report", dvic: "Amazon's DVIC report" } as const;

/**
 * `import fleet FILE --db PATH [--dry-run] --json` → {ok, vans, added, changed, errors:[{row,column,message}]};
 * exit 0 when ok, 2 otherwise (nothing written).
 */
export const importFleetCommand = fileImportCommand({
  usage: 'import fleet FILE --db PATH [--dry-run] [--json]',
  summary: "Import vans (CSV/XLSX, Amazon's fleet vehicles export too); all or nothing; updates by VIN",
  fileWhat: 'CSV or XLSX',
  run: (ctx, input) => call(ctx, 'fleet.import', input),
  describe: (res) =>
    `${res.dryRun ? 'Checked' : 'Imported'} ${res.vans} vans: ${res.added} new, ${res.changed} changed, ${res.unchanged} unchanged${res.grounded ? `, ${res.grounded} grounded by Amazon` : ''}\n`,
});

/** `import inspections FILE --db PATH [--dry-run] --json` → {ok, inspections, failed, defectsOpened, errors}. */
export const importInspectionsCommand = fileImportCommand({
  usage: 'import inspections FILE --db PATH [--dry-run] [--json]',
  summary: "Import inspections: a DVIR sheet (Van, Date, Time, Type, Inspector, one P/F column per checklist item), Whip Around's report or Amazon's DVIC report",
  fileWhat: 'CSV or XLSX',
  run: (ctx, input) => call(ctx, 'fleet.importInspections', input),
  describe: (res) =>
    `${res.dryRun ? 'Checked' : 'Imported'} ${res.inspections} inspections from ${SOURCE[res.source]}: ${res.added} new, ${res.unchanged} already on the desk` +
    (res.source === 'desk' ? ` (${res.failed} failed${res.dryRun ? '' : `, ${res.defectsOpened} defects opened`})` : ' (who and when; no item results)') +
    '\n',
});
