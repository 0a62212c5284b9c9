import { and, desc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import { coachingPlans, drivers, incidents, scorecardRows } from '../../db/schema';
import type { ReadContext, WriteContext } from '../context';
import { diffFields } from '../write';
import { citeRescue } from '../progress/rescues';
import { stationToday } from '../station/station';
import { AppError, notFound } from '../../../shared/errors';
import { addDays } from '../../../shared/station-time';
import type { CoachingPlan } from '../../../shared/contract/scorecards';
import { INCIDENT_TYPE_LABEL, OPEN_PLAN_STATUSES, type PlanStatus } from '../../../shared/rules/scorecards/coaching';
import { METRICS, RATED_METRICS, effectiveMetricTiers, formatMetric, isLowTier, type MetricKey, type TierBounds, type TierSource } from '../../../shared/rules/scorecards/tiers';
import type { Tier } from '../../../shared/domain';
import { coachingDueDays, coachingOwner } from './settings';
import { rowValues, weekThresholds } from './tiers-db';

type PlanRecord = typeof coachingPlans.$inferSelect;
type IncidentRecord = typeof incidents.$inferSelect;

/** The bound a metric must reach to be Great (the usual coaching target). */
function targetFor(metric: MetricKey, t: Record<string, TierBounds>): string {
  const b = t[metric];
  const def = METRICS[metric];
  if (!b) return '';
  const op = def.better === 'higher' ? '≥' : '≤';
  return `${def.short} ${op} ${formatMetric(metric, b.great)} (Great) on the next scorecard`;
}

/** Ride-along / retraining / 1:1, by what the metric is about and how bad it is. */
export function actionsFor(metric: MetricKey, tier: Tier): string[] {
  const def = METRICS[metric];
  if (def.safety) {
    return tier === 'Poor' ? ['Ride-along', 'Retraining module (eDriving Mentor)', '1:1 talk'] : ['1:1 talk', 'Safety video review'];
  }
  return tier === 'Poor' ? ['1:1 talk', 'Retraining module', 'Ride-along'] : ['1:1 talk', 'Retraining module'];
}

/** "FICO 640 was Poor (Amazon's tier) in week 47 — safe-driving (FICO) score". */
export function findingFor(metric: MetricKey, tier: Tier, value: number, week: string, source: TierSource = 'thresholds'): string {
  const def = METRICS[metric];
  return `${def.short} ${formatMetric(metric, value)} was ${tier}${source === 'amazon' ? " (Amazon's tier)" : ''} in week ${week.slice(6)} — ${def.words}`;
}

export function toPlan(p: PlanRecord, driverName: string, today: string): CoachingPlan {
  const open = OPEN_PLAN_STATUSES.includes(p.status) && p.status !== 'suggested';
  return { ...p, driverName, overdue: open && !!p.dueDate && p.dueDate < today };
}

export function listPlans(ctx: ReadContext, filter: { status?: PlanStatus; driverId?: number; open?: boolean; ids?: number[]; today?: string }): CoachingPlan[] {
  const today = filter.today ?? stationToday(ctx.db, ctx.clock);
  const rows = ctx.db
    .select({ p: coachingPlans, name: drivers.name })
    .from(coachingPlans)
    .innerJoin(drivers, eq(drivers.id, coachingPlans.driverId))
    .where(
      and(
        filter.status ? eq(coachingPlans.status, filter.status) : undefined,
        filter.driverId ? eq(coachingPlans.driverId, filter.driverId) : undefined,
        filter.open ? inArray(coachingPlans.status, OPEN_PLAN_STATUSES) : undefined,
        filter.ids ? inArray(coachingPlans.id, filter.ids) : undefined,
      ),
    )
    .orderBy(desc(coachingPlans.id))
    .all();
  const rank: Record<PlanStatus, number> = { escalated: 0, suggested: 1, accepted: 2, acknowledged: 3, closed: 4, dismissed: 5 };
  return rows
    .map((r) => toPlan(r.p, r.name, today))
    .sort((a, b) => rank[a.status] - rank[b.status] || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || b.id - a.id);
}

export function getPlan(ctx: ReadContext, id: number): CoachingPlan {
  const p = listPlans(ctx, { ids: [id] })[0];
  if (!p) throw notFound('Action plan', id);
  return p;
}

function rawPlan(ctx: ReadContext, id: number): PlanRecord {
  const p = ctx.db.select().from(coachingPlans).where(eq(coachingPlans.id, id)).get();
  if (!p) throw notFound('Action plan', id);
  return p;
}

/** Insert a plan and note it for the call's audit entry. */
export function insertPlan(w: WriteContext, values: typeof coachingPlans.$inferInsert, action = 'create'): PlanRecord {
  const now = w.clock.now().toISOString();
  const row = w.db.insert(coachingPlans).values({ ...values, createdAt: now, updatedAt: now }).returning().get();
  w.audit({ action, entity: 'coaching_plan', entityId: row.id, after: row });
  return row;
}

/**
 * Suggest one plan per Fair/Poor metric of every matched driver in `week`, unless the driver already
 * has an open plan for that metric or a plan for that week and metric (e.g. dismissed).
 */
export function suggestForWeek(ctx: WriteContext, week: string): number {
  const thresholds = weekThresholds(ctx.db, week);
  const rows = ctx.db.select().from(scorecardRows).where(and(eq(scorecardRows.week, week), isNotNull(scorecardRows.driverId))).all();
  const existing = ctx.db
    .select({ driverId: coachingPlans.driverId, metric: coachingPlans.metric, week: coachingPlans.week, status: coachingPlans.status })
    .from(coachingPlans)
    .where(isNotNull(coachingPlans.metric))
    .all();
  const blocked = new Set<string>();
  for (const e of existing) {
    if (OPEN_PLAN_STATUSES.includes(e.status)) blocked.add(`${e.driverId}:${e.metric}`);
    if (e.week === week) blocked.add(`${e.driverId}:${e.metric}`);
  }
  const today = stationToday(ctx.db, ctx.clock);
  const due = addDays(today, coachingDueDays(ctx.db));
  const owner = coachingOwner(ctx.db);
  let created = 0;
  for (const r of rows) {
    const values = rowValues(r);
    // Amazon's own tier for a metric wins over ours (see effectiveMetricTiers).
    const { tiers, source } = effectiveMetricTiers(values, r.amazon, thresholds);
    for (const m of RATED_METRICS) {
      const v = values[m];
      const tier = tiers[m];
      if (v == null || !tier || !isLowTier(tier)) continue;
      if (blocked.has(`${r.driverId}:${m}`)) continue;
      blocked.add(`${r.driverId}:${m}`);
      insertPlan(
        ctx,
        {
          driverId: r.driverId!,
          week,
          metric: m,
          finding: findingFor(m, tier, v, week, source[m]),
          target: targetFor(m, thresholds),
          actions: actionsFor(m, tier),
          owner,
          dueDate: due,
          status: 'suggested',
        },
        'suggest',
      );
      created++;
    }
  }
  return created;
}

const INCIDENT_ACTIONS: Record<string, string[]> = {
  collision: ['Ride-along', 'Retraining module (defensive driving)', '1:1 talk'],
  property_damage: ['Ride-along', '1:1 talk'],
  injury: ['1:1 talk', 'Retraining module (safe lifting, dog-bite awareness)'],
  customer_escalation: ['1:1 talk', 'Retraining module (customer delivery experience)'],
  package_damage: ['1:1 talk', 'Retraining module (package handling)'],
  traffic_citation: ['1:1 talk', 'Retraining module (defensive driving)'],
  other: ['1:1 talk'],
};

/** Suggest a plan for an incident with a driver and no linked plan; links it. Returns the plan id. */
export function suggestForIncident(ctx: WriteContext, inc: IncidentRecord): number | null {
  if (!inc.driverId || inc.planId) return null;
  const today = stationToday(ctx.db, ctx.clock);
  const base = inc.date > today ? inc.date : today;
  const label = INCIDENT_TYPE_LABEL[inc.type] ?? inc.type;
  const plan = insertPlan(
    ctx,
    {
      driverId: inc.driverId,
      incidentId: inc.id,
      finding: `${label} on ${inc.date} (${inc.severity})${inc.description ? ': ' + inc.description.slice(0, 300) : ''}`,
      target: `No further ${label.toLowerCase()} in the next 30 days`,
      actions: INCIDENT_ACTIONS[inc.type] ?? ['1:1 talk'],
      owner: coachingOwner(ctx.db),
      dueDate: addDays(base, coachingDueDays(ctx.db)),
      status: 'suggested',
    },
    'suggest',
  );
  ctx.db.update(incidents).set({ planId: plan.id }).where(eq(incidents.id, inc.id)).run();
  return plan.id;
}

/**
 * Escalate accepted/acknowledged plans that are still failing: a metric plan whose metric is still
 * Fair/Poor on a later scorecard, or past its due date with no better scorecard since; an incident
 * plan past its due date and not acknowledged, or followed by another incident of the driver.
 */
export function reviewPlans(ctx: WriteContext): number {
  const today = stationToday(ctx.db, ctx.clock);
  const plans = ctx.db.select().from(coachingPlans).where(inArray(coachingPlans.status, ['accepted', 'acknowledged'])).all();
  let escalated = 0;
  for (const p of plans) {
    let reason: string | null = null;
    if (p.metric && p.week) {
      const metric = p.metric as MetricKey;
      const later = ctx.db
        .select()
        .from(scorecardRows)
        .where(and(eq(scorecardRows.driverId, p.driverId), gt(scorecardRows.week, p.week)))
        .orderBy(desc(scorecardRows.week))
        .limit(1)
        .get();
      if (later) {
        const v = rowValues(later)[metric];
        const tier = effectiveMetricTiers(rowValues(later), later.amazon, weekThresholds(ctx.db, later.week)).tiers[metric];
        if (tier && isLowTier(tier)) reason = `${METRICS[metric]?.short ?? metric} still ${tier} in week ${later.week.slice(6)} (${formatMetric(metric, v)})`;
      } else if (p.dueDate && p.dueDate < today) {
        reason = `Past its due date (${p.dueDate}) with no better scorecard since`;
      }
    } else if (p.incidentId) {
      const again = ctx.db
        .select({ id: incidents.id, date: incidents.date })
        .from(incidents)
        .where(and(eq(incidents.driverId, p.driverId), gt(incidents.id, p.incidentId), gt(incidents.date, p.createdAt.slice(0, 10))))
        .get();
      if (again) reason = `Another incident on ${again.date} after this plan`;
      else if (p.status === 'accepted' && p.dueDate && p.dueDate < today) reason = `Past its due date (${p.dueDate}) and not acknowledged by the driver`;
    } else if (p.status === 'accepted' && p.dueDate && p.dueDate < today) {
      reason = `Past its due date (${p.dueDate}) and not acknowledged by the driver`;
    }
    if (!reason) continue;
    const at = ctx.clock.now().toISOString();
    ctx.db.update(coachingPlans).set({ status: 'escalated', escalatedAt: at, escalationReason: reason, updatedAt: at }).where(eq(coachingPlans.id, p.id)).run();
    ctx.audit({
      action: 'escalate',
      entity: 'coaching_plan',
      entityId: p.id,
      before: { status: p.status },
      after: { status: 'escalated', escalationReason: reason },
      reason,
    });
    escalated++;
  }
  return escalated;
}

/** One audited change of a plan; `allowed` = statuses it may start from. */
export function changePlan(
  w: WriteContext,
  id: number,
  action: string,
  allowed: PlanStatus[] | null,
  patch: Partial<typeof coachingPlans.$inferInsert>,
  reason?: string,
): CoachingPlan {
  const before = rawPlan(w, id);
  if (allowed && !allowed.includes(before.status)) {
    throw new AppError('CONFLICT', `Plan #${id} is ${before.status}; cannot ${action} it`, {
      conflicts: [{ rule: 'PLAN_STATUS', message: `A ${before.status} plan cannot be ${action === 'close' ? 'closed' : action + 'd'}`, severity: 'hard' }],
    });
  }
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  w.db.update(coachingPlans).set({ ...defined, updatedAt: w.clock.now().toISOString() }).where(eq(coachingPlans.id, id)).run();
  const after = rawPlan(w, id);
  w.audit({ action, entity: 'coaching_plan', entityId: id, ...diffFields(before, after), reason: reason ?? null });
  return getPlan(w, id);
}

export function createPlan(
  w: WriteContext,
  input: { driverId: number; week?: string | null; metric?: string | null; incidentId?: number | null; rescueId?: number | null; finding: string; target: string; actions: string[]; owner: string; dueDate?: string | null },
): CoachingPlan {
  if (!w.db.select({ id: drivers.id }).from(drivers).where(eq(drivers.id, input.driverId)).get()) throw notFound('Driver', input.driverId);
  if (input.rescueId != null) citeRescue(w.db, input.rescueId, input.driverId);
  const row = insertPlan(w, {
    driverId: input.driverId,
    week: input.week ?? null,
    metric: input.metric ?? null,
    incidentId: input.incidentId ?? null,
    rescueId: input.rescueId ?? null,
    finding: input.finding,
    target: input.target,
    actions: input.actions,
    owner: input.owner || coachingOwner(w.db),
    dueDate: input.dueDate ?? addDays(stationToday(w.db, w.clock), coachingDueDays(w.db)),
    status: 'accepted',
  });
  if (input.incidentId) w.db.update(incidents).set({ planId: row.id }).where(eq(incidents.id, input.incidentId)).run();
  return getPlan(w, row.id);
}
