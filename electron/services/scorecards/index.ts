import { eq } from 'drizzle-orm';
import { safetyTopicHistory, safetyTopics, scorecardWeeks } from '../../db/schema';
import type { HandlersFor, ReadContext, WriteContext } from '../context';
import { diffFields } from '../write';
import { getStation, stationToday } from '../station/station';
import { notFound } from '../../../shared/errors';
import type { scorecardChannels, SafetyTopic } from '../../../shared/contract/scorecards';
import { DEFAULT_THRESHOLDS, mergeThresholds, overallTier } from '../../../shared/rules/scorecards/tiers';
import { weekRange } from '../../../shared/rules/scorecards/weeks';
import { importScorecard } from './import';
import { atRiskList, latestWeek, recomputeWeekTiers, toScorecardRow, weekSummaries, weekThresholds } from './tiers-db';
import { keyMetrics, setSetting, stationThresholds } from './settings';
import { changePlan, createPlan, listPlans, reviewPlans, suggestForIncident, suggestForWeek } from './coaching';
import { listCourses, listRecords, recordTraining, deleteRecord, trainingStatus, upsertCourse } from './training';
import { createIncident, listIncidents, updateIncident } from './incidents';
import { recordTopic, standupHuddle, standupSummary } from './standup';
import { driverPage } from './driver';
import { atRiskCsv, standupPdf } from './export';
import { incidents as incidentsTable, scorecardRows } from '../../db/schema';
import { and, isNull, isNotNull } from 'drizzle-orm';

function ensureWeek(ctx: WriteContext, week: string) {
  const existing = ctx.db.select().from(scorecardWeeks).where(eq(scorecardWeeks.week, week)).get();
  if (existing) return existing;
  const r = weekRange(week)!;
  return ctx.db.insert(scorecardWeeks).values({ week, startDate: r.start, endDate: r.end }).returning().get();
}

function listTopics(ctx: ReadContext, includeArchived?: boolean, id?: number): SafetyTopic[] {
  const rows = ctx.db.$client
    .prepare(
      `SELECT t.id, t.title, t.body, t.archived_at AS archivedAt, (SELECT MAX(date) FROM safety_topic_history h WHERE h.topic_id = t.id) AS lastShown
         FROM safety_topics t WHERE 1=1 ${includeArchived ? '' : 'AND t.archived_at IS NULL'} ${id ? 'AND t.id = ?' : ''} ORDER BY t.title`,
    )
    .all(...(id ? [id] : [])) as SafetyTopic[];
  return rows;
}

function thresholdsOf(ctx: ReadContext, week: string | undefined) {
  return {
    week: week ?? null,
    thresholds: week ? weekThresholds(ctx.db, week) : mergeThresholds(stationThresholds(ctx.db)),
    defaults: { ...DEFAULT_THRESHOLDS },
    keyMetrics: keyMetrics(ctx.db),
  };
}

export const scorecardHandlers: HandlersFor<typeof scorecardChannels> = {
  'scorecards.import': importScorecard,
  'scorecards.weeks': (ctx, input) => weekSummaries(ctx.db, input.limit),
  'scorecards.week': (ctx, input) => {
    const week = weekSummaries(ctx.db, 1, input.week)[0];
    if (!week) throw notFound('Scorecard week', input.week);
    const t = weekThresholds(ctx.db, input.week);
    const rows = ctx.db.select().from(scorecardRows).where(eq(scorecardRows.week, input.week)).orderBy(scorecardRows.row).all();
    return { week, rows: rows.map((r) => toScorecardRow(r, t)) };
  },
  'scorecards.setCompany': (w, input) => {
    const before = ensureWeek(w, input.week);
    w.db.update(scorecardWeeks).set({ companyScore: input.companyScore, companyTier: input.companyTier, updatedAt: w.clock.now().toISOString() }).where(eq(scorecardWeeks.week, input.week)).run();
    w.audit({
      action: 'update',
      entity: 'scorecard_week',
      entityId: input.week,
      before: { companyScore: before.companyScore, companyTier: before.companyTier },
      after: { companyScore: input.companyScore, companyTier: input.companyTier },
    });
    return weekSummaries(w.db, 1, input.week)[0]!;
  },
  'scorecards.thresholds': (ctx, input) => thresholdsOf(ctx, input.week),
  'scorecards.setThresholds': (w, input) => {
    const at = w.clock.now().toISOString();
    if (input.week) {
      const before = ensureWeek(w, input.week);
      const next = { ...(before.thresholds ?? {}), ...input.thresholds };
      w.db.update(scorecardWeeks).set({ thresholds: next }).where(eq(scorecardWeeks.week, input.week)).run();
      w.audit({ action: 'thresholds', entity: 'scorecard_week', entityId: input.week, before: before.thresholds, after: next });
    } else {
      const before = stationThresholds(w.db);
      const next = { ...before, ...input.thresholds };
      setSetting(w.db, 'scorecards.thresholds', next, at);
      w.audit({ action: 'thresholds', entity: 'settings', entityId: 'scorecards.thresholds', before, after: next });
    }
    if (input.keyMetrics) {
      const before = keyMetrics(w.db);
      setSetting(w.db, 'scorecards.keyMetrics', input.keyMetrics, at);
      w.audit({ action: 'update', entity: 'settings', entityId: 'scorecards.keyMetrics', before, after: input.keyMetrics });
    }
    const km = keyMetrics(w.db);
    const weeks = input.week && !input.keyMetrics ? [input.week] : w.db.select({ w: scorecardWeeks.week }).from(scorecardWeeks).all().map((x) => x.w);
    for (const week of weeks) recomputeWeekTiers(w.db, week, (ft, v, t, amazon) => overallTier(ft, v, t, km, amazon));
    return thresholdsOf(w, input.week ?? undefined);
  },
  'scorecards.atRisk': (ctx, input) => atRiskList(ctx.db, input.week),
  'scorecards.atRiskCsv': (ctx, input) => {
    const week = input.week ?? latestWeek(ctx.db);
    return atRiskCsv(week ? atRiskList(ctx.db, week) : [], week);
  },
  'scorecards.driver': (ctx, input) => driverPage(ctx, input.driverId, input.weeks),

  'coaching.list': (ctx, input) => listPlans(ctx, input),
  'coaching.create': createPlan,
  'coaching.update': (w, input) => {
    const { id, ...patch } = input;
    return changePlan(w, id, 'update', ['suggested', 'accepted', 'acknowledged', 'escalated', 'closed'], patch);
  },
  'coaching.suggest': (w, input) => {
    const week = input.week ?? latestWeek(w.db);
    let created = week ? suggestForWeek(w, week) : 0;
    const orphans = w.db.select().from(incidentsTable).where(and(isNull(incidentsTable.planId), isNotNull(incidentsTable.driverId))).all();
    for (const i of orphans) if (suggestForIncident(w, i)) created++;
    return { created, escalated: reviewPlans(w) };
  },
  'coaching.accept': (w, input) => {
    const { id, ...patch } = input;
    return changePlan(w, id, 'accept', ['suggested'], { ...patch, status: 'accepted' });
  },
  'coaching.dismiss': (w, input) => changePlan(w, input.id, 'dismiss', ['suggested', 'accepted'], { status: 'dismissed' }, input.reason || undefined),
  'coaching.acknowledge': (w, input) =>
    changePlan(w, input.id, 'acknowledge', ['accepted', 'escalated'], {
      status: 'acknowledged',
      acknowledgedAt: input.at ?? stationToday(w.db, w.clock),
      acknowledgement: input.acknowledgement,
    }),
  'coaching.close': (w, input) =>
    changePlan(w, input.id, 'close', ['accepted', 'acknowledged', 'escalated'], { status: 'closed', closedAt: w.clock.now().toISOString(), followUpResult: input.followUpResult }),
  'coaching.review': (w) => ({ escalated: reviewPlans(w) }),

  'training.courses': (ctx, input) => listCourses(ctx, input.includeArchived),
  'training.upsertCourse': upsertCourse,
  'training.list': (ctx, input) => listRecords(ctx, input.driverId),
  'training.status': (ctx, input) => trainingStatus(ctx, stationToday(ctx.db, ctx.clock), input.dueWithinDays, input.driverId),
  'training.record': recordTraining,
  'training.deleteRecord': (w, input) => deleteRecord(w, input.id),

  'incidents.list': (ctx, input) => listIncidents(ctx, input),
  'incidents.create': createIncident,
  'incidents.update': updateIncident,

  'standup.summary': (ctx, input) => standupSummary(ctx, input.date),
  'standup.huddle': (ctx, input) => standupHuddle(ctx, input.date),
  'standup.pdf': (ctx, input) => standupPdf(standupSummary(ctx, input.date), getStation(ctx.db)?.name ?? 'Station'),
  'standup.topics': (ctx, input) => listTopics(ctx, input.includeArchived),
  'standup.upsertTopic': (w, input) => {
    const values = { title: input.title, body: input.body, ...(input.archived === undefined ? {} : { archivedAt: input.archived ? w.clock.now().toISOString() : null }) };
    let id = input.id;
    if (id) {
      const before = w.db.select().from(safetyTopics).where(eq(safetyTopics.id, id)).get();
      if (!before) throw notFound('Safety topic', id);
      w.db.update(safetyTopics).set(values).where(eq(safetyTopics.id, id)).run();
      const after = w.db.select().from(safetyTopics).where(eq(safetyTopics.id, id)).get()!;
      w.audit({ action: 'update', entity: 'safety_topic', entityId: id, ...diffFields(before, after) });
    } else {
      const row = w.db.insert(safetyTopics).values(values).returning().get();
      w.audit({ action: 'create', entity: 'safety_topic', entityId: row.id, after: row });
      id = row.id;
    }
    return listTopics(w, true, id)[0]!;
  },
  'standup.setTopic': (w, input) => {
    if (!w.db.select({ id: safetyTopics.id }).from(safetyTopics).where(eq(safetyTopics.id, input.topicId)).get()) throw notFound('Safety topic', input.topicId);
    const before = w.db.select().from(safetyTopicHistory).where(eq(safetyTopicHistory.date, input.date)).get();
    w.db.insert(safetyTopicHistory).values(input).onConflictDoUpdate({ target: safetyTopicHistory.date, set: { topicId: input.topicId } }).run();
    w.audit({ action: 'set_topic', entity: 'safety_topic_history', entityId: input.date, before: before ?? null, after: input });
    return input;
  },
  'standup.recordTopic': (w, input) => recordTopic(w, input.date),
};
