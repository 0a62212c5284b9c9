import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { AppError } from '../../../shared/errors';
import { DATE, boardFixture, checkInAll, importSheet, type BoardFixture } from './fixture';

let desk: BoardFixture;
beforeEach(async () => {
  desk = await boardFixture();
  await importSheet(desk);
});
afterEach(() => desk.close());

const routeId = async (code: string) => (await call(desk.ctx, 'board.list', { date: DATE })).routes.find((r) => r.code === code)!.id;

async function conflictOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('CONFLICT');
    return (err.details as { conflicts: { rule: string; severity: string }[] }).conflicts;
  }
  throw new Error('expected a CONFLICT');
}

describe('board service', () => {
  it('lists the board with counts and side panels (default date = station today)', async () => {
    const view = await call(desk.ctx, 'board.list', {});
    expect(view.date).toBe(DATE);
    expect(view.routes.map((r) => r.code)).toEqual(['CX1', 'CX2', 'CX3', 'CX4']);
    expect(view.counts).toMatchObject({ routes: 4, assigned: 0, unassigned: 4, readyVans: 6, availableDrivers: 5 });
    expect(view.readyVans.map((v) => v.name)).not.toContain('CDV-GROUNDED');
    expect(view.readyVans.find((v) => v.name === 'EDV-LOW')!.rangeMi).toBe(60);
    expect(view.routes[2]!.allowedVanClasses).toEqual(['step_van']);
  });

  it('assigns, refuses hard conflicts with 409 details, and needs a reason for soft ones', async () => {
    const cx1 = await routeId('CX1');
    // Not here yet is a state, not a warning: the assignment is saved and the row says so.
    const res = await call(desk.ctx, 'board.assign', { routeId: cx1, driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
    expect(res.routes[0]!.driver!.name).toBe('Ana Alvarez');
    expect(res.routes[0]).toMatchObject({ conflicts: [], inConflict: false, driverHere: false });
    expect(res.undo).toEqual({ states: [{ routeId: cx1, assignment: null }] });
    await checkInAll(desk);
    expect((await call(desk.ctx, 'board.list', {})).routes.find((r) => r.id === cx1)!.driverHere).toBe(true);
    let conflicts: { rule: string; severity: string }[];
    // Same driver on another route → DRIVER_DOUBLE_BOOKED; grounded van → VAN_NOT_READY.
    const cx4 = await routeId('CX4');
    conflicts = await conflictOf(call(desk.ctx, 'board.assign', { routeId: cx4, driverId: desk.drivers.Ana, vanId: desk.vans['CDV-GROUNDED'] }));
    expect(conflicts.map((c) => c.rule)).toEqual(['DRIVER_DOUBLE_BOOKED', 'VAN_NOT_READY']);
    // Van type / qualification.
    const cx3 = await routeId('CX3');
    conflicts = await conflictOf(call(desk.ctx, 'board.assign', { routeId: cx3, driverId: desk.drivers.Cy, vanId: desk.vans['CDV-2'] }));
    expect(conflicts.map((c) => c.rule)).toEqual(['VAN_TYPE_MISMATCH', 'DRIVER_NOT_QUALIFIED']);
    // Expired licence is hard even with an override.
    conflicts = await conflictOf(
      call(desk.ctx, 'board.assign', { routeId: cx4, driverId: desk.drivers.Dee, vanId: desk.vans['CDV-2'], override: { reason: 'short staffed' } }),
    );
    expect(conflicts.map((c) => c.rule)).toContain('LICENCE_EXPIRED');
  });

  it('saves a soft conflict with an override reason and audits the reason', async () => {
    await checkInAll(desk);
    const cx2 = await routeId('CX2');
    const conflicts = await conflictOf(call(desk.ctx, 'board.assign', { routeId: cx2, driverId: desk.drivers.Eve, vanId: desk.vans['EDV-LOW'] }));
    // EDV-LOW: 40 % of 150 mi = 60 mi for a 90 mi route.
    expect(conflicts.map((c) => c.rule).sort()).toEqual(['EV_RANGE', 'LICENCE_EXPIRING']);
    expect(conflicts.every((c) => c.severity === 'soft')).toBe(true);
    const res = await call(desk.ctx, 'board.assign', { routeId: cx2, driverId: desk.drivers.Eve, vanId: desk.vans['EDV-LOW'], override: { reason: 'charging at lunch' } });
    expect(res.overridden.map((c) => c.rule).sort()).toEqual(['EV_RANGE', 'LICENCE_EXPIRING']);
    expect(res.routes[0]!.assignment!.overrideReason).toBe('charging at lunch');
    // Once assigned, fleet readiness also flags the van's short range (VAN_ATTENTION) on the row.
    expect(res.routes[0]!.conflicts.map((c) => c.rule)).toEqual(expect.arrayContaining(['EV_RANGE', 'LICENCE_EXPIRING']));
    const audit = await call(desk.ctx, 'audit.list', { entity: 'route', entityId: String(cx2) });
    expect(audit[0]!.action).toBe('assign (override)');
    expect(audit[0]!.reason).toContain('charging at lunch');
    expect(audit[0]!.reason).toContain('EV_RANGE');
  });

  it('defaults the device to the van’s linked device', async () => {
    await checkInAll(desk);
    const dev = await call(desk.ctx, 'devices.upsert', { identifier: 'PHONE-1', vanId: desk.vans['CDV-1'] });
    const res = await call(desk.ctx, 'board.assign', { routeId: await routeId('CX1'), driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
    expect(res.routes[0]!.device!.id).toBe(dev.id);
  });

  it('check is a dry run', async () => {
    const r = await call(desk.ctx, 'board.check', { routeId: await routeId('CX3'), driverId: desk.drivers.Ana });
    expect(r.conflicts.map((c) => c.rule)).toEqual(['VAN_REQUIRED']);
    expect(r.hard).toBe(true);
    const v = await call(desk.ctx, 'board.check', { routeId: await routeId('CX3'), vanId: desk.vans['STEP-1'] });
    expect(v.ok).toBe(true);
  });

  it('unassign, swap, pin and restore (undo/redo) round-trip', async () => {
    await checkInAll(desk);
    const [cx1, cx4] = [await routeId('CX1'), await routeId('CX4')];
    await call(desk.ctx, 'board.assign', { routeId: cx1, driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
    await call(desk.ctx, 'board.assign', { routeId: cx4, driverId: desk.drivers.Ben, vanId: desk.vans['CDV-2'] });
    const swap = await call(desk.ctx, 'board.swap', { routeIdA: cx1, routeIdB: cx4 });
    expect(swap.routes.map((r) => [r.code, r.driver!.name, r.van!.name])).toEqual([
      ['CX1', 'Ben Brooks', 'CDV-1'],
      ['CX4', 'Ana Alvarez', 'CDV-2'],
    ]);
    // Undo the swap, then redo it with the undo's undo.
    const undone = await call(desk.ctx, 'board.restore', swap.undo);
    expect(undone.routes.map((r) => r.driver!.name)).toEqual(['Ana Alvarez', 'Ben Brooks']);
    const redone = await call(desk.ctx, 'board.restore', undone.undo);
    expect(redone.routes.map((r) => r.driver!.name)).toEqual(['Ben Brooks', 'Ana Alvarez']);
    const pin = await call(desk.ctx, 'board.pin', { routeId: cx1, pinned: true });
    expect(pin.routes[0]!.assignment!.pinned).toBe(true);
    const un = await call(desk.ctx, 'board.unassign', { routeId: cx1 });
    expect(un.routes[0]!.assignment).toBeNull();
    const back = await call(desk.ctx, 'board.restore', un.undo);
    expect(back.routes[0]!.assignment).toMatchObject({ driverId: desk.drivers.Ben, pinned: true });
    // Restoring onto a van grounded since is refused.
    const un2 = await call(desk.ctx, 'board.unassign', { routeId: cx1 });
    desk.opened.sqlite.prepare(`UPDATE vans SET status = 'grounded' WHERE id = ?`).run(desk.vans['CDV-1']);
    const refused = await conflictOf(call(desk.ctx, 'board.restore', un2.undo));
    expect(refused.map((c) => c.rule)).toEqual(['VAN_NOT_READY']);
  });

  it('swap checks the rules for both new pairs', async () => {
    await checkInAll(desk);
    const [cx2, cx3] = [await routeId('CX2'), await routeId('CX3')];
    await call(desk.ctx, 'board.assign', { routeId: cx2, driverId: desk.drivers.Cy, vanId: desk.vans['EDV-1'] });
    await call(desk.ctx, 'board.assign', { routeId: cx3, driverId: desk.drivers.Ben, vanId: desk.vans['STEP-1'] });
    const conflicts = await conflictOf(call(desk.ctx, 'board.swap', { routeIdA: cx2, routeIdB: cx3 }));
    expect(conflicts).toEqual([expect.objectContaining({ rule: 'DRIVER_NOT_QUALIFIED', severity: 'hard' })]);
  });

  it('check-in sets day statuses with time and returns the previous one', async () => {
    const r1 = await call(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ana, status: 'checked_in' });
    expect(r1.previous.status).toBe('scheduled');
    expect(r1.entry).toMatchObject({ status: 'checked_in', checkedInAt: '2026-11-26T13:00:00.000Z' });
    const r2 = await call(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ana, status: 'called_out', note: 'sick' });
    expect(r2.previous).toMatchObject({ status: 'checked_in' });
    const list = await call(desk.ctx, 'checkin.list', {});
    expect(list.find((e) => e.driverId === desk.drivers.Ana)).toMatchObject({ status: 'called_out', checkedInAt: null, note: 'sick' });
    const view = await call(desk.ctx, 'board.list', {});
    expect(view.counts.availableDrivers).toBe(4);
    const conflicts = await conflictOf(call(desk.ctx, 'board.assign', { routeId: await routeId('CX1'), driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] }));
    expect(conflicts.map((c) => c.rule)).toEqual(['DRIVER_UNAVAILABLE']);
  });

  it('owners cannot write', async () => {
    const owner = desk.as({ name: 'owner-laptop', role: 'owner' });
    await expect(call(owner, 'board.unassign', { routeId: await routeId('CX1') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(owner, 'board.list', {})).resolves.toBeTruthy();
  });

  it('working hours from history make soft conflicts', async () => {
    await checkInAll(desk);
    // Ana drove CX1 (8 h) on 6 previous days → CONSECUTIVE_DAYS and WEEKLY_HOURS (7 × 8 h 45 on duty = 61 h 15).
    for (let d = 20; d <= 25; d++) {
      const date = `2026-11-${d}`;
      await importSheet(desk, 'Route Code,Wave,Service Type,Duration\nCX1,10:05,Standard Parcel,8h', date);
      const rid = (await call(desk.ctx, 'board.list', { date })).routes[0]!.id;
      await call(desk.ctx, 'board.assign', { routeId: rid, driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'], override: { reason: 'history' } });
    }
    const r = await call(desk.ctx, 'board.check', { routeId: await routeId('CX1'), driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
    expect(r.conflicts.map((c) => c.rule).sort()).toEqual(['CONSECUTIVE_DAYS', 'WEEKLY_HOURS']);
    const view = await call(desk.ctx, 'board.list', {});
    expect(view.availableDrivers.find((d) => d.id === desk.drivers.Ana)!.hoursThisWeek).toBe(52.5); // 6 × (30 min + 8 h + 15 min)
  });

  it('board.setLimits: every limit editable and validated, used by the rules at once, audited', async () => {
    const before = await call(desk.ctx, 'board.limits', {});
    expect(before).toMatchObject({ maxDailyHours: 10, preTripMin: 30, postTripMin: 15, stationTimeMin: 45, overtimeWeeklyHours: 40, vanDueMarginMi: 20, evRangeFactor: 1.2, evRangeMarginMi: 10 });
    await checkInAll(desk);
    // A 9 h 20 route: 10 h 05 on duty with the defaults → DAILY_HOURS; with a 25-min pre-trip it fits.
    await importSheet(desk, 'Route Code,Wave,Service Type,Duration\nCX9,10:05,Standard Parcel,9h 20m');
    const cx9 = await routeId('CX9');
    const check = () => call(desk.ctx, 'board.check', { routeId: cx9, driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
    expect((await check()).conflicts.map((c) => c.rule)).toEqual(['DAILY_HOURS']);
    const after = await call(desk.ctx, 'board.setLimits', { preTripMin: 25, postTripMin: 10 });
    expect(after).toMatchObject({ preTripMin: 25, postTripMin: 10, stationTimeMin: 35, maxDailyHours: 10 });
    expect((await check()).conflicts).toEqual([]);
    // Out of range, unknown fields and a day eaten by pre-trip and return are refused; nothing changes.
    for (const bad of [{ evRangeFactor: 0.5 }, { preTripMin: -1 }, { stationTimeMin: 60 }, { preTripMin: 240, postTripMin: 240, maxDailyHours: 8 }, { overtimeWeeklyHours: 70 }]) {
      await expect(call(desk.ctx, 'board.setLimits', bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(await call(desk.ctx, 'board.limits', {})).toEqual(after);
    const audit = await call(desk.ctx, 'audit.list', { entity: 'settings', entityId: 'board' });
    expect(audit[0]).toMatchObject({ action: 'update', before: { preTripMin: 30, postTripMin: 15 }, after: { preTripMin: 25, postTripMin: 10 } });
  });
});
