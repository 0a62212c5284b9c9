import { eq } from 'drizzle-orm';
import { safetyTopicHistory, safetyTopics } from '../../db/schema';
import type { ReadContext, WriteContext } from '../context';
import { stationToday } from '../station/station';
import { computeReadiness } from '../fleet/readiness';
import { addDays } from '../../../shared/station-time';
import type { StandupHuddle, StandupTeamScore, StandupMover, StandupSummary, StandupTopic, StandupYesterday } from '../../../shared/contract/scorecards';
import { attendanceOf } from './attendance';
import { AppError } from '../../../shared/errors';
import { tierRank } from '../../../shared/rules/scorecards/tiers';
import { addWeeks } from '../../../shared/rules/scorecards/weeks';
import type { Tier } from '../../../shared/domain';
import { atRiskList, latestWeek, weekSummaries } from './tiers-db';
import { listPlans } from './coaching';
import { trainingStatus } from './training';
import { stmt, topicRepeatDays } from './settings';
import { countRescues } from '../progress/rescues';

/** "Yesterday in numbers" from the routes the board recorded; null where a source has no data. */
export function yesterdayNumbers(ctx: ReadContext, date: string): StandupYesterday {
  const y = addDays(date, -1);
  const notes: string[] = [];
  const rs = stmt(ctx.db, `SELECT status, packages, launched_at AS launchedAt, returned_at AS returnedAt, planned_duration_min AS planned FROM routes WHERE date = ? AND status <> 'cancelled'`).all(y) as {
    status: string;
    packages: number | null;
    launchedAt: string | null;
    returnedAt: string | null;
    planned: number;
  }[];
  const out: StandupYesterday = { date: y, routesPlanned: null, routesRun: null, packages: null, returnsOnTime: null, returnsLate: null, returned: null, rescues: null, rescuesTrend: [], incidents: null, attendance: null, notes };
  if (rs.length === 0) {
    notes.push(`No routes recorded for ${y} yet`);
  } else {
    const run = rs.filter((r) => r.launchedAt || r.status === 'launched' || r.status === 'returned');
    out.routesPlanned = rs.length;
    out.routesRun = run.length;
    const withPk = run.filter((r) => r.packages != null);
    out.packages = withPk.length > 0 ? withPk.reduce((s, r) => s + (r.packages ?? 0), 0) : null;
    if (withPk.length === 0 && run.length > 0) notes.push('Package counts not in the route sheet');
    const timed = run.filter((r) => r.launchedAt && r.returnedAt);
    if (timed.length > 0) {
      out.returned = timed.length;
      out.returnsOnTime = timed.filter((r) => Date.parse(r.returnedAt!) <= Date.parse(r.launchedAt!) + r.planned * 60_000).length;
      out.returnsLate = timed.length - out.returnsOnTime;
    } else if (run.length > 0) notes.push('No return-to-station times recorded yet');
  }
  out.rescues = countRescues(ctx.db, y);
  out.rescuesTrend = Array.from({ length: 7 }, (_, i) => addDays(y, i - 6)).map((d) => ({ date: d, rescues: countRescues(ctx.db, d) }));
  if (out.rescues === null) notes.push('Rescues are not recorded yet');
  out.incidents = (stmt(ctx.db, 'SELECT COUNT(*) AS n FROM incidents WHERE date = ?').get(y) as { n: number }).n;
  out.attendance = attendanceOf(ctx.db, y);
  if (!out.attendance) notes.push(`No schedule or check-ins recorded for ${y}`);
  return out;
}

/**
 * The safety topic for `date`: the recorded one, else the library topic shown longest ago (never
 * shown first) that was not shown within N days — computed, not recorded (`recordTopic` does that).
 */
export function topicOfDay(ctx: ReadContext, date: string): StandupTopic | null {
  const recorded = ctx.db
    .select({ id: safetyTopics.id, title: safetyTopics.title, body: safetyTopics.body })
    .from(safetyTopicHistory)
    .innerJoin(safetyTopics, eq(safetyTopics.id, safetyTopicHistory.topicId))
    .where(eq(safetyTopicHistory.date, date))
    .get();
  if (recorded) return { ...recorded, recorded: true };
  const pick = pickTopic(ctx, date);
  return pick ? { ...pick, recorded: false } : null;
}

/**
 * `standup.recordTopic`: record today's topic as the stand-up shows it (the computed pick), so the
 * history is true and tomorrow picks another. Only today's: another day's topic is chosen with
 * `standup.setTopic`. Already recorded (or no topics at all): nothing changes.
 */
export function recordTopic(w: WriteContext, dateIn?: string): StandupTopic | null {
  const today = stationToday(w.db, w.clock);
  const date = dateIn ?? today;
  if (date !== today) {
    throw new AppError('VALIDATION', `Only today's topic (${today}) is recorded as shown; choose another day's topic with standup.setTopic`, {
      issues: [{ path: 'date', message: `must be today (${today})` }],
    });
  }
  const topic = topicOfDay(w, date);
  if (!topic || topic.recorded) return topic;
  w.db.insert(safetyTopicHistory).values({ date, topicId: topic.id }).run();
  w.audit({ action: 'record_topic', entity: 'safety_topic_history', entityId: date, after: { date, topicId: topic.id } });
  return { ...topic, recorded: true };
}

export function pickTopic(ctx: ReadContext, date: string): { id: number; title: string; body: string } | null {
  const n = topicRepeatDays(ctx.db);
  const rows = ctx.db.$client
    .prepare(
      `SELECT t.id, t.title, t.body, (SELECT MAX(h.date) FROM safety_topic_history h WHERE h.topic_id = t.id AND h.date < ?) AS last
         FROM safety_topics t WHERE t.archived_at IS NULL ORDER BY last IS NOT NULL, last, t.id`,
    )
    .all(date) as { id: number; title: string; body: string; last: string | null }[];
  if (rows.length === 0) return null;
  const fresh = rows.find((r) => !r.last || r.last < addDays(date, -n));
  const r = fresh ?? rows[0]!;
  return { id: r.id, title: r.title, body: r.body };
}

export function standupSummary(ctx: ReadContext, dateIn?: string): StandupSummary {
  const today = stationToday(ctx.db, ctx.clock);
  const date = dateIn ?? today;
  const yesterday = yesterdayNumbers(ctx, date);

  let scorecard: StandupSummary['scorecard'] = null;
  const week = latestWeek(ctx.db);
  let atRisk: StandupSummary['atRisk'] = [];
  if (week) {
    const prevWeek = addWeeks(week, -1);
    const [cur, prev] = [weekSummaries(ctx.db, 1, week)[0]!, weekSummaries(ctx.db, 1, prevWeek)[0]];
    const rows = stmt(ctx.db, `SELECT r.week, r.driver_id AS driverId, COALESCE(d.name, r.name) AS name, r.tier FROM scorecard_rows r LEFT JOIN drivers d ON d.id = r.driver_id WHERE r.week IN (?, ?)`).all(week, prevWeek) as {
      week: string;
      driverId: number | null;
      name: string;
      tier: Tier | null;
    }[];
    const names = new Map(rows.filter((r) => r.driverId).map((r) => [r.driverId!, r.name]));
    const prevTier = new Map<number, Tier | null>();
    for (const r of rows) if (r.week === prevWeek && r.driverId) prevTier.set(r.driverId, r.tier);
    const movers: (StandupMover & { delta: number })[] = [];
    const fplus: number[] = [];
    for (const r of rows) {
      if (r.week !== week) continue;
      const name = (r.driverId && names.get(r.driverId)) || r.name;
      if (r.tier === 'Fantastic+') fplus.push(r.driverId ?? -1);
      if (!r.driverId || !r.tier) continue;
      const from = prevTier.get(r.driverId);
      if (!from) continue;
      const delta = tierRank(r.tier) - tierRank(from);
      if (delta !== 0) movers.push({ driverId: r.driverId, name, from, to: r.tier, delta });
    }
    // Fantastic+ streaks over the last 13 weeks.
    const streakRows = stmt(ctx.db, `SELECT week, driver_id AS driverId FROM scorecard_rows WHERE week >= ? AND week <= ? AND driver_id IS NOT NULL AND tier = 'Fantastic+'`).all(addWeeks(week, -12), week) as {
      week: string;
      driverId: number;
    }[];
    const fpWeeks = new Map<number, Set<string>>();
    for (const r of streakRows) fpWeeks.set(r.driverId!, (fpWeeks.get(r.driverId!) ?? new Set()).add(r.week));
    const streak = (id: number) => {
      const s = fpWeeks.get(id);
      let n = 0;
      for (let w = week; s?.has(w); w = addWeeks(w, -1)) n++;
      return n;
    };
    const recognitions = rows
      .filter((r) => r.week === week && r.tier === 'Fantastic+')
      .map((r) => ({ driverId: r.driverId, name: (r.driverId && names.get(r.driverId)) || r.name, weeksFantasticPlus: r.driverId ? streak(r.driverId) : 1 }))
      .sort((a, b) => b.weeksFantasticPlus - a.weeksFantasticPlus || a.name.localeCompare(b.name));
    const strip = ({ delta: _d, ...m }: StandupMover & { delta: number }) => m;
    scorecard = {
      week,
      companyScore: cur.companyScore,
      companyTier: cur.companyTier,
      previousCompanyScore: prev?.companyScore ?? null,
      tiers: cur.tiers,
      previousTiers: prev?.tiers ?? null,
      drivers: cur.drivers,
      moversUp: movers.filter((m) => m.delta > 0).sort((a, b) => b.delta - a.delta || a.name.localeCompare(b.name)).slice(0, 5).map(strip),
      moversDown: movers.filter((m) => m.delta < 0).sort((a, b) => a.delta - b.delta || a.name.localeCompare(b.name)).slice(0, 5).map(strip),
      recognitions,
    };
    atRisk = atRiskList(ctx.db, week);
  }

  const topic = topicOfDay(ctx, date);
  const topicHistory = stmt(ctx.db, `SELECT h.date, t.title FROM safety_topic_history h JOIN safety_topics t ON t.id = h.topic_id WHERE h.date <= ? AND h.date >= ? ORDER BY h.date DESC LIMIT 10`).all(date, addDays(date, -30)) as { date: string; title: string }[];

  const duePlanIds = (stmt(ctx.db, `SELECT id FROM coaching_plans WHERE status IN ('accepted', 'acknowledged', 'escalated') AND due_date <= ?`).all(date) as { id: number }[]).map((p) => p.id);
  const plansDueToday = duePlanIds.length > 0 ? listPlans(ctx, { ids: duePlanIds, today }) : [];

  const training = trainingStatus(ctx, date, 7);
  const readiness = computeReadiness(ctx, date);
  const vanNames = new Map((stmt(ctx.db, 'SELECT id, name FROM vans WHERE archived_at IS NULL').all() as { id: number; name: string }[]).map((v) => [v.id, v.name]));
  const groundedVans = [...readiness.values()]
    .filter((r) => r.status !== 'ready' && r.status !== 'attention')
    .map((r) => ({ vanId: r.vanId, name: vanNames.get(r.vanId) ?? `#${r.vanId}`, status: r.status, reason: r.reasons.map((x) => x.message).join('; ') }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));

  return {
    date,
    yesterday,
    scorecard,
    atRisk,
    topic,
    topicHistory,
    plansDueToday,
    trainingDueThisWeek: training.filter((t) => t.state === 'due'),
    trainingExpired: training.filter((t) => t.mandatory && (t.state === 'expired' || t.state === 'missing')),
    groundedVans,
  };
}


/** Only the team's figures of a scorecard (nothing about one driver). */
const teamScore = ({ week, companyScore, companyTier, previousCompanyScore, tiers, previousTiers, drivers }: StandupTeamScore): StandupTeamScore => ({
  week,
  companyScore,
  companyTier,
  previousCompanyScore,
  tiers,
  previousTiers,
  drivers,
});

/**
 * The stand-up in front of the drivers: the summary's team figures, topic and recognitions, with
 * everything about one driver's risk left out — the at-risk list, moves down, coaching plans, expired
 * training by name. A driver on the at-risk list is not named at all (not even as a recognition), so
 * the room cannot read the list off what is missing or shown.
 */
export function standupHuddle(ctx: ReadContext, dateIn?: string): StandupHuddle {
  const s = standupSummary(ctx, dateIn);
  const atRisk = new Set(s.atRisk.map((a) => a.driverId));
  const named = (driverId: number | null) => driverId === null || !atRisk.has(driverId);
  const sc = s.scorecard;
  return {
    date: s.date,
    yesterday: s.yesterday,
    topic: s.topic,
    scorecard: sc && {
      ...teamScore(sc),
      recognitions: sc.recognitions.filter((r) => named(r.driverId)).map((r) => ({ name: r.name, weeksFantasticPlus: r.weeksFantasticPlus })),
      movedUp: sc.moversUp.filter((m) => named(m.driverId)).map((m) => ({ name: m.name, from: m.from, to: m.to })),
    },
    trainingDue: new Set(s.trainingDueThisWeek.map((t) => t.driverId)).size,
    groundedVans: s.groundedVans,
  };
}
