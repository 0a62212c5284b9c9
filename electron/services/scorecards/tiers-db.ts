import { and, desc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { drivers, scorecardRows, scorecardWeeks, trainingCourses } from '../../db/schema';
import type { ReadDb, WriteDb } from '../context';
import type { Tier } from '../../../shared/domain';
import { TIERS } from '../../../shared/domain';
import {
  METRIC_KEYS,
  effectiveMetricTiers,
  mergeThresholds,
  rankAtRisk,
  type AmazonMetrics,
  type AtRiskEntry,
  type DriverWeek,
  type MetricValues,
  type TierBounds,
} from '../../../shared/rules/scorecards/tiers';
import { addWeeks } from '../../../shared/rules/scorecards/weeks';
import { stationThresholds, stmt } from './settings';
import type { ScorecardRow, ScorecardWeekSummary, TierCounts } from '../../../shared/contract/scorecards';

type RowRecord = typeof scorecardRows.$inferSelect;

export const emptyTierCounts = (): TierCounts => Object.fromEntries(TIERS.map((t) => [t, 0])) as TierCounts;

export function rowValues(r: RowRecord): MetricValues {
  const v: MetricValues = {};
  for (const k of METRIC_KEYS) v[k] = r[k] ?? null;
  return v;
}

/** Thresholds in effect for a week: defaults ← station settings ← the week's own. */
export function weekThresholds(db: ReadDb, week: string | null): Record<string, TierBounds> {
  const w = week ? db.select({ t: scorecardWeeks.thresholds }).from(scorecardWeeks).where(eq(scorecardWeeks.week, week)).get() : undefined;
  return mergeThresholds(stationThresholds(db), w?.t ?? null);
}

export function toScorecardRow(r: RowRecord, thresholds: Record<string, TierBounds>): ScorecardRow {
  const values = rowValues(r);
  const { tiers, source } = effectiveMetricTiers(values, r.amazon, thresholds);
  return {
    id: r.id,
    week: r.week,
    driverId: r.driverId,
    row: r.row,
    transporterId: r.transporterId,
    name: r.name,
    fileTier: r.fileTier,
    tier: r.tier,
    keyFocusArea: r.keyFocusArea,
    values,
    metricTiers: tiers,
    tierSource: source,
    overallScore: r.overallScore,
    performer: r.performer,
    amazon: r.amazon ?? {},
  };
}

export function weekSummaries(db: ReadDb, limit = 60, onlyWeek?: string): ScorecardWeekSummary[] {
  const weeks = db
    .select()
    .from(scorecardWeeks)
    .where(onlyWeek ? eq(scorecardWeeks.week, onlyWeek) : undefined)
    .orderBy(desc(scorecardWeeks.week))
    .limit(limit)
    .all();
  if (weeks.length === 0) return [];
  const counts = db.$client
    .prepare(
      `SELECT week, tier, COUNT(*) AS n FROM scorecard_rows WHERE week IN (${weeks.map(() => '?').join(',')}) GROUP BY week, tier`,
    )
    .all(...weeks.map((w) => w.week)) as { week: string; tier: Tier | null; n: number }[];
  const byWeek = new Map<string, { tiers: TierCounts; drivers: number }>();
  for (const w of weeks) byWeek.set(w.week, { tiers: emptyTierCounts(), drivers: 0 });
  for (const c of counts) {
    const e = byWeek.get(c.week)!;
    e.drivers += c.n;
    if (c.tier) e.tiers[c.tier] += c.n;
  }
  return weeks.map((w) => ({
    week: w.week,
    startDate: w.startDate,
    endDate: w.endDate,
    companyScore: w.companyScore,
    companyTier: w.companyTier,
    drivers: byWeek.get(w.week)!.drivers,
    tiers: byWeek.get(w.week)!.tiers,
    fileName: w.fileName,
    importedAt: w.importedAt,
    source: w.source,
    station: w.station,
  }));
}

/** The newest week that has driver rows (optionally at or before `week`). */
export function latestWeek(db: ReadDb, atOrBefore?: string): string | null {
  const r = db
    .select({ week: scorecardWeeks.week })
    .from(scorecardWeeks)
    .where(atOrBefore ? lte(scorecardWeeks.week, atOrBefore) : undefined)
    .orderBy(desc(scorecardWeeks.week))
    .limit(1)
    .get();
  return r?.week ?? null;
}

/** Each driver's tier on the latest imported scorecard (for the board's driver chips). */
export function latestTierByDriver(db: ReadDb): Map<number, Tier> {
  const out = new Map<number, Tier>();
  const week = latestWeek(db);
  if (!week) return out;
  const rows = db
    .select({ driverId: scorecardRows.driverId, tier: scorecardRows.tier })
    .from(scorecardRows)
    .where(and(eq(scorecardRows.week, week), isNotNull(scorecardRows.driverId), isNotNull(scorecardRows.tier)))
    .all();
  for (const r of rows) out.set(r.driverId!, r.tier!);
  return out;
}

/**
 * Drivers whose latest record of a mandatory course has expired on `date` (or who never took a
 * mandatory course with a validity): driverId → course names. Feeds the board's TRAINING_EXPIRED warning.
 */
export function expiredMandatoryTraining(db: ReadDb, date: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const courses = db
    .select()
    .from(trainingCourses)
    .where(and(eq(trainingCourses.mandatory, true), isNull(trainingCourses.archivedAt)))
    .all();
  if (courses.length === 0) return out;
  const latest = db.$client
    .prepare(
      `SELECT driver_id AS driverId, course_id AS courseId, MAX(completed_on) AS completedOn,
              (SELECT expires_on FROM training_records r2 WHERE r2.driver_id = r.driver_id AND r2.course_id = r.course_id ORDER BY completed_on DESC, id DESC LIMIT 1) AS expiresOn
         FROM training_records r WHERE course_id IN (${courses.map(() => '?').join(',')}) GROUP BY driver_id, course_id`,
    )
    .all(...courses.map((c) => c.id)) as { driverId: number; courseId: number; completedOn: string; expiresOn: string | null }[];
  const key = (d: number, c: number) => `${d}:${c}`;
  const have = new Map(latest.map((l) => [key(l.driverId, l.courseId), l]));
  const active = db
    .select({ id: drivers.id })
    .from(drivers)
    .where(and(eq(drivers.status, 'active'), isNull(drivers.archivedAt)))
    .all();
  for (const d of active) {
    for (const c of courses) {
      const rec = have.get(key(d.id, c.id));
      const expired = rec ? rec.expiresOn != null && rec.expiresOn < date : true;
      if (expired) {
        const list = out.get(d.id) ?? [];
        list.push(rec ? `${c.name} (expired ${rec.expiresOn})` : `${c.name} (never completed)`);
        out.set(d.id, list);
      }
    }
  }
  return out;
}

/** Driver weeks newest first for the at-risk rules (latest week and the one before). */
export function atRiskList(db: ReadDb, week?: string): AtRiskEntry[] {
  const latest = week ?? latestWeek(db);
  if (!latest) return [];
  const prev = addWeeks(latest, -1);
  // Raw SQL: only the columns the rules read (this runs on every stand-up).
  const rows = stmt(
    db,
    `SELECT r.week, r.driver_id AS driverId, r.tier, COALESCE(d.name, r.name) AS name, COALESCE(d.transporter_id, r.transporter_id) AS tid,
              r.fico, r.seatbelt, r.speeding, r.distractions, r.following_distance AS followingDistance, r.sign_signal AS signSignal
         FROM scorecard_rows r LEFT JOIN drivers d ON d.id = r.driver_id
        WHERE r.week IN (?, ?) AND r.driver_id IS NOT NULL ORDER BY r.week DESC`,
  ).all(latest, prev) as ({ week: string; driverId: number; tier: Tier | null; name: string; tid: string } & Record<string, number | null>)[];
  const byDriver = new Map<number, { name: string; transporterId: string; weeks: DriverWeek[] }>();
  for (const r of rows) {
    const e = byDriver.get(r.driverId) ?? { name: r.name, transporterId: r.tid, weeks: [] };
    e.weeks.push({ week: r.week, tier: r.tier, values: { fico: r.fico, seatbelt: r.seatbelt, speeding: r.speeding, distractions: r.distractions, followingDistance: r.followingDistance, signSignal: r.signSignal } });
    byDriver.set(r.driverId, e);
  }
  return rankAtRisk(
    [...byDriver.entries()].filter(([, e]) => e.weeks[0]?.week === latest).map(([driverId, e]) => ({ driverId, ...e })),
    (_latest, other) => other === prev,
  );
}

/** Recompute stored overall tiers of one week after its thresholds changed. */
export function recomputeWeekTiers(db: WriteDb, week: string, overall: (fileTier: Tier | null, v: MetricValues, t: Record<string, TierBounds>, amazon: AmazonMetrics | null) => Tier | null): void {
  const t = weekThresholds(db, week);
  for (const r of db.select().from(scorecardRows).where(eq(scorecardRows.week, week)).all()) {
    const tier = overall(r.fileTier, rowValues(r), t, r.amazon);
    if (tier !== r.tier) db.update(scorecardRows).set({ tier }).where(eq(scorecardRows.id, r.id)).run();
  }
}

