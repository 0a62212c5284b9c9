/**
 * The stand-up in front of the drivers (`standup.huddle`): team figures and recognitions, never a
 * driver's at-risk metrics; yesterday's call-outs, no-shows and late check-ins from the schedule's
 * records (the same report-time rule check-in uses).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testDesk, type TestDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import { addRoster, scorecardCsv } from './helpers';

let desk: TestDesk;
afterEach(() => desk?.close());

const YESTERDAY = '2026-11-25'; // testDesk's today is 2026-11-26; no station row, so station time is UTC
const imp = (week: string, content: string) => call(desk.ctx, 'scorecards.import', { fileName: `${week}.csv`, content, week, dryRun: false });
const sql = (text: string, ...args: unknown[]) => desk.opened.sqlite.prepare(text).run(...args);

async function station() {
  const ids = await addRoster(desk.ctx);
  ids.set('Fay Okafor', (await call(desk.ctx, 'roster.upsert', { transporterId: 'F6G7H8I9J0K1L2', name: 'Fay Okafor' })).id);
  ids.set('Gil Moreau', (await call(desk.ctx, 'roster.upsert', { transporterId: 'G7H8I9J0K1L2M3', name: 'Gil Moreau' })).id);
  // Ben's tier fell (at risk); Eve stays Fantastic+ but her speeding rose (at risk AND a recognition candidate).
  await imp('2026-W46', scorecardCsv([
    { tid: 'A1B2C3D4E5F6G7', name: 'Ana Lopez', tier: 'Fantastic+' },
    { tid: 'B2C3D4E5F6G7H8', name: 'Ben Carter', tier: 'Fantastic' },
    { tid: 'C3D4E5F6G7H8I9', name: 'Cleo Diaz', tier: 'Fair' },
    { tid: 'E5F6G7H8I9J0K1', name: 'Eve Novak', tier: 'Fantastic+', speeding: '0' },
  ]));
  await imp('2026-W47', scorecardCsv([
    { tid: 'A1B2C3D4E5F6G7', name: 'Ana Lopez', tier: 'Fantastic+' },
    { tid: 'B2C3D4E5F6G7H8', name: 'Ben Carter', tier: 'Poor' },
    { tid: 'C3D4E5F6G7H8I9', name: 'Cleo Diaz', tier: 'Great' },
    { tid: 'E5F6G7H8I9J0K1', name: 'Eve Novak', tier: 'Fantastic+', speeding: '0.8' },
  ]));
  return ids;
}

describe('standup.huddle', () => {
  it('names no at-risk driver anywhere, while the owner view still has them; team figures and recognitions stay', async () => {
    desk = testDesk();
    await station();
    const summary = await call(desk.ctx, 'standup.summary', {});
    const atRisk = summary.atRisk.map((a) => a.name).sort();
    expect(atRisk).toEqual(['Ben Carter', 'Eve Novak']);
    // Eve would be recognised (Fantastic+ twice) and Ben is a mover down in the owner's view.
    expect(summary.scorecard!.recognitions.map((r) => r.name)).toContain('Eve Novak');
    expect(summary.scorecard!.moversDown.map((m) => m.name)).toContain('Ben Carter');

    const huddle = await call(desk.ctx, 'standup.huddle', {});
    const text = JSON.stringify(huddle);
    for (const name of atRisk) expect(text).not.toContain(name);
    expect(text).not.toMatch(/speeding|Tier fell/i);
    expect(huddle.scorecard!.recognitions).toEqual([{ name: 'Ana Lopez', weeksFantasticPlus: 2 }]);
    expect(huddle.scorecard!.movedUp).toEqual([{ name: 'Cleo Diaz', from: 'Fair', to: 'Great' }]);
    expect(huddle.scorecard!.tiers).toEqual(summary.scorecard!.tiers);
    expect(huddle.scorecard!.companyScore).toBe(summary.scorecard!.companyScore);
    expect(huddle.topic).toEqual(summary.topic);
    // Owners may open it too (a read channel).
    expect(await call(desk.as({ name: 'Owner', role: 'owner' }), 'standup.huddle', {})).toEqual(huddle);
  });

  it("yesterday's call-outs, no-shows and late check-ins equal the schedule's records (report time = wave − reportBeforeWaveMin)", async () => {
    desk = testDesk();
    const ids = await station();
    const id = (n: string) => ids.get(n)!;
    // Yesterday's schedule: everyone working but Eve (standby).
    for (const [name] of ids) sql(`INSERT INTO schedule_days (driver_id, date, state) VALUES (?, ?, ?)`, id(name), YESTERDAY, name === 'Eve Novak' ? 'standby' : 'working');
    // Two waves; Ana drove the 10:45 route, so her report time is 10:15 — everyone else's is the first wave's 09:35.
    sql(`INSERT INTO routes (id, date, code, wave, service_type, planned_duration_min) VALUES (1, ?, 'CX1', '10:05', 'Standard Parcel', 540), (2, ?, 'CX2', '10:45', 'Standard Parcel', 540)`, YESTERDAY, YESTERDAY);
    sql(`INSERT INTO assignments (route_id, date, driver_id, assigned_by, assigned_at) VALUES (2, ?, ?, 'desk', '2026-11-25T08:00:00Z')`, YESTERDAY, id('Ana Lopez'));
    const day = (name: string, status: string, at: string | null, note = '') =>
      sql(`INSERT INTO driver_days (driver_id, date, status, checked_in_at, note) VALUES (?, ?, ?, ?, ?)`, id(name), YESTERDAY, status, at, note);
    day('Ana Lopez', 'checked_in', '2026-11-25T10:00:00.000Z'); // on time for her own 10:45 wave
    day('Ben Carter', 'checked_in', '2026-11-25T09:50:00.000Z'); // after 09:35: late by the time
    day('Gil Moreau', 'checked_in', '2026-11-25T09:35:00.000Z'); // exactly at the report time: on time
    day('Eve Novak', 'late', '2026-11-25T09:41:00.000Z'); // standby, marked late
    day('Cleo Diaz', 'called_out', null, 'sick child');
    day('Dev Patel', 'no_show', null, 'no answer');
    // Fay: working, nothing recorded.

    const a = (await call(desk.ctx, 'standup.huddle', {})).yesterday.attendance!;
    expect(a).toEqual({ hasSchedule: true, expected: 6, checkedIn: 4, callOuts: 1, noShows: 1, late: 2, unrecorded: 1 });

    // The same counts read straight off the records the board keeps (checkin.list of that day).
    const list = await call(desk.ctx, 'checkin.list', { date: YESTERDAY });
    expect(a.callOuts).toBe(list.filter((e) => e.status === 'called_out').length);
    expect(a.noShows).toBe(list.filter((e) => e.status === 'no_show').length);
    expect(a.expected).toBe(list.filter((e) => e.group === 'expected').length);
    // The owner's stand-up shows the same yesterday.
    expect((await call(desk.ctx, 'standup.summary', {})).yesterday.attendance).toEqual(a);
  });

  it('says nothing (null) for a day with neither schedule nor records, and counts without a schedule', async () => {
    desk = testDesk();
    const ids = await station();
    const y = await call(desk.ctx, 'standup.huddle', {});
    expect(y.yesterday.attendance).toBeNull();
    expect(y.yesterday.notes.join(' ')).toMatch(/No schedule or check-ins recorded for 2026-11-25/);
    sql(`INSERT INTO driver_days (driver_id, date, status, note) VALUES (?, ?, 'called_out', 'flat tyre')`, ids.get('Ana Lopez')!, YESTERDAY);
    expect((await call(desk.ctx, 'standup.huddle', {})).yesterday.attendance).toEqual({ hasSchedule: false, expected: null, checkedIn: 0, callOuts: 1, noShows: 0, late: 0, unrecorded: null });
  });
});
