import { afterEach, describe, expect, it } from 'vitest';
import { testDesk, type TestDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import { addRoster, csvToXlsxBase64, fixture } from './helpers';
import { AppError } from '../../../shared/errors';

let desk: TestDesk;
afterEach(() => desk?.close());

describe('scorecards.import', () => {
  it('previews the DA Current Week Performance table, lists unknown drivers, writes nothing on a dry run', async () => {
    desk = testDesk();
    await addRoster(desk.ctx);
    const res = await call(desk.ctx, 'scorecards.import', { fileName: 'w47.csv', content: fixture('da-current-week.csv'), week: '2026-W47', dryRun: true });
    expect(res.ok).toBe(true);
    expect(res.drivers).toBe(6);
    expect(res.tiers).toEqual({ 'Fantastic+': 1, Fantastic: 1, Great: 2, Fair: 1, Poor: 1 });
    expect(res.unknownDrivers).toEqual([{ row: 7, transporterId: 'Z9Y8X7W6V5U4T3', name: 'Zed Unknown' }]);
    const cleo = res.rows.find((r) => r.name === 'Cleo Diaz')!;
    expect(cleo.values.dcr).toBe(97.8);
    expect(cleo.values.psb).toBeNull();
    const dev = res.rows.find((r) => r.name === 'Dev Patel')!;
    expect(dev.values.psb).toBeNull();
    expect(res.rows.find((r) => r.name === 'Ana Lopez')!.values.delivered).toBe(1204);
    expect(await call(desk.ctx, 'scorecards.weeks', {})).toEqual([]);
  });

  it('imports, keeps unknown rows, suggests plans, and re-importing replaces the week', async () => {
    desk = testDesk();
    const ids = await addRoster(desk.ctx);
    const first = await call(desk.ctx, 'scorecards.import', { fileName: 'w47.csv', content: fixture('da-current-week.csv'), week: '2026-W47', dryRun: false, companyScore: 79.2, companyTier: 'Fantastic' });
    expect(first.ok).toBe(true);
    expect(first.suggestedPlans).toBeGreaterThan(0);
    const week = await call(desk.ctx, 'scorecards.week', { week: '2026-W47' });
    expect(week.rows).toHaveLength(6);
    expect(week.week.companyScore).toBe(79.2);
    expect(week.rows.find((r) => r.name === 'Zed Unknown')!.driverId).toBeNull();
    expect(week.rows.find((r) => r.name === 'Eve Novak')!.metricTiers.speeding).toBe('Poor');

    const second = await call(desk.ctx, 'scorecards.import', { fileName: 'w47b.csv', content: fixture('older-export.csv'), week: '2026-W47', dryRun: false });
    expect(second.ok).toBe(true);
    expect(second.replaces).toBe(true);
    const again = await call(desk.ctx, 'scorecards.week', { week: '2026-W47' });
    expect(again.rows).toHaveLength(2);
    expect(again.week.companyScore).toBe(79.2); // kept when not given
    const ana = again.rows.find((r) => r.driverId === ids.get('Ana Lopez'))!;
    expect(ana.tier).toBe('Fantastic+');
    expect(ana.values.cc).toBe(99.5);
    expect(ana.values.dsbDnr).toBe(400);
    // Ben has no transporter ID in this file: matched by exact name; "79.2 | Great" → Great.
    const ben = again.rows.find((r) => r.name === 'Ben Carter')!;
    expect(ben.driverId).toBe(ids.get('Ben Carter'));
    expect(ben.tier).toBe('Great');
    const audit = await call(desk.ctx, 'audit.list', { entity: 'scorecard_week' });
    expect(audit.map((a) => a.action)).toEqual(['reimport', 'import']);
  });

  it('reads the same table from XLSX', async () => {
    desk = testDesk();
    await addRoster(desk.ctx);
    const content = await csvToXlsxBase64(fixture('da-current-week.csv'));
    const res = await call(desk.ctx, 'scorecards.import', { fileName: 'w47.xlsx', content, encoding: 'base64', week: '2026-W47', dryRun: true });
    expect(res.errors).toEqual([]);
    expect(res.drivers).toBe(6);
    expect(res.tiers.Poor).toBe(1);
    expect(res.rows.find((r) => r.name === 'Cleo Diaz')!.values.dcr).toBe(97.8);
  });

  it('reports row errors with spreadsheet row numbers and imports nothing', async () => {
    desk = testDesk();
    await addRoster(desk.ctx);
    const csv = [
      'Name,Transporter ID,Overall Tier,DCR,Fico Score,Delivered',
      'Ana Lopez,A1B2C3D4E5F6G7,Fantastic,99%,850,100',
      '',
      'Ben Carter,B2C3D4E5F6G7H8,Excellent,abc,850,1.5',
      'Cleo Diaz,A1B2C3D4E5F6G7,Great,98%,800,100',
    ].join('\n');
    const res = await call(desk.ctx, 'scorecards.import', { fileName: 'bad.csv', content: csv, week: '2026-W47', dryRun: false });
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([
      { row: 4, column: 'Overall Tier', message: expect.stringContaining('"Excellent" is not a tier') },
      { row: 4, column: 'DCR', message: '"abc" is not a number' },
      { row: 4, column: 'Delivered', message: '"1.5" is not a whole number' },
      { row: 5, column: 'Transporter ID', message: 'transporter ID A1B2C3D4E5F6G7 already appears in row 2' },
    ]);
    expect(await call(desk.ctx, 'scorecards.weeks', {})).toEqual([]);
  });

  it('refuses a file without the driver columns and a week that does not exist', async () => {
    desk = testDesk();
    const res = await call(desk.ctx, 'scorecards.import', { fileName: 'x.csv', content: 'Foo,Bar\n1,2', week: '2026-W47', dryRun: true });
    expect(res.ok).toBe(false);
    expect(res.errors[0]).toMatchObject({ row: 1, column: expect.stringContaining('Transporter ID') });
    await expect(call(desk.ctx, 'scorecards.import', { fileName: 'x.csv', content: 'a', week: '2026-W60', dryRun: true })).rejects.toBeInstanceOf(AppError);
  });

  it('recomputes tiers when a week’s thresholds are edited', async () => {
    desk = testDesk();
    await addRoster(desk.ctx);
    const csv = 'Name,Transporter ID,DCR,POD\nAna Lopez,A1B2C3D4E5F6G7,99.0%,99.9%';
    await call(desk.ctx, 'scorecards.import', { fileName: 'a.csv', content: csv, week: '2026-W47', dryRun: false });
    expect((await call(desk.ctx, 'scorecards.week', { week: '2026-W47' })).rows[0]!.tier).toBe('Fantastic');
    await call(desk.ctx, 'scorecards.setThresholds', { week: '2026-W47', thresholds: { dcr: { fantasticPlus: 99.9, fantastic: 99.5, great: 99, fair: 98 } } });
    expect((await call(desk.ctx, 'scorecards.week', { week: '2026-W47' })).rows[0]!.tier).toBe('Great');
    const view = await call(desk.ctx, 'scorecards.thresholds', { week: '2026-W47' });
    expect(view.thresholds.dcr!.great).toBe(99);
    expect(view.defaults.dcr!.great).toBe(97.5);
  });
});
