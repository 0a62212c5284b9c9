import { and, desc, eq, inArray } from 'drizzle-orm';
import { defects, vanReleases, vans } from '../../db/schema';
import type { HandlersFor, ReadDb, WriteContext } from '../context';
import { readinessOf } from './readiness';
import { activeVan } from './vans';
import { AppError, notFound } from '../../../shared/errors';
import type { Defect, fleetChannels } from '../../../shared/contract/fleet';

/** Defects: reported by hand or opened by a failed DVIR item, sent to a shop, repaired, released with the van. */

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

export function getDefect(db: ReadDb, defectId: number): Defect {
  const d = db.select(defectColumns).from(defects).innerJoin(vans, eq(vans.id, defects.vanId)).where(eq(defects.id, defectId)).get();
  if (!d) throw notFound('defect', defectId);
  return d;
}

export function listDefects(db: ReadDb, filter: { vanId?: number; status?: string[]; limit: number }): Defect[] {
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

export function insertDefect(
  w: WriteContext,
  v: { vanId: number; severity: Defect['severity']; description: string; sourceInspectionId?: number | null; itemCode?: string | null; reportedBy: string },
) {
  const now = w.clock.now();
  const d = w.db
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
  w.audit({ action: 'report', entity: 'defect', entityId: d.id, after: d });
  return d;
}

function updateDefect(w: WriteContext, defectId: number, action: string, change: (d: Defect) => Partial<typeof defects.$inferInsert>): Defect {
  const before = getDefect(w.db, defectId);
  const values = change(before);
  w.db.update(defects).set(values).where(eq(defects.id, defectId)).run();
  w.audit({
    action,
    entity: 'defect',
    entityId: defectId,
    before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k as keyof Defect]])),
    after: values,
  });
  return getDefect(w.db, defectId);
}

const lifecycleConflict = (d: Defect, wanted: string) =>
  new AppError('CONFLICT', `Defect #${d.id} is ${d.status.replace('_', ' ')}; it cannot be ${wanted}`, {
    conflicts: [{ rule: 'DEFECT_LIFECYCLE', message: `defect #${d.id} is ${d.status}`, severity: 'hard' }],
  });

/** Release a van back into service: refused while a critical defect is open or any repair is under way. */
export function releaseVan(w: WriteContext, vanId: number, note: string): void {
  const now = w.clock.now().toISOString();
  const van = activeVan(w.db, vanId);
  const pending = listDefects(w.db, { vanId, status: ['open', 'in_repair', 'repaired'], limit: 1000 });
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
  if (van.status !== 'in_service' || van.statusReason) {
    w.db.update(vans).set({ status: 'in_service', statusReason: '', updatedAt: now }).where(eq(vans.id, vanId)).run();
  }
  w.db.insert(vanReleases).values({ vanId, at: now, releasedBy: w.actor.name, note }).run();
  w.audit({
    action: 'release',
    entity: 'van',
    entityId: vanId,
    before: { status: van.status, statusReason: van.statusReason },
    after: { status: 'in_service', statusReason: '', defectsReleased: repaired.map((d) => d.id) },
    reason: note || null,
  });
  for (const d of repaired) {
    w.db.update(defects).set({ status: 'released', releasedAt: now, releasedBy: w.actor.name, releaseNote: note }).where(eq(defects.id, d.id)).run();
    w.audit({
      action: 'release',
      entity: 'defect',
      entityId: d.id,
      before: { status: d.status },
      after: { status: 'released', releasedBy: w.actor.name, releaseNote: note },
    });
  }
}

export const defectHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.reportDefect' | 'fleet.defects' | 'fleet.startRepair' | 'fleet.resolveDefect' | 'fleet.releaseVan'> = {
  'fleet.reportDefect': (w, input) => {
    activeVan(w.db, input.vanId);
    const d = insertDefect(w, { ...input, reportedBy: w.actor.name });
    return getDefect(w.db, d.id);
  },
  'fleet.defects': (ctx, input) => listDefects(ctx.db, input),
  'fleet.startRepair': (w, input) =>
    updateDefect(w, input.defectId, 'start_repair', (d) => {
      if (d.status !== 'open' && d.status !== 'in_repair') throw lifecycleConflict(d, 'sent to a shop');
      return {
        status: 'in_repair',
        shop: input.shop,
        expectedDate: input.expectedDate,
        repairStartedAt: d.repairStartedAt ?? w.clock.now().toISOString(),
      };
    }),
  'fleet.resolveDefect': (w, input) =>
    updateDefect(w, input.defectId, 'repaired', (d) => {
      if (d.status !== 'open' && d.status !== 'in_repair') throw lifecycleConflict(d, 'marked repaired');
      return {
        status: 'repaired',
        repairedAt: w.clock.now().toISOString(),
        repairNote: input.note,
        cost: input.cost ?? null,
        invoiceRef: input.invoiceRef ?? null,
      };
    }),
  'fleet.releaseVan': (w, input) => {
    releaseVan(w, input.vanId, input.note);
    return readinessOf(w, input.vanId);
  },
};
