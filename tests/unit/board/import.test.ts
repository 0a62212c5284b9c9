import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call } from '../../../electron/services/dispatch';
import { parseDistance, parseDuration, parseWave } from '../../../electron/services/board/parse';
import { DATE, boardFixture, checkInAll, importSheet, type BoardFixture } from './fixture';

let desk: BoardFixture;
beforeEach(async () => {
  desk = await boardFixture();
});
afterEach(() => desk.close());

const imp = (content: string, dryRun = false, date = DATE) => call(desk.ctx, 'routes.import', { fileName: 'sheet.csv', content, date, dryRun });

describe('route sheet cell parsers', () => {
  it('durations', () => {
    expect(parseDuration('10:00').value).toBe(600);
    expect(parseDuration('600').value).toBe(600);
    expect(parseDuration('10h').value).toBe(600);
    expect(parseDuration('9h 30m').value).toBe(570);
    expect(parseDuration('9h30').value).toBe(570);
    expect(parseDuration('9.5').value).toBe(570);
    expect(parseDuration('9 hrs 15 min').value).toBe(555);
    expect(parseDuration('').value).toBeNull();
    expect(parseDuration('ten hours').error).toMatch(/not a duration/);
    expect(parseDuration('15h').error).toMatch(/outside 1–14 h/);
    expect(parseDuration('30').error).toMatch(/outside/); // 30 minutes
  });
  it('waves', () => {
    expect(parseWave('10:05').value).toBe('10:05');
    expect(parseWave('9:45').value).toBe('09:45');
    expect(parseWave('10:05 AM').value).toBe('10:05');
    expect(parseWave('1:30 pm').value).toBe('13:30');
    expect(parseWave('12:10 AM').value).toBe('00:10');
    expect(parseWave('12:10 p.m.').value).toBe('12:10');
    expect(parseWave('10:05:00').value).toBe('10:05');
    expect(parseWave('25:00').error).toBeTruthy();
    expect(parseWave('soon').error).toBeTruthy();
  });
  it('distances', () => {
    expect(parseDistance('82').value).toBe(82);
    expect(parseDistance('82 mi').value).toBe(82);
    expect(parseDistance('100 km').value).toBe(62.1);
    expect(parseDistance('-3').error).toMatch(/negative/);
    expect(parseDistance('far').error).toBeTruthy();
  });
});

describe('routes.import', () => {
  it('imports a messy CSV: BOM, CRLF, aliases, quoted multi-line notes, blank trailing rows, other DSPs', async () => {
    const csv =
      '\uFEFFroute,WAVE TIME,stg location,Route Type,Shift Length,# Stops,Pkgs,Route Miles,Vehicle Type,Comments,dsp short code\r\n' +
      'cx1,10:05 AM,STG.A1,Standard Parcel - US,9h 30m,150,"1,250",82 mi,,"gate code 12, ring\r\nthen leave",ACME\r\n' +
      'CX2,1:30 PM,STG.A2,standard parcel electric,600,140,230,100 km,EDV,,acme\r\n' +
      'ZZ9,10:05,STG.Z,Standard Parcel,10h,1,1,1,,,OTHERDSP\r\n' +
      'CX3,10:25,,Standard Parcel - Extra Large Van - US,,,,,,,ACME\r\n' +
      ',,,,,,,,,,\r\n\r\n';
    const res = await imp(csv);
    expect(res).toMatchObject({ ok: true, routes: 4, added: ['CX1', 'CX2', 'CX3'], changed: [], removed: [], skippedOtherDsp: 1, skippedBlankCode: 0, errors: [], warnings: [] });
    expect(res.read).toMatchObject({ kind: 'csv', encoding: 'utf-8-bom', headerRow: 1, skipped: { blank: 0 } });
    const view = await call(desk.ctx, 'board.list', { date: DATE });
    const byCode = Object.fromEntries(view.routes.map((r) => [r.code, r]));
    expect(byCode.CX1).toMatchObject({ wave: '10:05', staging: 'STG.A1', serviceType: 'Standard Parcel - US', plannedDurationMin: 570, stops: 150, packages: 1250, plannedDistanceMi: 82, notes: 'gate code 12, ring\r\nthen leave' });
    expect(byCode.CX2).toMatchObject({ wave: '13:30', serviceType: 'standard parcel electric', plannedDurationMin: 600, plannedDistanceMi: 62.1, vanType: 'EDV', allowedVanClasses: ['electric_van'] });
    // Service types are kept as written and read by keywords: XL takes XL cargo vans (or step vans).
    expect(byCode.CX3).toMatchObject({ serviceType: 'Standard Parcel - Extra Large Van - US', plannedDurationMin: 600, allowedVanClasses: ['xl_cargo', 'step_van'] });
  });

  it('lists every problem with spreadsheet row numbers (a multi-line record is one row) and writes nothing', async () => {
    const csv = [
      'Route Code,Wave,Service Type,Duration,Stops,Packages,Notes',
      'CX1,10:05,Standard Parcel,10h,1,1,"two',
      'lines"',
      'CX1,10:05,Standard Parcel,10h,1,1,dup',
      'C X!,9:99,Bike Route,forever,-2,abc,',
      'CX9,,,,,,',
      ',,Standard Parcel,,,,',
    ].join('\n');
    const res = await imp(csv);
    expect(res.ok).toBe(false);
    expect(res.routes).toBe(5);
    // Every problem in one pass, named by the file's own headers; a blank route code is skipped and counted, not an error.
    expect(res.errors).toEqual([
      { row: 3, column: 'Route Code', message: 'duplicate route code CX1 (already in row 2)' },
      { row: 4, column: 'Route Code', message: expect.stringContaining('is not a route code') },
      { row: 4, column: 'Wave', message: expect.stringContaining('not a wave time') },
      { row: 4, column: 'Duration', message: expect.stringContaining('not a duration') },
      { row: 4, column: 'Stops', message: '-2 cannot be negative' },
      { row: 4, column: 'Packages', message: expect.stringContaining('not a whole number') },
      { row: 5, column: 'Wave', message: 'wave time is required' },
      { row: 5, column: 'Service Type', message: 'service type is required' },
    ]);
    expect(res.skippedBlankCode).toBe(1);
    expect(res.warnings).toEqual([{ row: 6, column: 'Route Code', message: '1 row without a route code skipped (row 6)' }]);
    expect((await call(desk.ctx, 'board.list', { date: DATE })).routes).toHaveLength(0);
  });

  it('reports missing required columns on row 1', async () => {
    const res = await imp('Route,Stops\nCX1,3\n');
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([{ row: 1, column: 'Wave, Service Type', message: expect.stringContaining('Missing columns "Wave", "Service Type"') }]);
  });

  it('a dry run previews without writing', async () => {
    const res = await imp('Route,Wave,Service Type\nCX1,10:05,Standard Parcel\n', true);
    expect(res).toMatchObject({ ok: true, dryRun: true, added: ['CX1'] });
    expect((await call(desk.ctx, 'board.list', { date: DATE })).routes).toHaveLength(0);
  });

  it('re-import updates by code, reports added/changed/removed, keeps valid assignments and drops invalid ones', async () => {
    await importSheet(desk);
    await checkInAll(desk);
    const view = await call(desk.ctx, 'board.list', { date: DATE });
    const id = (code: string) => view.routes.find((r) => r.code === code)!.id;
    await call(desk.ctx, 'board.assign', { routeId: id('CX1'), driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
    await call(desk.ctx, 'board.assign', { routeId: id('CX4'), driverId: desk.drivers.Ben, vanId: desk.vans['CDV-2'] });
    await call(desk.ctx, 'board.assign', { routeId: id('CX2'), driverId: desk.drivers.Cy, vanId: desk.vans['EDV-1'] });
    const next = [
      'Route Code,Wave,Staging Location,Service Type,Route Duration,Stops,Packages,Distance,DSP',
      'CX1,10:05,STG.A1,Standard Parcel,8h,155,250,80 mi,ACME', // stops changed, assignment still valid
      'CX2,10:05,STG.A2,Standard Parcel Electric,8:00,140,230,90,ACME', // unchanged
      'CX4,10:25,STG.B2,Standard Parcel Electric,8.5,160,260,70,ACME', // now needs an EDV → CDV-2 invalid
      'CX5,10:45,STG.C1,Standard Parcel,8,100,200,50,ACME', // new
    ].join('\n'); // CX3 removed
    const preview = await imp(next, true);
    expect(preview).toMatchObject({ ok: true, added: ['CX5'], changed: ['CX1', 'CX4'], removed: ['CX3'], unchanged: 1 });
    expect(preview.droppedAssignments).toEqual([{ routeCode: 'CX4', driverName: 'Ben Brooks', reason: expect.stringContaining('CDV-2') }]);
    expect((await call(desk.ctx, 'board.list', { date: DATE })).routes.find((r) => r.code === 'CX4')!.assignment).not.toBeNull();
    const res = await imp(next);
    expect(res).toMatchObject({ ok: true, keptAssignments: 2 });
    const after = await call(desk.ctx, 'board.list', { date: DATE });
    expect(after.routes.map((r) => [r.code, r.driver?.name ?? null])).toEqual([
      ['CX1', 'Ana Alvarez'],
      ['CX2', 'Cy Chen'],
      ['CX4', null],
      ['CX5', null],
    ]);
    expect(after.routes[0]!.id).toBe(id('CX1'));
    expect(after.routes[0]!.stops).toBe(155);
  });

  it('imports XLSX (first sheet, time cells)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Solution');
    ws.addRow(['Route Code', 'Service Type', 'DSP', 'Wave', 'Staging Location']);
    ws.addRow(['CX21', 'Standard Parcel - Extra Large Van - US', 'ACME', new Date(Date.UTC(1899, 11, 30, 10, 25)), 'STG.G9']);
    ws.addRow(['CX22', 'Standard Parcel - US', 'OTHR', '10:45', 'STG.G10']);
    ws.addRow(['CX23', 'Standard Parcel - US', 'ACME', '10:45 AM', 'STG.G11']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await call(desk.ctx, 'routes.import', { fileName: 'DayOfOps.xlsx', content: buf.toString('base64'), encoding: 'base64', date: DATE, dryRun: false });
    expect(res).toMatchObject({ ok: true, routes: 3, added: ['CX21', 'CX23'], skippedOtherDsp: 1 });
    const view = await call(desk.ctx, 'board.list', { date: DATE });
    expect(view.routes.map((r) => [r.code, r.wave])).toEqual([
      ['CX21', '10:25'],
      ['CX23', '10:45'],
    ]);
  });
});
