import { sqliteOf } from './settings';
import { eq } from 'drizzle-orm';
import { safetyTopicHistory, safetyTopics, scorecardWeeks } from '../../db/schema';
import type { ServiceContext } from '../context';
import type { LegacyHandlersFor } from '../legacy';
import { diffFields, writeAudit } from '../audit';
import { getStation, stationToday } from '../station/station';
import { notFound } from '../../../shared/errors';
import type { scorecardChannels, SafetyTopic } from '../../../shared/contract/scorecards';
import { DEFAULT_THRESHOLDS, mergeThresholds, overallTier } from '../../../shared/rules/scorecards/tiers';
import { weekRange } from '../../../shared/rules/scorecards/weeks';
import { importScorecard } from './import';
import { atRiskList, latestWeek, recomputeWeekTiers, toScorecardRow, weekSummaries, weekThresholds } from './tiers-db';
import { keyMetrics, setSetting, stationThresholds } from './settings';
import { changePlan, createPlan, getPlan, listPlans, reviewPlans, suggestForIncident, suggestForWeek } from './coaching';
import { listCourses, listRecords, recordTraining, deleteRecord, trainingStatus, upsertCourse } from './training';
import { createIncident, listIncidents, updateIncident } from './incidents';
import { standupSummary } from './standup';
import { driverPage } from './driver';
import { atRiskCsv, standupPdf } from './export';
import { incidents as incidentsTable, scorecardRows } from '../../db/schema';
import { and, isNull, isNotNull } from 'drizzle-orm';

const tx = <T>(ctx: ServiceContext, fn: (c: ServiceContext) => T): T => ctx.db.transaction((t) => fn({ ...ctx, db: t as unknown as ServiceContext['db'] }));

function ensureWeek(ctx: ServiceContext, week: string) {
  const existing = ctx.db.select().from(scorecardWeeks).where(eq(scorecardWeeks.week, week)).get();
  if (existing) return existing;
  const r = weekRange(week)!;
  return ctx.db.insert(scorecardWeeks).values({ week, startDate: r.start, endDate: r.end }).returning().get();
}

function listTopics(ctx: ServiceContext, includeArchived?: boolean, id?: number): SafetyTopic[] {
  const rows = sqliteOf(ctx.db)
    .prepare(
      `SELECT t.id, t.title, t.body, t.archived_at AS archivedAt, (SELECT MAX(date) FROM safety_topic_history h WHERE h.topic_id = t.id) AS lastShown
         FROM safety_topics t WHERE 1=1 ${includeArchived ? '' : 'AND t.archived_at IS NULL'} ${id ? 'AND t.id = ?' : ''} ORDER BY t.title`,
    )
    .all(...(id ? [id] : [])) as SafetyTopic[];
  return rows;
}

export const scorecardHandlers: LegacyHandlersFor<typeof scorecardChannels> = {
  'scorecards.import': (ctx, input) => importScorecard(ctx, input),
  'scorecards.weeks': (ctx, input) => weekSummaries(ctx.db, input.limit),
  'scorecards.week': (ctx, input) => {
    const week = weekSummaries(ctx.db, 1, input.week)[0];
    if (!week) throw notFound('Scorecard week', input.week);
    const t = weekThresholds(ctx.db, input.week);
    const rows = ctx.db.select().from(scorecardRows).where(eq(scorecardRows.week, input.week)).orderBy(scorecardRows.row).all();
    return { week, rows: rows.map((r) => toScorecardRow(r, t)) };
  },
  'scorecards.setCompany': (ctx, input) => {
    tx(ctx, (c) => {
      const before = ensureWeek(c, input.week);
      c.db.update(scorecardWeeks).set({ companyScore: input.companyScore, companyTier: input.companyTier, updatedAt: c.clock.now().toISOString() }).where(eq(scorecardWeeks.week, input.week)).run();
      writeAudit(c.db, c.actor, c.clock.now(), {
        action: 'update',
        entity: 'scorecard_week',
        entityId: input.week,
        before: { companyScore: before.companyScore, companyTier: before.companyTier },
        after: { companyScore: input.companyScore, companyTier: input.companyTier },
      });
    });
    return weekSummaries(ctx.db, 1, input.week)[0]!;
  },
  'scorecards.thresholds': (ctx, input) => ({
    week: input.week ?? null,
    thresholds: input.week ? weekThresholds(ctx.db, input.week) : mergeThresholds(stationThresholds(ctx.db)),
    defaults: { ...DEFAULT_THRESHOLDS },
    keyMetrics: keyMetrics(ctx.db),
  }),
  'scorecards.setThresholds': (ctx, input) => {
    tx(ctx, (c) => {
      if (input.week) {
        const before = ensureWeek(c, input.week);
        const next = { ...(before.thresholds ?? {}), ...input.thresholds };
        c.db.update(scorecardWeeks).set({ thresholds: next }).where(eq(scorecardWeeks.week, input.week)).run();
        writeAudit(c.db, c.actor, c.clock.now(), { action: 'thresholds', entity: 'scorecard_week', entityId: input.week, before: before.thresholds, after: next });
      } else {
        const before = stationThresholds(c.db);
        const next = { ...before, ...input.thresholds };
        setSetting(c.db, 'scorecards.thresholds', next);
        writeAudit(c.db, c.actor, c.clock.now(), { action: 'thresholds', entity: 'settings', entityId: 'scorecards.thresholds', before, after: next });
      }
      if (input.keyMetrics) {
        const before = keyMetrics(c.db);
        setSetting(c.db, 'scorecards.keyMetrics', input.keyMetrics);
        writeAudit(c.db, c.actor, c.clock.now(), { action: 'update', entity: 'settings', entityId: 'scorecards.keyMetrics', before, after: input.keyMetrics });
      }
      const km = keyMetrics(c.db);
      const weeks = input.week && !input.keyMetrics ? [input.week] : c.db.select({ w: scorecardWeeks.week }).from(scorecardWeeks).all().map((w) => w.w);
      for (const w of weeks) recomputeWeekTiers(c.db, w, (ft, v, t) => overallTier(ft, v, t, km));
    });
    return scorecardHandlers['scorecards.thresholds'](ctx, { week: input.week ?? undefined }) as ReturnType<(typeof scorecardHandlers)['scorecards.setThresholds']>;
  },
  'scorecards.atRisk': (ctx, input) => atRiskList(ctx.db, input.week),
  'scorecards.atRiskCsv': (ctx, input) => {
    const week = input.week ?? latestWeek(ctx.db);
    return atRiskCsv(week ? atRiskList(ctx.db, week) : [], week);
  },
  'scorecards.driver': (ctx, input) => driverPage(ctx, input.driverId, input.weeks),

  'coaching.list': (ctx, input) => listPlans(ctx, input),
  'coaching.create': (ctx, input) => createPlan(ctx, input),
  'coaching.update': (ctx, input) => {
    const { id, ...patch } = input;
    return changePlan(ctx, id, 'update', ['suggested', 'accepted', 'acknowledged', 'escalated', 'closed'], patch);
  },
  'coaching.suggest': (ctx, input) =>
    tx(ctx, (c) => {
      const week = input.week ?? latestWeek(c.db);
      let created = week ? suggestForWeek(c, week) : 0;
      const orphans = c.db.select().from(incidentsTable).where(and(isNull(incidentsTable.planId), isNotNull(incidentsTable.driverId))).all();
      for (const i of orphans) if (suggestForIncident(c, i)) created++;
      return { created, escalated: reviewPlans(c) };
    }),
  'coaching.accept': (ctx, input) => {
    const { id, ...patch } = input;
    return changePlan(ctx, id, 'accept', ['suggested'], { ...patch, status: 'accepted' });
  },
  'coaching.dismiss': (ctx, input) => changePlan(ctx, input.id, 'dismiss', ['suggested', 'accepted'], { status: 'dismissed' }, input.reason || undefined),
  'coaching.acknowledge': (ctx, input) =>
    changePlan(ctx, input.id, 'acknowledge', ['accepted', 'escalated'], {
      status: 'acknowledged',
      acknowledgedAt: input.at ?? stationToday(ctx.db, ctx.clock),
      acknowledgement: input.acknowledgement,
    }),
  'coaching.close': (ctx, input) =>
    changePlan(ctx, input.id, 'close', ['accepted', 'acknowledged', 'escalated'], { status: 'closed', closedAt: ctx.clock.now().toISOString(), followUpResult: input.followUpResult }),
  'coaching.review': (ctx) => ({ escalated: tx(ctx, (c) => reviewPlans(c)) }),

  'training.courses': (ctx, input) => listCourses(ctx, input.includeArchived),
  'training.upsertCourse': (ctx, input) => upsertCourse(ctx, input),
  'training.list': (ctx, input) => listRecords(ctx, input.driverId),
  'training.status': (ctx, input) => trainingStatus(ctx, stationToday(ctx.db, ctx.clock), input.dueWithinDays, input.driverId),
  'training.record': (ctx, input) => recordTraining(ctx, input),
  'training.deleteRecord': (ctx, input) => deleteRecord(ctx, input.id),

  'incidents.list': (ctx, input) => listIncidents(ctx, input),
  'incidents.create': (ctx, input) => createIncident(ctx, input),
  'incidents.update': (ctx, input) => updateIncident(ctx, input),

  'standup.summary': (ctx, input) => standupSummary(ctx, input.date),
  'standup.pdf': (ctx, input) => standupPdf(standupSummary(ctx, input.date), getStation(ctx.db)?.name ?? 'Station'),
  'standup.topics': (ctx, input) => listTopics(ctx, input.includeArchived),
  'standup.upsertTopic': (ctx, input) => {
    const id = tx(ctx, (c) => {
      const values = { title: input.title, body: input.body, ...(input.archived === undefined ? {} : { archivedAt: input.archived ? c.clock.now().toISOString() : null }) };
      if (input.id) {
        const before = c.db.select().from(safetyTopics).where(eq(safetyTopics.id, input.id)).get();
        if (!before) throw notFound('Safety topic', input.id);
        c.db.update(safetyTopics).set(values).where(eq(safetyTopics.id, input.id)).run();
        const after = c.db.select().from(safetyTopics).where(eq(safetyTopics.id, input.id)).get()!;
        writeAudit(c.db, c.actor, c.clock.now(), { action: 'update', entity: 'safety_topic', entityId: input.id, ...diffFields(before, after) });
        return input.id;
      }
      const row = c.db.insert(safetyTopics).values(values).returning().get();
      writeAudit(c.db, c.actor, c.clock.now(), { action: 'create', entity: 'safety_topic', entityId: row.id, after: row });
      return row.id;
    });
    return listTopics(ctx, true, id)[0]!;
  },
  'standup.setTopic': (ctx, input) =>
    tx(ctx, (c) => {
      if (!c.db.select({ id: safetyTopics.id }).from(safetyTopics).where(eq(safetyTopics.id, input.topicId)).get()) throw notFound('Safety topic', input.topicId);
      const before = c.db.select().from(safetyTopicHistory).where(eq(safetyTopicHistory.date, input.date)).get();
      c.db.insert(safetyTopicHistory).values(input).onConflictDoUpdate({ target: safetyTopicHistory.date, set: { topicId: input.topicId } }).run();
      writeAudit(c.db, c.actor, c.clock.now(), { action: 'set_topic', entity: 'safety_topic_history', entityId: input.date, before: before ?? null, after: input });
      return input;
    }),
};

void getPlan;
