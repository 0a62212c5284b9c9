import { afterEach, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { testDesk, type TestDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import type { ServiceContext } from '../../../electron/services/context';
import type { ScorecardImportResult } from '../../../shared/contract/scorecards';
import { formatMetric, isLowTier, parseTier, type MetricKey } from '../../../shared/rules/scorecards/tiers';
import {
  csvText, daTablePdfCsv, daTableXlsx, daTrailingSixWeek, dashboardRows, dspOverviewDashboard, scorecardPdf, xlsxShown,
  DASHBOARD_METRICS, type DashboardMetric, type Person,
} from '../../fixtures/amazon';

let desk: TestDesk;
afterEach(() => desk?.close());

const metrics = Object.keys(DASHBOARD_METRICS) as DashboardMetric[];
const b64 = (bytes: Buffer) => ({ content: bytes.toString('base64'), encoding: 'base64' as const });
const num = (s: string) => (s === '' ? null : Number(s.replace(/%$/, '')));

async function roster(ctx: ServiceContext, crew: readonly Person[]) {
  for (const p of crew) await call(ctx, 'roster.upsert', { transporterId: p.transporterId, name: p.name });
}

async function preview(fileName: string, bytes: Buffer, extra: Record<string, unknown> = {}): Promise<ScorecardImportResult> {
  return call(desk.ctx, 'scorecards.import', { fileName, ...b64(bytes), dryRun: true, ...extra });
}

describe('DSP Overview Dashboard CSV', () => {
  it('reads the value of each triplet (FICO Metric, never the 0–100 FICO Score), keeps Amazon’s tier, score and weight beside it', async () => {
    desk = testDesk();
    const f = dspOverviewDashboard({ seed: 11, das: 14 });
    await roster(desk.ctx, dashboardRows({ seed: 11, das: 14 }).crew);
    const res = await preview(f.fileName, f.bytes);
    expect(res.errors).toEqual([]);
    expect([res.week, res.weekFrom, res.source?.id]).toEqual(['2026-W47', 'the file name', 'dsp-overview-dashboard']);
    expect(res.read?.ignoredColumns).toEqual([]); // the Weight Applied columns are kept, not ignored
    expect(res.rows).toHaveLength(14);
    for (const [i, d] of f.rows.entries()) {
      const r = res.rows[i]!;
      expect(r.row).toBe(d.rowNumber);
      expect(r.fileTier).toBe(parseTier(d.standing));
      expect(r.overallScore).toBe(Number(d.overallScore));
      expect(r.values.delivered).toBe(Number(d.packagesDelivered));
      for (const m of metrics) {
        const c = d.metrics[m];
        expect(r.values[m] ?? null, `${m} row ${d.rowNumber}`).toBe(num(c.value));
        expect(r.amazon[m] ?? null).toEqual(c.value === '' && c.tier === '' ? null : { tier: parseTier(c.tier), score: num(c.score), weight: num(c.weight) });
      }
    }
    // The five safety rates are read, and FICO is the 0–850 value.
    expect(res.rows.filter((r) => r.values.fico != null).every((r) => r.values.fico! >= 640 && r.values.fico! <= 850)).toBe(true);
    for (const m of ['speeding', 'seatbelt', 'distractions', 'signSignal', 'followingDistance'] as const) expect(res.rows.filter((r) => r.values[m] != null).length).toBeGreaterThan(10);
    // An empty cell is no data: the new DA has no safety values (null, never 0).
    expect(res.rows[2]!.values.fico).toBeNull();
    expect(res.rows[2]!.values.speeding).toBeNull();
    expect(await call(desk.ctx, 'scorecards.weeks', {})).toEqual([]);

    const done = await call(desk.ctx, 'scorecards.import', { fileName: f.fileName, ...b64(f.bytes), dryRun: false });
    expect(done.ok).toBe(true);
    const week = await call(desk.ctx, 'scorecards.week', { week: '2026-W47' });
    expect(week.week.source).toBe('dsp-overview-dashboard');
    for (const [i, d] of f.rows.entries()) {
      const r = week.rows.find((x) => x.row === d.rowNumber)!;
      expect(r.values.fico ?? null).toBe(num(d.metrics.fico.value));
      expect(r.overallScore).toBe(Number(d.overallScore));
      for (const m of metrics) {
        if (d.metrics[m].tier === '') continue;
        // Amazon's tier is the one shown, and says so.
        expect([r.metricTiers[m], r.tierSource[m]], `${m} of row ${i}`).toEqual([parseTier(d.metrics[m].tier), 'amazon']);
      }
    }
  });

  it('imports the trailing six weeks in one transaction, each week on its own; --week must be the file’s', async () => {
    desk = testDesk();
    const opts = { seed: 12, das: 10, trailing: true, week: '2026-W02' };
    const f = dspOverviewDashboard(opts);
    await roster(desk.ctx, dashboardRows(opts).crew);
    const wrong = await preview(f.fileName, f.bytes, { week: '2026-W01' });
    expect(wrong.ok).toBe(false);
    expect(wrong.errors[0]!.message).toBe('The week given (2026-W01) is not the file\'s week: the file name says 2026-W02');
    const res = await call(desk.ctx, 'scorecards.import', { fileName: f.fileName, ...b64(f.bytes), week: '2026-W02', dryRun: false });
    expect(res.errors).toEqual([]);
    expect(res.week).toBe('2026-W02');
    expect(res.weeks.map((w) => [w.week, w.drivers])).toEqual(f.weeks.map((w) => [w, 10]));
    expect(res.drivers).toBe(60);
    const weeks = await call(desk.ctx, 'scorecards.weeks', {});
    expect(weeks.map((w) => w.week).sort()).toEqual(f.weeks);
    for (const w of f.weeks) {
      const rows = (await call(desk.ctx, 'scorecards.week', { week: w })).rows;
      const expected = f.rows.filter((d) => d.week === w);
      expect(rows.map((r) => [r.transporterId, r.values.dcr ?? null, r.values.fico ?? null])).toEqual(expected.map((d) => [d.transporterId, num(d.metrics.dcr.value), num(d.metrics.fico.value)]));
    }
    // One audit entry for the whole file.
    const audit = await call(desk.ctx, 'audit.list', { entity: 'scorecard_week' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entityId).toBe('2025-W49…2026-W02');
  });

  it('says where the file’s weeks disagree, naming both', async () => {
    desk = testDesk();
    const f = dspOverviewDashboard({ seed: 13, das: 4 });
    const grid = f.grid.map((r, i) => (i === 0 ? r : ['2026-W46', ...r.slice(1)]));
    const res = await preview(f.fileName, Buffer.from(csvText(grid)));
    expect(res.ok).toBe(false);
    expect(res.errors).toContainEqual({ row: 0, column: 'Week', message: 'The file name says 2026-W47 but the Week column says 2026-W46' });
    const unnamed = await preview('dashboard.csv', Buffer.from(csvText(grid)), { week: '2026-W47' });
    expect(unnamed.errors[0]!.message).toBe("The week given (2026-W47) is not the file's week: the Week column says 2026-W46");
  });
});

describe('never guesses', () => {
  it('lists unknown columns, and names row and column of every bad value in one pass; nothing is written', async () => {
    desk = testDesk();
    const f = dspOverviewDashboard({ seed: 14, das: 6 });
    const h = f.grid[0]!;
    const at = (name: string) => h.indexOf(name);
    const grid = f.grid.map((r) => [...r, r === h ? 'Rescue Count' : '3']);
    grid[1]![at('Overall Standing')] = 'Excellent';
    grid[2]![at('FICO Metric')] = '900';
    grid[3]![at('DCR')] = '120';
    grid[4]![at('CDF DPMO')] = '-40';
    grid[5]![at('Speeding Event Rate Tier')] = 'Great-ish';
    const res = await call(desk.ctx, 'scorecards.import', { fileName: f.fileName, content: csvText(grid), dryRun: false });
    expect(res.ok).toBe(false);
    expect(res.read?.ignoredColumns.map((c) => c.header)).toEqual(['Rescue Count']);
    expect(res.errors).toEqual([
      { row: 2, column: 'Overall Standing', message: '"Excellent" is not a tier (Poor, Fair, Great, Fantastic, Fantastic Plus)' },
      { row: 3, column: 'FICO Metric', message: '900 is not a FICO safe-driving score (0–850)' },
      { row: 4, column: 'DCR', message: '120 is not a percentage (0–100%)' },
      { row: 5, column: 'CDF DPMO', message: '-40 cannot be negative' },
      { row: 6, column: 'Speeding Event Rate Tier', message: '"Great-ish" is not a tier (Poor, Fair, Great, Fantastic, Fantastic Plus)' },
    ]);
    expect(await call(desk.ctx, 'scorecards.weeks', {})).toEqual([]);
  });

  it('refuses a dashboard too cut down to be recognised rather than read its 0–100 FICO Score as FICO', async () => {
    desk = testDesk();
    const csv = 'Transporter ID,Delivery Associate,FICO Metric,FICO Score,DCR\nA1B2C3D4E5F6G7,Ana Lopez,832,98.4,99.1\n';
    const res = await preview('DSP_Overview_Dashboard_ACME_DSE4_2026-W47.csv', Buffer.from(csv));
    expect(res.ok).toBe(false);
    expect(res.errors[0]!.message).toMatch(/0–100 points, not the FICO value/);
  });
});

describe('the DA table in every shape', () => {
  it('as extracted from the PDF to CSV: legends, header per page, broken header cells, unnamed column', async () => {
    desk = testDesk();
    const f = daTablePdfCsv({ seed: 21, das: 40, perPage: 15 });
    const res = await preview(f.fileName, f.bytes);
    expect(res.errors).toEqual([]);
    expect([res.week, res.weekFrom, res.source?.id]).toEqual(['2026-W47', 'the file name', 'da-current-week']);
    expect(res.read?.skipped).toEqual(f.skipped);
    expect(res.read?.ignoredColumns).toEqual([{ index: 1, letter: 'B', header: '' }]);
    expect(res.rows.map((r) => [r.row, r.transporterId, r.fileTier, r.values.fico, r.values.dcr, r.values.psb ?? null, r.values.podOpps])).toEqual(
      f.rows.map((d) => [d.rowNumber, d.values['Transporter ID'], parseTier(d.values['Overall Tier']), Number(d.values['Fico Score']), num(d.values.DCR), d.values.PSB === 'Coming Soon' ? null : Number(d.values.PSB), Number(d.values['POD Opps.'])]),
    );
  });

  it('as XLSX with merged title rows and a totals row: the week from the title', async () => {
    desk = testDesk();
    const f = await daTableXlsx({ seed: 22, das: 30 });
    const res = await preview(f.fileName, f.bytes);
    expect(res.errors).toEqual([]);
    expect([res.week, res.weekFrom]).toEqual(['2026-W47', 'row 1 (title)']);
    expect(res.read?.skipped.total).toBe(1);
    expect(res.rows.map((r) => [r.row, r.values.dcr, r.values.pod, r.values.delivered])).toEqual(f.rows.map((d) => [d.rowNumber, num(xlsxShown(d.values.DCR)), num(xlsxShown(d.values.POD)), Number(d.values.Delivered)]));
  });

  it('DA Trailing 6-Week Performance keeps the performer status; without a week in the file, the week must be given', async () => {
    desk = testDesk();
    const f = daTrailingSixWeek({ seed: 23 });
    const none = await preview(f.fileName, f.bytes);
    expect(none.ok).toBe(false);
    expect(none.errors[0]!.message).toMatch(/does not say which scorecard week/);
    const res = await preview(f.fileName, f.bytes, { week: '2026-W47' });
    expect(res.errors).toEqual([]);
    expect([res.weekFrom, res.source?.id]).toEqual(['the week given', 'da-trailing-6-week']);
    expect(res.rows.map((r) => r.performer)).toEqual(f.rows.map((d) => d.values['High/Low Performer Status']));
  });

  it('older exports: DNR DPMO, CC / Contact Compliance, CE, DVIC Compliance, Overall Standing', async () => {
    desk = testDesk();
    const csv = ['Delivery Associate,Transporter ID,Overall Standing,DNR DPMO,Contact Compliance,CE,DVIC Compliance,DCR', 'Ana Lopez,A1B2C3D4E5F6G7,Fantastic Plus,400,99.5%,0,97%,99.6%'].join('\r\n');
    const res = await preview('older.csv', Buffer.from(csv), { week: '2026-W40' });
    expect(res.errors).toEqual([]);
    expect(res.rows[0]).toMatchObject({ fileTier: 'Fantastic+', values: { dsbDnr: 400, cc: 99.5, ced: 0, dvic: 97, dcr: 99.6 } });
  });
});

describe('the scorecard PDF', () => {
  it('reads the DA table across pages and page 1 for the station; the week from the name', async () => {
    desk = testDesk();
    const f = await scorecardPdf({ seed: 31, das: 60 });
    const res = await call(desk.ctx, 'scorecards.import', { fileName: f.fileName, ...b64(f.bytes), dryRun: false });
    expect(res.errors).toEqual([]);
    expect([res.week, res.source?.id, res.read?.kind]).toEqual(['2026-W47', 'scorecard-pdf', 'pdf']);
    expect(res.read?.skipped.repeatedHeader).toBe(f.pages - 2);
    expect(res.rows.map((r) => [r.transporterId, r.name, r.fileTier, r.values.fico, r.values.seatbelt, r.values.signSignal, r.values.dcr, r.values.psb ?? null])).toEqual(
      f.rows.map((d) => [d.values['Transporter ID'], d.values.Name, parseTier(d.values['Overall Tier']), Number(d.values['Fico Score']), Number(d.values['Seatbelt Off Rate']), Number(d.values['Sign/Signal Violations Rate']), num(d.values.DCR), d.values.PSB === 'Coming Soon' ? null : Number(d.values.PSB)]),
    );
    expect(res.station?.overall).toEqual({ score: 79.2, tier: 'Fantastic' });
    expect(res.station?.metrics.map((m) => m.label)).toEqual(f.metrics.map((m) => m.label));
    expect(res.station?.metrics.find((m) => m.label === 'Safe Driving Metric')).toMatchObject({ value: 812, tier: 'Fantastic', comingSoon: false });
    expect(res.station?.metrics.filter((m) => m.comingSoon).map((m) => m.label)).toEqual(f.metrics.filter((m) => m.value === 'Coming Soon').map((m) => m.label));
    expect([res.station?.focusAreas, res.station?.topDrivers]).toEqual([f.focusAreas, f.topDrivers]);
    const week = await call(desk.ctx, 'scorecards.week', { week: '2026-W47' });
    expect([week.week.companyScore, week.week.companyTier, week.week.source]).toEqual([79.2, 'Fantastic', 'scorecard-pdf']);
    expect(week.week.station?.metrics).toHaveLength(f.metrics.length);
  });

  it('the week in its name must agree with the PDF’s own title', async () => {
    desk = testDesk();
    const f = await scorecardPdf({ seed: 32, das: 40 });
    // The same PDF named for another week: the name and the title disagree.
    const res = await preview('US_ACME_DSE4_Week46_2026_en_DSPScorecard.pdf', f.bytes);
    expect(res.errors[0]!.message).toBe('The file name says 2026-W46 but the PDF title says 2026-W47');
  });

  it('a PDF without driver rows sets the station’s week from page 1 and keeps the week’s rows', async () => {
    desk = testDesk();
    const dash = dspOverviewDashboard({ seed: 33, das: 6 });
    expect((await call(desk.ctx, 'scorecards.import', { fileName: dash.fileName, ...b64(dash.bytes), dryRun: false })).ok).toBe(true);
    const f = await scorecardPdf({ seed: 33, das: 0 });
    expect(f.pages).toBe(1);
    const dry = await preview(f.fileName, f.bytes);
    expect(dry).toMatchObject({ ok: true, week: '2026-W47', drivers: 0, weeks: [{ week: '2026-W47', drivers: 0, replaces: true }], station: { overall: { score: 79.2, tier: 'Fantastic' } } });
    const res = await call(desk.ctx, 'scorecards.import', { fileName: f.fileName, ...b64(f.bytes), dryRun: false });
    expect(res.ok).toBe(true);
    const week = await call(desk.ctx, 'scorecards.week', { week: '2026-W47' });
    expect(week.rows).toHaveLength(6);
    expect([week.week.companyScore, week.week.companyTier, week.week.source, week.week.station?.metrics.length]).toEqual([79.2, 'Fantastic', 'dsp-overview-dashboard', f.metrics.length]);
  });

  it('refuses a scanned PDF (no text layer) with a clear message', async () => {
    desk = testDesk();
    const doc = new PDFDocument({ size: 'LETTER' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.rect(40, 40, 300, 200).fill('#888');
    doc.end();
    const res = await preview('US_ACME_DSE4_Week47_2026_en_DSPScorecard.pdf', await done);
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([{ row: 0, column: '', message: expect.stringContaining('no text layer') }]);
  });
});

describe('downstream: coaching on the dashboard’s numbers (regression: "FICO 100 was Poor" for a driver at 850)', () => {
  it('suggests plans only where Amazon’s tier is Fair/Poor, quoting the 0–850 FICO value', async () => {
    desk = testDesk();
    const opts = { seed: 15, das: 12 };
    const f = dspOverviewDashboard(opts);
    const crew = dashboardRows(opts).crew;
    await roster(desk.ctx, crew);
    const h = f.grid[0]!;
    const set = (row: number, cols: Record<string, string>) => Object.entries(cols).forEach(([c, v]) => (f.grid[row]![h.indexOf(c)] = v));
    set(1, { 'FICO Metric': '850', 'FICO Tier': 'Fantastic Plus', 'FICO Score': '98.40' });
    set(2, { 'FICO Metric': '688', 'FICO Tier': 'Poor', 'FICO Score': '40.00' });
    const res = await call(desk.ctx, 'scorecards.import', { fileName: f.fileName, content: csvText(f.grid), dryRun: false });
    expect(res.errors).toEqual([]);
    expect(res.suggestedPlans).toBeGreaterThan(0);
    const plans = await call(desk.ctx, 'coaching.list', {});
    const idOf = new Map((await call(desk.ctx, 'roster.list', {})).map((d) => [d.transporterId, d.id]));
    const at850 = idOf.get(f.grid[1]![h.indexOf('Transporter ID')]!)!;
    const at688 = idOf.get(f.grid[2]![h.indexOf('Transporter ID')]!)!;
    expect(plans.filter((p) => p.driverId === at850 && p.metric === 'fico')).toEqual([]);
    expect(plans.find((p) => p.driverId === at688 && p.metric === 'fico')?.finding).toBe("FICO 688 was Poor (Amazon's tier) in week 47 — safe-driving (FICO) score");
    expect(plans.some((p) => /FICO \d{1,2}(\.\d+)? /.test(p.finding) || /FICO 100 /.test(p.finding))).toBe(false);
    // Every plan is for a metric Amazon rated Fair or Poor, and quotes the value from the file.
    const rows = (await call(desk.ctx, 'scorecards.week', { week: '2026-W47' })).rows;
    for (const p of plans) {
      const r = rows.find((x) => x.driverId === p.driverId)!;
      const m = p.metric as MetricKey;
      expect(isLowTier(r.amazon[m]?.tier ?? r.metricTiers[m])).toBe(true);
      expect(p.finding).toContain(formatMetric(m, r.values[m]));
    }
    const expected = f.rows.flatMap((d, i) => metrics.filter((m) => isLowTier(parseTier(f.grid[i + 1]![h.indexOf(DASHBOARD_METRICS[m][1])]!) ?? null) && f.grid[i + 1]![h.indexOf(DASHBOARD_METRICS[m][0])] !== '').map((m) => `${idOf.get(d.transporterId)} ${m}`));
    expect(plans.map((p) => `${p.driverId} ${p.metric}`).sort()).toEqual(expected.sort());
  });
});
