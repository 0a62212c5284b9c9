import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { drivers, incidents, routes, vans } from '../../db/schema';
import type { ReadContext, ReadDb, WriteContext } from '../context';
import { diffFields } from '../write';
import { notFound } from '../../../shared/errors';
import type { Incident } from '../../../shared/contract/scorecards';
import type { IncidentStatus } from '../../../shared/rules/scorecards/coaching';
import { suggestForIncident } from './coaching';

export function listIncidents(ctx: ReadContext, f: { driverId?: number; from?: string; to?: string; status?: IncidentStatus; id?: number }): Incident[] {
  return ctx.db
    .select({ i: incidents, driverName: drivers.name, vanName: vans.name, routeCode: routes.code })
    .from(incidents)
    .leftJoin(drivers, eq(drivers.id, incidents.driverId))
    .leftJoin(vans, eq(vans.id, incidents.vanId))
    .leftJoin(routes, eq(routes.id, incidents.routeId))
    .where(
      and(
        f.id ? eq(incidents.id, f.id) : undefined,
        f.driverId ? eq(incidents.driverId, f.driverId) : undefined,
        f.from ? gte(incidents.date, f.from) : undefined,
        f.to ? lte(incidents.date, f.to) : undefined,
        f.status ? eq(incidents.status, f.status) : undefined,
      ),
    )
    .orderBy(desc(incidents.date), desc(incidents.id))
    .limit(1000)
    .all()
    .map(({ i, driverName, vanName, routeCode }) => ({ ...i, driverName, vanName, routeCode }));
}

function checkRefs(db: ReadDb, v: { driverId?: number | null; vanId?: number | null; routeId?: number | null }) {
  if (v.driverId && !db.select({ id: drivers.id }).from(drivers).where(eq(drivers.id, v.driverId)).get()) throw notFound('Driver', v.driverId);
  if (v.vanId && !db.select({ id: vans.id }).from(vans).where(eq(vans.id, v.vanId)).get()) throw notFound('Van', v.vanId);
  if (v.routeId && !db.select({ id: routes.id }).from(routes).where(eq(routes.id, v.routeId)).get()) throw notFound('Route', v.routeId);
}

export function createIncident(w: WriteContext, input: Omit<typeof incidents.$inferInsert, 'id' | 'planId' | 'createdAt' | 'updatedAt'>): Incident & { suggestedPlanId: number | null } {
  checkRefs(w.db, input);
  const at = w.clock.now().toISOString();
  const row = w.db.insert(incidents).values({ ...input, createdAt: at, updatedAt: at }).returning().get();
  w.audit({ action: 'create', entity: 'incident', entityId: row.id, after: row });
  const planId = suggestForIncident(w, row);
  return { ...listIncidents(w, { id: row.id })[0]!, suggestedPlanId: planId };
}

export function updateIncident(w: WriteContext, input: { id: number } & Partial<typeof incidents.$inferInsert>): Incident {
  const before = w.db.select().from(incidents).where(eq(incidents.id, input.id)).get();
  if (!before) throw notFound('Incident', input.id);
  const { id, ...rest } = input;
  checkRefs(w.db, rest);
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  w.db.update(incidents).set({ ...defined, updatedAt: w.clock.now().toISOString() }).where(eq(incidents.id, id)).run();
  const after = w.db.select().from(incidents).where(eq(incidents.id, id)).get()!;
  w.audit({ action: 'update', entity: 'incident', entityId: id, ...diffFields(before, after) });
  return listIncidents(w, { id })[0]!;
}
