import { describe, expect, it } from 'vitest';
import type { StandupSummary } from '../../../shared/contract/scorecards';
import type { StationAnswer } from '../../../shared/headoffice';
import { lastPushWords, STANDUP_GROUPS, stationRows, totalOf, withoutFigures, type Figure } from '../../../renderer/screens/headoffice/model';

/** A stand-up with the figures a test sets (the rest empty), as a station's answer. */
function station(code: string, opts: { date?: string; week?: string | null; packages?: number | null; atRisk?: number; drivers?: number }): StationAnswer<StandupSummary> {
  const date = opts.date ?? '2026-12-01';
  const tiers = { 'Fantastic+': 1, Fantastic: 2, Great: 3, Fair: 4, Poor: 5 };
  const data: StandupSummary = {
    date,
    yesterday: { date, routesPlanned: 30, routesRun: 30, packages: opts.packages === undefined ? 9000 : opts.packages, returnsOnTime: 20, returnsLate: 10, returned: 30, rescues: null, rescuesTrend: [], incidents: 0, attendance: null, notes: [] },
    scorecard:
      opts.week === null
        ? null
        : { week: opts.week ?? '2026-W48', companyScore: 80, companyTier: 'Great', previousCompanyScore: null, tiers, previousTiers: null, drivers: opts.drivers ?? 15, moversUp: [], moversDown: [], recognitions: [] },
    atRisk: Array.from({ length: opts.atRisk ?? 0 }, (_, i) => ({ driverId: i, name: `D${i}`, transporterId: `A${i}`, tier: 'Poor' as const, previousTier: 'Fair' as const, score: 1, reasons: [], reason: '' })),
    topic: null,
    topicHistory: [],
    plansDueToday: [],
    trainingDueThisWeek: [],
    trainingExpired: [],
    groundedVans: [],
  };
  return { code, name: `${code} Station`, result: { ok: true, data } };
}
const figure = (key: string): Figure => STANDUP_GROUPS.flatMap((g) => g.figures).find((f) => f.key === key)!;

describe('head-office totals: only where adding up means something', () => {
  it('adds counts of the same day, the same scorecard week, and what is open now', () => {
    const all = [station('AAA1', { packages: 100, atRisk: 2, drivers: 10 }), station('BBB2', { packages: 250, atRisk: 3, drivers: 12 })];
    expect(totalOf(figure('packages'), all)).toEqual({ value: 350 });
    expect(totalOf(figure('atRisk'), all)).toEqual({ value: 5 });
    expect(totalOf(figure('drivers'), all)).toEqual({ value: 22 });
    expect(totalOf(figure('tier:Poor'), all)).toEqual({ value: 10 });
  });

  it('never adds different days or different weeks', () => {
    expect(totalOf(figure('packages'), [station('AAA1', {}), station('BBB2', { date: '2026-11-30' })])).toMatchObject({ value: null, why: 'The stations report different days' });
    expect(totalOf(figure('drivers'), [station('AAA1', {}), station('BBB2', { week: '2026-W47' })]).value).toBeNull();
    // Open items are of now at every station: the weeks do not matter.
    expect(totalOf(figure('atRisk'), [station('AAA1', { atRisk: 1 }), station('BBB2', { week: '2026-W47', atRisk: 1 })])).toEqual({ value: 2 });
  });

  it('a station without the figure, or without figures at all, leaves the total empty and says why', () => {
    expect(totalOf(figure('packages'), [station('AAA1', {}), station('BBB2', { packages: null })])).toMatchObject({ value: null, why: 'BBB2 has no packages' });
    expect(totalOf(figure('rescues'), [station('AAA1', {}), station('BBB2', {})]).value).toBeNull();
    expect(totalOf(figure('drivers'), [station('AAA1', {}), station('BBB2', { week: null })]).value).toBeNull();
    const arriving: StationAnswer<StandupSummary> = { code: 'CCC3', name: 'CCC3', result: { ok: false, error: { code: 'UNAVAILABLE', message: "Station CCC3's copy is still arriving" } } };
    expect(totalOf(figure('packages'), [station('AAA1', {}), arriving])).toMatchObject({ value: null, why: 'No figures from CCC3' });
    expect(withoutFigures(arriving)).toBe("Station CCC3's copy is still arriving");
    expect(withoutFigures(station('AAA1', {}))).toBeNull();
    // One station: there is nothing to add up.
    expect(totalOf(figure('packages'), [station('AAA1', {})]).value).toBeNull();
  });

  it('company scores and tiers are no figure to add', () => {
    const keys = STANDUP_GROUPS.flatMap((g) => g.figures.map((f) => f.key));
    expect(keys.filter((k) => /score|tier$|rate|pct/i.test(k))).toEqual([]);
  });
});

describe('head-office words and rows', () => {
  const now = Date.parse('2026-12-02T09:00:00Z');
  it('last push', () => {
    expect(lastPushWords(null, now)).toBe('never pushed');
    expect(lastPushWords('2026-12-02T08:59:40Z', now)).toBe('last push just now');
    expect(lastPushWords('2026-12-02T08:57:00Z', now)).toBe('last push 3 min ago');
    expect(lastPushWords('2026-12-02T04:00:00Z', now)).toBe('last push 5 h ago');
    expect(lastPushWords('2026-11-28T09:00:00Z', now)).toBe('last push 4 days ago');
  });
  it('every station’s rows tagged with their station; a failed station adds none', () => {
    const rows = stationRows<{ id: number }>([
      { code: 'AAA1', name: 'A', result: { ok: true, data: [{ id: 1 }, { id: 2 }] } },
      { code: 'BBB2', name: 'B', result: { ok: false, error: { code: 'UNAVAILABLE', message: 'arriving' } } },
      { code: 'CCC3', name: 'C', result: { ok: true, data: [{ id: 1 }] } },
    ]);
    expect(rows).toEqual([
      { id: 1, hoStation: 'AAA1', hoStationName: 'A' },
      { id: 2, hoStation: 'AAA1', hoStationName: 'A' },
      { id: 1, hoStation: 'CCC3', hoStationName: 'C' },
    ]);
  });
});
