import { eq } from 'drizzle-orm';
import { pmSchedules, settings as settingsTable } from '../../db/schema';
import type { ReadContext, ReadDb } from '../context';
import { getStation, stationToday } from '../station/station';
import { addDays, dayEnd } from '../../../shared/station-time';
import { notFound } from '../../../shared/errors';
import type { VanReadiness } from '../../../shared/rules/fleet/readiness';
import type { VanClass, VanStatus } from '../../../shared/domain';
import { pmClassOf } from '../../../shared/rules/fleet/classes';
import { preTripsOn } from './pretrip';
import {
  DEFAULT_FLEET_SETTINGS,
  DVIR_CHECKLIST,
  FLEET_SETTINGS_KEY,
  defaultPmSchedules,
  type DefectSeverity,
  type DefectStatus,
  type DocumentKind,
  type FleetSettings,
  type InspectionKind,
  type PmSchedule,
} from '../../../shared/rules/fleet/maintenance';
import { evaluateVan, pmStatus, type PmStatus, type VanFacts } from '../../../shared/rules/fleet/evaluate';
import type { ReadinessRow } from '../../../shared/contract/fleet';

/** Thresholds from settings (key `fleet.readiness`), DOMAIN.md defaults for anything unset. */
export function loadFleetSettings(db: ReadDb): FleetSettings {
  const row = db.select().from(settingsTable).where(eq(settingsTable.key, FLEET_SETTINGS_KEY)).get();
  const stored = (row?.value && typeof row.value === 'object' ? row.value : {}) as Partial<FleetSettings>;
  const out = { ...DEFAULT_FLEET_SETTINGS };
  for (const k of Object.keys(out) as (keyof FleetSettings)[]) {
    const v = stored[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

/** DOMAIN.md PM defaults overlaid with the desk's own rows (which may add items or disable one). */
export function effectiveSchedules(db: ReadDb): PmSchedule[] {
  const byKey = new Map<string, PmSchedule>();
  for (const s of defaultPmSchedules()) byKey.set(`${s.vanClass}|${s.code}`, s);
  for (const r of db.select().from(pmSchedules).all()) {
    byKey.set(`${r.vanClass}|${r.code}`, {
      vanClass: r.vanClass,
      code: r.code,
      label: r.label,
      everyMi: r.everyMi,
      everyDays: r.everyDays,
      safety: r.safety,
      active: r.active,
    });
  }
  return [...byKey.values()];
}

interface VanRow {
  id: number;
  name: string;
  vanClass: VanClass;
  electric: boolean;
  plate: string;
  status: VanStatus;
  statusReason: string;
  odometerMi: number;
  stateOfChargePct: number | null;
  usableRangeMi: number | null;
  chargingBay: string;
  ownership: string;
  ownershipEndDate: string | null;
}

const CRITICAL_CODES = new Set(DVIR_CHECKLIST.filter((i) => i.critical).map((i) => i.code));

/**
 * Everything the rules need for every active van, in a handful of set-based queries (no query per
 * van): vans, unreleased defects, each van's latest inspection on or before `date` with its failed
 * items, last release, last service per PM item, documents, PM schedules, settings, the day's
 * assignments.
 */
function loadFacts(db: ReadDb, date: string) {
  const sqlite = db.$client;
  const settings = loadFleetSettings(db);
  const vanRows = sqlite
    .prepare(
      `SELECT id, name, van_class AS vanClass, electric, plate, status, status_reason AS statusReason, odometer_mi AS odometerMi,
              state_of_charge_pct AS stateOfChargePct, usable_range_mi AS usableRangeMi, charging_bay AS chargingBay,
              ownership, ownership_end_date AS ownershipEndDate
         FROM vans WHERE archived_at IS NULL`,
    )
    .all()
    .map((r) => ({ ...(r as VanRow), electric: !!(r as { electric: number }).electric })) as VanRow[];

  const defectsByVan = new Map<number, VanFacts['defects']>();
  const defectRows = sqlite
    .prepare(
      `SELECT id, van_id AS vanId, severity, status, description, shop, expected_date AS expectedDate,
              repair_started_at AS repairStartedAt, source_inspection_id AS sourceInspectionId
         FROM defects WHERE status IN ('open','in_repair','repaired') ORDER BY id`,
    )
    .all() as (VanFacts['defects'][number] & { vanId: number; severity: DefectSeverity; status: DefectStatus })[];
  for (const d of defectRows) push(defectsByVan, d.vanId, d);

  // "On or before `date`" as an instant: before the next local midnight (a pure index range on (van_id, at)).
  const cutoff = dayEnd(date, getStation(db)?.timeZone ?? 'UTC').toISOString();
  // Failed items of each van's latest inspection: the subquery is an index-only seek per van and
  // only failed items come back; the few inspections involved are then read by id.
  const failedRows = sqlite
    .prepare(
      `WITH latest AS (
         SELECT v.id AS vanId,
                (SELECT i.id FROM inspections i WHERE i.van_id = v.id AND i.at < ? ORDER BY i.at DESC LIMIT 1) AS inspId
           FROM vans v WHERE v.archived_at IS NULL)
       SELECT l.vanId, l.inspId, it.item_code AS itemCode, it.note
         FROM latest l JOIN inspection_items it ON it.inspection_id = l.inspId AND it.passed = 0`,
    )
    .all(cutoff) as { vanId: number; inspId: number; itemCode: string; note: string }[];
  const latestByVan = new Map<number, NonNullable<VanFacts['latestInspection']>>();
  const critical = failedRows.filter((r) => CRITICAL_CODES.has(r.itemCode));
  if (critical.length > 0) {
    const ids = [...new Set(critical.map((r) => r.inspId))];
    const byId = new Map(
      (sqlite.prepare(`SELECT id, at, date, kind, inspector FROM inspections WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as {
        id: number;
        at: string;
        date: string;
        kind: InspectionKind;
        inspector: string;
      }[]).map((r) => [r.id, r]),
    );
    for (const r of critical) {
      const i = byId.get(r.inspId)!;
      let li = latestByVan.get(r.vanId);
      if (!li) {
        li = { id: i.id, at: i.at, date: i.date, kind: i.kind, inspector: i.inspector, failedCritical: [] };
        latestByVan.set(r.vanId, li);
      }
      li.failedCritical.push({ code: r.itemCode, note: r.note ?? '' });
    }
  }

  const releaseByVan = new Map<number, string>();
  for (const r of sqlite.prepare(`SELECT van_id AS vanId, MAX(at) AS at FROM van_releases GROUP BY van_id`).all() as { vanId: number; at: string }[]) {
    releaseByVan.set(r.vanId, r.at);
  }

  // Latest service per van and item, reduced by SQLite from the covering index (van, item, date, odometer).
  const lastService = new Map<string, { date: string; odometerMi: number | null }>();
  for (const r of sqlite
    .prepare(`SELECT van_id AS vanId, code, MAX(date) AS date, odometer_mi AS odometerMi FROM service_records WHERE date <= ? GROUP BY van_id, code`)
    .all(date) as { vanId: number; code: string; date: string; odometerMi: number | null }[]) {
    lastService.set(`${r.vanId}|${r.code}`, { date: r.date, odometerMi: r.odometerMi });
  }

  const docsByVan = new Map<number, VanFacts['documents']>();
  // Only documents the rules can speak about: expired or expiring within the warning window.
  for (const r of sqlite
    .prepare(`SELECT van_id AS vanId, kind, expires_on AS expiresOn FROM van_documents WHERE expires_on IS NOT NULL AND expires_on <= ?`)
    .all(addDays(date, settings.docWarnDays)) as {
    vanId: number;
    kind: DocumentKind;
    expiresOn: string | null;
  }[]) {
    push(docsByVan, r.vanId, { kind: r.kind, expiresOn: r.expiresOn });
  }

  const schedulesByClass = new Map<VanClass, PmSchedule[]>();
  for (const s of effectiveSchedules(db)) if (s.active) push(schedulesByClass, s.vanClass, s);

  const assignmentByVan = new Map<number, NonNullable<ReadinessRow['assignment']>>();
  for (const r of sqlite
    .prepare(
      `SELECT a.van_id AS vanId, r.code AS routeCode, r.wave, r.planned_distance_mi AS plannedDistanceMi, d.name AS driverName
         FROM assignments a JOIN routes r ON r.id = a.route_id JOIN drivers d ON d.id = a.driver_id
        WHERE a.date = ? AND a.van_id IS NOT NULL`,
    )
    .all(date) as { vanId: number; routeCode: string; wave: string; plannedDistanceMi: number | null; driverName: string }[]) {
    assignmentByVan.set(r.vanId, { routeCode: r.routeCode, wave: r.wave, driverName: r.driverName, plannedDistanceMi: r.plannedDistanceMi });
  }

  const preTrips = preTripsOn(db, date).byVan;

  return { settings, vanRows, defectsByVan, latestByVan, releaseByVan, lastService, docsByVan, schedulesByClass, assignmentByVan, preTrips };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

/** PM status of every active schedule item of one van (`schedules`: those of its PM class, see pmClassOf). */
export function vanPm(
  van: { id: number; odometerMi: number },
  schedules: PmSchedule[],
  lastService: (code: string) => { date: string; odometerMi: number | null } | undefined,
  date: string,
  settings: FleetSettings,
): PmStatus[] {
  return schedules.map((s) => pmStatus(s, lastService(s.code), van.odometerMi, date, settings));
}

/** Readiness of every active van with what the grid shows on a tile (name, type, charge, assignment). */
export function computeReadinessRows(ctx: ReadContext, date: string): ReadinessRow[] {
  const f = loadFacts(ctx.db, date);
  const collator = new Intl.Collator('en', { numeric: true });
  f.vanRows.sort((a, b) => collator.compare(a.name, b.name));
  return f.vanRows.map((v) => {
    const pm = vanPm(v, f.schedulesByClass.get(pmClassOf(v)) ?? [], (code) => f.lastService.get(`${v.id}|${code}`), date, f.settings);
    const assignment = f.assignmentByVan.get(v.id) ?? null;
    const r = evaluateVan(
      {
        van: v,
        defects: f.defectsByVan.get(v.id) ?? [],
        latestInspection: f.latestByVan.get(v.id),
        lastReleaseAt: f.releaseByVan.get(v.id) ?? null,
        pm,
        documents: f.docsByVan.get(v.id) ?? [],
        routeDistanceMi: assignment?.plannedDistanceMi ?? null,
      },
      date,
      f.settings,
    );
    return {
      ...r,
      name: v.name,
      vanClass: v.vanClass,
      electric: v.electric,
      plate: v.plate,
      odometerMi: v.odometerMi,
      stateOfChargePct: v.stateOfChargePct,
      usableRangeMi: v.usableRangeMi,
      chargingBay: v.chargingBay,
      assignment,
      preTrip: f.preTrips.get(v.id) ?? null,
    };
  });
}

/**
 * Readiness of every active van on `date` (YYYY-MM-DD, station-local). This is the single source
 * the board's rules and the fleet grid read: grounded / in-shop / out-of-service refuse assignment
 * (VAN_NOT_READY), attention warns (VAN_ATTENTION).
 */
export function computeReadiness(ctx: ReadContext, date: string): Map<number, VanReadiness> {
  const out = new Map<number, VanReadiness>();
  for (const r of computeReadinessRows(ctx, date)) out.set(r.vanId, { vanId: r.vanId, status: r.status, reasons: r.reasons });
  return out;
}

/** One van's readiness row on `date` (default today at the station). */
export function readinessOf(ctx: ReadContext, vanId: number, date?: string): ReadinessRow {
  const d = date ?? stationToday(ctx.db, ctx.clock);
  const row = computeReadinessRows(ctx, d).find((r) => r.vanId === vanId);
  if (!row) throw notFound('van', vanId);
  return row;
}
