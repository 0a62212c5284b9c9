import { detectFileKind, fileInputBytes, isImportRefusal, normalizeHeader, readTable, ImportRefusal, type Sheet, type Table } from '../../import/reader';
import { pdfSheets, pdfText, type PdfText } from '../../import/pdf';
import type { ImportIssue, ImportReadSummary } from '../../../shared/contract/common';
import type { Tier } from '../../../shared/domain';
import { METRIC_KEYS, parseTier, type AmazonMetric, type AmazonMetrics, type MetricValues } from '../../../shared/rules/scorecards/tiers';
import { DASHBOARD_COLUMNS, DASHBOARD_METRICS, DASHBOARD_ONLY_HEADERS, SCORECARD_EXPORTS, TABLE_COLUMNS, type ScorecardField } from './columns';
import { readStationPage, type StationPage } from './station-page';
import { parseMetricValue, parsePoints, parseTierCell, parseWeight } from './values';
import { decideWeek, weekCell, weekInText, yearInText, type WeekClue } from './week-of-file';

/**
 * The read half of the scorecard import (no database): bytes → the rows of every week the file
 * holds, each value checked, every problem listed in one pass. Runs before any transaction.
 */
export interface ScorecardFileInput {
  fileName: string;
  content: string;
  encoding: 'utf8' | 'base64';
  /** The week a person gave; optional when the file says it. */
  week?: string;
}

export interface ParsedScorecardRow {
  row: number;
  week: string;
  transporterId: string;
  name: string;
  fileTier: Tier | null;
  overallScore: number | null;
  performer: string;
  keyFocusArea: string;
  values: MetricValues;
  amazon: AmazonMetrics;
}

export interface ReadScorecard {
  errors: ImportIssue[];
  /** The file's week (the newest, for a multi-week file); null when it could not be decided. */
  week: string | null;
  weekFrom: string | null;
  source: { id: string; name: string } | null;
  read: ImportReadSummary | null;
  rows: ParsedScorecardRow[];
  /**
   * A scorecard PDF without the DA table (Amazon leaves driver rows out for some DSPs since October
   * 2025): only page 1 is imported, for the station's week; the week's driver rows are kept.
   */
  stationOnly: boolean;
  /** Page 1 of a scorecard PDF. */
  stationPage: StationPage | null;
}

const PDF_SOURCE = { id: 'scorecard-pdf', name: "Amazon's scorecard PDF" };

export async function readScorecardFile(input: ScorecardFileInput): Promise<ReadScorecard> {
  const out: ReadScorecard = { errors: [], week: null, weekFrom: null, source: null, read: null, rows: [], stationOnly: false, stationPage: null };
  const bytes = fileInputBytes(input);
  let pdf: { text: PdfText; sheets: Sheet[]; place: (sheet: string, row: number) => { page: number } | undefined } | null = null;
  let table: Table<ScorecardField>;
  try {
    if (detectFileKind(bytes) === 'pdf') {
      const text = await pdfText(bytes);
      pdf = { text, ...pdfSheets(text) };
      out.stationPage = readStationPage(text.lines[0] ?? []);
      out.source = PDF_SOURCE;
    }
    table = await readTable(bytes, {
      fileName: input.fileName,
      columns: TABLE_COLUMNS,
      columnsByExport: { 'dsp-overview-dashboard': DASHBOARD_COLUMNS },
      accepts: SCORECARD_EXPORTS,
      requireOneOf: [['transporterId', 'name']],
      pdf: pdf ? async () => pdf!.sheets : undefined,
    });
  } catch (err) {
    if (!isImportRefusal(err)) throw err;
    const page = out.stationPage;
    if (pdf && page?.overall && (err.code === 'missing-columns' || err.code === 'no-table')) {
      out.stationOnly = true;
      const clues = pdfWeekClues(input.fileName, pdf.text);
      const decided = decideWeek(clues, [], input.week);
      if ('error' in decided) out.errors.push({ row: 0, column: '', message: decided.error });
      else [out.week, out.weekFrom] = [decided.week, decided.from];
      for (const e of page.errors) out.errors.push({ row: 0, column: '', message: e });
      return out;
    }
    out.errors.push(refusalIssue(err, !!pdf));
    return out;
  }
  out.read = table.summary();
  if (!pdf) out.source = table.recognised ? { id: table.recognised.id, name: table.recognised.name } : null;
  const issues = table.issues();
  const pageOf = (row: number) => (pdf ? pdf.place(table.sheet.name, row)?.page : undefined);
  const add = (row: number, field: ScorecardField | string, message: string) => {
    const page = pageOf(row);
    issues.add(row, field, page ? `${message} (PDF page ${page})` : message);
  };

  // A dashboard the reader did not recognise would have its 0–100 "FICO Score" read as FICO.
  const dashboardOnly = new Set(DASHBOARD_ONLY_HEADERS.map(normalizeHeader));
  if (table.recognised?.id !== 'dsp-overview-dashboard' && table.headers.some((h) => dashboardOnly.has(normalizeHeader(h)))) {
    out.errors.push({ row: table.headerRow, column: '', message: `This looks like Amazon's DSP Overview Dashboard with columns removed or renamed ("FICO Metric", "FICO Tier" …): its "FICO Score" is Amazon's 0–100 points, not the FICO value, so the desk will not guess. Import the dashboard CSV as Amazon exports it.` });
    return out;
  }
  const metricCols = METRIC_KEYS.filter((k) => table.columns[k] !== undefined);
  if (metricCols.length === 0 && table.columns.overallTier === undefined) {
    out.errors.push({ row: table.headerRow, column: 'Overall Tier', message: 'No scorecard columns found (Overall Tier, DCR, POD, Fico Score…): is this the DA Current Week Performance table?' });
    return out;
  }
  if (table.rows.length === 0) {
    out.errors.push({ row: table.headerRow + 1, column: '', message: 'The file has no driver rows' });
    return out;
  }

  // The week: the file name, title lines (and a PDF's page 1 and title), the Week column.
  const titleTexts = [
    ...table.skippedRows.filter((s) => s.kind === 'title' && s.rowNumber < table.headerRow).map((s) => ({ text: s.text, where: pdf ? 'the PDF title' : `row ${s.rowNumber} (title)` })),
    ...(pdf ? pdfTitles(pdf.text) : []),
  ];
  const clues = weekClues(input.fileName, titleTexts);
  const year = yearInText([input.fileName, ...titleTexts.map((t) => t.text)].join(' '));
  const rowWeeks = new Map<number, string>();
  const hasWeekColumn = table.columns.week !== undefined && table.rows.some((r) => r.get('week') !== '');
  if (hasWeekColumn) {
    // A trailing file repeats six week texts 250 times each: read each text once.
    const cellWeeks = new Map<string, ReturnType<typeof weekCell>>();
    for (const r of table.rows) {
      const raw = r.get('week');
      if (!raw) {
        add(r.rowNumber, 'week', 'no week in this row (the other rows have one)');
        continue;
      }
      let w = cellWeeks.get(raw);
      if (!w) cellWeeks.set(raw, (w = weekCell(raw, year)));
      if ('error' in w) add(r.rowNumber, 'week', w.error);
      else rowWeeks.set(r.rowNumber, w.week);
    }
  }
  const decided = decideWeek(clues, [...new Set(rowWeeks.values())], input.week);
  if ('error' in decided) out.errors.push({ row: 0, column: hasWeekColumn ? table.columnName('week') ?? 'Week' : '', message: decided.error });
  else {
    out.week = decided.week;
    out.weekFrom = decided.from;
  }

  // The dashboard's Tier / Score / Weight Applied columns present in this file, per metric.
  const amazonFields = DASHBOARD_METRICS.map((m) => ({ m, tierF: `${m}Tier` as const, scoreF: `${m}Score` as const, weightF: `${m}Weight` as const })).filter(
    (f) => table.columns[f.tierF] !== undefined || table.columns[f.scoreF] !== undefined || table.columns[f.weightF] !== undefined,
  );
  // Tier words repeat on every row: read each distinct text once.
  const tierTexts = new Map<string, Tier | null | undefined>();
  const tierOf = (raw: string) => {
    let t = tierTexts.get(raw);
    if (t === undefined && !tierTexts.has(raw)) tierTexts.set(raw, (t = parseTier(raw)));
    return t;
  };
  const seenTid = new Map<string, number>();
  for (const r of table.rows) {
    const row = r.rowNumber;
    const week = rowWeeks.get(row) ?? out.week ?? '';
    const tid = r.get('transporterId').toUpperCase().replace(/\s+/g, '');
    const name = r.get('name').replace(/\s+/g, ' ');
    if (!tid && !name) {
      add(row, table.columns.transporterId !== undefined ? 'transporterId' : 'name', 'a row needs a transporter ID or a name');
      continue;
    }
    if (tid && !/^[A-Z0-9]{6,20}$/.test(tid)) add(row, 'transporterId', `"${tid.slice(0, 30)}" is not a transporter ID (6–20 letters or digits)`);
    if (tid) {
      const key = `${week} ${tid}`;
      const first = seenTid.get(key);
      if (first !== undefined) add(row, 'transporterId', `transporter ID ${tid} already appears in row ${first}${hasWeekColumn ? ` for ${week}` : ''}`);
      else seenTid.set(key, row);
    }
    const standing = parseTierCell(r.get('overallTier'));
    if (standing.error) add(row, 'overallTier', standing.error);
    const overall = parsePoints(r.get('overallScore'));
    if (overall.error) add(row, 'overallScore', overall.error);
    const values: MetricValues = {};
    for (const k of metricCols) {
      const p = parseMetricValue(k, r.get(k));
      if (p.error) add(row, k, p.error);
      else values[k] = p.value;
    }
    const amazon: AmazonMetrics = {};
    for (const { m, tierF, scoreF, weightF } of amazonFields) {
      const a: AmazonMetric = { tier: null, score: null, weight: null };
      const tierRaw = r.get(tierF);
      const tier = tierOf(tierRaw);
      if (tier === undefined) add(row, tierF, `"${tierRaw.slice(0, 40)}" is not a tier (Poor, Fair, Great, Fantastic, Fantastic Plus)`);
      else a.tier = tier;
      const score = parsePoints(r.get(scoreF));
      if (score.error) add(row, scoreF, score.error);
      else a.score = score.value ?? null;
      const weight = parseWeight(r.get(weightF));
      if (weight.error) add(row, weightF, weight.error);
      else a.weight = weight.value ?? null;
      if (a.tier !== null || a.score !== null || a.weight !== null) amazon[m] = a;
    }
    out.rows.push({
      row,
      week,
      transporterId: tid,
      name,
      fileTier: standing.value?.tier ?? null,
      overallScore: overall.value ?? standing.value?.score ?? null,
      performer: r.get('performer').replace(/\s+/g, ' ').slice(0, 60),
      keyFocusArea: r.get('keyFocusArea').slice(0, 80),
      values,
      amazon,
    });
  }
  for (const e of out.stationPage?.errors ?? []) out.errors.push({ row: 0, column: '', message: e });
  out.errors.push(...issues.list());
  return out;
}

/** The week named by the file name and the first title that names one. */
function weekClues(fileName: string, titles: readonly { text: string; where: string }[]): WeekClue[] {
  const clues: WeekClue[] = [];
  const nameWeek = weekInText(fileName);
  if (nameWeek) clues.push({ week: nameWeek, where: 'the file name' });
  for (const t of titles) {
    const week = weekInText(t.text);
    if (week) {
      clues.push({ week, where: t.where });
      break;
    }
  }
  return clues;
}

/** A scorecard PDF's title: its document title and the first lines of page 1. */
const pdfTitles = (text: PdfText) => [text.title, ...(text.lines[0] ?? []).slice(0, 3).map((l) => l.cells.map((c) => c.text).join(' '))].map((t) => ({ text: t, where: 'the PDF title' }));
const pdfWeekClues = (fileName: string, text: PdfText) => weekClues(fileName, pdfTitles(text));

function refusalIssue(err: ImportRefusal, isPdf: boolean): ImportIssue {
  const issue = err.toIssue();
  // A PDF whose pages carry no driver table (Amazon left it out for some DSPs since October 2025).
  if (isPdf && err.code === 'missing-columns') {
    return { ...issue, row: 0, column: '', message: 'This scorecard PDF has no "DA Current Week Performance" table to read (Amazon no longer prints driver rows for some DSPs): import the DSP Overview Dashboard CSV for the drivers.' };
  }
  return issue;
}
