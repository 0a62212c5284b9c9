import { vans } from '../../db/schema';
import { twoStage, type WriteContext } from '../context';
import { cell, matchColumns, type ColumnSpec } from '../../import/table';
import { parseDateCell, parseNumber } from '../../import/values';
import { stationTimeZone } from '../station/station';
import { norm, readFile, type FileIn, type ReadFile } from './import-file';
import { recordInspection, type InspectionData } from './inspections';
import { stationInstant } from '../../../shared/station-time';
import type { InspectionImportResult, fleetChannels } from '../../../shared/contract/fleet';
import { DVIR_CHECKLIST, type InspectionKind } from '../../../shared/rules/fleet/maintenance';

// DVIR import: one row per inspection, one column per checklist item (P/F), CSV or XLSX.

const INSPECTION_COLUMNS = {
  van: { label: 'Van', aliases: ['Vehicle', 'Van Name', 'vehicleName', 'VIN', 'Plate', 'Van Number'], required: true },
  date: { label: 'Date', aliases: ['Inspection Date', 'Date/Time', 'Date Time', 'Timestamp', 'Inspected At', 'At'], required: true },
  time: { label: 'Time', aliases: ['Inspection Time'] },
  kind: { label: 'Type', aliases: ['Inspection Type', 'Kind', 'Pre/Post', 'DVIR Type'] },
  inspector: { label: 'Inspector', aliases: ['Driver', 'Inspected By', 'Name', 'DA'], required: true },
  odometer: { label: 'Odometer', aliases: ['Odometer (mi)', 'Mileage', 'Miles'] },
  notes: { label: 'Notes', aliases: ['Comments', 'Remarks', 'Defect Notes'] },
} satisfies Record<string, ColumnSpec>;

const PASS = new Set(['p', 'pass', 'passed', 'ok', 'y', 'yes', '1', 'true', '✓', '✔', 'good', 'g']);
const FAIL = new Set(['f', 'fail', 'failed', 'n', 'no', '0', 'false', 'x', '✗', '✘', 'bad', 'defect']);

function parseTime(raw: string): string | null | undefined {
  const s = raw.trim();
  if (!s) return null;
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i.exec(s);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2]);
  if (m[3]) {
    const pm = /^p/i.test(m[3]);
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** DVIR import, a two-stage write: the file is read outside the transaction, checked and written inside it. */
export const importInspections = twoStage<(typeof fleetChannels)['fleet.importInspections'], ReadFile>({
  prepare: (_ctx, input) => readFile(input),
  apply: (w, input, file) => applyInspections(w, input, file),
});

function applyInspections(w: WriteContext, input: FileIn, file: ReadFile): InspectionImportResult {
  const result: InspectionImportResult = { ok: false, dryRun: input.dryRun, inspections: 0, failed: 0, defectsOpened: 0, errors: [] };
  const { sheet } = file;
  if (!sheet) {
    result.errors.push(file.error);
    return result;
  }
  const match = matchColumns(sheet.headers, INSPECTION_COLUMNS);
  result.errors.push(...match.issues);
  // Checklist columns: by label ("Brakes", "Tyres and wheels") or code ("brakes", "tyres"); "Tires" too.
  const normHeaders = sheet.headers.map(norm);
  const itemCols = DVIR_CHECKLIST.map((item) => {
    const names = [item.label, item.code, item.label.replace(/yre/g, 'ire'), item.label.split(/ and |\//)[0]!].map(norm);
    const at = normHeaders.findIndex((h) => names.includes(h));
    const noteAt = normHeaders.findIndex((h) => names.some((n) => h === `${n}note` || h === `${n}notes`));
    return { item, at, noteAt };
  }).filter((c) => c.at >= 0);
  if (itemCols.length === 0) result.errors.push({ row: 1, column: 'checklist', message: 'no checklist item columns found (e.g. Brakes, Steering, Tyres and wheels …)' });
  result.inspections = sheet.rows.length;
  if (result.errors.length > 0) return result;

  const tz = stationTimeZone(w.db);
  const allVans = w.db.select({ id: vans.id, name: vans.name, vin: vans.vin, plate: vans.plate, archivedAt: vans.archivedAt }).from(vans).all();
  const byKey = new Map<string, number>();
  for (const v of allVans) {
    if (v.archivedAt) continue;
    for (const k of [v.name, v.vin, v.plate]) if (k) byKey.set(norm(k), v.id);
  }
  const planned: InspectionData[] = [];
  for (const r of sheet.rows) {
    const before = result.errors.length;
    const err = (column: string, message: string) => result.errors.push({ row: r.row, column, message });
    const vanText = cell(match, r, 'van');
    const vanId = byKey.get(norm(vanText));
    if (!vanId) err('Van', vanText ? `no van "${vanText.slice(0, 40)}" (name, VIN or plate)` : 'is required');
    const dateText = cell(match, r, 'date');
    let at: string | undefined;
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(dateText) ? dateText : null;
    if (iso) at = new Date(iso).toISOString();
    else {
      const [dPart, ...rest] = dateText.split(/\s+/);
      const d = parseDateCell(dPart ?? '');
      const tText = cell(match, r, 'time') || rest.join(' ');
      const t = parseTime(tText);
      if (d.error || !d.value) err('Date', d.error ?? 'is required');
      else if (t === undefined) err(cell(match, r, 'time') ? 'Time' : 'Date', `"${tText.slice(0, 20)}" is not a time (HH:MM or h:mm AM/PM)`);
      else at = stationInstant(d.value, t ?? '12:00', tz).toISOString();
    }
    const kindText = norm(cell(match, r, 'kind'));
    const kind: InspectionKind | undefined = !kindText || kindText.startsWith('pre') ? 'pre_trip' : kindText.startsWith('post') ? 'post_trip' : undefined;
    if (!kind) err('Type', `"${cell(match, r, 'kind').slice(0, 20)}" must be pre-trip or post-trip`);
    const inspector = cell(match, r, 'inspector');
    if (!inspector) err('Inspector', 'is required');
    const odo = parseNumber(cell(match, r, 'odometer'));
    if (odo.error) err('Odometer', odo.error);
    else if (odo.value != null && odo.value < 0) err('Odometer', 'cannot be negative');
    const items: InspectionData['items'] = [];
    for (const c of itemCols) {
      const v = (r.cells[c.at] ?? '').trim().toLowerCase();
      if (!v) continue;
      const passed = PASS.has(v) ? true : FAIL.has(v) ? false : undefined;
      if (passed === undefined) {
        err(sheet.headers[c.at] ?? c.item.label, `"${v.slice(0, 20)}" must be P (pass) or F (fail)`);
        continue;
      }
      items.push({ itemCode: c.item.code, passed, note: c.noteAt >= 0 ? (r.cells[c.noteAt] ?? '').trim().slice(0, 500) : '' });
    }
    if (items.length === 0 && result.errors.length === before) err('checklist', 'no checklist item marked P or F');
    if (result.errors.length > before) continue;
    planned.push({ vanId: vanId!, kind: kind!, at, inspector: inspector.slice(0, 80), odometerMi: odo.value ?? null, notes: cell(match, r, 'notes').slice(0, 2000), items });
  }
  result.failed = planned.filter((p) => p.items.some((i) => !i.passed)).length;
  result.ok = result.errors.length === 0;
  if (!result.ok) return result;
  if (input.dryRun || planned.length === 0) return result;
  // Oldest first, so odometers and defects build up in order.
  planned.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  w.audit({ action: 'import', entity: 'file', entityId: input.fileName, after: { kind: 'inspections', inspections: planned.length, failed: result.failed } });
  for (const p of planned) result.defectsOpened += recordInspection(w, p).opened;
  return result;
}
