import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { call, dispatch } from '../../../electron/services/dispatch';
import { tempDir } from '../../helpers/context';
import { DATE, boardFixture, checkInAll, importSheet, type BoardFixture } from './fixture';

let desk: BoardFixture;
let id: (code: string) => number;
beforeEach(async () => {
  desk = await boardFixture();
  await importSheet(
    desk,
    [
      'Route Code,Wave,Staging Location,Service Type,Route Duration,Stops,Packages,Distance,Notes',
      'CX1,10:05,STG.A1,Standard Parcel,8h,150,250,80 mi,"Gate code #4521, dock 3"',
      'CX2,10:05,STG.A2,Standard Parcel Electric,8:00,140,230,90,',
      'CX3,10:25,STG.B1,Standard Parcel Step Van - US,9h,120,300,60,',
      'CX4,10:25,STG.B2,Standard Parcel,8.5,160,260,70,',
      'RA1,10:25,STG.B1,Ride Along,9h,0,0,0,New hire',
    ].join('\n'),
  );
  await checkInAll(desk);
  await call(desk.ctx, 'roster.upsert', { id: desk.drivers.Ana, transporterId: 'A0000000000001', name: 'Ana Alvarez', qualifications: ['CDV', 'EDV'], licenceExpiry: '2028-01-01', phone: '206-555-0101' });
  desk.opened.sqlite.prepare(`UPDATE vans SET charging_bay = 'CB-07', state_of_charge_pct = 80 WHERE id = ?`).run(desk.vans['EDV-1']);
  const view = await call(desk.ctx, 'board.list', { date: DATE });
  id = (c: string) => view.routes.find((r) => r.code === c)!.id;
  await call(desk.ctx, 'devices.upsert', { identifier: 'PHONE-7', label: 'Phone 7', vanId: desk.vans['STEP-1'] });
  await call(desk.ctx, 'board.assign', { routeId: id('CX3'), driverId: desk.drivers.Ben, vanId: desk.vans['STEP-1'] });
  await call(desk.ctx, 'board.assign', { routeId: id('CX1'), driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
  await call(desk.ctx, 'board.assign', { routeId: id('CX2'), driverId: desk.drivers.Cy, vanId: desk.vans['EDV-1'] });
  await call(desk.ctx, 'board.assign', { routeId: id('RA1'), driverId: desk.drivers.Eve, vanId: null, override: { reason: 'licence renewal booked' } });
});
afterEach(() => desk.close());

const csvLines = (b64: string) => Buffer.from(b64, 'base64').toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
function pdfText(f: { fileName: string; base64: string }) {
  const file = path.join(tempDir(), f.fileName);
  fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

describe('load-out sheet', () => {
  it('CSV: wave, staging, route, service type, driver and phone, helper or trainer, van with EV charge and bay, device, notes', async () => {
    const f = await call(desk.ctx, 'board.loadout', { date: DATE, format: 'csv' });
    expect(f.fileName).toBe('loadout-2026-11-26.csv');
    const lines = csvLines(f.base64);
    expect(lines.slice(0, 6)).toEqual([
      'Wave,Staging,Route,Service Type,Driver,Driver Phone,Helper / Trainer,Van,EV Charge / Bay,Device,Notes,Stops,Packages,Status',
      '10:05,STG.A1,CX1,Standard Parcel,Ana Alvarez,206-555-0101,,CDV-1,,,"Gate code #4521, dock 3",150,250,',
      '10:05,STG.A2,CX2,Standard Parcel Electric,Cy Chen,,,EDV-1,EV 80 % · bay CB-07,,,140,230,',
      '10:25,STG.B1,CX3,Standard Parcel Step Van - US,Ben Brooks,,Ride-along: Eve Expiring (RA1),STEP-1,,Phone 7,,120,300,',
      '10:25,STG.B1,RA1,Ride Along,Eve Expiring,,Trainer: Ben Brooks (CX3),,,,New hire,0,0,',
      '10:25,STG.B2,CX4,Standard Parcel,— unassigned —,,,,,,,160,260,Unassigned',
    ]);
  });

  it('PDF: a page per wave, station time, notes and charge on the sheet', async () => {
    // The clock is 13:00 UTC = 08:00 in New York (the fixture station's zone): never UTC.
    const text = pdfText(await call(desk.ctx, 'board.loadout', { date: DATE, format: 'pdf' }));
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Load-out — 2026-11-26 — wave 10:05');
    expect(pages[0]).toContain('printed 2026-11-26 08:00 station time');
    expect(pages[0]).toContain('Test Station (DXX1)');
    expect(pages[0]).toMatch(/STG\.A1\s+CX1\s+Standard Parcel\s+Ana Alvarez/);
    expect(pages[0]).toContain('Gate code #4521, dock 3');
    expect(pages[0]).toContain('206-555-0101');
    expect(pages[0]).toContain('EV 80 % · bay CB-07');
    expect(pages[0]).not.toContain('CX3');
    expect(pages[1]).toContain('wave 10:25');
    expect(pages[1]).toMatch(/STG\.B1\s+CX3\s+Standard Parcel Step.*Ben Brooks\s+Ride-along: Eve/);
    expect(pages[1]).toContain('Phone 7');
    expect(text).not.toContain('UTC');
  });

  it('paginates a long wave', async () => {
    const rows = ['Route Code,Wave,Staging Location,Service Type', ...Array.from({ length: 120 }, (_, i) => `R${i + 1},10:05,STG.${i + 1},Standard Parcel`)];
    await call(desk.ctx, 'routes.import', { fileName: 'r.csv', content: rows.join('\n'), date: '2026-11-27', dryRun: false });
    const f = await call(desk.ctx, 'board.loadout', { date: '2026-11-27', format: 'pdf' });
    const text = pdfText(f);
    expect(text).toContain('wave 10:05 (continued)');
    expect(text).toContain('page 3');
    expect(f.rows).toBe(120);
  });

  it('a van grounded after assignment (failed DVIR): the route is in conflict everywhere; the load-out refuses (PDF and CSV) with 409 naming it', async () => {
    await call(desk.ctx, 'fleet.inspect', { vanId: desk.vans['CDV-1'], inspector: 'Ana Alvarez', items: [{ itemCode: 'brakes', passed: false, note: 'grinding' }] });
    const board = await call(desk.ctx, 'board.list', { date: DATE });
    const cx1 = board.routes.find((r) => r.code === 'CX1')!;
    expect(cx1).toMatchObject({ inConflict: true });
    expect(cx1.conflicts.map((c) => c.rule)).toContain('VAN_NOT_READY');
    expect(board.counts.conflicts).toBe(1);
    for (const format of ['pdf', 'csv'] as const) {
      const res = await dispatch(desk.ctx, 'board.loadout', { date: DATE, format });
      expect(res.ok).toBe(false);
      if (res.ok) continue;
      expect(res.error.code).toBe('CONFLICT');
      expect(res.error.message).toContain('CX1 (Van not ready: CDV-1 is grounded');
      expect(res.error.details).toEqual({ conflicts: [expect.objectContaining({ routeCode: 'CX1', reasons: [expect.stringContaining('Van not ready: CDV-1 is grounded')] })] });
    }
  });

  it('a driver called out after assignment: in conflict; printing anyway is a separate, audited write that marks the route NOT READY', async () => {
    await call(desk.ctx, 'checkin.set', { date: DATE, driverId: desk.drivers.Ben, status: 'called_out', note: 'sick' });
    const res = await dispatch(desk.ctx, 'board.loadout', { date: DATE, format: 'csv' });
    expect(res.ok ? null : res.error.message).toMatch(/CX3 \(Driver not available: Ben Brooks is called out/);
    // A reason is required.
    expect((await dispatch(desk.ctx, 'board.loadoutAnyway', { date: DATE, format: 'csv' })).ok).toBe(false);
    const f = await call(desk.ctx, 'board.loadoutAnyway', { date: DATE, format: 'csv', reason: 'Trainer covers CX3, board updated after launch' });
    expect(f.notReady).toEqual(['CX3']);
    expect(f.fileName).toBe('loadout-2026-11-26-NOT-READY.csv');
    const cx3 = csvLines(f.base64).find((l) => l.includes(',CX3,'))!;
    expect(cx3).toContain('NOT READY — reassign: Ben Brooks is called out on 2026-11-26');
    const pdf = await call(desk.ctx, 'board.loadoutAnyway', { date: DATE, format: 'pdf', reason: 'Printing for the wall' });
    expect(pdfText(pdf)).toContain('NOT READY — reassign');
    const audit = await call(desk.ctx, 'audit.list', { entity: 'loadout', entityId: DATE });
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ['print anyway', 'Printing for the wall'],
      ['print anyway', 'Trainer covers CX3, board updated after launch'],
    ]);
    expect(audit[0]!.after).toMatchObject({ format: 'pdf', notReady: [expect.objectContaining({ routeCode: 'CX3' })] });
  });

  it('auto-assign repairs only the conflicted routes; good assignments stay', async () => {
    await call(desk.ctx, 'fleet.inspect', { vanId: desk.vans['CDV-1'], inspector: 'Ana Alvarez', items: [{ itemCode: 'brakes', passed: false }] });
    const before = await call(desk.ctx, 'board.list', { date: DATE });
    const plan = await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: true });
    expect(plan.repaired).toEqual([expect.objectContaining({ routeCode: 'CX1', reason: expect.stringContaining('CDV-1 is grounded') })]);
    const cx1 = plan.proposals.find((p) => p.routeCode === 'CX1')!;
    expect(cx1.vanName).not.toBe('CDV-1');
    const after = await call(desk.ctx, 'board.list', { date: DATE });
    expect(after.counts.conflicts).toBe(0);
    for (const code of ['CX2', 'CX3', 'RA1']) {
      const a = before.routes.find((r) => r.code === code)!.assignment!;
      expect(after.routes.find((r) => r.code === code)!.assignment).toMatchObject({ id: a.id, driverId: a.driverId, vanId: a.vanId });
    }
    expect((await dispatch(desk.ctx, 'board.loadout', { date: DATE, format: 'csv' })).ok).toBe(true);
    // Without repair, a conflicted route is left alone.
    await call(desk.ctx, 'checkin.set', { date: DATE, driverId: desk.drivers.Ben, status: 'called_out', note: 'flat tyre at home' });
    expect((await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: false, repair: false })).repaired).toEqual([]);
  });

  it('accepting a proposal that takes the driver of a route in conflict releases that broken assignment (audited), never double-books', async () => {
    await call(desk.ctx, 'fleet.inspect', { vanId: desk.vans['CDV-1'], inspector: 'Ana Alvarez', items: [{ itemCode: 'brakes', passed: false }] });
    const res = await call(desk.ctx, 'board.applyProposals', { date: DATE, proposals: [{ routeId: id('CX4'), driverId: desk.drivers.Ana, vanId: desk.vans['CDV-2'] }] });
    expect(res.routes.map((r) => [r.code, r.driver?.name])).toEqual([['CX4', 'Ana Alvarez']]);
    const board = await call(desk.ctx, 'board.list', { date: DATE });
    expect(board.routes.find((r) => r.code === 'CX1')).toMatchObject({ assignment: null, inConflict: false, status: 'planned' });
    expect(board.counts.conflicts).toBe(0);
    const audit = await call(desk.ctx, 'audit.list', { entity: 'route', entityId: String(id('CX1')) });
    expect(audit[0]).toMatchObject({ action: 'auto-assign (released: in conflict)' });
    expect(audit[0]!.reason).toContain('CDV-1 is grounded');
    // Undo takes the new assignment back; the broken one stays released (putting it back would be refused).
    await call(desk.ctx, 'board.restore', res.undo);
    const back = await call(desk.ctx, 'board.list', { date: DATE });
    expect(back.routes.find((r) => r.code === 'CX4')!.assignment).toBeNull();
    expect(back.routes.find((r) => r.code === 'CX1')!.assignment).toBeNull();
  });
});
