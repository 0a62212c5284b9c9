import { afterEach, describe, expect, it } from 'vitest';
import { call, dispatch } from '../../../electron/services/dispatch';
import { boardFixture, type BoardFixture } from '../board/fixture';
import { addDays } from '../../../shared/station-time';

// DATE (2026-11-26) is a Thursday; its week runs Sunday 22 – Saturday 28 November.
let desk: BoardFixture;
afterEach(() => desk?.close());
const NEXT = '2026-11-29';

describe('the week’s schedule', () => {
  it('shows drivers × days with hours, overtime and the forecast; cells set and undone', async () => {
    desk = await boardFixture();
    const { Ana } = desk.drivers;
    const cells = [0, 1, 2, 3, 4].map((k) => ({ driverId: Ana!, date: addDays(NEXT, k), state: 'working' as const }));
    const set = await call(desk.ctx, 'schedule.set', { cells });
    expect(set.changed).toBe(5);
    const week = await call(desk.ctx, 'schedule.week', { weekStart: '2026-12-02' });
    expect(week.weekStart).toBe(NEXT);
    const ana = week.drivers.find((d) => d.driverId === Ana)!;
    expect(ana).toMatchObject({ workingDays: 5, hours: 50, overtimeHours: 10, cells: ['working', 'working', 'working', 'working', 'working', null, null] });
    expect(ana.notes.map((n) => n.rule)).toEqual(['OVERTIME']);
    expect(week.days[0]).toMatchObject({ date: NEXT, forecastSource: 'weekday forecast', working: 1, hasSchedule: true });
    await call(desk.ctx, 'schedule.set', { cells: set.undo });
    expect((await call(desk.ctx, 'schedule.week', { weekStart: NEXT })).drivers.find((d) => d.driverId === Ana)!.cells.every((c) => c === null)).toBe(true);
  });

  it('copies last week (requested off and PTO on the target week are kept, not copied)', async () => {
    desk = await boardFixture();
    const { Ana, Ben } = desk.drivers;
    await call(desk.ctx, 'schedule.set', { cells: [{ driverId: Ana!, date: '2026-11-23', state: 'working' }, { driverId: Ben!, date: '2026-11-23', state: 'pto' }, { driverId: Ana!, date: '2026-11-30', state: 'requested_off' }] });
    const r = await call(desk.ctx, 'schedule.copyWeek', { from: '2026-11-22', to: NEXT });
    const week = await call(desk.ctx, 'schedule.week', { weekStart: NEXT });
    expect(week.drivers.find((d) => d.driverId === Ana)!.cells[1]).toBe('requested_off');
    expect(week.drivers.find((d) => d.driverId === Ben)!.cells[1]).toBe('off');
    expect(r.changed).toBe(1);
  });

  it('fills a week from the forecast: preview keeps nothing; apply writes and respects the targets', async () => {
    desk = await boardFixture();
    await call(desk.ctx, 'schedule.setSettings', { forecast: Array.from({ length: 7 }, () => ({ routes: 2, standby: 1, needs: { STEP_VAN: 1 } })) });
    expect((await call(desk.ctx, 'schedule.settings', {})).forecast[0]).toEqual({ routes: 2, standby: 1, needs: { STEP_VAN: 1 } });
    await call(desk.ctx, 'schedule.setTargets', { driverId: desk.drivers.Ben!, preferredDays: [1, 2, 3], daysPerWeek: 3, hoursPerWeek: 30 });
    const audit = (await call(desk.ctx, 'audit.list', {})).length;
    const preview = await call(desk.ctx, 'schedule.fill', { weekStart: NEXT, apply: false });
    expect((await call(desk.ctx, 'audit.list', {})).length).toBe(audit);
    expect(preview.applied).toBe(false);
    // Ben is the only step-van driver: 3 days (his target), on his preferred weekdays.
    const ben = preview.changes.filter((c) => c.driverId === desk.drivers.Ben && c.state === 'working').map((c) => c.date);
    expect(ben).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(preview.objective.qualifiedCovered).toBe(3);
    const applied = await call(desk.ctx, 'schedule.fill', { weekStart: NEXT, apply: true });
    expect(applied.changed).toBe(preview.changes.length);
    const week = await call(desk.ctx, 'schedule.week', { weekStart: NEXT });
    expect(week.drivers.find((d) => d.driverId === desk.drivers.Ben)!.workingDays).toBe(3);
    // The licence-expired driver is never scheduled to work.
    expect(week.drivers.find((d) => d.driverId === desk.drivers.Dee)!.cells.every((c) => c === 'off')).toBe(true);
    expect(await dispatch(desk.ctx, 'schedule.fill', { weekStart: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
