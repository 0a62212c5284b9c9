import { afterEach, describe, expect, it } from 'vitest';
import { call, dispatch } from '../../../electron/services/dispatch';
import { boardFixture, DATE, importSheet, type BoardFixture } from '../board/fixture';
import { fixedClock } from '../../../shared/dates';
import { addDays } from '../../../shared/station-time';

// The fixture's station is in New York; its clock reads 08:00 there on DATE (13:00Z). Waves 10:05 and 10:25.
let desk: BoardFixture;
afterEach(() => desk?.close());

const at = (iso: string) => ({ ...desk.ctx, clock: fixedClock(iso) });
const entry = async (driverId: number, date = DATE) => (await call(desk.ctx, 'checkin.day', { date })).entries.find((e) => e.driverId === driverId)!;

describe("the day's expected list comes from the schedule", () => {
  it('with no schedule for the day, says so and expects every active driver', async () => {
    desk = await boardFixture();
    const day = await call(desk.ctx, 'checkin.day', {});
    expect(day).toMatchObject({ date: DATE, today: DATE, hasSchedule: false, notice: expect.stringMatching(/No schedule for this day/) });
    expect(day.entries.every((e) => e.group === 'expected' && e.status === 'scheduled')).toBe(true);
    expect(day.counts).toEqual({ expected: 5, standby: 0, not_expected: 0 });
  });

  it('working drivers are expected, standbys apart, the others not expected (off unless they check in)', async () => {
    desk = await boardFixture();
    const { Ana, Ben, Cy } = desk.drivers;
    await call(desk.ctx, 'schedule.set', { cells: [{ driverId: Ana!, date: DATE, state: 'working' }, { driverId: Ben!, date: DATE, state: 'standby' }, { driverId: Cy!, date: DATE, state: 'requested_off' }] });
    const day = await call(desk.ctx, 'checkin.day', {});
    expect(day.hasSchedule).toBe(true);
    expect(day.notice).toBeNull();
    const g = Object.fromEntries(day.entries.map((e) => [e.name.split(' ')[0], [e.group, e.status, e.scheduled]]));
    expect(g).toEqual({
      Ana: ['expected', 'scheduled', 'working'],
      Ben: ['standby', 'scheduled', 'standby'],
      Cy: ['not_expected', 'off', 'requested_off'],
      Dee: ['not_expected', 'off', null],
      Eve: ['not_expected', 'off', null],
    });
    // The board counts only the drivers the schedule expects (and standbys) as available.
    const board = await call(desk.ctx, 'board.list', {});
    expect(board.counts.availableDrivers).toBe(2);
    // A driver not expected who turns up anyway is checked in like anyone else.
    await call(desk.ctx, 'checkin.set', { driverId: Cy!, status: 'checked_in' });
    expect(await entry(Cy!)).toMatchObject({ status: 'checked_in', group: 'not_expected', checkedInAt: '2026-11-26T13:00:00.000Z' });
  });
});

describe('call-outs, no-shows and late check-ins', () => {
  it('a call-out needs a reason and is recorded with the server time', async () => {
    desk = await boardFixture();
    const refused = await dispatch(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ana, status: 'called_out' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/reason/) } });
    const later = at('2026-11-26T11:10:00Z'); // 06:10 in New York
    await call(later, 'checkin.set', { driverId: desk.drivers.Ana, status: 'called_out', note: 'Sick, called at 06:10' });
    expect(await entry(desk.drivers.Ana!)).toMatchObject({ status: 'called_out', note: 'Sick, called at 06:10', statusAt: '2026-11-26T11:10:00.000Z', checkedInAt: null });
    const ns = await dispatch(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ben, status: 'no_show', note: '' });
    expect(ns.ok).toBe(false);
  });

  it('late: a check-in after the wave minus the report time (30 min) — 09:35 is on time, 09:35:01 late', async () => {
    desk = await boardFixture();
    await importSheet(desk); // first wave 10:05 → report by 09:35
    await call(at('2026-11-26T14:35:00Z'), 'checkin.set', { driverId: desk.drivers.Ana, status: 'checked_in' });
    await call(at('2026-11-26T14:35:01Z'), 'checkin.set', { driverId: desk.drivers.Ben, status: 'checked_in' });
    expect((await entry(desk.drivers.Ana!)).status).toBe('checked_in');
    expect(await entry(desk.drivers.Ben!)).toMatchObject({ status: 'late', checkedInAt: '2026-11-26T14:35:01.000Z' });
  });

  it('the report time follows the driver’s own route: a 10:25 route is on time at 09:50', async () => {
    desk = await boardFixture();
    await importSheet(desk);
    const cx4 = (await call(desk.ctx, 'board.list', {})).routes.find((r) => r.code === 'CX4')!;
    await call(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ana, status: 'checked_in' });
    await call(desk.ctx, 'board.assign', { routeId: cx4.id, driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'] });
    await call(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ana, status: 'scheduled' });
    await call(at('2026-11-26T14:50:00Z'), 'checkin.set', { driverId: desk.drivers.Ana, status: 'checked_in' });
    expect((await entry(desk.drivers.Ana!)).status).toBe('checked_in');
  });
});

describe('check-in is for today only, at the server’s clock', () => {
  it.each([
    ['tomorrow', addDays(DATE, 1)],
    ['yesterday', addDays(DATE, -1)],
  ])('refuses a check-in for %s (409) and changes nothing', async (_, date) => {
    desk = await boardFixture();
    for (const status of ['checked_in', 'late'] as const) {
      const r = await dispatch(desk.ctx, 'checkin.set', { date, driverId: desk.drivers.Ana, status });
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `Check-in is only possible for today (${DATE} at the station), not ${date}` } });
    }
    const bulk = await dispatch(desk.ctx, 'checkin.bulk', { date, driverIds: [desk.drivers.Ana] });
    expect(bulk).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await entry(desk.drivers.Ana!, date)).status).toBe('scheduled');
  });

  it('a call-out may be recorded ahead; a no-show may not', async () => {
    desk = await boardFixture();
    const tomorrow = addDays(DATE, 1);
    await call(desk.ctx, 'checkin.set', { date: tomorrow, driverId: desk.drivers.Ana, status: 'called_out', note: 'Dentist' });
    expect((await entry(desk.drivers.Ana!, tomorrow)).status).toBe('called_out');
    expect(await dispatch(desk.ctx, 'checkin.set', { date: tomorrow, driverId: desk.drivers.Ben, status: 'no_show', note: 'did not come' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('a time given by the desk must be earlier today (never the future, never another day)', async () => {
    desk = await boardFixture();
    const future = await dispatch(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ana, status: 'checked_in', at: '2026-11-26T13:00:01Z' });
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const yesterday = await dispatch(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ana, status: 'checked_in', at: '2026-11-26T04:59:00Z' }); // 23:59 the day before in New York
    expect(yesterday).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await call(desk.ctx, 'checkin.set', { driverId: desk.drivers.Ana, status: 'checked_in', at: '2026-11-26T12:30:00Z' });
    expect((await entry(desk.drivers.Ana!)).checkedInAt).toBe('2026-11-26T12:30:00.000Z');
  });
});

describe('bulk check-in', () => {
  it('checks in every given driver at the server time in one audited call; those already in keep their time', async () => {
    desk = await boardFixture();
    const { Ana, Ben, Cy } = desk.drivers;
    await call(at('2026-11-26T12:00:00Z'), 'checkin.set', { driverId: Ana!, status: 'checked_in' });
    const before = (await call(desk.ctx, 'audit.list', {})).length;
    const r = await call(desk.ctx, 'checkin.bulk', { driverIds: [Ana!, Ben!, Cy!] });
    expect(r.already).toBe(1);
    expect(r.checkedIn.map((e) => e.name)).toEqual(['Ben Brooks', 'Cy Chen']);
    expect(r.previous).toEqual([
      { driverId: Ben, status: 'scheduled', checkedInAt: null, note: '' },
      { driverId: Cy, status: 'scheduled', checkedInAt: null, note: '' },
    ]);
    expect((await call(desk.ctx, 'audit.list', {})).length).toBe(before + 1);
    expect((await entry(Ana!)).checkedInAt).toBe('2026-11-26T12:00:00.000Z');
    expect((await entry(Ben!)).checkedInAt).toBe('2026-11-26T13:00:00.000Z');
    expect(await dispatch(desk.ctx, 'checkin.bulk', { driverIds: [999] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('kiosk', () => {
  it('looks one driver up by transporter ID and checks them in — nothing else', async () => {
    desk = await boardFixture();
    const kiosk = desk.as({ name: 'Kiosk door', role: 'kiosk' });
    expect(await call(kiosk, 'kiosk.lookup', { transporterId: ' a0000000000002 ' })).toEqual({
      station: 'Test Station',
      timeZone: 'America/New_York',
      date: DATE,
      name: 'Ben Brooks',
      status: 'scheduled',
      checkedInAt: null,
      group: 'expected',
    });
    const r = await call(kiosk, 'checkin.set', { transporterId: 'A0000000000002', status: 'checked_in' });
    expect(r.entry).toMatchObject({ name: 'Ben Brooks', status: 'checked_in', checkedInAt: '2026-11-26T13:00:00.000Z' });
    const audit = (await call(desk.ctx, 'audit.list', { entity: 'driver_day' }))[0]!;
    expect(audit).toMatchObject({ actor: 'Kiosk door', actorRole: 'kiosk', action: 'checkin' });
    for (const bad of [
      { transporterId: 'A0000000000001', status: 'called_out', note: 'sick person' },
      { transporterId: 'A0000000000001', status: 'checked_in', at: '2026-11-26T12:00:00Z' },
      { transporterId: 'A0000000000001', status: 'checked_in', date: addDays(DATE, 1) },
    ]) {
      const res = await dispatch(kiosk, 'checkin.set', bad);
      expect(res.ok, JSON.stringify(bad)).toBe(false);
    }
    expect(await dispatch(kiosk, 'kiosk.lookup', { transporterId: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(kiosk, 'checkin.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch(kiosk, 'roster.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a kiosk token is made like any other; names with an en dash and spaces are accepted', async () => {
    desk = await boardFixture();
    const t = await call(desk.ctx, 'tokens.create', { name: 'Owner – Dana', role: 'owner' });
    expect(t.name).toBe('Owner – Dana');
    const k = await call(desk.ctx, 'tokens.create', { name: 'Kiosk — front door', role: 'kiosk' });
    expect(k.role).toBe('kiosk');
    expect(await dispatch(desk.ctx, 'tokens.create', { name: 'system:x', role: 'owner' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
