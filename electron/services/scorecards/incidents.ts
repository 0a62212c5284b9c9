import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { drivers, incidents, routes, vans } from '../../db/schema';
import type { ServiceContext } from '../context';
import { diffFields, writeAudit } from '../audit';
import { notFound } from '../../../shared/errors';
import type { Incident } from '../../../shared/contract/scorecards';
import type { IncidentStatus } from '../../../shared/rules/scorecards/coaching';
import { suggestForIncident } from './coaching';

export function listIncidents(ctx: ServiceContext, f: { driverId?: number; from?: string; to?: string; status?: IncidentStatus; id?: number }): Incident[] {
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

function checkRefs(db: ServiceContext['db'], v: { driverId?: number | null; vanId?: number | null; routeId?: number | null }) {
  if (v.driverId && !db.select({ id: drivers.id }).from(drivers).where(eq(drivers.id, v.driverId)).get()) throw notFound('Driver', v.driverId);
  if (v.vanId && !db.select({ id: vans.id }).from(vans).where(eq(vans.id, v.vanId)).get()) throw notFound('Van', v.vanId);
  if (v.routeId && !db.select({ id: routes.id }).from(routes).where(eq(routes.id, v.routeId)).get()) throw notFound('Route', v.routeId);
}

export function createIncident(ctx: ServiceContext, input: Omit<typeof incidents.$inferInsert, 'id' | 'planId' | 'createdAt' | 'updatedAt'>): Incident & { suggestedPlanId: number | null } {
  const { id, planId } = ctx.db.transaction((tx) => {
    const c = { ...ctx, db: tx as unknown as ServiceContext['db'] };
    checkRefs(c.db, input);
    const at = ctx.clock.now().toISOString();
    const row = c.db.insert(incidents).values({ ...input, createdAt: at, updatedAt: at }).returning().get();
    writeAudit(c.db, ctx.actor, ctx.clock.now(), { action: 'create', entity: 'incident', entityId: row.id, after: row });
    return { id: row.id, planId: suggestForIncident(c, row) };
  });
  return { ...listIncidents(ctx, { id })[0]!, suggestedPlanId: planId };
}

export function updateIncident(ctx: ServiceContext, input: { id: number } & Partial<typeof incidents.$inferInsert>): Incident {
  ctx.db.transaction((tx) => {
    const db = tx as unknown as ServiceContext['db'];
    const before = db.select().from(incidents).where(eq(incidents.id, input.id)).get();
    if (!before) throw notFound('Incident', input.id);
    const { id, ...rest } = input;
    checkRefs(db, rest);
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    db.update(incidents).set({ ...defined, updatedAt: ctx.clock.now().toISOString() }).where(eq(incidents.id, id)).run();
    const after = db.select().from(incidents).where(eq(incidents.id, id)).get()!;
    writeAudit(db, ctx.actor, ctx.clock.now(), { action: 'update', entity: 'incident', entityId: id, ...diffFields(before, after) });
  });
  return listIncidents(ctx, { id: input.id })[0]!;
}
