import type { AuditNote, ReadContext, ReadDb, WriteContext } from '../context';
import { getStation, stationToday } from '../station/station';
import { getBoardSettings } from '../board/settings';
import { latestSnapshot, snapshotRoutes, verdictContext } from './snapshot';
import { routeServiceReading } from '../../../shared/rules/board';
import { distanceM } from '../../../shared/rules/telematics';
import { dutyWindow, isBehind, rankRescuers, rescuePlan, type RescuerInput } from '../../../shared/rules/progress';
import { formatStationTime, minutesToHhmm, zoneOffsetMinutes } from '../../../shared/station-time';
import { vanClassWords } from '../../../shared/rules/fleet/classes';
import { AppError, conflict, notFound } from '../../../shared/errors';
import type { VanClass } from '../../../shared/domain';
import type { ProgressImportResult, RecordedRescue, RescueCandidate, RescueSuggestion } from '../../../shared/contract/progress';

/**
 * Rescues: who could take stops from a behind route (ranked), the dispatcher's record of one, and
 * the ones the Cortex list shows by itself (a second transporter ID on a route without a helper
 * seat). One row per date, route and rescuer: a manual record and the list's sighting are the same rescue.
 */

const RESCUE_SQL = `SELECT x.id, x.date, x.route_code AS routeCode, x.from_driver_id AS fromDriverId, f.name AS fromDriverName,
  x.to_driver_id AS toDriverId, t.name AS toDriverName, x.stops, x.at, x.source, x.note
  FROM rescues x LEFT JOIN drivers f ON f.id = x.from_driver_id JOIN drivers t ON t.id = x.to_driver_id`;

export function listRescues(db: ReadDb, from: string, to: string): RecordedRescue[] {
  return db.$client.prepare(`${RESCUE_SQL} WHERE x.date BETWEEN ? AND ? ORDER BY x.date, x.at, x.id`).all(from, to) as RecordedRescue[];
}

const rescueById = (db: ReadDb, id: number) => db.$client.prepare(`${RESCUE_SQL} WHERE x.id = ?`).get(id) as RecordedRescue;

/** Rescues the list shows: people past the route's seats (driver, plus a helper on a helper route). */
export function recordCortexRescues(
  w: WriteContext,
  s: { date: string; snapshotId: number; asOf: string; routes: { routeCode: string; routeId: number | null; people: { transporterId: string; name: string }[]; seats: number }[] },
  notes: AuditNote[],
): ProgressImportResult['rescues'] {
  const sqlite = w.db.$client;
  const driverOf = sqlite.prepare('SELECT id FROM drivers WHERE transporter_id = ?');
  const existing = sqlite.prepare('SELECT id FROM rescues WHERE date = ? AND route_code = ? AND to_driver_id = ?');
  const ins = sqlite.prepare(
    `INSERT INTO rescues (date, route_id, route_code, from_driver_id, to_driver_id, stops, at, source, snapshot_id, note, recorded_by) VALUES (?, ?, ?, ?, ?, NULL, ?, 'cortex', ?, '', ?)`,
  );
  const out: ProgressImportResult['rescues'] = [];
  for (const r of s.routes) {
    if (r.people.length <= r.seats) continue;
    const from = r.people[0]!;
    const fromId = (driverOf.get(from.transporterId) as { id: number } | undefined)?.id ?? null;
    for (const p of r.people.slice(r.seats)) {
      const base = { routeCode: r.routeCode, fromName: from.name || from.transporterId, toName: p.name || p.transporterId, toTransporterId: p.transporterId };
      const to = driverOf.get(p.transporterId) as { id: number } | undefined;
      if (!to) {
        out.push({ ...base, recorded: 'not-in-roster' });
        continue;
      }
      if (existing.get(s.date, r.routeCode, to.id)) {
        out.push({ ...base, recorded: 'already' });
        continue;
      }
      const id = Number(ins.run(s.date, r.routeId, r.routeCode, fromId, to.id, s.asOf, s.snapshotId, w.actor.name).lastInsertRowid);
      notes.push({ action: 'create (seen in the Cortex list)', entity: 'rescue', entityId: id, after: { date: s.date, routeCode: r.routeCode, fromDriverId: fromId, toDriverId: to.id, at: s.asOf } });
      out.push({ ...base, recorded: 'new' });
    }
  }
  return out;
}

/** `rescues.record`: one rescue, audited. The list's sighting of the same rescue becomes this record. */
export function recordRescue(w: WriteContext, input: { date?: string | undefined; routeCode: string; toDriverId: number; stops: number | null; at?: string | undefined; note: string }): RecordedRescue {
  const date = input.date ?? stationToday(w.db, w.clock);
  const sqlite = w.db.$client;
  const route = sqlite
    .prepare('SELECT r.id, a.driver_id AS driverId FROM routes r LEFT JOIN assignments a ON a.route_id = r.id WHERE r.date = ? AND r.code = ?')
    .get(date, input.routeCode) as { id: number; driverId: number | null } | undefined;
  if (!route) throw notFound(`Route ${input.routeCode} on`, date);
  const to = sqlite.prepare("SELECT id, name FROM drivers WHERE id = ? AND archived_at IS NULL AND status = 'active'").get(input.toDriverId) as { id: number; name: string } | undefined;
  if (!to) throw notFound('Active driver', input.toDriverId);
  if (to.id === route.driverId) throw new AppError('VALIDATION', `${to.name} drives ${input.routeCode}: a rescue goes to another driver`, { issues: [{ path: 'toDriverId', message: 'is the route’s own driver' }] });
  const at = input.at ? new Date(input.at).toISOString() : w.clock.now().toISOString();
  const prior = sqlite.prepare('SELECT id, source, stops, note FROM rescues WHERE date = ? AND route_code = ? AND to_driver_id = ?').get(date, input.routeCode, to.id) as
    | { id: number; source: string; stops: number | null; note: string }
    | undefined;
  if (prior?.source === 'manual') throw conflict(`A rescue of ${input.routeCode} by ${to.name} on ${date} is already recorded`, { id: prior.id });
  let id: number;
  if (prior) {
    // Seen in the Cortex list first: the dispatcher's record completes it (one rescue, not two).
    sqlite.prepare("UPDATE rescues SET source = 'manual', stops = ?, at = ?, note = ?, recorded_by = ? WHERE id = ?").run(input.stops, at, input.note, w.actor.name, prior.id);
    id = prior.id;
    w.audit({ action: 'update', entity: 'rescue', entityId: id, before: { source: prior.source, stops: prior.stops, note: prior.note }, after: { source: 'manual', stops: input.stops, at, note: input.note } });
  } else {
    id = Number(
      sqlite
        .prepare("INSERT INTO rescues (date, route_id, route_code, from_driver_id, to_driver_id, stops, at, source, note, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?)")
        .run(date, route.id, input.routeCode, route.driverId, to.id, input.stops, at, input.note, w.actor.name).lastInsertRowid,
    );
    w.audit({ action: 'create', entity: 'rescue', entityId: id, after: { date, routeCode: input.routeCode, fromDriverId: route.driverId, toDriverId: to.id, stops: input.stops, at, note: input.note } });
  }
  return rescueById(w.db, id);
}

interface Pos {
  lat: number;
  lon: number;
}

/** Each van's latest fix (the newest of its devices'). */
function vanPositions(db: ReadDb): Map<number, Pos> {
  const rows = db.$client
    .prepare('SELECT d.van_id AS vanId, l.lat, l.lon FROM positions_latest l JOIN devices d ON d.id = l.device_id WHERE d.van_id IS NOT NULL AND d.archived_at IS NULL ORDER BY l.at')
    .all() as { vanId: number; lat: number; lon: number }[];
  return new Map(rows.map((r) => [r.vanId, { lat: r.lat, lon: r.lon }]));
}

/** `rescues.suggest`: rank who could take stops from a behind route, with the arithmetic. */
export function suggestRescuers(ctx: ReadContext, input: { date?: string | undefined; routeCode: string }): RescueSuggestion {
  const db = ctx.db;
  const date = input.date ?? stationToday(db, ctx.clock);
  const out: RescueSuggestion = { date, routeCode: input.routeCode, asOf: null, route: null, refusal: null, candidates: [] };
  const snap = latestSnapshot(db, date);
  if (!snap) return { ...out, refusal: `No progress for ${date} yet: import the Cortex route list first` };
  out.asOf = snap.asOf;
  const vc = verdictContext(db);
  const routes = snapshotRoutes(db, snap, vc);
  const target = routes.find((r) => r.routeCode === input.routeCode);
  if (!target) return { ...out, refusal: `${input.routeCode} is not in the list taken at ${formatStationTime(new Date(snap.asOf), vc.timeZone)}` };
  out.route = target;
  if (!isBehind(target)) return { ...out, refusal: `${input.routeCode} is not behind (${target.status.replace('_', ' ')}${target.why ? `: ${target.why}` : ''})` };

  const tz = vc.timeZone;
  // HH:MM at the station from the zone's (cached) offset: hundreds of times per suggestion.
  const fmt = (ms: number) => minutesToHhmm((((Math.floor(ms / 60_000) + zoneOffsetMinutes(new Date(ms), tz)) % 1440) + 1440) % 1440);
  const asOf = Date.parse(snap.asOf);
  const sqlite = db.$client;
  const assigned = new Map(
    (sqlite.prepare('SELECT a.route_id AS routeId, a.driver_id AS driverId, a.van_id AS vanId, v.name AS vanName, v.van_class AS vanClass FROM assignments a LEFT JOIN vans v ON v.id = a.van_id WHERE a.date = ?').all(date) as {
      routeId: number; driverId: number; vanId: number | null; vanName: string | null; vanClass: VanClass | null;
    }[]).map((a) => [a.routeId, a]),
  );
  const route = sqlite.prepare('SELECT service_type AS serviceType, van_type AS vanType FROM routes WHERE id = ?').get(target.routeId ?? -1) as { serviceType: string; vanType: string | null } | undefined;
  const classes = routeServiceReading(route?.serviceType ?? '', route?.vanType ?? null, getBoardSettings(db).serviceTypes).classes;
  const positions = vanPositions(db);
  const behindVan = target.routeId != null ? assigned.get(target.routeId)?.vanId : null;
  const here = behindVan != null ? positions.get(behindVan) : undefined;
  const km = (p: Pos | undefined) => (here && p ? distanceM(here.lat, here.lon, p.lat, p.lon) / 1000 : null);

  const need = {
    asOf,
    stopsLeft: target.stopsLeft ?? target.stopsTotal ?? 0,
    pace: target.pace ?? 0,
    deadline: Math.min(Date.parse(target.plannedEnd), Date.parse(target.limitEnd)),
    plannedPace: target.plannedPace ?? 0,
  };
  const candidates: RescueCandidate[] = [];
  const add = (c: { driverId: number; name: string; routeCode: string | null; vanName: string | null; vanFits: boolean; notes: string[] } & RescuerInput) => {
    const plan = rescuePlan(need, c, vc.settings, fmt);
    candidates.push({
      driverId: c.driverId,
      name: c.name,
      kind: c.kind,
      routeCode: c.routeCode,
      vanName: c.vanName,
      distanceKm: c.distanceKm == null ? null : Math.round(c.distanceKm * 10) / 10,
      stops: plan.stops,
      travelMin: plan.travelMin,
      doneAt: new Date(plan.rescuerDoneAt).toISOString(),
      limitEnd: new Date(c.limitEnd).toISOString(),
      slackMin: plan.slackMin,
      dutyLeftMin: Math.round((c.limitEnd - asOf) / 60_000),
      fits: plan.fits && c.vanFits,
      vanFits: c.vanFits,
      arithmetic: plan.arithmetic,
      notes: c.notes,
    });
  };
  const classFits = (vc_: VanClass | null) => vc_ != null && (classes.length === 0 || classes.includes(vc_));
  const classNote = (vanName: string | null, cls: VanClass | null) => (classFits(cls) ? [] : [`${vanName ?? 'no van'}${cls ? ` (${vanClassWords(cls)})` : ''} does not fit ${route?.serviceType ?? 'the route'}`]);

  // Drivers on the road or done: finished, ahead of pace, or on pace with slack before their limit.
  const onRoad = new Set<number>();
  for (const r of routes) {
    if (r.routeCode === target.routeCode || r.driverId == null) continue;
    onRoad.add(r.driverId);
    const kind = r.status === 'complete' ? 'finished' : r.status === 'on_pace' ? (r.pace != null && r.plannedPace != null && r.pace > r.plannedPace ? 'ahead' : 'on_pace') : null;
    if (!kind) continue;
    const freeAt = kind === 'finished' ? asOf : Date.parse(r.projectedFinish!);
    const limitEnd = Date.parse(r.limitEnd);
    if (limitEnd <= Math.max(asOf, freeAt)) continue;
    const a = r.routeId != null ? assigned.get(r.routeId) : undefined;
    add({ driverId: r.driverId, name: r.driverName, routeCode: r.routeCode, vanName: a?.vanName ?? null, vanFits: classFits(a?.vanClass ?? null), notes: classNote(a?.vanName ?? null, a?.vanClass ?? null), kind, freeAt, limitEnd, pace: r.pace, distanceKm: km(a?.vanId != null ? positions.get(a.vanId) : undefined), prepMin: 0 });
  }

  // Standbys of the schedule not on a route today, at the station, with a spare van that fits.
  const station = getStation(db);
  const spare = sqlite
    .prepare(
      `SELECT v.id, v.name, v.van_class AS vanClass FROM vans v WHERE v.archived_at IS NULL AND v.status = 'in_service'
         AND v.id NOT IN (SELECT van_id FROM assignments WHERE date = ? AND van_id IS NOT NULL) ORDER BY v.name`,
    )
    .all(date) as { id: number; name: string; vanClass: VanClass }[];
  const spareVan = classes.map((c) => spare.find((v) => v.vanClass === c)).find(Boolean) ?? null;
  const standbys = sqlite
    .prepare(
      `SELECT d.id, d.name FROM schedule_days s JOIN drivers d ON d.id = s.driver_id
        WHERE s.date = ? AND s.state = 'standby' AND d.archived_at IS NULL AND d.status = 'active'
          AND d.id NOT IN (SELECT driver_id FROM assignments WHERE date = ?)
          AND NOT EXISTS (SELECT 1 FROM driver_days dd WHERE dd.driver_id = d.id AND dd.date = ? AND dd.status IN ('called_out', 'no_show', 'off'))
        ORDER BY d.name`,
    )
    .all(date, date, date) as { id: number; name: string }[];
  const { deliveriesBy } = dutyWindow(asOf + vc.limits.preTripMin * 60_000, vc.limits);
  for (const s of standbys) {
    if (onRoad.has(s.id)) continue;
    add({
      driverId: s.id, name: s.name, routeCode: null, vanName: spareVan?.name ?? null, vanFits: spareVan != null,
      notes: spareVan ? [`spare van ${spareVan.name}`] : ['no spare van that fits'],
      kind: 'standby', freeAt: asOf, limitEnd: deliveriesBy, pace: null, distanceKm: station ? km({ lat: station.lat, lon: station.lon }) : null, prepMin: vc.limits.preTripMin,
    });
  }
  return { ...out, candidates: rankRescuers(candidates) };
}

/** A coaching plan may cite a rescue of its driver (rescued or rescuer); anything else is refused in words. */
export function citeRescue(db: ReadDb, rescueId: number, driverId: number): void {
  const r = db.$client.prepare('SELECT from_driver_id AS fromId, to_driver_id AS toId, route_code AS code, date FROM rescues WHERE id = ?').get(rescueId) as { fromId: number | null; toId: number; code: string; date: string } | undefined;
  if (!r) throw notFound('Rescue', rescueId);
  if (r.fromId !== driverId && r.toId !== driverId) {
    throw new AppError('VALIDATION', `The rescue of ${r.code} on ${r.date} is not this driver's`, { issues: [{ path: 'rescueId', message: 'names a rescue of other drivers' }] });
  }
}

/** Rescues of a date: the stand-up's count (null when the day had no progress and no rescue: no data). */
export function countRescues(db: ReadDb, date: string): number | null {
  const n = (db.$client.prepare('SELECT COUNT(*) AS n FROM rescues WHERE date = ?').get(date) as { n: number }).n;
  if (n > 0) return n;
  const snaps = (db.$client.prepare('SELECT COUNT(*) AS n FROM progress_snapshots WHERE date = ?').get(date) as { n: number }).n;
  return snaps > 0 ? 0 : null;
}
