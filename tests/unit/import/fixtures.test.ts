import { describe, expect, it } from 'vitest';
import { vinProblem } from '../../../shared/vin';
import {
  associatesExport, cortexRouteList, daTablePdfCsv, daTableXlsx, daTrailingSixWeek, dayOfOpsPlan, dspOverviewDashboard, dvicReport,
  fleetVehiclesExport, routeSheet, scorecardPdf, whipAroundReport, withoutExtension, type FixtureFile,
} from '../../fixtures/amazon';

const BUILDERS: [string, (seed: number) => Promise<FixtureFile> | FixtureFile][] = [
  ['fleet', (seed) => fleetVehiclesExport({ seed, vans: 10 })],
  ['day of ops', (seed) => dayOfOpsPlan({ seed, routes: 6 })],
  ['cortex', (seed) => cortexRouteList({ seed, routes: 6 })],
  ['dashboard', (seed) => dspOverviewDashboard({ seed, das: 4 })],
  ['dashboard trailing', (seed) => dspOverviewDashboard({ seed, das: 4, trailing: true })],
  ['DA table CSV', (seed) => daTablePdfCsv({ seed, das: 6 })],
  ['DA table XLSX', (seed) => daTableXlsx({ seed, das: 6 })],
  ['DA trailing', (seed) => daTrailingSixWeek({ seed, das: 6 })],
  ['scorecard PDF', (seed) => scorecardPdf({ seed, das: 6 })],
  ['Whip Around', (seed) => whipAroundReport({ seed, inspections: 6 })],
  ['DVIC', (seed) => dvicReport({ seed, inspections: 6 })],
  ['associates', (seed) => associatesExport({ seed, count: 6 })],
  ['route sheet', (seed) => routeSheet({ seed, routes: 6 })],
];

describe('fixture builders', () => {
  it.each(BUILDERS)('%s: the same seed gives the same bytes, another seed other bytes', async (_name, build) => {
    const [a, b, c] = await Promise.all([build(8), build(8), build(9)]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.equals(c.bytes)).toBe(false);
  });

  it('VINs carry a valid ISO 3779 check digit', async () => {
    const fleet = await fleetVehiclesExport({ seed: 3, vans: 40 });
    const dvic = await dvicReport({ seed: 3 });
    for (const v of [...fleet.vans.map((x) => x.vin), ...dvic.inspections.map((x) => x.vin)]) expect(vinProblem(v), v).toBeNull();
    expect(new Set(fleet.vans.map((v) => v.vin)).size).toBe(40);
  });

  it('file names as Amazon writes them, and without an extension', async () => {
    expect((await dayOfOpsPlan()).fileName).toBe('2026-12-30-DSE4-CYCLE_1-DSP-DayOfOpsPlan.xlsx');
    expect(dspOverviewDashboard({ trailing: true, week: '2026-W47' }).fileName).toBe('DSP_Overview_Dashboard_Trailing_Six_Week_ACME_DSE4_2026-W47.csv');
    expect(withoutExtension('Routes_DSE4_2026-12-30_12_42 (PDT).xlsx')).toBe('Routes_DSE4_2026-12-30_12_42 (PDT)');
  });
});
