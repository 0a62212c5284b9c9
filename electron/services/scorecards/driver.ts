import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { assignments, drivers, routes, scorecardRows } from '../../db/schema';
import type { ReadContext } from '../context';
import { stationToday } from '../station/station';
import { notFound } from '../../../shared/errors';
import { addDays } from '../../../shared/station-time';
import type { DriverPage } from '../../../shared/contract/scorecards';
import { effectiveMetricTiers } from '../../../shared/rules/scorecards/tiers';
import { atRiskList, rowValues, weekThresholds } from './tiers-db';
import { listPlans } from './coaching';
import { listIncidents } from './incidents';
import { trainingStatus } from './training';
import { trainingDueDays } from './settings';

/** Everything the driver page shows, in one read. */
export function driverPage(ctx: ReadContext, driverId: number, weeks: number): DriverPage {
  const d = ctx.db.select().from(drivers).where(eq(drivers.id, driverId)).get();
  if (!d) throw notFound('Driver', driverId);
  const today = stationToday(ctx.db, ctx.clock);
  const rows = ctx.db.select().from(scorecardRows).where(eq(scorecardRows.driverId, driverId)).orderBy(desc(scorecardRows.week)).limit(weeks).all();
  const thresholdCache = new Map<string, ReturnType<typeof weekThresholds>>();
  const weekViews = rows.map((r) => {
    const t = thresholdCache.get(r.week) ?? weekThresholds(ctx.db, r.week);
    thresholdCache.set(r.week, t);
    const values = rowValues(r);
    const { tiers, source } = effectiveMetricTiers(values, r.amazon, t);
    return { week: r.week, tier: r.tier, fileTier: r.fileTier, keyFocusArea: r.keyFocusArea, values, metricTiers: tiers, tierSource: source, thresholds: t };
  });
  const from = addDays(today, -90);
  const driven = ctx.db
    .select({ date: routes.date, code: routes.code, serviceType: routes.serviceType, packages: routes.packages, launchedAt: routes.launchedAt, returnedAt: routes.returnedAt })
    .from(assignments)
    .innerJoin(routes, eq(routes.id, assignments.routeId))
    .where(and(eq(assignments.driverId, driverId), gte(routes.date, from), lte(routes.date, today)))
    .orderBy(desc(routes.date))
    .all()
    .map((r) => ({
      ...r,
      hours: r.launchedAt && r.returnedAt ? Math.round(((Date.parse(r.returnedAt) - Date.parse(r.launchedAt)) / 3_600_000) * 10) / 10 : null,
    }));
  const since28 = addDays(today, -28);
  const last28 = driven.filter((r) => r.date > since28);
  const timed = last28.filter((r) => r.hours != null);
  const latest = rows[0]?.week;
  return {
    driver: { id: d.id, name: d.name, transporterId: d.transporterId, status: d.status, hireDate: d.hireDate, qualifications: d.qualifications },
    weeks: weekViews,
    incidents: listIncidents(ctx, { driverId }),
    plans: listPlans(ctx, { driverId }),
    training: trainingStatus(ctx, today, trainingDueDays(ctx.db), driverId),
    routes: driven,
    hours28d: timed.length > 0 ? Math.round(timed.reduce((s, r) => s + r.hours!, 0) * 10) / 10 : null,
    routes28d: last28.length,
    atRisk: latest ? (atRiskList(ctx.db, latest).find((a) => a.driverId === driverId) ?? null) : null,
  };
}
