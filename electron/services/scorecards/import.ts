import { eq } from 'drizzle-orm';
import { drivers, scorecardRows, scorecardWeeks } from '../../db/schema';
import { twoStage, type ReadContext, type WriteContext } from '../context';
import type { ImportIssue } from '../../../shared/contract/common';
import type { ScorecardImportResult, ScorecardPreviewRow, scorecardChannels } from '../../../shared/contract/scorecards';
import type { Tier } from '../../../shared/domain';
import { METRIC_KEYS, overallTier, parseTier, type MetricKey, type MetricValues } from '../../../shared/rules/scorecards/tiers';
import { weekRange } from '../../../shared/rules/scorecards/weeks';
import { cell, decodeFileInput, matchColumns, readSheet, type ColumnSpec, type Sheet } from '../../import/table';
import { parseMetricValue } from './values';
import { emptyTierCounts, weekThresholds } from './tiers-db';
import { keyMetrics } from './settings';
import { reviewPlans, suggestForWeek } from './coaching';

/**
 * Amazon's "DA Current Week Performance" columns (DOMAIN.md) and the aliases of older exports and
 * DSPs' own sheets. Headers match case-, space- and punctuation-insensitively; other columns (`#`)
 * are ignored.
 */
export const SCORECARD_COLUMNS = {
  name: { label: 'Name', aliases: ['Delivery Associate', 'Driver', 'Driver Name', 'DA Name', 'DA'] },
  transporterId: { label: 'Transporter ID', aliases: ['DA Transporter ID', 'TID', 'TransporterID', 'Transporter'] },
  overallTier: { label: 'Overall Tier', aliases: ['Overall Standing', 'Tier', 'Standing'] },
  delivered: { label: 'Delivered', aliases: ['Packages Delivered', 'Delivered Packages'] },
  keyFocusArea: { label: 'Key Focus Area', aliases: ['Focus Area', 'Recommended Focus Area'] },
  fico: { label: 'Fico Score', aliases: ['FICO', 'FICO Score', 'Safe Driving Score', 'Safe Driving Metric'] },
  seatbelt: { label: 'Seatbelt Off Rate', aliases: ['Seatbelt-Off Rate', 'Seatbelt Off', 'SOR'] },
  speeding: { label: 'Speeding Event Rate', aliases: ['Speeding Rate', 'Speeding', 'SER'] },
  distractions: { label: 'Distractions Rate', aliases: ['Distraction Rate', 'Distractions'] },
  followingDistance: { label: 'Following Distance Rate', aliases: ['Following Distance'] },
  signSignal: { label: 'Sign/Signal Violations Rate', aliases: ['Sign Signal Violations Rate', 'Sign/Signal Violations', 'Sign/Signal Rate'] },
  cdfDpmo: { label: 'CDF DPMO', aliases: ['CDF', 'Customer Delivery Feedback DPMO'] },
  ced: { label: 'CED', aliases: ['CE', 'CED DPMO', 'Customer Escalation Defect'] },
  dcr: { label: 'DCR', aliases: ['Delivery Completion Rate'] },
  dsb: { label: 'DSB', aliases: ['DSB DPMO', 'Delivery Success Behaviors'] },
  pod: { label: 'POD', aliases: ['Photo On Delivery', 'Photo-On-Delivery Acceptance Rate', 'POD Acceptance'] },
  psb: { label: 'PSB', aliases: ['PSB DPMO', 'Pickup Success Behaviors'] },
  dsbDnr: { label: 'DSB DNR', aliases: ['DNR DPMO', 'DNR', 'DSB DNR DPMO'] },
  podOpps: { label: 'POD Opps.', aliases: ['POD Opportunities', 'POD Opps'] },
  cc: { label: 'CC', aliases: ['Contact Compliance'] },
} satisfies Record<string, ColumnSpec>;
type Field = keyof typeof SCORECARD_COLUMNS;

/** "Fantastic", "Fantastic Plus", "79.2 | Fantastic", "Great (82.1)" → tier; undefined = unreadable. */
export function parseTierCell(raw: string): Tier | null | undefined {
  const direct = parseTier(raw);
  if (direct !== undefined) return direct;
  const m = /(fantastic\s*(?:\+|plus)|fantastic|great|fair|poor)/i.exec(raw);
  return m ? parseTier(m[1]!) : undefined;
}

const normName = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export interface ParsedScorecard {
  result: ScorecardImportResult;
  rows: (ScorecardPreviewRow & { values: MetricValues })[];
}

type ScorecardFile = { fileName: string; content: string; encoding: 'utf8' | 'base64'; week: string; dryRun: boolean };

/** Read and check a scorecard (the sheet read by `prepare`) against the roster; nothing is written. */
export function parseScorecard(ctx: ReadContext, input: ScorecardFile, file: Sheet | { error: string }): ParsedScorecard {
  const result: ScorecardImportResult = {
    ok: false,
    dryRun: input.dryRun,
    week: input.week,
    drivers: 0,
    unknownDrivers: [],
    errors: [],
    tiers: emptyTierCounts(),
    replaces: false,
    rows: [],
    suggestedPlans: 0,
  };
  const errors: ImportIssue[] = result.errors;
  if (!weekRange(input.week)) {
    errors.push({ row: 0, column: '', message: `"${input.week}" is not a scorecard week (YYYY-Www)` });
    return { result, rows: [] };
  }
  if ('error' in file) {
    errors.push({ row: 0, column: '', message: `Cannot read ${input.fileName}: ${file.error}` });
    return { result, rows: [] };
  }
  const sheet = file;
  const match = matchColumns(sheet.headers, SCORECARD_COLUMNS);
  const header = (f: Field) => {
    const i = match.index[f];
    return i === undefined ? SCORECARD_COLUMNS[f].label : sheet.headers[i] || SCORECARD_COLUMNS[f].label;
  };
  if (match.index.transporterId === undefined && match.index.name === undefined) {
    errors.push({ row: 1, column: 'Transporter ID', message: 'missing column "Transporter ID" (or "Name") — is this the DA Current Week Performance table?' });
  }
  const metricCols = METRIC_KEYS.filter((k) => match.index[k] !== undefined);
  if (metricCols.length === 0 && match.index.overallTier === undefined) {
    errors.push({ row: 1, column: 'Overall Tier', message: 'no scorecard columns found (Overall Tier, DCR, POD, Fico Score…)' });
  }
  if (sheet.rows.length === 0 && errors.length === 0) errors.push({ row: 2, column: '', message: 'the file has no driver rows' });
  if (errors.length > 0) return { result, rows: [] };

  const roster = ctx.db.select({ id: drivers.id, tid: drivers.transporterId, name: drivers.name }).from(drivers).all();
  const byTid = new Map(roster.map((d) => [d.tid.toUpperCase(), d.id]));
  const byName = new Map<string, number[]>();
  for (const d of roster) {
    const k = normName(d.name);
    byName.set(k, [...(byName.get(k) ?? []), d.id]);
  }
  const thresholds = weekThresholds(ctx.db, input.week);
  const keys = keyMetrics(ctx.db);
  const seenTid = new Map<string, number>();
  const seenDriver = new Map<number, number>();
  const rows: ParsedScorecard['rows'] = [];

  for (const r of sheet.rows) {
    const err = (f: Field, message: string) => errors.push({ row: r.row, column: header(f), message });
    const tid = cell(match, r, 'transporterId').toUpperCase().replace(/\s+/g, '');
    const name = cell(match, r, 'name').replace(/\s+/g, ' ');
    if (!tid && !name) {
      err(match.index.transporterId !== undefined ? 'transporterId' : 'name', 'a row needs a transporter ID or a name');
      continue;
    }
    if (tid && !/^[A-Z0-9]{6,20}$/.test(tid)) err('transporterId', `"${tid.slice(0, 30)}" is not a transporter ID (6–20 letters or digits)`);
    if (tid) {
      if (seenTid.has(tid)) err('transporterId', `transporter ID ${tid} already appears in row ${seenTid.get(tid)}`);
      else seenTid.set(tid, r.row);
    }
    const tierRaw = cell(match, r, 'overallTier');
    const fileTier = parseTierCell(tierRaw);
    if (fileTier === undefined) err('overallTier', `"${tierRaw.slice(0, 40)}" is not a tier (Poor, Fair, Great, Fantastic, Fantastic Plus)`);
    const values: MetricValues = {};
    for (const k of METRIC_KEYS) {
      const p = parseMetricValue(k, cell(match, r, k as MetricKey & Field));
      if (p.error) err(k as Field, p.error);
      else values[k] = p.value;
    }
    let driverId: number | null = null;
    if (tid && byTid.has(tid)) driverId = byTid.get(tid)!;
    else if (name) {
      const ids = byName.get(normName(name)) ?? [];
      if (ids.length === 1) driverId = ids[0]!;
    }
    if (driverId !== null) {
      if (seenDriver.has(driverId) && !tid) err('name', `driver "${name}" already appears in row ${seenDriver.get(driverId)}`);
      else seenDriver.set(driverId, r.row);
    } else {
      result.unknownDrivers.push({ row: r.row, transporterId: tid, name });
    }
    const tier = overallTier(fileTier ?? null, values, thresholds, keys);
    rows.push({
      row: r.row,
      transporterId: tid,
      name,
      driverId,
      fileTier: fileTier ?? null,
      tier,
      keyFocusArea: cell(match, r, 'keyFocusArea').slice(0, 80),
      values,
    });
  }
  // Errors in the order a person reads the sheet: by row, then left to right.
  const colPos = (c: string) => {
    const i = sheet.headers.indexOf(c);
    return i < 0 ? 999 : i;
  };
  errors.sort((a, b) => a.row - b.row || colPos(a.column) - colPos(b.column));
  result.drivers = rows.length;
  for (const r of rows) if (r.tier) result.tiers[r.tier]++;
  result.rows = rows;
  result.replaces = !!ctx.db.select({ w: scorecardWeeks.week }).from(scorecardWeeks).where(eq(scorecardWeeks.week, input.week)).get();
  result.ok = errors.length === 0;
  return { result, rows };
}

/**
 * Import a week's scorecard, a two-stage write: `prepare` reads the file outside the transaction;
 * `apply` checks every row against the roster, then (unless a dry run) replaces the week, suggests
 * coaching plans for Fair/Poor metrics and escalates plans still failing — one audit entry headed
 * by the week, with a line per plan.
 */
export const importScorecard = twoStage<(typeof scorecardChannels)['scorecards.import'], Sheet | { error: string }>({
  prepare: (_ctx, input) => readSheet(input.fileName, decodeFileInput(input)).catch((err: Error) => ({ error: err.message })),
  apply: (w, input, file) => applyScorecard(w, input, file),
});

function applyScorecard(
  w: WriteContext,
  input: ScorecardFile & { companyScore?: number | null; companyTier?: Tier | null },
  file: Sheet | { error: string },
): ScorecardImportResult {
  const { result, rows } = parseScorecard(w, input, file);
  if (!result.ok || input.dryRun) return result;
  const now = w.clock.now().toISOString();
  const range = weekRange(input.week)!;
  const before = w.db.select().from(scorecardWeeks).where(eq(scorecardWeeks.week, input.week)).get();
  const oldRows = before ? (w.db.$client.prepare('SELECT COUNT(*) AS n FROM scorecard_rows WHERE week = ?').get(input.week) as { n: number }) : { n: 0 };
  const weekValues = {
    week: input.week,
    startDate: range.start,
    endDate: range.end,
    companyScore: input.companyScore !== undefined ? input.companyScore : (before?.companyScore ?? null),
    companyTier: input.companyTier !== undefined ? input.companyTier : (before?.companyTier ?? null),
    thresholds: before?.thresholds ?? null,
    fileName: input.fileName,
    importedAt: now,
    importedBy: w.actor.name,
    updatedAt: now,
  };
  if (before) {
    w.db.delete(scorecardRows).where(eq(scorecardRows.week, input.week)).run();
    w.db.update(scorecardWeeks).set(weekValues).where(eq(scorecardWeeks.week, input.week)).run();
  } else {
    w.db.insert(scorecardWeeks).values(weekValues).run();
  }
  const insert = w.db.$client.prepare(
    `INSERT INTO scorecard_rows (week, driver_id, row, transporter_id, name, file_tier, tier, key_focus_area, ${METRIC_KEYS.map(snake).join(', ')})
     VALUES (${Array(8 + METRIC_KEYS.length).fill('?').join(', ')})`,
  );
  for (const r of rows) {
    insert.run(input.week, r.driverId, r.row, r.transporterId, r.name, r.fileTier, r.tier, r.keyFocusArea, ...METRIC_KEYS.map((k) => r.values[k] ?? null));
  }
  w.audit({
    action: before ? 'reimport' : 'import',
    entity: 'scorecard_week',
    entityId: input.week,
    before: before ? { fileName: before.fileName, importedAt: before.importedAt, rows: oldRows.n } : null,
    after: { fileName: input.fileName, rows: rows.length, unknownDrivers: result.unknownDrivers.length, tiers: result.tiers, companyScore: weekValues.companyScore, companyTier: weekValues.companyTier },
  });
  result.suggestedPlans = suggestForWeek(w, input.week);
  reviewPlans(w);
  return result;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
