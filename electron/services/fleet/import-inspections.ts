import { isNotNull } from 'drizzle-orm';
import { drivers, inspections, vans } from '../../db/schema';
import { twoStage, type ReadDb, type WriteContext } from '../context';
import { byRow, fileColumns, readImportFile, type FileColumns, type ImportFileInput } from '../../import/file';
import type { ColumnSpecs, IssueList, TableRow } from '../../import/reader';
import { parseDateCell, parseNumber } from '../../import/values';
import { getStation } from '../station/station';
import { norm } from './import-file';
import { recordInspection, type InspectionData } from './inspections';
import type { InspectionImportResult, InspectionImportRow, fleetChannels } from '../../../shared/contract/fleet';
import type { ImportIssue } from '../../../shared/contract/common';
import { stationDate, stationInstant } from '../../../shared/station-time';
import { DVIR_CHECKLIST, type InspectionKind, type InspectionSource } from '../../../shared/rules/fleet/maintenance';

/**
 * The inspections import reads three kinds of file (DOMAIN.md "DVIR exports"):
 * - the desk's own DVIR sheet: one row per inspection, one P/F column per checklist item — failed
 *   items open defects, as the DVIR form does;
 * - Whip Around's inspections report and Amazon's DVIC report: who inspected which van, when and
 *   for how long. Neither has per-item results, so none are made up: the records carry no result
 *   (Whip Around's fault count is kept as a count), and they tell the board and the readiness grid
 *   who has done a pre-trip today.
 * Steps as the other imports: prepare (read and parse, no database) → plan → apply.
 */

const itemField = (code: string) => `item:${code}`;
const noteField = (code: string) => `note:${code}`;
const checklistColumns: ColumnSpecs<string> = Object.fromEntries(
  DVIR_CHECKLIST.flatMap((item) => {
    const us = item.label.replace(/yre/g, 'ire');
    const names = [...new Set([item.code, us, item.label.split(/ and |\//)[0]!, us.split(/ and |\//)[0]!])].filter((n) => n !== item.label);
    return [
      [itemField(item.code), { label: item.label, aliases: names }],
      [noteField(item.code), { label: `${item.label} note`, aliases: [...names.map((n) => `${n} note`), `${item.label} notes`] }],
    ];
  }),
);

export const DESK_COLUMNS: ColumnSpecs<string> = {
  van: { label: 'Van', aliases: ['Vehicle', 'Van Name', 'vehicleName', 'VIN', 'Plate', 'Van Number'], required: true },
  date: { label: 'Date', aliases: ['Inspection Date', 'Date/Time', 'Date Time', 'Timestamp', 'Inspected At', 'At'], required: true, kind: 'date' },
  time: { label: 'Time', aliases: ['Inspection Time'], kind: 'time' },
  kind: { label: 'Type', aliases: ['Inspection Type', 'Kind', 'Pre/Post', 'DVIR Type'] },
  inspector: { label: 'Inspector', aliases: ['Driver', 'Inspected By', 'Name', 'DA'], required: true },
  odometer: { label: 'Odometer', aliases: ['Odometer (mi)', 'Mileage', 'Miles'] },
  notes: { label: 'Notes', aliases: ['Comments', 'Remarks', 'Defect Notes'] },
  ...checklistColumns,
};

/** Whip Around's `Inspections Report_<timestamp>.csv`. */
export const WHIP_AROUND_COLUMNS: ColumnSpecs<string> = {
  id: { label: 'Inspection ID', aliases: [], required: true },
  kind: { label: 'Form', aliases: [], required: true },
  date: { label: 'Date inspection occurred', aliases: [], required: true, kind: 'date' },
  van: { label: 'Asset name', aliases: [], required: true },
  first: { label: 'Driver first name', aliases: [] },
  last: { label: 'Driver last name', aliases: [] },
  duration: { label: 'Inspection duration', aliases: ['Duration'] },
  odometer: { label: 'Odometer', aliases: [] },
  faults: { label: 'Faults', aliases: ['Failed items', 'Faults count'] },
};

/** Amazon's DVIC report (`…_DVIC_Time_Last_7_Days.xlsx`). */
export const DVIC_COLUMNS: ColumnSpecs<string> = {
  date: { label: 'start_date', aliases: [], required: true, kind: 'date' },
  dsp: { label: 'dsp', aliases: [] },
  station: { label: 'station', aliases: [] },
  transporterId: { label: 'transporter_id', aliases: [] },
  inspector: { label: 'transporter_name', aliases: [] },
  van: { label: 'vin', aliases: [], required: true },
  fleetType: { label: 'fleet_type', aliases: [] },
  kind: { label: 'inspection_type', aliases: [], required: true },
  status: { label: 'inspection_status', aliases: [] },
  start: { label: 'start_time', aliases: [], required: true, kind: 'date' },
  end: { label: 'end_time', aliases: [], kind: 'date' },
  duration: { label: 'duration', aliases: [] },
};

const PASS = new Set(['p', 'pass', 'passed', 'ok', 'y', 'yes', '1', 'true', '✓', '✔', 'good', 'g']);
const FAIL = new Set(['f', 'fail', 'failed', 'n', 'no', '0', 'false', 'x', '✗', '✘', 'bad', 'defect']);

/** "09:41", "9:41 AM", "09:41:23" → seconds since midnight; undefined when not a time. */
function clockSeconds(raw: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(raw.trim());
  if (!m) return undefined;
  let h = Number(m[1]);
  if (m[4]) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (/^p/i.test(m[4]) ? 12 : 0);
  }
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (h > 23 || min > 59 || s > 59) return undefined;
  return h * 3600 + min * 60 + s;
}

/** A wall-clock date and time ("2026-12-30 09:41:23", "12/30/2026 9:41 AM", an ISO instant) → ISO instant at the station. */
function instantOf(text: string, tz: string, timeText = ''): { at?: string; error?: string } {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return { at: new Date(s).toISOString() };
  const [dPart = '', ...rest] = s.split(/\s+/);
  const d = parseDateCell(dPart);
  if (d.error || !d.value) return { error: d.error ?? 'is required' };
  const t = (timeText || rest.join(' ')).trim();
  const secs = t ? clockSeconds(t) : 12 * 3600;
  if (secs === undefined) return { error: `"${t.slice(0, 20)}" is not a time (HH:MM or h:mm AM/PM)` };
  const hhmm = `${String(Math.floor(secs / 3600)).padStart(2, '0')}:${String(Math.floor((secs % 3600) / 60)).padStart(2, '0')}`;
  return { at: new Date(Date.parse(stationInstant(d.value, hhmm, tz).toISOString()) + (secs % 60) * 1000).toISOString() };
}

/** Seconds: a bare number (DVIC), or h:mm:ss / mm:ss (Whip Around's "00:07:32"). */
function durationSeconds(raw: string): { value: number | null; error?: string } {
  const s = raw.trim();
  if (!s) return { value: null };
  if (/^\d+(\.\d+)?$/.test(s)) return { value: Math.round(Number(s)) };
  const m = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$/.exec(s);
  if (m) return { value: Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) };
  return { value: null, error: `"${s.slice(0, 20)}" is not a duration (seconds, or h:mm:ss)` };
}

const kindOf = (text: string): InspectionKind | undefined => {
  const k = norm(text);
  if (!k) return undefined;
  if (/^pre|pretrip/.test(k)) return 'pre_trip';
  if (/^post|posttrip/.test(k)) return 'post_trip';
  return undefined;
};

/** One inspection as read; the van and the DA are matched in the plan step. */
export interface InspectionRow {
  row: number;
  source: InspectionSource;
  /** As the file names the van: its name, VIN or plate. */
  van: string;
  kind: InspectionKind;
  at: string;
  endedAt: string | null;
  durationSec: number | null;
  inspector: string;
  transporterId: string;
  odometerMi: number | null;
  faults: number | null;
  notes: string;
  /** Checklist results (the desk's sheet only). */
  items: InspectionData['items'];
  /** The source's identity of the record (a re-import adds nothing twice); null for the desk's sheet. */
  sourceKey: string | null;
}

export interface InspectionsParsed {
  fileName: string;
  dryRun: boolean;
  source: InspectionSource;
  rows: InspectionRow[];
  total: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  read: InspectionImportResult['read'];
  columns: FileColumns;
  /** Every data row's van as written, also of rows with other problems (so an unknown van is reported in the same pass). */
  vanRefs: { row: number; van: string }[];
}

function emptyResult(dryRun: boolean, source: InspectionSource = 'desk'): InspectionImportResult {
  return { ok: false, dryRun, inspections: 0, failed: 0, defectsOpened: 0, source, added: 0, unchanged: 0, errors: [], warnings: [], preview: [], read: null };
}

/** Step 1 (async; the station's time zone is the only thing it needs from the desk). */
export async function prepareInspectionsImport(input: ImportFileInput & { dryRun: boolean }, tz: string): Promise<InspectionsParsed> {
  const out: InspectionsParsed = { fileName: input.fileName, dryRun: input.dryRun, source: 'desk', rows: [], total: 0, errors: [], warnings: [], read: null, columns: { name: {}, index: {} }, vanRefs: [] };
  const { table, refusal } = await readImportFile(input, {
    columns: DESK_COLUMNS,
    columnsByExport: { 'whip-around-inspections': WHIP_AROUND_COLUMNS, 'dvic-report': DVIC_COLUMNS },
    accepts: ['whip-around-inspections', 'dvic-report'],
  });
  if (!table) {
    out.errors.push(refusal);
    return out;
  }
  out.read = table.summary();
  out.total = table.rows.length;
  const source: InspectionSource = table.recognised?.id === 'whip-around-inspections' ? 'whip-around' : table.recognised?.id === 'dvic-report' ? 'dvic' : 'desk';
  out.source = source;
  out.columns = fileColumns(table, [...new Set([...Object.keys(DESK_COLUMNS), ...Object.keys(WHIP_AROUND_COLUMNS), ...Object.keys(DVIC_COLUMNS)])]);
  const issues = table.issues();
  if (source === 'desk' && DVIR_CHECKLIST.every((i) => table.columnIndex(itemField(i.code)) === undefined)) {
    issues.add(table.headerRow, 'checklist', 'no checklist item columns found (e.g. Brakes, Steering, Tyres and wheels …)');
  }
  const seenKeys = new Map<string, number>();
  for (const r of table.rows) {
    if (r.get('van')) out.vanRefs.push({ row: r.rowNumber, van: r.get('van') });
    const before = issues.size;
    const parsed = source === 'desk' ? deskRow(r, issues, tz) : source === 'whip-around' ? whipAroundRow(r, issues, tz) : dvicRow(r, issues, tz);
    if (!parsed || issues.size > before) continue;
    if (parsed.sourceKey) {
      const other = seenKeys.get(parsed.sourceKey);
      if (other !== undefined) {
        out.warnings.push({ row: r.rowNumber, column: '', message: `the same inspection as row ${other}: read once` });
        continue;
      }
      seenKeys.set(parsed.sourceKey, r.rowNumber);
    }
    out.rows.push(parsed);
  }
  out.errors = issues.list();
  return out;
}

function deskRow(r: TableRow<string>, issues: IssueList<string>, tz: string): InspectionRow | null {
  const row = r.rowNumber;
  const van = r.get('van');
  if (!van) issues.add(row, 'van', 'is required');
  const when = instantOf(r.get('date'), tz, r.get('time'));
  if (when.error) issues.add(row, when.error.includes('time') && r.get('time') ? 'time' : 'date', when.error);
  const kindText = r.get('kind');
  const kind = kindText ? kindOf(kindText) : 'pre_trip';
  if (!kind) issues.add(row, 'kind', `"${kindText.slice(0, 20)}" must be pre-trip or post-trip`);
  const inspector = r.get('inspector');
  if (!inspector) issues.add(row, 'inspector', 'is required');
  const odo = parseNumber(r.get('odometer'));
  if (odo.error) issues.add(row, 'odometer', odo.error);
  else if (odo.value != null && odo.value < 0) issues.add(row, 'odometer', 'cannot be negative');
  const items: InspectionData['items'] = [];
  let anyItemError = false;
  for (const item of DVIR_CHECKLIST) {
    if (!r.has(itemField(item.code))) continue;
    const v = r.get(itemField(item.code)).toLowerCase();
    if (!v) continue;
    const passed = PASS.has(v) ? true : FAIL.has(v) ? false : undefined;
    if (passed === undefined) {
      issues.add(row, itemField(item.code), `"${v.slice(0, 20)}" must be P (pass) or F (fail)`);
      anyItemError = true;
      continue;
    }
    items.push({ itemCode: item.code, passed, note: r.get(noteField(item.code)).slice(0, 500) });
  }
  if (items.length === 0 && !anyItemError && issues.countFor(row) === 0) issues.add(row, 'checklist', 'no checklist item marked P or F');
  if (!when.at || !kind) return null;
  return {
    row,
    source: 'desk',
    van,
    kind,
    at: when.at,
    endedAt: null,
    durationSec: null,
    inspector: inspector.slice(0, 80),
    transporterId: '',
    odometerMi: odo.value ?? null,
    faults: null,
    notes: r.get('notes').slice(0, 2000),
    items,
    sourceKey: null,
  };
}

function whipAroundRow(r: TableRow<string>, issues: IssueList<string>, tz: string): InspectionRow | null {
  const row = r.rowNumber;
  const id = r.get('id');
  if (!id) issues.add(row, 'id', 'is required');
  const van = r.get('van');
  if (!van) issues.add(row, 'van', 'is required');
  const kind = kindOf(r.get('kind'));
  if (!kind) issues.add(row, 'kind', `"${r.get('kind').slice(0, 40)}" is not a pre-trip or post-trip form`);
  const when = instantOf(r.get('date'), tz);
  if (when.error) issues.add(row, 'date', when.error);
  const dur = durationSeconds(r.get('duration'));
  if (dur.error) issues.add(row, 'duration', dur.error);
  const odo = parseNumber(r.get('odometer'));
  if (odo.error) issues.add(row, 'odometer', odo.error);
  const faults = parseNumber(r.get('faults'));
  if (faults.error || (faults.value != null && (faults.value < 0 || !Number.isInteger(faults.value)))) issues.add(row, 'faults', faults.error ?? `${faults.value} is not a count`);
  const inspector = [r.get('first'), r.get('last')].filter(Boolean).join(' ');
  if (!when.at || !kind) return null;
  return {
    row,
    source: 'whip-around',
    van,
    kind,
    at: when.at,
    endedAt: dur.value != null ? new Date(Date.parse(when.at) + dur.value * 1000).toISOString() : null,
    durationSec: dur.value,
    inspector: (inspector || 'unknown').slice(0, 80),
    transporterId: '',
    odometerMi: odo.value ?? null,
    faults: faults.value ?? null,
    notes: '',
    items: [],
    sourceKey: `whip-around:${id}`,
  };
}

function dvicRow(r: TableRow<string>, issues: IssueList<string>, tz: string): InspectionRow | null {
  const row = r.rowNumber;
  const van = r.get('van');
  if (!van) issues.add(row, 'van', 'is required');
  const kind = kindOf(r.get('kind'));
  if (!kind) issues.add(row, 'kind', `"${r.get('kind').slice(0, 40)}" must be PRE_TRIP or POST_TRIP`);
  const start = instantOf(r.get('start'), tz);
  if (start.error) issues.add(row, 'start', start.error);
  const endText = r.get('end');
  const end = endText ? instantOf(endText, tz) : { at: undefined };
  if (end.error) issues.add(row, 'end', end.error);
  const dur = durationSeconds(r.get('duration'));
  if (dur.error) issues.add(row, 'duration', dur.error);
  const durationSec = dur.value ?? (start.at && end.at ? Math.round((Date.parse(end.at) - Date.parse(start.at)) / 1000) : null);
  if (!start.at || !kind) return null;
  return {
    row,
    source: 'dvic',
    van,
    kind,
    at: start.at,
    endedAt: end.at ?? (durationSec != null ? new Date(Date.parse(start.at) + durationSec * 1000).toISOString() : null),
    durationSec,
    inspector: (r.get('inspector') || r.get('transporterId') || 'unknown').slice(0, 80),
    transporterId: r.get('transporterId').toUpperCase(),
    odometerMi: null,
    faults: null,
    notes: '',
    items: [],
    sourceKey: `dvic:${van.toUpperCase()}|${kind}|${start.at}`,
  };
}

export interface InspectionsPlan {
  result: InspectionImportResult;
  /** Desk sheet rows → the DVIR path (items, defects). */
  dvirs: (InspectionData & { row: number })[];
  /** Export rows → inspection records without items. */
  records: (InspectionRow & { vanId: number; driverId: number | null; date: string })[];
}

/** Step 2 (synchronous, reads the database): match vans (name, VIN or plate) and DAs (transporter ID, else an exact unique name). */
export function planInspectionsImport(db: ReadDb, parsed: InspectionsParsed, tz: string): InspectionsPlan {
  const result = emptyResult(parsed.dryRun, parsed.source);
  result.read = parsed.read;
  result.inspections = parsed.total;
  const errors = [...parsed.errors];
  const warnings = [...parsed.warnings];
  const vanKey = new Map<string, { id: number; name: string }>();
  for (const v of db.select({ id: vans.id, name: vans.name, vin: vans.vin, plate: vans.plate, archivedAt: vans.archivedAt }).from(vans).all()) {
    // Active vans win a name over archived ones; every VIN is unique anyway.
    for (const k of [v.vin, v.plate, v.name]) if (k && (!vanKey.has(norm(k)) || !v.archivedAt)) vanKey.set(norm(k), { id: v.id, name: v.name });
  }
  const driverRows = db.select({ id: drivers.id, name: drivers.name, tid: drivers.transporterId }).from(drivers).all();
  const byTid = new Map(driverRows.map((d) => [d.tid.toUpperCase(), d.id]));
  const byName = new Map<string, number | null>();
  for (const d of driverRows) byName.set(norm(d.name), byName.has(norm(d.name)) ? null : d.id);
  const known = new Set(
    db
      .select({ k: inspections.sourceKey })
      .from(inspections)
      .where(isNotNull(inspections.sourceKey))
      .all()
      .map((r) => r.k!),
  );
  const plan: InspectionsPlan = { result, dvirs: [], records: [] };
  const column = parsed.columns.name.van ?? 'Van';
  for (const ref of parsed.vanRefs) {
    if (!vanKey.has(norm(ref.van))) errors.push({ row: ref.row, column, message: `no van "${ref.van.slice(0, 40)}" on the desk (name, VIN or plate): import the fleet first` });
  }
  for (const r of parsed.rows) {
    const van = vanKey.get(norm(r.van));
    if (!van) continue;
    const driverId = (r.transporterId && byTid.get(r.transporterId)) || byName.get(norm(r.inspector)) || null;
    if (parsed.source !== 'desk' && driverId == null && r.inspector !== 'unknown') {
      warnings.push({ row: r.row, column: parsed.columns.name[parsed.source === 'dvic' ? 'transporterId' : 'first'] ?? '', message: `${r.inspector}${r.transporterId ? ` (${r.transporterId})` : ''} is not on the roster: kept as a name` });
    }
    const key = r.sourceKey ?? `sheet:${van.id}|${r.kind}|${r.at}`;
    const action: InspectionImportRow['action'] = known.has(key) ? 'same' : 'add';
    if (action === 'same') result.unchanged++;
    else if (r.source === 'desk') plan.dvirs.push({ row: r.row, vanId: van.id, kind: r.kind, at: r.at, inspector: r.inspector, odometerMi: r.odometerMi, notes: r.notes, items: r.items });
    else plan.records.push({ ...r, sourceKey: key, vanId: van.id, driverId, date: stationDate(new Date(r.at), tz) });
    if (r.source === 'desk' && r.items.some((i) => !i.passed)) result.failed++;
    if (result.preview.length < 200) {
      result.preview.push({ row: r.row, vanName: van.name, kind: r.kind, at: r.at, endedAt: r.endedAt, durationSec: r.durationSec, inspector: r.inspector, driverId, result: r.source === 'desk' ? (r.items.some((i) => !i.passed) ? 'fail' : 'pass') : null, faults: r.faults, source: r.source, action });
    }
  }
  result.added = plan.dvirs.length + plan.records.length;
  result.errors = byRow(errors, parsed.columns);
  result.warnings = byRow(warnings, parsed.columns);
  result.ok = result.errors.length === 0;
  return plan;
}

/**
 * Step 3 (inside the call's write transaction). Oldest first, so odometers and defects build up
 * in order. The call's audit entry is the file; each DVIR recorded is a line of it.
 */
export function applyInspectionsImport(w: WriteContext, plan: InspectionsPlan, fileName: string): void {
  if (plan.dvirs.length + plan.records.length === 0) return; // nothing to add: no entry
  const { source } = plan.result;
  w.audit({ action: 'import', entity: 'file', entityId: fileName, after: { kind: 'inspections', source, added: plan.dvirs.length + plan.records.length, failed: plan.result.failed } });
  plan.dvirs.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  for (const d of plan.dvirs) plan.result.defectsOpened += recordInspection(w, d).opened;
  for (let i = 0; i < plan.records.length; i += 200) {
    const chunk = plan.records.slice(i, i + 200).map((r) => ({
      vanId: r.vanId,
      kind: r.kind,
      at: r.at,
      date: r.date,
      inspector: r.inspector,
      driverId: r.driverId,
      odometerMi: r.odometerMi,
      result: null,
      endedAt: r.endedAt,
      durationSec: r.durationSec,
      faults: r.faults,
      source: r.source,
      sourceKey: r.sourceKey,
      notes: '',
      createdBy: w.actor.name,
    }));
    w.db.insert(inspections).values(chunk).run();
  }
}

/** `fleet.importInspections`, a two-stage write: read outside the transaction; all or nothing; a dry run previews without writing. */
export const importInspections = twoStage<(typeof fleetChannels)['fleet.importInspections'], { parsed: InspectionsParsed; tz: string }>({
  prepare: async (ctx, input) => {
    const tz = getStation(ctx.db)?.timeZone ?? 'UTC';
    return { parsed: await prepareInspectionsImport(input, tz), tz };
  },
  apply: (w, input, { parsed, tz }) => {
    if (!parsed.read) return { ...emptyResult(input.dryRun), errors: parsed.errors };
    const plan = planInspectionsImport(w.db, parsed, tz);
    if (plan.result.ok && !input.dryRun) applyInspectionsImport(w, plan, input.fileName);
    return plan.result;
  },
});
