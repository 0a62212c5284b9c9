import { twoStage, type WriteContext } from '../context';
import { readImportFile, type ImportFileInput } from '../../import/file';
import { fileInputBytes, isImportRefusal, readTable, type Table } from '../../import/reader';
import { CORTEX_COLUMNS, parseCortexRows, type CortexField, type CortexRoute } from '../board/cortex';
import { getBoardSettings } from '../board/settings';
import { getStation, stationToday } from '../station/station';
import { routeServiceReading } from '../../../shared/rules/board';
import { behindOf, isComplete, snapshotRoutes, verdictContext } from './snapshot';
import { recordCortexRescues } from './rescues';
import type { ImportIssue } from '../../../shared/contract/common';
import type { ProgressImportResult, ProgressRecognised, progressChannels } from '../../../shared/contract/progress';
import { CORTEX_FILE_NAME, dropTarget } from '../../../shared/rules/progress';

/**
 * `progress.import`: Amazon's Cortex route list taken during the day → one progress snapshot.
 * The rows are read by the route import's own Cortex parser (board/cortex.ts); this adds the
 * as-of time, our DSP, the desk's routes and drivers, and keeps every snapshot (the latest by
 * as-of wins). DOMAIN.md "Route sheet", README "Route progress".
 */

/** US zone abbreviations Amazon writes in the file name → UTC offset (minutes). */
const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0, GMT: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
};

/** `Routes_<STATION>_<YYYY-MM-DD>_<HH>_<MM> (<TZ>)` → station code, date and the instant, or what is missing. */
export function asOfFromFileName(fileName: string): { station: string; date: string; asOf: string | null; problem: string | null } | null {
  const m = CORTEX_FILE_NAME.exec(fileName);
  if (!m) return null;
  const [, station, date, hh, mm, zone] = m as unknown as [string, string, string, string, string, string | undefined];
  if (Number(hh) > 23 || Number(mm) > 59) return { station, date, asOf: null, problem: `the file name's time ${hh}:${mm} is not a time` };
  const offset = zone ? ZONE_OFFSETS[zone.toUpperCase()] : undefined;
  if (offset === undefined) return { station, date, asOf: null, problem: zone ? `the file name's time zone "${zone}" is not one the desk knows` : 'the file name has no time zone' };
  const wall = Date.parse(`${date}T${hh}:${mm}:00Z`);
  return { station: station.toUpperCase(), date, asOf: new Date(wall - offset * 60_000).toISOString(), problem: null };
}

interface Prepared {
  fileName: string;
  table: Table<CortexField> | null;
  routes: CortexRoute[];
  errors: ImportIssue[];
}

const empty = (date: string): ProgressImportResult => ({
  ok: false, date, asOf: null, asOfFrom: null, routes: 0, updated: 0, skippedOtherDsp: 0, skippedBlankCode: 0, durationsFilled: [], returned: [], behind: [], rescues: [], snapshotId: null, errors: [], warnings: [], read: null,
});

async function prepare(input: ImportFileInput): Promise<Prepared> {
  const { table, refusal } = await readImportFile<CortexField>(input, { columns: CORTEX_COLUMNS, accepts: ['cortex-route-list'] });
  if (!table) return { fileName: input.fileName, table: null, routes: [], errors: [refusal] };
  const missing = (['stopsAll', 'stopsDone'] as const).filter((f) => table.columnIndex(f) === undefined).map((f) => CORTEX_COLUMNS[f].label);
  if (missing.length > 0) return { fileName: input.fileName, table, routes: [], errors: [{ row: table.headerRow, column: missing.join(', '), message: `Not a Cortex route list with progress: no ${missing.map((m) => `"${m}"`).join(' or ')} column` }] };
  const issues = table.issues();
  const routes = parseCortexRows(table.rows, issues);
  return { fileName: input.fileName, table, routes, errors: issues.list() };
}

function apply(w: WriteContext, input: { fileName: string; date?: string | undefined; at?: string | undefined }, p: Prepared): ProgressImportResult {
  const station = getStation(w.db);
  const named = asOfFromFileName(input.fileName);
  const date = input.date ?? named?.date ?? stationToday(w.db, w.clock);
  const out = empty(date);
  out.read = p.table?.summary() ?? null;
  out.errors = p.errors;
  if (out.errors.length > 0) return out;
  const fileErr = (message: string) => {
    out.errors.push({ row: 0, column: 'file name', message });
    return out;
  };
  if (named && input.date && named.date !== input.date) return fileErr(`the file is the list of ${named.date}, not of ${input.date}`);
  if (named?.asOf) {
    out.asOf = named.asOf;
    out.asOfFrom = 'file-name';
  } else if (input.at) {
    out.asOf = new Date(input.at).toISOString();
    out.asOfFrom = 'given';
  } else return fileErr(`${named?.problem ?? 'the file name is not Routes_<STATION>_<YYYY-MM-DD>_<HH>_<MM> (<TZ>)'}: give the time the list was taken (--at)`);
  if (named && station && named.station !== station.code.toUpperCase()) out.warnings.push({ row: 0, column: 'file name', message: `the list is of station ${named.station}; this desk is ${station.code}` });

  const board = getBoardSettings(w.db);
  const ours = (board.dspCode || station?.dspCode || '').trim().toUpperCase();
  const now = w.clock.now().toISOString();
  const sqlite = w.db.$client;
  const deskRoutes = new Map(
    (sqlite.prepare('SELECT id, code, planned_duration_min AS plannedDurationMin, duration_defaulted AS defaulted, service_type AS serviceType, van_type AS vanType, launched_at AS launchedAt, returned_at AS returnedAt, status FROM routes WHERE date = ?').all(date) as {
      id: number; code: string; plannedDurationMin: number; defaulted: number; serviceType: string; vanType: string | null; launchedAt: string | null; returnedAt: string | null; status: string;
    }[]).map((r) => [r.code, r]),
  );
  const driverOf = sqlite.prepare('SELECT id, name FROM drivers WHERE transporter_id = ?');
  const kept: { c: CortexRoute; routeId: number | null; driverId: number | null }[] = [];
  const seen = new Set<string>();
  for (const c of p.routes) {
    if (!c.routeCode) {
      out.skippedBlankCode++;
      continue;
    }
    if (ours && c.dsp && c.dsp.trim().toUpperCase() !== ours) {
      out.skippedOtherDsp++;
      continue;
    }
    if (seen.has(c.routeCode)) {
      out.errors.push({ row: c.row, column: CORTEX_COLUMNS.code.label, message: `route ${c.routeCode} is listed twice` });
      continue;
    }
    seen.add(c.routeCode);
    const d = c.transporterIds[0] ? (driverOf.get(c.transporterIds[0]) as { id: number } | undefined) : undefined;
    kept.push({ c, routeId: deskRoutes.get(c.routeCode)?.id ?? null, driverId: d?.id ?? null });
  }
  if (out.errors.length > 0) return out;
  out.routes = kept.length;
  out.updated = kept.filter((k) => k.routeId != null).length;
  for (const k of kept) if (k.routeId == null) out.warnings.push({ row: k.c.row, column: CORTEX_COLUMNS.code.label, message: `route ${k.c.routeCode} is not on the desk for ${date}: kept in the snapshot, not judged` });

  const snapshotId = Number(
    sqlite
      .prepare('INSERT INTO progress_snapshots (date, as_of, file_name, as_of_from, routes, skipped_other_dsp, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(date, out.asOf, input.fileName, out.asOfFrom, kept.length, out.skippedOtherDsp, now, w.actor.name).lastInsertRowid,
  );
  out.snapshotId = snapshotId;
  const ins = sqlite.prepare(
    `INSERT INTO progress_routes (snapshot_id, route_code, route_id, driver_id, transporter_ids, driver_names, progress, service_type, duration_min, stops_all, stops_done, stops_not_started, row)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const { c, routeId, driverId } of kept) {
    ins.run(snapshotId, c.routeCode, routeId, driverId, JSON.stringify(c.transporterIds), JSON.stringify(c.driverNames), c.progress, c.serviceType, c.durationMin, c.stopsAll, c.stopsDone, c.stopsNotStarted, c.row);
  }

  // Amazon's Route Duration stands in for the desk's default; Complete marks a van not yet seen back as returned.
  const fillDuration = sqlite.prepare('UPDATE routes SET planned_duration_min = ?, duration_defaulted = 0, updated_at = ? WHERE id = ?');
  const markReturned = sqlite.prepare("UPDATE routes SET returned_at = ?, status = 'returned', updated_at = ? WHERE id = ?");
  const closeRow = sqlite.prepare(
    `INSERT INTO route_close (route_id, returned_from_snapshot, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(route_id) DO UPDATE SET returned_from_snapshot = excluded.returned_from_snapshot, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const extra: Parameters<WriteContext['audit']>[0][] = [];
  for (const { c } of kept) {
    const r = deskRoutes.get(c.routeCode);
    if (!r) continue;
    if (r.defaulted && c.durationMin != null && c.durationMin >= 60 && c.durationMin !== r.plannedDurationMin) {
      fillDuration.run(c.durationMin, now, r.id);
      out.durationsFilled.push(r.code);
      extra.push({ action: 'update (Cortex route duration)', entity: 'route', entityId: r.id, before: { plannedDurationMin: r.plannedDurationMin }, after: { plannedDurationMin: c.durationMin } });
    }
    if (isComplete(c.progress) && !r.returnedAt && r.status !== 'cancelled') {
      markReturned.run(out.asOf, now, r.id);
      closeRow.run(r.id, snapshotId, now, w.actor.name);
      out.returned.push(r.code);
      extra.push({ action: 'route.returned', entity: 'route', entityId: r.id, before: { status: r.status, returnedAt: null }, after: { status: 'returned', returnedAt: out.asOf }, reason: 'Cortex route list says Complete; the geofence had not seen the van back' });
    }
  }

  const rules = board.serviceTypes;
  const seatsOf = new Map<string, number>();
  const seats = (serviceType: string, vanType: string | null) => {
    const key = `${serviceType}\u0000${vanType ?? ''}`;
    let n = seatsOf.get(key);
    if (n === undefined) seatsOf.set(key, (n = routeServiceReading(serviceType, vanType, rules).tags.includes('helper') ? 2 : 1));
    return n;
  };
  out.rescues = recordCortexRescues(w, {
    date,
    snapshotId,
    asOf: out.asOf!,
    routes: kept.map(({ c, routeId }) => {
      const r = deskRoutes.get(c.routeCode);
      return { routeCode: c.routeCode, routeId, people: c.transporterIds.map((t, i) => ({ transporterId: t, name: c.driverNames[i] ?? '' })), seats: seats(r?.serviceType ?? c.serviceType, r?.vanType ?? null) };
    }),
  }, extra);

  const vc = verdictContext(w.db);
  out.behind = behindOf(snapshotRoutes(w.db, { id: snapshotId, date, asOf: out.asOf!, fileName: input.fileName }, vc)).map((b) => ({
    routeCode: b.routeCode, driverName: b.driverName, stopsDone: b.stopsDone, stopsTotal: b.stopsTotal, projectedFinish: b.projectedFinish, minutesLate: b.minutesLate,
  }));
  w.audit({
    action: 'import',
    entity: 'progress_snapshot',
    entityId: snapshotId,
    after: { date, asOf: out.asOf, fileName: input.fileName, routes: out.routes, skippedOtherDsp: out.skippedOtherDsp, behind: out.behind.length },
  });
  for (const e of extra) w.audit(e);
  out.ok = true;
  return out;
}

/**
 * `progress.recognise`: the export the reader recognises in the file (by its signature), or null, and
 * where a drop on the board sends it (`dropTarget`): for a Cortex route list, whether any route has
 * started (progress) or none has (the start of the day's route sheet).
 */
export async function recogniseFile(input: ImportFileInput): Promise<ProgressRecognised> {
  let id: string | null;
  let name: string | null;
  let routes = 0;
  let started = 0;
  try {
    const table = await readTable(fileInputBytes(input), { columns: CORTEX_COLUMNS, fileName: input.fileName });
    ({ id, name } = table.recognised ?? { id: null, name: null });
    if (id === 'cortex-route-list') {
      const listed = parseCortexRows(table.rows, table.issues()).filter((r) => r.routeCode);
      routes = listed.length;
      started = listed.filter((r) => (r.progress !== '' && !/^not\s*started$/i.test(r.progress)) || (r.stopsDone ?? 0) > 0).length;
    }
  } catch (err) {
    if (!isImportRefusal(err)) throw err;
    ({ id, name } = err.details.recognised ?? { id: null, name: null });
  }
  return { export: id, name, ...dropTarget({ exportId: id, fileName: input.fileName, routes, started }) };
}

export const importProgress = twoStage<(typeof progressChannels)['progress.import'], Prepared>({
  prepare: (_ctx, input) => prepare(input),
  apply: (w, input, prepared) => apply(w, input, prepared),
});
