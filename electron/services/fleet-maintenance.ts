import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  defects,
  inspectionItems,
  inspections,
  pmSchedules,
  serviceRecords,
  settings as settingsTable,
  vanDocuments,
  vanReleases,
  vans,
} from '../db/schema';
import type { Db } from '../db/open';
import type { HandlersFor, ServiceContext } from './context';
import { writeAudit } from './audit';
import { getStation, stationToday } from './station';
import { computeReadinessRows, effectiveSchedules, loadFleetSettings, vanPm } from './readiness';
import { importFleet, importInspections } from './fleet-import';
import type { vanHandlers } from './fleet';
import { AppError, notFound } from '../../shared/errors';
import { addDays, localDate } from '../../shared/dates';
import { FLEET_SETTINGS_KEY, checklistItem, INSPECTION_KIND_LABEL, type InspectionKind } from '../../shared/rules/fleet/maintenance';
import { pmForecastDate } from '../../shared/rules/fleet/evaluate';
import type {
  Defect,
  Inspection,
  InspectResult,
  PmForecastItem,
  PmItem,
  PmReport,
  ReadinessRow,
  fleetChannels,
} from '../../shared/contract/fleet';

type Tx = Db;
const txDb = (tx: unknown) => tx as Tx;

function activeVan(db: Db, vanId: number) {
  const van = db.select().from(vans).where(eq(vans.id, vanId)).get();
  if (!van || van.archivedAt) throw notFound('van', vanId);
  return van;
}

const defectColumns = {
  id: defects.id,
  vanId: defects.vanId,
  vanName: vans.name,
  severity: defects.severity,
  description: defects.description,
  status: defects.status,
  sourceInspectionId: defects.sourceInspectionId,
  itemCode: defects.itemCode,
  reportedAt: defects.reportedAt,
  reportedBy: defects.reportedBy,
  shop: defects.shop,
  expectedDate: defects.expectedDate,
  repairStartedAt: defects.repairStartedAt,
  repairedAt: defects.repairedAt,
  repairNote: defects.repairNote,
  cost: defects.cost,
  invoiceRef: defects.invoiceRef,
  releasedAt: defects.releasedAt,
  releasedBy: defects.releasedBy,
  releaseNote: defects.releaseNote,
};

export function getDefect(db: Db, defectId: number): Defect {
  const d = db.select(defectColumns).from(defects).innerJoin(vans, eq(vans.id, defects.vanId)).where(eq(defects.id, defectId)).get();
  if (!d) throw notFound('defect', defectId);
  return d;
}

export function listDefects(db: Db, filter: { vanId?: number; status?: string[]; limit: number }): Defect[] {
  return db
    .select(defectColumns)
    .from(defects)
    .innerJoin(vans, eq(vans.id, defects.vanId))
    .where(
      and(
        filter.vanId ? eq(defects.vanId, filter.vanId) : undefined,
        filter.status?.length ? inArray(defects.status, filter.status as Defect['status'][]) : undefined,
      ),
    )
    .orderBy(desc(defects.reportedAt), desc(defects.id))
    .limit(filter.limit)
    .all();
}

export function listInspections(db: Db, filter: { vanId?: number; id?: number; limit: number }): Inspection[] {
  const rows = db
    .select({
      id: inspections.id,
      vanId: inspections.vanId,
      vanName: vans.name,
      kind: inspections.kind,
      at: inspections.at,
      date: inspections.date,
      inspector: inspections.inspector,
      odometerMi: inspections.odometerMi,
      result: inspections.result,
      notes: inspections.notes,
    })
    .from(inspections)
    .innerJoin(vans, eq(vans.id, inspections.vanId))
    .where(and(filter.vanId ? eq(inspections.vanId, filter.vanId) : undefined, filter.id ? eq(inspections.id, filter.id) : undefined))
    .orderBy(desc(inspections.at), desc(inspections.id))
    .limit(filter.limit)
    .all();
  const items = rows.length
    ? db
        .select()
        .from(inspectionItems)
        .where(
          inArray(
            inspectionItems.inspectionId,
            rows.map((r) => r.id),
          ),
        )
        .all()
    : [];
  const byInsp = new Map<number, Inspection['items']>();
  for (const it of items) {
    const list = byInsp.get(it.inspectionId) ?? [];
    list.push({ itemCode: it.itemCode, passed: it.passed, note: it.note, photoPath: it.photoPath });
    byInsp.set(it.inspectionId, list);
  }
  return rows.map((r) => ({ ...r, items: byInsp.get(r.id) ?? [] }));
}

export interface InspectionData {
  vanId: number;
  kind: InspectionKind;
  at?: string;
  inspector: string;
  odometerMi?: number | null;
  notes: string;
  items: { itemCode: string; passed: boolean; note: string; photoPath?: string | null }[];
}

/**
 * Record one DVIR inside an open transaction: the inspection, its items, the odometer reading,
 * and a defect per failed item (critical items → critical defects, which ground the van). An open
 * defect for the same van and item is not duplicated.
 */
export function recordInspection(ctx: ServiceContext, tx: Tx, input: InspectionData): { inspectionId: number; defectIds: number[]; opened: number } {
  const now = ctx.clock.now();
  const van = activeVan(tx, input.vanId);
  const at = input.at ? new Date(input.at).toISOString() : now.toISOString();
  const tz = getStation(tx)?.timeZone ?? 'UTC';
  const date = localDate(new Date(at), tz);
  const failed = input.items.filter((i) => !i.passed);
  const row = tx
    .insert(inspections)
    .values({
      vanId: van.id,
      kind: input.kind,
      at,
      date,
      inspector: input.inspector,
      odometerMi: input.odometerMi ?? null,
      result: failed.length > 0 ? 'fail' : 'pass',
      notes: input.notes,
      createdBy: ctx.actor.name,
    })
    .returning()
    .get();
  tx.insert(inspectionItems)
    .values(input.items.map((i) => ({ inspectionId: row.id, itemCode: i.itemCode, passed: i.passed, note: i.note, photoPath: i.photoPath ?? null })))
    .run();
  if (input.odometerMi != null && input.odometerMi > van.odometerMi) {
    tx.update(vans).set({ odometerMi: input.odometerMi, updatedAt: now.toISOString() }).where(eq(vans.id, van.id)).run();
  }
  writeAudit(tx, ctx.actor, now, {
    action: 'inspect',
    entity: 'inspection',
    entityId: row.id,
    after: { ...row, failed: failed.map((f) => f.itemCode) },
  });
  const defectIds: number[] = [];
  let opened = 0;
  if (failed.length > 0) {
    const open = tx
      .select({ id: defects.id, itemCode: defects.itemCode })
      .from(defects)
      .where(and(eq(defects.vanId, van.id), inArray(defects.status, ['open', 'in_repair'])))
      .all();
    for (const f of failed) {
      const item = checklistItem(f.itemCode);
      const already = open.find((d) => d.itemCode === f.itemCode);
      if (already) {
        defectIds.push(already.id);
        continue;
      }
      const description = `${item?.label ?? f.itemCode} failed on ${INSPECTION_KIND_LABEL[input.kind].toLowerCase()} DVIR${f.note ? `: ${f.note}` : ''}`;
      const d = insertDefect(ctx, tx, {
        vanId: van.id,
        severity: item?.critical ? 'critical' : 'minor',
        description,
        sourceInspectionId: row.id,
        itemCode: f.itemCode,
        reportedBy: input.inspector,
      });
      defectIds.push(d.id);
      opened++;
    }
  }
  return { inspectionId: row.id, defectIds, opened };
}

function insertDefect(
  ctx: ServiceContext,
  tx: Tx,
  v: { vanId: number; severity: Defect['severity']; description: string; sourceInspectionId?: number | null; itemCode?: string | null; reportedBy: string },
) {
  const now = ctx.clock.now();
  const d = tx
    .insert(defects)
    .values({
      vanId: v.vanId,
      severity: v.severity,
      description: v.description,
      status: 'open',
      sourceInspectionId: v.sourceInspectionId ?? null,
      itemCode: v.itemCode ?? null,
      reportedAt: now.toISOString(),
      reportedBy: v.reportedBy,
    })
    .returning()
    .get();
  writeAudit(tx, ctx.actor, now, { action: 'report', entity: 'defect', entityId: d.id, after: d });
  return d;
}

function updateDefect(ctx: ServiceContext, defectId: number, action: string, change: (d: Defect) => Partial<typeof defects.$inferInsert>): Defect {
  const now = ctx.clock.now();
  return ctx.db.transaction((t) => {
    const tx = txDb(t);
    const before = getDefect(tx, defectId);
    const values = change(before);
    tx.update(defects).set(values).where(eq(defects.id, defectId)).run();
    const after = getDefect(tx, defectId);
    writeAudit(tx, ctx.actor, now, {
      action,
      entity: 'defect',
      entityId: defectId,
      before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k as keyof Defect]])),
      after: values,
    });
    return after;
  });
}

const lifecycleConflict = (d: Defect, wanted: string) =>
  new AppError('CONFLICT', `Defect #${d.id} is ${d.status.replace('_', ' ')}; it cannot be ${wanted}`, {
    conflicts: [{ rule: 'DEFECT_LIFECYCLE', message: `defect #${d.id} is ${d.status}`, severity: 'hard' }],
  });

/** Release a van back into service: refused while a critical defect is open or any repair is under way. */
export function releaseVan(ctx: ServiceContext, vanId: number, note: string): void {
  const now = ctx.clock.now();
  ctx.db.transaction((t) => {
    const tx = txDb(t);
    const van = activeVan(tx, vanId);
    const pending = listDefects(tx, { vanId, status: ['open', 'in_repair', 'repaired'], limit: 1000 });
    const blocking = pending.filter((d) => (d.severity === 'critical' && d.status === 'open') || d.status === 'in_repair');
    if (blocking.length > 0) {
      const conflicts = blocking.map((d) => ({
        rule: d.status === 'in_repair' ? 'IN_REPAIR' : 'DEFECT_CRITICAL',
        message: d.status === 'in_repair' ? `#${d.id} ${d.description} is still in repair${d.shop ? ` at ${d.shop}` : ''}` : `critical defect #${d.id} is open: ${d.description}`,
        severity: 'hard' as const,
      }));
      throw new AppError('CONFLICT', `${van.name} cannot be released: ${conflicts.map((c) => c.message).join('; ')}`, { conflicts });
    }
    const repaired = pending.filter((d) => d.status === 'repaired');
    for (const d of repaired) {
      tx.update(defects)
        .set({ status: 'released', releasedAt: now.toISOString(), releasedBy: ctx.actor.name, releaseNote: note })
        .where(eq(defects.id, d.id))
        .run();
      writeAudit(tx, ctx.actor, now, {
        action: 'release',
        entity: 'defect',
        entityId: d.id,
        before: { status: d.status },
        after: { status: 'released', releasedBy: ctx.actor.name, releaseNote: note },
      });
    }
    if (van.status !== 'in_service' || van.statusReason) {
      tx.update(vans).set({ status: 'in_service', statusReason: '', updatedAt: now.toISOString() }).where(eq(vans.id, vanId)).run();
    }
    tx.insert(vanReleases).values({ vanId, at: now.toISOString(), releasedBy: ctx.actor.name, note }).run();
    writeAudit(tx, ctx.actor, now, {
      action: 'release',
      entity: 'van',
      entityId: vanId,
      before: { status: van.status, statusReason: van.statusReason },
      after: { status: 'in_service', statusReason: '', defectsReleased: repaired.map((d) => d.id) },
      reason: note || null,
    });
  });
}

function readinessOf(ctx: ServiceContext, vanId: number, date?: string): ReadinessRow {
  const d = date ?? stationToday(ctx.db, ctx.clock);
  const row = computeReadinessRows(ctx, d).find((r) => r.vanId === vanId);
  if (!row) throw notFound('van', vanId);
  return row;
}

/** Miles per day per van from its odometer readings over the last 28 days. */
function milesPerDay(db: Db, date: string): Map<number, number> {
  const rows = db.$client
    .prepare(
      `SELECT van_id AS vanId, MIN(odometer_mi) AS lo, MAX(odometer_mi) AS hi, MIN(date) AS d0, MAX(date) AS d1
         FROM inspections WHERE date >= ? AND date <= ? AND odometer_mi IS NOT NULL GROUP BY van_id`,
    )
    .all(addDays(date, -28), date) as { vanId: number; lo: number; hi: number; d0: string; d1: string }[];
  const out = new Map<number, number>();
  for (const r of rows) {
    const days = Math.round((Date.parse(r.d1) - Date.parse(r.d0)) / 86_400_000);
    if (days >= 3 && r.hi > r.lo) out.set(r.vanId, (r.hi - r.lo) / days);
  }
  return out;
}

export function pmReport(ctx: ServiceContext, input: { date?: string; vanId?: number; days: number }): PmReport {
  const date = input.date ?? stationToday(ctx.db, ctx.clock);
  const until = addDays(date, input.days);
  const settings = loadFleetSettings(ctx.db);
  const schedules = effectiveSchedules(ctx.db).filter((s) => s.active);
  const vanRows = ctx.db
    .select({ id: vans.id, name: vans.name, type: vans.type, odometerMi: vans.odometerMi })
    .from(vans)
    .where(and(sql`${vans.archivedAt} IS NULL`, input.vanId ? eq(vans.id, input.vanId) : undefined))
    .orderBy(vans.name)
    .all();
  const last = new Map<string, { date: string; odometerMi: number | null }>();
  for (const r of ctx.db.$client
    .prepare(`SELECT van_id AS vanId, code, date, odometer_mi AS odometerMi FROM service_records WHERE date <= ? ORDER BY van_id, code, date, odometer_mi`)
    .all(date) as { vanId: number; code: string; date: string; odometerMi: number | null }[]) {
    last.set(`${r.vanId}|${r.code}`, r);
  }
  const mpd = milesPerDay(ctx.db, date);
  const due: PmItem[] = [];
  const forecast: PmForecastItem[] = [];
  for (const v of vanRows) {
    const pm = vanPm(v, schedules.filter((s) => s.vanType === v.type), (code) => last.get(`${v.id}|${code}`), date, settings);
    const perDay = mpd.get(v.id) ?? settings.avgDailyMi;
    for (const p of pm) {
      const item: PmItem = { ...p, vanId: v.id, vanName: v.name, vanType: v.type, odometerMi: v.odometerMi };
      if (p.state === 'due' || p.state === 'overdue') due.push(item);
      const when = pmForecastDate(p, date, perDay);
      if (when && when <= until) forecast.push({ ...item, forecastDate: when < date ? date : when, milesPerDay: Math.round(perDay) });
    }
  }
  const rank = { overdue: 0, due: 1, ok: 2, unknown: 3 } as const;
  due.sort((a, b) => rank[a.state] - rank[b.state] || Number(b.safety) - Number(a.safety) || a.vanName.localeCompare(b.vanName));
  forecast.sort((a, b) => rank[a.state] - rank[b.state] || a.forecastDate.localeCompare(b.forecastDate) || a.vanName.localeCompare(b.vanName));
  return { date, due, forecast, forecastUntil: until };
}

export const fleetMaintenanceHandlers: Omit<HandlersFor<typeof fleetChannels>, keyof typeof vanHandlers> = {
  'fleet.readiness': (ctx, input) => computeReadinessRows(ctx, input.date ?? stationToday(ctx.db, ctx.clock)),

  'fleet.van': (ctx, input) => {
    const date = input.date ?? stationToday(ctx.db, ctx.clock);
    const readiness = readinessOf(ctx, input.vanId, date);
    const settings = loadFleetSettings(ctx.db);
    const records = ctx.db.select().from(serviceRecords).where(eq(serviceRecords.vanId, input.vanId)).orderBy(desc(serviceRecords.date), desc(serviceRecords.id)).all();
    const lastByCode = new Map<string, { date: string; odometerMi: number | null }>();
    for (const r of records) if (r.date <= date && !lastByCode.has(r.code)) lastByCode.set(r.code, r);
    const schedules = effectiveSchedules(ctx.db).filter((s) => s.active && s.vanType === readiness.type);
    return {
      readiness,
      inspections: listInspections(ctx.db, { vanId: input.vanId, limit: 60 }),
      defects: listDefects(ctx.db, { vanId: input.vanId, limit: 200 }),
      pm: vanPm({ id: input.vanId, type: readiness.type, odometerMi: readiness.odometerMi }, schedules, (c) => lastByCode.get(c), date, settings),
      serviceRecords: records.slice(0, 100),
      documents: ctx.db.select().from(vanDocuments).where(eq(vanDocuments.vanId, input.vanId)).all(),
    };
  },

  'fleet.inspect': (ctx, input): InspectResult => {
    const { inspectionId, defectIds } = ctx.db.transaction((t) => recordInspection(ctx, txDb(t), input));
    const insp = listInspections(ctx.db, { id: inspectionId, limit: 1 })[0]!;
    return { ...insp, defects: defectIds.map((id) => getDefect(ctx.db, id)) };
  },

  'fleet.inspections': (ctx, input) => listInspections(ctx.db, input),

  'fleet.reportDefect': (ctx, input) => {
    const d = ctx.db.transaction((t) => {
      const tx = txDb(t);
      activeVan(tx, input.vanId);
      return insertDefect(ctx, tx, { ...input, reportedBy: ctx.actor.name });
    });
    return getDefect(ctx.db, d.id);
  },

  'fleet.defects': (ctx, input) => listDefects(ctx.db, input),

  'fleet.startRepair': (ctx, input) =>
    updateDefect(ctx, input.defectId, 'start_repair', (d) => {
      if (d.status !== 'open' && d.status !== 'in_repair') throw lifecycleConflict(d, 'sent to a shop');
      return {
        status: 'in_repair',
        shop: input.shop,
        expectedDate: input.expectedDate,
        repairStartedAt: d.repairStartedAt ?? ctx.clock.now().toISOString(),
      };
    }),

  'fleet.resolveDefect': (ctx, input) =>
    updateDefect(ctx, input.defectId, 'repaired', (d) => {
      if (d.status !== 'open' && d.status !== 'in_repair') throw lifecycleConflict(d, 'marked repaired');
      return {
        status: 'repaired',
        repairedAt: ctx.clock.now().toISOString(),
        repairNote: input.note,
        cost: input.cost ?? null,
        invoiceRef: input.invoiceRef ?? null,
      };
    }),

  'fleet.releaseVan': (ctx, input) => {
    releaseVan(ctx, input.vanId, input.note);
    return readinessOf(ctx, input.vanId);
  },

  'fleet.pm': (ctx, input) => pmReport(ctx, input),

  'fleet.recordService': (ctx, input) => {
    const now = ctx.clock.now();
    return ctx.db.transaction((t) => {
      const tx = txDb(t);
      const van = activeVan(tx, input.vanId);
      const row = tx
        .insert(serviceRecords)
        .values({ ...input, odometerMi: input.odometerMi ?? null, cost: input.cost ?? null, createdBy: ctx.actor.name })
        .returning()
        .get();
      if (input.odometerMi != null && input.odometerMi > van.odometerMi) {
        tx.update(vans).set({ odometerMi: input.odometerMi, updatedAt: now.toISOString() }).where(eq(vans.id, van.id)).run();
      }
      writeAudit(tx, ctx.actor, now, { action: 'service', entity: 'service_record', entityId: row.id, after: row });
      return row;
    });
  },

  'fleet.pmSchedules': (ctx) => effectiveSchedules(ctx.db),

  'fleet.setPmSchedule': (ctx, input) => {
    if (input.everyMi == null && input.everyDays == null) {
      throw new AppError('VALIDATION', 'A PM item needs miles, days or both', {
        issues: [
          { path: 'everyMi', message: 'give miles or days' },
          { path: 'everyDays', message: 'give miles or days' },
        ],
      });
    }
    const now = ctx.clock.now();
    return ctx.db.transaction((t) => {
      const tx = txDb(t);
      const before = effectiveSchedules(tx).find((s) => s.vanType === input.vanType && s.code === input.code) ?? null;
      tx.insert(pmSchedules)
        .values(input)
        .onConflictDoUpdate({ target: [pmSchedules.vanType, pmSchedules.code], set: { ...input } })
        .run();
      writeAudit(tx, ctx.actor, now, { action: 'update', entity: 'pm_schedule', entityId: `${input.vanType}:${input.code}`, before, after: input });
      return { ...input };
    });
  },

  'fleet.settings': (ctx) => loadFleetSettings(ctx.db),

  'fleet.setSettings': (ctx, input) => {
    const now = ctx.clock.now();
    return ctx.db.transaction((t) => {
      const tx = txDb(t);
      const before = loadFleetSettings(tx);
      const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      tx.insert(settingsTable)
        .values({ key: FLEET_SETTINGS_KEY, value: after })
        .onConflictDoUpdate({ target: settingsTable.key, set: { value: after, updatedAt: now.toISOString() } })
        .run();
      writeAudit(tx, ctx.actor, now, { action: 'update', entity: 'settings', entityId: FLEET_SETTINGS_KEY, before, after });
      return after;
    });
  },

  'fleet.documents': (ctx, input) =>
    ctx.db
      .select()
      .from(vanDocuments)
      .where(input.vanId ? eq(vanDocuments.vanId, input.vanId) : undefined)
      .orderBy(vanDocuments.vanId, vanDocuments.kind)
      .all(),

  'fleet.setDocument': (ctx, input) => {
    const now = ctx.clock.now();
    return ctx.db.transaction((t) => {
      const tx = txDb(t);
      activeVan(tx, input.vanId);
      return upsertDocument(ctx, tx, { ...input, expiresOn: input.expiresOn ?? null }, now);
    });
  },

  'fleet.setCharge': (ctx, input) => {
    const now = ctx.clock.now();
    return ctx.db.transaction((t) => {
      const tx = txDb(t);
      const van = activeVan(tx, input.vanId);
      const set = {
        stateOfChargePct: input.stateOfChargePct,
        ...(input.chargingBay !== undefined ? { chargingBay: input.chargingBay } : {}),
        ...(input.usableRangeMi !== undefined ? { usableRangeMi: input.usableRangeMi } : {}),
      };
      tx.update(vans).set({ ...set, updatedAt: now.toISOString() }).where(eq(vans.id, van.id)).run();
      writeAudit(tx, ctx.actor, now, {
        action: 'charge',
        entity: 'van',
        entityId: van.id,
        before: { stateOfChargePct: van.stateOfChargePct, chargingBay: van.chargingBay, usableRangeMi: van.usableRangeMi },
        after: set,
      });
      const after = activeVan(tx, van.id);
      return { vanId: van.id, stateOfChargePct: after.stateOfChargePct, usableRangeMi: after.usableRangeMi, chargingBay: after.chargingBay };
    });
  },

  'fleet.import': (ctx, input) => importFleet(ctx, input),
  'fleet.importInspections': (ctx, input) => importInspections(ctx, input),
};

/** Create or replace the van's document of that kind (one per kind); audited. */
export function upsertDocument(
  ctx: ServiceContext,
  tx: Tx,
  input: { vanId: number; kind: (typeof vanDocuments.$inferSelect)['kind']; expiresOn: string | null; reference: string; note: string },
  now: Date,
) {
  const before = tx
    .select()
    .from(vanDocuments)
    .where(and(eq(vanDocuments.vanId, input.vanId), eq(vanDocuments.kind, input.kind)))
    .get();
  const values = { ...input, updatedAt: now.toISOString() };
  const row = tx
    .insert(vanDocuments)
    .values(values)
    .onConflictDoUpdate({ target: [vanDocuments.vanId, vanDocuments.kind], set: values })
    .returning()
    .get();
  writeAudit(tx, ctx.actor, now, {
    action: before ? 'update' : 'create',
    entity: 'van_document',
    entityId: row.id,
    before: before ? { expiresOn: before.expiresOn, reference: before.reference } : null,
    after: { vanId: row.vanId, kind: row.kind, expiresOn: row.expiresOn, reference: row.reference },
  });
  return row;
}
