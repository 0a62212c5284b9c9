import { desc, eq } from 'drizzle-orm';
import { serviceRecords, vanDocuments } from '../../db/schema';
import type { HandlersFor } from '../context';
import { stationToday } from '../station/station';
import { listDefects } from './defects';
import { listInspections } from './inspections';
import { computeReadinessRows, effectiveSchedules, loadFleetSettings, readinessOf, vanPm } from './readiness';
import type { fleetChannels } from '../../../shared/contract/fleet';
import { pmClassOf } from '../../../shared/rules/fleet/classes';

/** The readiness grid (every van on a day) and one van's maintenance card (readiness, DVIRs, defects, PM, documents). */
export const overviewHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.readiness' | 'fleet.van'> = {
  'fleet.readiness': (ctx, input) => computeReadinessRows(ctx, input.date ?? stationToday(ctx.db, ctx.clock)),
  'fleet.van': (ctx, input) => {
    const date = input.date ?? stationToday(ctx.db, ctx.clock);
    const readiness = readinessOf(ctx, input.vanId, date);
    const settings = loadFleetSettings(ctx.db);
    const records = ctx.db.select().from(serviceRecords).where(eq(serviceRecords.vanId, input.vanId)).orderBy(desc(serviceRecords.date), desc(serviceRecords.id)).all();
    const lastByCode = new Map<string, { date: string; odometerMi: number | null }>();
    for (const r of records) if (r.date <= date && !lastByCode.has(r.code)) lastByCode.set(r.code, r);
    const pmClass = pmClassOf(readiness);
    const schedules = effectiveSchedules(ctx.db).filter((s) => s.active && s.vanClass === pmClass);
    return {
      readiness,
      inspections: listInspections(ctx.db, { vanId: input.vanId, limit: 60 }),
      defects: listDefects(ctx.db, { vanId: input.vanId, limit: 200 }),
      pm: vanPm({ id: input.vanId, odometerMi: readiness.odometerMi }, schedules, (c) => lastByCode.get(c), date, settings),
      serviceRecords: records.slice(0, 100),
      documents: ctx.db.select().from(vanDocuments).where(eq(vanDocuments.vanId, input.vanId)).all(),
    };
  },
};
