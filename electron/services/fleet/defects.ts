import { and, desc, eq, inArray } from 'drizzle-orm';
import { defects, vanReleases, vans } from '../../db/schema';
import type { Db } from '../../db/open';
import type { ServiceContext } from '../context';
import type { LegacyHandlersFor } from '../legacy';
import { writeAudit } from '../audit';
import { readinessOf } from './readiness';
import { activeVan, txDb, type Tx } from './vans';
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

export function insertDefect(
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

export const defectHandlers: Pick<LegacyHandlersFor<typeof fleetChannels>, 'fleet.reportDefect' | 'fleet.defects' | 'fleet.startRepair' | 'fleet.resolveDefect' | 'fleet.releaseVan'> = {
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
};
