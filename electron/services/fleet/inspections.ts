import { and, desc, eq, inArray } from 'drizzle-orm';
import { defects, inspectionItems, inspections, vans } from '../../db/schema';
import type { HandlersFor, ReadDb, WriteContext } from '../context';
import { stationTimeZone } from '../station/station';
import { getDefect, insertDefect } from './defects';
import { activeVan } from './vans';
import { stationDate } from '../../../shared/station-time';
import { checklistItem, INSPECTION_KIND_LABEL, type InspectionKind } from '../../../shared/rules/fleet/maintenance';
import type { Inspection, InspectResult, fleetChannels } from '../../../shared/contract/fleet';

/** DVIRs: record a pre- or post-trip inspection (a failed item opens a defect) and list them. */

export function listInspections(db: ReadDb, filter: { vanId?: number; id?: number; limit: number }): Inspection[] {
  const rows = db
    .select({
      id: inspections.id,
      vanId: inspections.vanId,
      vanName: vans.name,
      kind: inspections.kind,
      at: inspections.at,
      date: inspections.date,
      inspector: inspections.inspector,
      driverId: inspections.driverId,
      odometerMi: inspections.odometerMi,
      result: inspections.result,
      endedAt: inspections.endedAt,
      durationSec: inspections.durationSec,
      faults: inspections.faults,
      source: inspections.source,
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
export function recordInspection(w: WriteContext, input: InspectionData): { inspectionId: number; defectIds: number[]; opened: number } {
  const now = w.clock.now();
  const van = activeVan(w.db, input.vanId);
  const at = input.at ? new Date(input.at).toISOString() : now.toISOString();
  const date = stationDate(new Date(at), stationTimeZone(w.db));
  const failed = input.items.filter((i) => !i.passed);
  const row = w.db
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
      createdBy: w.actor.name,
    })
    .returning()
    .get();
  w.db
    .insert(inspectionItems)
    .values(input.items.map((i) => ({ inspectionId: row.id, itemCode: i.itemCode, passed: i.passed, note: i.note, photoPath: i.photoPath ?? null })))
    .run();
  if (input.odometerMi != null && input.odometerMi > van.odometerMi) {
    w.db.update(vans).set({ odometerMi: input.odometerMi, updatedAt: now.toISOString() }).where(eq(vans.id, van.id)).run();
  }
  w.audit({
    action: 'inspect',
    entity: 'inspection',
    entityId: row.id,
    after: { ...row, failed: failed.map((f) => f.itemCode) },
  });
  const defectIds: number[] = [];
  let opened = 0;
  if (failed.length > 0) {
    const open = w.db
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
      const d = insertDefect(w, {
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

export const inspectionHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.inspect' | 'fleet.inspections'> = {
  'fleet.inspect': (w, input): InspectResult => {
    const { inspectionId, defectIds } = recordInspection(w, input);
    const insp = listInspections(w.db, { id: inspectionId, limit: 1 })[0]!;
    return { ...insp, defects: defectIds.map((id) => getDefect(w.db, id)) };
  },
  'fleet.inspections': (ctx, input) => listInspections(ctx.db, input),
};
