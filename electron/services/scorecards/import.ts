import { eq, inArray } from 'drizzle-orm';
import { drivers, scorecardRows, scorecardWeeks } from '../../db/schema';
import { twoStage, type WriteContext } from '../context';
import type { ScorecardImportResult, ScorecardImportWeek, ScorecardPreviewRow, scorecardChannels } from '../../../shared/contract/scorecards';
import type { Tier } from '../../../shared/domain';
import { METRIC_KEYS, overallTier, type MetricKey, type StationScorecard } from '../../../shared/rules/scorecards/tiers';
import { weekRange } from '../../../shared/rules/scorecards/weeks';
import { emptyTierCounts, weekThresholds } from './tiers-db';
import { keyMetrics } from './settings';
import { reviewPlans, suggestForWeek } from './coaching';
import { readScorecardFile, type ParsedScorecardRow, type ReadScorecard, type ScorecardFileInput } from './read';

/**
 * The scorecard import in the write path's two stages:
 * - `prepare` (async, outside the transaction): read and check the file (CSV/XLSX/PDF through the
 *   one table reader), every row error in one pass;
 * - `apply` (synchronous, inside the call's transaction): match rows to the roster, work
 *   out tiers, and — unless a dry run or anything is wrong — replace every week the file holds
 *   (six for the trailing dashboard), suggest coaching plans for the newest week.
 * All or nothing: one error anywhere and nothing is written.
 */
export interface ScorecardImportInput extends ScorecardFileInput {
  dryRun: boolean;
  companyScore?: number | null;
  companyTier?: Tier | null;
}

export type PreparedScorecard = ReadScorecard;

interface PlannedRow extends ScorecardPreviewRow {
  week: string;
}

const normName = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

function emptyResult(input: ScorecardImportInput, read: PreparedScorecard): ScorecardImportResult {
  const page = read.stationPage;
  return {
    ok: false,
    dryRun: input.dryRun,
    week: read.week ?? input.week ?? '',
    drivers: 0,
    unknownDrivers: [],
    errors: [...read.errors],
    tiers: emptyTierCounts(),
    replaces: false,
    rows: [],
    suggestedPlans: 0,
    weeks: [],
    weekFrom: read.weekFrom,
    source: read.source,
    read: read.read,
    station: page ? { ...page.station, overall: page.overall, unknown: page.unknown } : null,
  };
}

/** Roster matching and tiers (reads only): what the import would write, as the preview shows it. */
function planImport(ctx: WriteContext, input: ScorecardImportInput, read: PreparedScorecard): { result: ScorecardImportResult; rows: PlannedRow[] } {
  const result = emptyResult(input, read);
  if (read.stationOnly && read.week !== null) {
    const replaces = !!ctx.db.select({ w: scorecardWeeks.week }).from(scorecardWeeks).where(eq(scorecardWeeks.week, read.week)).get();
    result.weeks = [{ week: read.week, drivers: 0, tiers: emptyTierCounts(), replaces }];
    result.week = read.week;
    result.ok = result.errors.length === 0;
    return { result, rows: [] };
  }
  if (read.week === null || read.rows.length === 0) return { result, rows: [] };
  const roster = ctx.db.select({ id: drivers.id, tid: drivers.transporterId, name: drivers.name }).from(drivers).all();
  const byTid = new Map(roster.map((d) => [d.tid.toUpperCase(), d.id]));
  const byName = new Map<string, number[]>();
  for (const d of roster) byName.set(normName(d.name), [...(byName.get(normName(d.name)) ?? []), d.id]);
  const keys = keyMetrics(ctx.db);
  const weeks = [...new Set(read.rows.map((r) => r.week))].sort();
  const thresholds = new Map(weeks.map((w) => [w, weekThresholds(ctx.db, w)]));
  const existing = new Set(ctx.db.select({ w: scorecardWeeks.week }).from(scorecardWeeks).where(inArray(scorecardWeeks.week, weeks)).all().map((w) => w.w));
  const seenDriver = new Map<string, number>();
  const unknown = new Map<string, ScorecardImportResult['unknownDrivers'][number]>();
  const rows: PlannedRow[] = [];
  for (const r of read.rows) {
    let driverId: number | null = null;
    if (r.transporterId && byTid.has(r.transporterId)) driverId = byTid.get(r.transporterId)!;
    else if (r.name) {
      const ids = byName.get(normName(r.name)) ?? [];
      if (ids.length === 1) driverId = ids[0]!;
    }
    if (driverId !== null) {
      const key = `${r.week} ${driverId}`;
      const first = seenDriver.get(key);
      if (first !== undefined && !r.transporterId) result.errors.push({ row: r.row, column: 'Name', message: `driver "${r.name}" already appears in row ${first}` });
      else seenDriver.set(key, r.row);
    } else {
      const key = r.transporterId || normName(r.name);
      if (!unknown.has(key)) unknown.set(key, { row: r.row, transporterId: r.transporterId, name: r.name });
    }
    const tier = overallTier(r.fileTier, r.values, thresholds.get(r.week)!, keys, r.amazon);
    rows.push(preview(r, driverId, tier));
  }
  result.errors.sort((a, b) => a.row - b.row);
  result.unknownDrivers = [...unknown.values()];
  result.weeks = weeks.map((w): ScorecardImportWeek => {
    const of = rows.filter((r) => r.week === w);
    const tiers = emptyTierCounts();
    for (const r of of) if (r.tier) tiers[r.tier]++;
    return { week: w, drivers: of.length, tiers, replaces: existing.has(w) };
  });
  const newest = result.weeks.find((w) => w.week === read.week) ?? result.weeks.at(-1)!;
  result.week = newest.week;
  result.tiers = newest.tiers;
  result.drivers = rows.length;
  result.replaces = result.weeks.some((w) => w.replaces);
  result.rows = rows;
  result.ok = result.errors.length === 0;
  return { result, rows };
}

function preview(r: ParsedScorecardRow, driverId: number | null, tier: Tier | null): PlannedRow {
  return {
    row: r.row,
    week: r.week,
    transporterId: r.transporterId,
    name: r.name,
    driverId,
    fileTier: r.fileTier,
    tier,
    keyFocusArea: r.keyFocusArea,
    values: r.values,
    overallScore: r.overallScore,
    performer: r.performer,
    amazon: r.amazon,
  };
}

/** Synchronous: plan, and write unless a dry run or the plan has errors. Call inside one transaction. */
export function applyScorecardImport(ctx: WriteContext, input: ScorecardImportInput, read: PreparedScorecard): ScorecardImportResult {
  const { result, rows } = planImport(ctx, input, read);
  if (!result.ok || input.dryRun) return result;
  if (read.stationOnly) return applyStationPage(ctx, input, read, result);
  const db = ctx.db;
  const now = ctx.clock.now();
  const page = read.stationPage;
  const insert = db.$client.prepare(
    `INSERT INTO scorecard_rows (week, driver_id, row, transporter_id, name, file_tier, tier, key_focus_area, overall_score, performer, amazon, ${METRIC_KEYS.map(snake).join(', ')})
     VALUES (${Array(11 + METRIC_KEYS.length).fill('?').join(', ')})`,
  );
  const before: { week: string; fileName: string | null; importedAt: string | null; rows: number }[] = [];
  for (const w of result.weeks) {
    const old = db.select().from(scorecardWeeks).where(eq(scorecardWeeks.week, w.week)).get();
    const range = weekRange(w.week)!;
    // Page 1 of the PDF is the station's week: its overall standing unless one is given.
    const isFileWeek = w.week === result.week;
    const pageOverall = isFileWeek ? page?.overall : undefined;
    const station: StationScorecard | null = isFileWeek && page ? page.station : (old?.station ?? null);
    const values = {
      week: w.week,
      startDate: range.start,
      endDate: range.end,
      companyScore: input.companyScore !== undefined ? input.companyScore : (pageOverall?.score ?? old?.companyScore ?? null),
      companyTier: input.companyTier !== undefined ? input.companyTier : (pageOverall?.tier ?? old?.companyTier ?? null),
      thresholds: old?.thresholds ?? null,
      fileName: input.fileName,
      source: result.source?.id ?? null,
      station,
      importedAt: now.toISOString(),
      importedBy: ctx.actor.name,
      updatedAt: now.toISOString(),
    };
    if (old) {
      const n = db.$client.prepare('SELECT COUNT(*) AS n FROM scorecard_rows WHERE week = ?').get(w.week) as { n: number };
      before.push({ week: w.week, fileName: old.fileName, importedAt: old.importedAt, rows: n.n });
      db.delete(scorecardRows).where(eq(scorecardRows.week, w.week)).run();
      db.update(scorecardWeeks).set(values).where(eq(scorecardWeeks.week, w.week)).run();
    } else {
      db.insert(scorecardWeeks).values(values).run();
    }
  }
  for (const r of rows) {
    insert.run(
      r.week, r.driverId, r.row, r.transporterId, r.name, r.fileTier, r.tier, r.keyFocusArea, r.overallScore, r.performer,
      Object.keys(r.amazon).length ? JSON.stringify(r.amazon) : null,
      ...METRIC_KEYS.map((k: MetricKey) => r.values[k] ?? null),
    );
  }
  const many = result.weeks.length > 1;
  ctx.audit({
    action: before.length ? 'reimport' : 'import',
    entity: 'scorecard_week',
    entityId: many ? `${result.weeks[0]!.week}…${result.week}` : result.week,
    before: before.length ? (many ? { weeks: before } : { fileName: before[0]!.fileName, importedAt: before[0]!.importedAt, rows: before[0]!.rows }) : null,
    after: {
      fileName: input.fileName,
      source: result.source?.id ?? null,
      weekFrom: result.weekFrom,
      rows: rows.length,
      ...(many ? { weeks: result.weeks.map((w) => ({ week: w.week, rows: w.drivers })) } : {}),
      unknownDrivers: result.unknownDrivers.length,
      tiers: result.tiers,
    },
  });
  // Coaching follows the file's own (newest) week only: older weeks of a trailing file are history.
  result.suggestedPlans = suggestForWeek(ctx, result.week);
  reviewPlans(ctx);
  return result;
}

/** A PDF without driver rows: the station's week gets page 1 (standing, category metrics); its rows stay. */
function applyStationPage(ctx: WriteContext, input: ScorecardImportInput, read: PreparedScorecard, result: ScorecardImportResult): ScorecardImportResult {
  const page = read.stationPage!;
  const now = ctx.clock.now().toISOString();
  const old = ctx.db.select().from(scorecardWeeks).where(eq(scorecardWeeks.week, result.week)).get();
  const values = {
    companyScore: input.companyScore !== undefined ? input.companyScore : (page.overall?.score ?? null),
    companyTier: input.companyTier !== undefined ? input.companyTier : (page.overall?.tier ?? null),
    station: page.station,
    updatedAt: now,
  };
  if (old) ctx.db.update(scorecardWeeks).set(values).where(eq(scorecardWeeks.week, result.week)).run();
  else {
    const range = weekRange(result.week)!;
    ctx.db.insert(scorecardWeeks).values({ week: result.week, startDate: range.start, endDate: range.end, ...values, fileName: input.fileName, source: 'scorecard-pdf', importedAt: now, importedBy: ctx.actor.name }).run();
  }
  ctx.audit({
    action: 'import_station',
    entity: 'scorecard_week',
    entityId: result.week,
    before: old ? { companyScore: old.companyScore, companyTier: old.companyTier, station: old.station } : null,
    after: { fileName: input.fileName, companyScore: values.companyScore, companyTier: values.companyTier, metrics: page.station.metrics.length },
  });
  return result;
}

/** The channel's handler: read outside the transaction, plan and write inside it (a dry run writes nothing, so keeps nothing). */
export const importScorecard = twoStage<(typeof scorecardChannels)['scorecards.import'], PreparedScorecard>({
  prepare: (_ctx, input) => readScorecardFile(input),
  apply: (w, input, read) => applyScorecardImport(w, input, read),
});

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
