import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { call } from '../../../electron/services/dispatch';
import { tempDir } from '../../helpers/context';
import { DATE, boardFixture, checkInAll, importSheet, type BoardFixture } from './fixture';

let desk: BoardFixture;
beforeEach(async () => {
  desk = await boardFixture();
  await importSheet(desk);
  await checkInAll(desk);
  const view = await call(desk.ctx, 'board.list', { date: DATE });
  const id = (c: string) => view.routes.find((r) => r.code === c)!.id;
  await call(desk.ctx, 'devices.upsert', { identifier: 'PHONE-7', label: 'Phone 7', vanId: desk.vans['STEP-1'] });
  await call(desk.ctx, 'board.assign', { routeId: id('CX3'), driverId: desk.drivers.Ben, vanId: desk.vans['STEP-1'] });
  await call(desk.ctx, 'board.assign', { routeId: id('CX1'), driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
});
afterEach(() => desk.close());

describe('load-out sheet', () => {
  it('CSV sorted by wave then staging, with driver, van, device, stops, packages', async () => {
    const f = await call(desk.ctx, 'board.loadout', { date: DATE, format: 'csv' });
    expect(f.fileName).toBe('loadout-2026-11-26.csv');
    const text = Buffer.from(f.base64, 'base64').toString('utf8').replace(/^\uFEFF/, '');
    expect(text.split('\r\n').slice(0, 5)).toEqual([
      'Wave,Staging,Route,Service Type,Driver,Van,Device,Stops,Packages',
      '10:05,STG.A1,CX1,Standard Parcel,Ana Alvarez,CDV-1,,150,250',
      '10:05,STG.A2,CX2,Standard Parcel Electric,— unassigned —,,,140,230',
      '10:25,STG.B1,CX3,Standard Parcel Step Van - US,Ben Brooks,STEP-1,Phone 7,120,300',
      '10:25,STG.B2,CX4,Standard Parcel,— unassigned —,,,160,260',
    ]);
  });

  it('PDF with a header and the table (text checked with pdftotext)', async () => {
    const f = await call(desk.ctx, 'board.loadout', { date: DATE, format: 'pdf' });
    const file = path.join(tempDir(), f.fileName);
    fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Load-out sheet — 2026-11-26');
    expect(text).toContain('Test Station (DXX1)');
    expect(text).toMatch(/10:05\s+STG\.A1\s+CX1\s+Ana Alvarez\s+CDV-1/);
    expect(text).toMatch(/10:25\s+STG\.B1\s+CX3\s+Ben Brooks\s+STEP-1\s+Phone 7\s+120\s+300/);
    expect(text.indexOf('CX1')).toBeLessThan(text.indexOf('CX3'));
  });

  it('paginates a long day', async () => {
    const rows = ['Route Code,Wave,Staging Location,Service Type', ...Array.from({ length: 120 }, (_, i) => `R${i + 1},10:${String(5 + (i % 3) * 20).padStart(2, '0')},STG.${i + 1},Standard Parcel`)];
    await call(desk.ctx, 'routes.import', { fileName: 'r.csv', content: rows.join('\n'), date: '2026-11-27', dryRun: false });
    const f = await call(desk.ctx, 'board.loadout', { date: '2026-11-27', format: 'pdf' });
    const file = path.join(tempDir(), f.fileName);
    fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('page 3');
    expect(f.rows).toBe(120);
  });
});
