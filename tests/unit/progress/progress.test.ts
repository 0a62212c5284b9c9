import { beforeEach, describe, expect, it } from 'vitest';
import { call, dispatch } from '../../../electron/services/dispatch';
import { latestRouteProgress } from '../../../electron/services/progress/snapshot';
import { asOfFromFileName } from '../../../electron/services/progress/import';
import { testDesk, type TestDesk } from '../../helpers/context';
import { addStation, fileIn } from '../../helpers/imports';
import { cortexRouteList, dayOfOpsPlan, type CortexRoute } from '../../fixtures/amazon';
import { fixedClock } from '../../../shared/dates';
import { withCheckDigit } from '../../../shared/vin';

const DATE = '2026-12-30';
const MEDIUM = 'Standard Parcel Medium Van';
const HELPER = 'Standard Parcel Electric - Rivian MEDIUM with Helper';

/**
 * The day at 14:05 PST (wave 10:05, so 4 h on the road), eight routes in the Cortex shape:
 * CX101 behind (60/160 = 15/h), CX102 ahead (100/160), CX103 Complete, CX104 on pace with a
 * rescuer (two transporter IDs), CX105 a helper route (two IDs, no rescue), CX106 another DSP,
 * CX107 not started, CX108 no stops done.
 */
function shape(routes: CortexRoute[]) {
  const set = (i: number, over: Partial<CortexRoute>) => Object.assign(routes[i]!, { serviceType: MEDIUM, durationMin: 480, allStops: 160, progress: 'In progress', ...over });
  const rescuer = routes[3]!.drivers[1]!;
  const helper = routes[6]!.drivers[1]!;
  set(0, { complete: 60, drivers: [routes[0]!.drivers[0]!] });
  set(1, { complete: 100, drivers: [routes[1]!.drivers[0]!] });
  set(2, { complete: 160, progress: 'Complete', drivers: [routes[2]!.drivers[0]!] });
  set(3, { complete: 80, drivers: [routes[3]!.drivers[0]!, rescuer] });
  set(4, { complete: 90, serviceType: HELPER, drivers: [routes[4]!.drivers[0]!, helper] });
  set(5, { complete: 70, dsp: 'OTHR', drivers: [routes[5]!.drivers[0]!] });
  set(6, { complete: 0, progress: 'Not started', drivers: [routes[6]!.drivers[0]!] });
  set(7, { complete: 0, drivers: [routes[7]!.drivers[0]!] });
}

const ROUTE_SHEET = [
  'Route Code,Wave,Service Type,Route Duration',
  `CX101,10:05,${MEDIUM},8:00`,
  `CX102,10:05,${MEDIUM},8:00`,
  `CX103,10:05,${MEDIUM},8:00`,
  `CX104,10:05,${MEDIUM},`,
  `CX105,10:05,"${HELPER}",8:00`,
  `CX107,10:25,${MEDIUM},8:00`,
  `CX108,10:05,${MEDIUM},8:00`,
].join('\n');

let desk: TestDesk;
let list: Awaited<ReturnType<typeof cortexRouteList>>;

async function setup() {
  desk = testDesk({ clock: fixedClock('2026-12-30T22:10:00Z') });
  addStation(desk.ctx, 'ACME');
  list = await cortexRouteList({ date: DATE, time: '14:05', tz: 'PST', routes: 8, mutate: shape });
  for (const r of list.routes) for (const p of r.drivers) await call(desk.ctx, 'roster.upsert', { transporterId: p.transporterId, name: p.name });
  expect(await call(desk.ctx, 'routes.import', { fileName: 'routes.csv', content: ROUTE_SHEET, encoding: 'utf8', date: DATE, dryRun: false })).toMatchObject({ ok: true });
}
const importList = (f = list, extra: object = {}) => call(desk.ctx, 'progress.import', { ...fileIn(f.fileName, f.bytes), ...extra });
const driverId = (name: string) => desk.opened.sqlite.prepare('SELECT id FROM drivers WHERE name = ?').pluck().get(name) as number;

describe("progress import: Amazon's Cortex route list", () => {
  beforeEach(setup);

  it('reads the as-of time from the file name in its zone, stores a snapshot, skips other DSPs and answers the behind list', async () => {
    const res = await importList();
    const r = list.routes;
    expect(res).toMatchObject({ ok: true, date: DATE, asOf: '2026-12-30T22:05:00.000Z', asOfFrom: 'file-name', routes: 7, updated: 7, skippedOtherDsp: 1, errors: [] });
    // CX101: 60 of 160 in 4 h = 15/h, 100 left = 6 h 40 → 10 h 40 after the wave: 160 min past the 8 h plan.
    expect(res.behind).toEqual([
      { routeCode: 'CX108', driverName: r[7]!.drivers[0]!.name, stopsDone: 0, stopsTotal: 160, projectedFinish: null, minutesLate: null },
      { routeCode: 'CX101', driverName: r[0]!.drivers[0]!.name, stopsDone: 60, stopsTotal: 160, projectedFinish: '2026-12-31T04:45:00.000Z', minutesLate: 160 },
    ]);
    const latest = await call(desk.ctx, 'progress.latest', { date: DATE });
    expect(latest.snapshots).toBe(1);
    expect(Object.fromEntries(latest.routes.map((x) => [x.routeCode, x.status]))).toEqual({
      CX101: 'behind', CX102: 'on_pace', CX103: 'complete', CX104: 'on_pace', CX105: 'on_pace', CX107: 'not_started', CX108: 'no_stops',
    });
    const cx101 = latest.routes.find((x) => x.routeCode === 'CX101')!;
    expect(cx101).toMatchObject({ pace: 15, plannedPace: 20, hoursOnRoad: 4, launchFrom: 'wave', plannedEnd: '2026-12-31T02:05:00.000Z', limitEnd: '2026-12-31T03:20:00.000Z', misses: ['plan', 'limit'] });
    // The pop-up's read function: by route id.
    const byId = latestRouteProgress(desk.ctx.db, DATE, [cx101.routeId!]);
    expect(byId.get(cx101.routeId!)).toMatchObject({ stopsDone: 60, stopsTotal: 160, projectedFinish: '2026-12-31T04:45:00.000Z' });
  });

  it("fills a defaulted planned duration from Cortex's Route Duration, and marks a Complete route returned when the geofence has not", async () => {
    const before = desk.opened.sqlite.prepare("SELECT planned_duration_min AS d, duration_defaulted AS dd FROM routes WHERE code = 'CX104'").get();
    expect(before).toEqual({ d: 600, dd: 1 });
    const res = await importList();
    expect(res.durationsFilled).toEqual(['CX104']);
    expect(res.returned).toEqual(['CX103']);
    expect(desk.opened.sqlite.prepare("SELECT planned_duration_min AS d, duration_defaulted AS dd FROM routes WHERE code = 'CX104'").get()).toEqual({ d: 480, dd: 0 });
    expect(desk.opened.sqlite.prepare("SELECT status, returned_at AS at FROM routes WHERE code = 'CX103'").get()).toEqual({ status: 'returned', at: '2026-12-30T22:05:00.000Z' });
    // One audit entry for the import; its lines name the duration and the return.
    const audit = await call(desk.ctx, 'audit.list', { entity: 'progress_snapshot' });
    expect(audit).toHaveLength(1);
    const close = await call(desk.ctx, 'close.day', { date: DATE });
    expect(close.routes.find((x) => x.routeCode === 'CX103')).toMatchObject({ returnedBy: 'cortex', complete: true, out: false });
  });

  it('records a rescue from a second transporter ID (not a helper route), once; a manual record of the same rescue is the same row', async () => {
    const res = await importList();
    const r = list.routes;
    expect(res.rescues).toEqual([{ routeCode: 'CX104', fromName: r[3]!.drivers[0]!.name, toName: r[3]!.drivers[1]!.name, toTransporterId: r[3]!.drivers[1]!.transporterId, recorded: 'new' }]);
    expect((await importList()).rescues[0]!.recorded).toBe('already');
    const rescued = await call(desk.ctx, 'rescues.record', { date: DATE, routeCode: 'CX104', toDriverId: driverId(r[3]!.drivers[1]!.name), stops: 25 });
    expect(rescued).toMatchObject({ source: 'manual', stops: 25, routeCode: 'CX104' });
    expect(await call(desk.ctx, 'rescues.list', { from: DATE, to: DATE })).toHaveLength(1);
    // A second manual record of the same rescue is refused.
    const again = await dispatch(desk.ctx, 'rescues.record', { date: DATE, routeCode: 'CX104', toDriverId: driverId(r[3]!.drivers[1]!.name) });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The stand-up of the next day counts it.
    const standup = await call(desk.ctx, 'standup.summary', { date: '2026-12-31' });
    expect(standup.yesterday.rescues).toBe(1);
    // The trend: the week ending yesterday, no data where there was neither a list nor a rescue.
    expect(standup.yesterday.rescuesTrend).toEqual([...['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29'].map((date) => ({ date, rescues: null })), { date: DATE, rescues: 1 }]);
    // Coaching cites it: a plan for the rescued driver with the rescue as evidence; another driver's plan cannot.
    const plan = await call(desk.ctx, 'coaching.create', { driverId: driverId(r[3]!.drivers[0]!.name), rescueId: rescued.id, finding: 'Rescued on CX104 at 14:05' });
    expect(plan.rescueId).toBe(rescued.id);
    expect(await dispatch(desk.ctx, 'coaching.create', { driverId: driverId(r[0]!.drivers[0]!.name), rescueId: rescued.id, finding: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('the margin is a setting: with 170 min CX101 (160 min late) is no longer behind', async () => {
    expect(await call(desk.ctx, 'progress.settings', {})).toMatchObject({ marginMin: 20 });
    expect(await call(desk.ctx, 'progress.setSettings', { marginMin: 170 })).toMatchObject({ marginMin: 170 });
    const res = await importList();
    expect(res.behind.map((b) => b.routeCode)).toEqual(['CX108']);
    expect(await dispatch(desk.ctx, 'progress.setSettings', { marginMin: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('keeps history; the latest by as-of wins even when an older list is imported after', async () => {
    await importList();
    const older = await cortexRouteList({ date: DATE, time: '12:05', tz: 'PST', routes: 8, mutate: (rs) => { shape(rs); rs[0]!.complete = 30; } });
    expect(await importList(older)).toMatchObject({ ok: true, asOf: '2026-12-30T20:05:00.000Z' });
    const latest = await call(desk.ctx, 'progress.latest', { date: DATE });
    expect(latest).toMatchObject({ snapshots: 2, asOf: '2026-12-30T22:05:00.000Z' });
    expect(latest.routes.find((x) => x.routeCode === 'CX101')!.stopsDone).toBe(60);
  });

  it('without a time in the file name it needs --at; neither is a clear error and nothing is written', async () => {
    const bare = await cortexRouteList({ date: DATE, routes: 8, mutate: shape, fileName: 'routes-export.xlsx' });
    const refused = await importList(bare, { date: DATE });
    expect(refused).toMatchObject({ ok: false, snapshotId: null });
    expect(refused.errors[0]!.message).toMatch(/--at/);
    expect(desk.opened.sqlite.prepare('SELECT COUNT(*) FROM progress_snapshots').pluck().get()).toBe(0);
    expect(await importList(bare, { date: DATE, at: '2026-12-30T14:05:00-08:00' })).toMatchObject({ ok: true, asOf: '2026-12-30T22:05:00.000Z', asOfFrom: 'given' });
    // A list of another day than asked for is refused.
    expect((await importList(list, { date: '2026-12-29' })).errors[0]!.message).toMatch(/list of 2026-12-30/);
  });

  it("recognises a dropped file by the reader's export signature", async () => {
    expect(await call(desk.ctx, 'progress.recognise', fileIn(list.fileName, list.bytes))).toMatchObject({ export: 'cortex-route-list', name: "Amazon's Cortex route list", target: 'progress' });
    const plan = await dayOfOpsPlan({ seed: 2, routes: 4 });
    expect((await call(desk.ctx, 'progress.recognise', fileIn(plan.fileName, plan.bytes))).export).toBe('day-of-ops-plan');
    expect(await call(desk.ctx, 'progress.recognise', { fileName: 'x.csv', content: 'a,b\n1,2\n', encoding: 'utf8' })).toMatchObject({ export: null, name: null, target: 'routes' });
  });

  it('reads the zone of the file name (PDT, EST) and refuses one it does not know', () => {
    expect(asOfFromFileName('Routes_DSE4_2026-07-01_09_30 (PDT).xlsx')).toMatchObject({ station: 'DSE4', date: '2026-07-01', asOf: '2026-07-01T16:30:00.000Z' });
    expect(asOfFromFileName('Routes_DNY1_2026-12-01_17_00 (EST)')).toMatchObject({ asOf: '2026-12-01T22:00:00.000Z' });
    expect(asOfFromFileName('Routes_DSE4_2026-12-01_17_00 (XYZ).xlsx')).toMatchObject({ asOf: null, problem: expect.stringMatching(/XYZ/) });
    expect(asOfFromFileName('whatever.xlsx')).toBeNull();
  });
});

describe('rescues.suggest', () => {
  beforeEach(setup);

  it('ranks finished, ahead and on-pace drivers with slack and the standbys; unknown positions are kept, with the arithmetic', async () => {
    const standby = await call(desk.ctx, 'roster.upsert', { transporterId: 'A1STANDBY0001', name: 'Sam Standby' });
    await call(desk.ctx, 'schedule.set', { cells: [{ driverId: standby.id, date: DATE, state: 'standby' }] });
    await call(desk.ctx, 'fleet.upsert', { name: 'Spare 1', vin: withCheckDigit('1FTBW3XM0LKA12345'), vanClass: 'standard_cargo' });
    await importList();
    const s = await call(desk.ctx, 'rescues.suggest', { date: DATE, routeCode: 'CX101' });
    expect(s.refusal).toBeNull();
    const r = list.routes;
    const kinds = Object.fromEntries(s.candidates.map((c) => [c.name, c.kind]));
    expect(kinds).toMatchObject({ [r[2]!.drivers[0]!.name]: 'finished', [r[1]!.drivers[0]!.name]: 'ahead', [r[3]!.drivers[0]!.name]: 'on_pace', 'Sam Standby': 'standby' });
    // 100 left; the driver does 15/h × 4 h to the 18:05 plan end = 60 → 40 to take.
    for (const c of s.candidates) {
      expect(c.stops).toBe(40);
      expect(c.distanceKm).toBeNull();
      expect(c.arithmetic).toMatch(/100 left; driver does 15\/h × 4 h 00 to 18:05 = 60, so 40 to take/);
    }
    // Ranked: those that fit (a van of the right class, time before the limit) first, then by slack.
    const fits = s.candidates.map((c) => c.fits);
    expect(fits).toEqual([...fits].sort((a, b) => Number(b) - Number(a)));
    expect(s.candidates.find((c) => c.kind === 'standby')).toMatchObject({ vanFits: true, vanName: 'Spare 1', notes: ['spare van Spare 1'] });
    // A route on pace gets no suggestion, in words.
    expect((await call(desk.ctx, 'rescues.suggest', { date: DATE, routeCode: 'CX102' })).refusal).toMatch(/not behind/);
  });
});

describe('close of the day', () => {
  beforeEach(setup);

  it('ticks checks (audited), enters RTS, lists who is still out, and writes the report as CSV and PDF', async () => {
    await importList();
    const day = await call(desk.ctx, 'close.day', { date: DATE });
    expect(day.totals).toMatchObject({ routes: 7, complete: 1, returned: 1, out: 5, rtsPackages: null });
    const cx103 = day.routes.find((x) => x.routeCode === 'CX103')!;
    const set = await call(desk.ctx, 'close.set', { routeId: cx103.routeId, rtsPackages: 3, phoneReturned: true, keysReturned: true });
    expect(set).toMatchObject({ rtsPackages: 3, phoneReturned: true, keysReturned: true, dvirDone: false });
    const audit = await call(desk.ctx, 'audit.list', { entity: 'route', entityId: String(cx103.routeId) });
    expect(audit[0]).toMatchObject({ action: 'close-of-day', after: { rtsPackages: 3, phoneReturned: true, keysReturned: true } });
    // Still out: In progress in the list (not seen launched), or launched by the geofence; not started is not out.
    expect(day.stillOut.map((x) => x.routeCode)).toEqual(['CX101', 'CX102', 'CX104', 'CX105', 'CX108']);
    desk.opened.sqlite.prepare("UPDATE routes SET launched_at = '2026-12-30T18:10:00.000Z', status = 'launched' WHERE code = 'CX107'").run();
    expect((await call(desk.ctx, 'close.day', { date: DATE })).stillOut.map((x) => x.routeCode)).toContain('CX107');
    desk.opened.sqlite.prepare("UPDATE routes SET launched_at = '2026-12-30T18:10:00.000Z', status = 'launched' WHERE code = 'CX101'").run();
    const csv = await call(desk.ctx, 'close.report', { date: DATE, format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain('Route,Driver,Van,Progress,Stops,Launched,Returned,Returned by,RTS packages');
    expect(text).toMatch(/CX101,[^\r\n]*,10:10,STILL OUT,/);
    expect(text).toMatch(/CX103,[^\r\n]*Complete,160\/160,,14:05,Cortex: Complete,3,no,yes,yes/);
    const pdf = await call(desk.ctx, 'close.report', { date: DATE, format: 'pdf' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
