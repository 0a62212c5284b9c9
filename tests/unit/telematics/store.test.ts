import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDesk, type TestDesk } from '../../helpers/context';
import { PositionStore } from '../../../electron/services/telematics/store';
import type { DecodedPosition } from '../../../electron/services/telematics/osmand';
import { call } from '../../../electron/services/dispatch';
import { fixedClock } from '../../../shared/dates';
import { assignments, devices, drivers, routes, station, vans } from '../../../electron/db/schema';
import type { DeskEvent } from '../../../shared/events';
import { healthOf } from '../../../electron/db/health';
import { computeFlags, mapLabel, TELEMATICS_DEFAULTS, vanState, type LivePosition } from '../../../shared/rules/telematics';

import { FAR, ST, fix } from './fixtures';

let desk: TestDesk;
let store: PositionStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
  desk?.close();
});

function seed(d: TestDesk, opts: { wave?: string } = {}) {
  const db = d.ctx.db;
  db.insert(station).values({ id: 1, name: 'DSE4', code: 'DSE4', lat: ST.lat, lon: ST.lon, timeZone: 'America/Los_Angeles', geofenceM: 300 }).run();
  const van = db.insert(vans).values({ name: 'Van 12', vin: '1FTBW3XM6HKA12345', vanClass: 'standard_cargo', odometerMi: 1000 }).returning().get();
  const dev = db.insert(devices).values({ identifier: 'phone-12', vanId: van.id }).returning().get();
  const driver = db.insert(drivers).values({ transporterId: 'A1', name: 'Ana' }).returning().get();
  const route = db
    .insert(routes)
    .values({ date: '2026-11-26', code: 'CX12', wave: opts.wave ?? '10:20', serviceType: 'Standard Parcel', plannedDurationMin: 600, status: 'assigned' })
    .returning()
    .get();
  db.insert(assignments).values({ routeId: route.id, date: '2026-11-26', driverId: driver.id, vanId: van.id, assignedBy: 'desk', assignedAt: '2026-11-26T12:00:00Z' }).run();
  return { van, dev, route };
}

const pos = ({ at, identifier, ...over }: Partial<Omit<DecodedPosition, 'at'>> & { at: string }): DecodedPosition => fix(identifier ?? 'phone-12', at, over);

const count = (d: TestDesk, sql: string) => d.ctx.db.$client.prepare(sql).pluck().get() as number;

describe('alarms', () => {
  it('alarm=sos raises one open urgent alarm per device and kind; repeats count up; a dispatcher acknowledges it (audited)', async () => {
    desk = testDesk();
    const { dev, van } = seed(desk);
    store = new PositionStore(desk.ctx, {});
    const events: DeskEvent[] = [];
    desk.ctx.events.subscribe((e) => events.push(e));
    await store.submit(pos({ at: '2026-11-26T12:00:00Z', attributes: { alarm: 'sos' } }));
    await store.submit(pos({ at: '2026-11-26T12:00:05Z', attributes: { alarm: 'sos,lowBattery' } }));
    // a heartbeat from a device with no fix still raises its alarm (no position)
    const noFix = desk.ctx.db.insert(devices).values({ identifier: 'phone-13' }).returning().get();
    await store.submit(pos({ identifier: 'phone-13', lat: null, lon: null, at: '2026-11-26T12:00:06Z', attributes: { alarm: 'fallDown' } }));
    const open = await call(desk.ctx, 'telematics.alarms', {});
    expect(open.map((a) => [a.deviceId, a.kind, a.urgent, a.count, a.label])).toEqual([
      [noFix.id, 'fallDown', true, 1, 'Fall detected'],
      [dev.id, 'sos', true, 2, 'SOS'],
      [dev.id, 'lowBattery', false, 1, 'Low battery'],
    ]);
    expect(open[1]).toMatchObject({ vanId: van.id, vanName: 'Van 12', routeCode: 'CX12', lat: FAR.lat });
    expect(events.some((e) => e.type === 'changed' && e.channel === 'telematics.alarm')).toBe(true);
    const live = await call(desk.ctx, 'telematics.live', {});
    expect(live.alarms).toHaveLength(3);

    const acked = await call(desk.ctx, 'telematics.ackAlarm', { id: open[1]!.id, note: 'Called the driver: fine' });
    expect(acked).toMatchObject({ acknowledgedBy: 'desk', acknowledgedAt: '2026-11-26T13:00:00.000Z' });
    const audit = desk.ctx.db.$client.prepare("SELECT actor, action, entity, entity_id AS id FROM audit_log WHERE action = 'alarm.acknowledge'").get();
    expect(audit).toEqual({ actor: 'desk', action: 'alarm.acknowledge', entity: 'alarm', id: String(open[1]!.id) });
    await expect(call(desk.ctx, 'telematics.ackAlarm', { id: open[1]!.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    // a new SOS after the acknowledgement is a new alarm
    await store.submit(pos({ at: '2026-11-26T12:01:00Z', attributes: { alarm: 'sos' } }));
    const again = await call(desk.ctx, 'telematics.alarms', {});
    expect(again.filter((a) => a.kind === 'sos')).toHaveLength(1);
    expect(again.find((a) => a.kind === 'sos')!.id).not.toBe(open[1]!.id);
    expect((await call(desk.ctx, 'telematics.alarms', { sinceDays: 1 })).filter((a) => a.kind === 'sos')).toHaveLength(2);
  });
});

describe('positions store', () => {
  it('stores a batch in one flush and answers 200 only once committed', async () => {
    desk = testDesk();
    seed(desk);
    store = new PositionStore(desk.ctx, { flushDelayMs: 50 });
    const answers = Array.from({ length: 100 }, (_, i) => store!.submit(pos({ at: new Date(Date.parse('2026-11-26T12:00:00Z') + i * 1000).toISOString() })));
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(0);
    expect(await Promise.all(answers)).toEqual(Array(100).fill(200));
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(100);
    expect(store.stats.flushes).toBe(1);
    const latest = desk.ctx.db.$client.prepare('SELECT * FROM positions_latest').get() as { at: string };
    expect(latest.at).toBe('2026-11-26T12:01:39.000Z');
    expect(desk.ctx.db.$client.prepare('SELECT last_seen_at FROM devices').pluck().get()).toBe('2026-11-26T13:00:00.000Z');
  });

  it('answers 503 beyond the queue bound and never holds more than it', async () => {
    desk = testDesk();
    seed(desk);
    store = new PositionStore(desk.ctx, { maxQueue: 10, flushDelayMs: 200 });
    const answers = Array.from({ length: 25 }, (_, i) => store!.submit(pos({ at: `2026-11-26T12:00:${String(i).padStart(2, '0')}Z` })));
    expect(store.queued).toBe(10);
    const statuses = await Promise.all(answers);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 503)).toHaveLength(15);
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(10);
    expect(store.stats.maxQueued).toBe(10);
  });

  it('caps one flush at maxBatch rows and keeps flushing the rest', async () => {
    desk = testDesk();
    seed(desk);
    store = new PositionStore(desk.ctx, { maxBatch: 30, flushDelayMs: 10 });
    const answers = Array.from({ length: 100 }, (_, i) => store!.submit(pos({ at: new Date(Date.parse('2026-11-26T12:00:00Z') + i * 1000).toISOString() })));
    await Promise.all(answers);
    expect(store.stats.flushes).toBe(4);
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(100);
  });

  it('issue 11 #8: a row that cannot be stored is isolated by splitting the batch and dropped; the rest is stored and ingest goes on', async () => {
    desk = testDesk();
    seed(desk);
    const other = desk.ctx.db.insert(devices).values({ identifier: 'phone-13' }).returning().get();
    store = new PositionStore(desk.ctx, { flushDelayMs: 100 });
    const at = (i: number) => new Date(Date.parse('2026-11-26T12:00:00Z') + i * 1000).toISOString();
    const good = Array.from({ length: 40 }, (_, i) => store!.submit(pos({ at: at(i) })));
    const bad = store.submit(pos({ identifier: 'phone-13', at: at(20) }));
    // The device disappears behind the store's back: its row now breaks a foreign key.
    desk.ctx.db.$client.pragma('foreign_keys = OFF');
    desk.ctx.db.$client.prepare('DELETE FROM devices WHERE id = ?').run(other.id);
    desk.ctx.db.$client.pragma('foreign_keys = ON');
    expect(await Promise.all(good)).toEqual(Array(40).fill(200));
    expect(await bad).toBe(400);
    expect(store.stats.droppedBadRows).toBe(1);
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(40);
    // Not stuck: the next fix is stored at once.
    expect(await store.submit(pos({ at: at(60) }))).toBe(200);
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(41);
  });

  it('issue 11 #6: a full database answers 503 at once (never a hang), says degraded, and resumes by itself when there is room', async () => {
    desk = testDesk();
    seed(desk);
    const sqlite = desk.ctx.db.$client;
    store = new PositionStore(desk.ctx, { flushDelayMs: 10 });
    const at = (i: number) => new Date(Date.parse('2026-11-26T12:00:00Z') + i * 1000).toISOString();
    expect(await store.submit(pos({ at: at(0), attributes: { note: 'x'.repeat(2000) } }))).toBe(200);
    // SQLite's page limit stands in for a full disk: no page may be added.
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    const many = Array.from({ length: 50 }, (_, i) => store!.submit(pos({ at: at(i + 1), attributes: { note: 'y'.repeat(2000) } })));
    expect(new Set(await Promise.all(many))).toEqual(new Set([503]));
    const health = healthOf(sqlite);
    expect(health.report()).toMatchObject({ status: 'degraded', problems: ['disk'] });
    expect(health.report().reasons[0]).toMatch(/full/);
    const t0 = Date.now();
    expect(await store.submit(pos({ at: at(100) }))).toBe(503);
    expect(Date.now() - t0).toBeLessThan(1000);
    // Room again: the health re-check clears it and ingest resumes, nothing acknowledged was lost.
    sqlite.pragma(`max_page_count = ${pages + 100_000}`);
    await expect.poll(() => health.report().status, { timeout: 10_000 }).toBe('ok');
    expect(await store.submit(pos({ at: at(200) }))).toBe(200);
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(2);
  });

  it('answers 404 for unknown devices and lists them; links in one call', async () => {
    desk = testDesk();
    const { van } = seed(desk);
    store = new PositionStore(desk.ctx, {});
    expect(await store.submit(pos({ identifier: 'stranger-1', at: '2026-11-26T12:00:00Z' }), '10.0.0.7')).toBe(404);
    expect(await store.submit(pos({ identifier: 'stranger-1', at: '2026-11-26T12:00:05Z' }), '10.0.0.7')).toBe(404);
    store.flush();
    const unknown = await call(desk.ctx, 'telematics.unknownDevices', {});
    expect(unknown).toMatchObject([{ identifier: 'stranger-1', count: 2, remoteAddress: '10.0.0.7', lastSeenAt: '2026-11-26T12:00:05.000Z' }]);
    const linked = await call(desk.ctx, 'telematics.linkDevice', { identifier: 'stranger-1', vanId: van.id });
    expect(linked.vanId).toBe(van.id);
    expect(await call(desk.ctx, 'telematics.unknownDevices', {})).toEqual([]);
    // the store forgot its cached "unknown" answer when the link was announced
    expect(await store.submit(pos({ identifier: 'stranger-1', at: '2026-11-26T12:00:10Z' }))).toBe(200);
  });

  it('registers unknown devices, unlinked, when told to accept them', async () => {
    desk = testDesk();
    seed(desk);
    store = new PositionStore(desk.ctx, { acceptUnknownDevices: true });
    expect(await store.submit(pos({ identifier: 'new-phone', at: '2026-11-26T12:00:00Z' }))).toBe(200);
    const row = desk.ctx.db.$client.prepare("SELECT van_id FROM devices WHERE identifier = 'new-phone'").get() as { van_id: number | null };
    expect(row.van_id).toBeNull();
    // any printable id is an id (the decoder checks it): registered and listed like any other
    expect(await store.submit(pos({ identifier: 'van 12 @ b!', at: '2026-11-26T12:00:00Z' }))).toBe(200);
    expect(count(desk, "SELECT count(*) FROM devices WHERE identifier = 'van 12 @ b!' AND van_id IS NULL")).toBe(1);
  });

  it('a message without coordinates: no fix yet → last-seen and battery only; then the last fix carried forward as Traccar does', async () => {
    desk = testDesk();
    const { dev } = seed(desk);
    store = new PositionStore(desk.ctx, {});
    const sql = desk.ctx.db.$client;
    // the SDK's heartbeat from a phone that has no fix yet: 200, no position row, last-seen and battery kept
    expect(await store.submit(pos({ lat: null, lon: null, speedKph: null, battery: 50, at: '2026-11-26T11:59:00Z' }))).toBe(200);
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(0);
    expect(sql.prepare('SELECT last_seen_at AS seen, battery FROM devices WHERE id = ?').get(dev.id)).toEqual({ seen: '2026-11-26T13:00:00.000Z', battery: 50 });
    // a real fix, then a heartbeat: the stored row copies the fix's time, validity, position, speed, course, altitude, accuracy
    expect(await store.submit(pos({ at: '2026-11-26T12:00:00Z', valid: false, speedKph: 33, course: 90, altitude: 12, accuracy: 7 }))).toBe(200);
    expect(await store.submit(pos({ lat: null, lon: null, speedKph: null, course: null, accuracy: null, battery: 49, at: '2026-11-26T12:00:10Z' }))).toBe(200);
    const last = sql.prepare('SELECT at, lat, lon, valid, speed_kph AS speed, course, altitude, accuracy, battery, attributes FROM positions ORDER BY id DESC').get();
    expect(last).toEqual({
      at: '2026-11-26T12:00:00.000Z', lat: FAR.lat, lon: FAR.lon, valid: 0, speed: 33, course: 90, altitude: 12, accuracy: 7, battery: 49,
      attributes: JSON.stringify({ outdated: true, deviceTime: '2026-11-26T12:00:10.000Z' }),
    });
    // the map's latest row keeps the fix and takes the new battery
    expect(sql.prepare('SELECT at, battery FROM positions_latest').get()).toEqual({ at: '2026-11-26T12:00:00.000Z', battery: 49 });
    // nothing is ever stored at 0,0
    expect(count(desk, 'SELECT count(*) FROM positions WHERE lat = 0 AND lon = 0')).toBe(0);
  });

  it('a clock far off is stored with its time flag, never as the live position or the odometer', async () => {
    desk = testDesk();
    const { van, dev } = seed(desk);
    desk.ctx.db.$client.prepare('UPDATE devices SET odometer_source = 1 WHERE id = ?').run(dev.id);
    store = new PositionStore(desk.ctx, {});
    await store.submit(pos({ at: '2026-11-26T12:00:00Z' }));
    const s1989 = { ...pos({ at: '1989-06-01T10:00:00Z', lat: 47.6, attributes: { odometer: 99_000_000 } }), timeFlag: 'past' as const };
    expect(await store.submit(s1989)).toBe(200);
    const rows = desk.ctx.db.$client.prepare('SELECT at, time_flag AS flag FROM positions ORDER BY id').all();
    expect(rows).toEqual([{ at: '2026-11-26T12:00:00.000Z', flag: null }, { at: '1989-06-01T10:00:00.000Z', flag: 'past' }]);
    expect(desk.ctx.db.$client.prepare('SELECT lat FROM positions_latest').pluck().get()).toBe(FAR.lat);
    expect(desk.ctx.db.$client.prepare('SELECT odometer_mi FROM vans WHERE id = ?').pluck().get(van.id)).toBe(1000);
  });

  it('keeps a late old fix in history without moving the latest position back', async () => {
    desk = testDesk();
    seed(desk);
    store = new PositionStore(desk.ctx, {});
    await store.submit(pos({ at: '2026-11-26T12:10:00Z', lat: 47.56 }));
    await store.submit(pos({ at: '2026-11-26T12:05:00Z', lat: 47.57 }));
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(2);
    expect(desk.ctx.db.$client.prepare('SELECT lat FROM positions_latest').pluck().get()).toBe(47.56);
  });

  it('feeds odometer (metres) and state of charge to the van — the odometer only from the van’s odometer source', async () => {
    desk = testDesk();
    const { van, dev } = seed(desk);
    store = new PositionStore(desk.ctx, {});
    const odo = () => desk.ctx.db.$client.prepare('SELECT odometer_mi FROM vans WHERE id = ?').pluck().get(van.id);
    // a phone's odometer (its travelled distance) never moves the van's: 18,641 mi stays 1,000
    await store.submit(pos({ at: '2026-11-26T11:59:00Z', attributes: { odometer: 30_000_000, distance: 5_000 } }));
    expect(odo()).toBe(1000);
    desk.ctx.db.$client.prepare('UPDATE devices SET odometer_source = 1 WHERE id = ?').run(dev.id);
    store.close();
    store = new PositionStore(desk.ctx, {});
    await store.submit(pos({ at: '2026-11-26T12:00:00Z', attributes: { odometer: 2_000_000, soc: 64 } }));
    let v = desk.ctx.db.$client.prepare('SELECT odometer_mi AS odo, state_of_charge_pct AS soc FROM vans WHERE id = ?').get(van.id) as { odo: number; soc: number };
    expect(v).toEqual({ odo: 1242.7, soc: 64 });
    // an odometer lower than the van's is ignored (phones reset theirs)
    await store.submit(pos({ at: '2026-11-26T12:01:00Z', attributes: { odometer: 5_000 } }));
    v = desk.ctx.db.$client.prepare('SELECT odometer_mi AS odo, state_of_charge_pct AS soc FROM vans WHERE id = ?').get(van.id) as { odo: number; soc: number };
    expect(v.odo).toBe(1242.7);
  });

  it('pushes position events at most every emit interval, batching devices', async () => {
    // The emit timer runs on fake time (advanced by hand), so the count is exact and nothing sleeps.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      desk = testDesk();
      seed(desk);
      const events: DeskEvent[] = [];
      desk.ctx.events.subscribe((e) => e.type === 'positions' && events.push(e));
      store = new PositionStore(desk.ctx, { emitIntervalMs: 250 });
      // 20 fixes 30 ms apart (600 ms), then 300 ms more: the timer fires at 250, 500 and 750 ms.
      for (let i = 0; i < 20; i++) {
        await store.submit(pos({ at: new Date(Date.parse('2026-11-26T12:00:00Z') + i * 1000).toISOString() }));
        vi.advanceTimersByTime(30);
      }
      vi.advanceTimersByTime(300);
      expect(events).toHaveLength(3);
      const last = events.at(-1)!.data as { positions: LivePosition[] };
      expect(last.positions).toHaveLength(1);
      expect(last.positions[0]).toMatchObject({ identifier: 'phone-12', routeCode: 'CX12', vanName: 'Van 12' });
      // Nothing moved since: the next tick sends nothing.
      vi.advanceTimersByTime(250);
      expect(events).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('prunes positions older than the retention setting', async () => {
    desk = testDesk();
    seed(desk);
    store = new PositionStore(desk.ctx, {});
    await call(desk.ctx, 'telematics.updateSettings', { retentionDays: 7 });
    await store.submit(pos({ at: '2026-11-01T12:00:00Z' }));
    await store.submit(pos({ at: '2026-11-20T12:00:00Z' }));
    await store.submit(pos({ at: '2026-11-26T12:00:00Z' }));
    expect(store.prune()).toBe(1);
    expect(count(desk, 'SELECT count(*) FROM positions')).toBe(2);
    expect(count(desk, 'SELECT count(*) FROM positions_latest')).toBe(1);
  });
});

describe('return to station', () => {
  const T = (hhmm: string) => `2026-11-26T${hhmm}:00Z`; // UTC; Los Angeles is UTC−8

  it('leaving after the wave time launches the route; entering records the return', async () => {
    desk = testDesk();
    const { route } = seed(desk, { wave: '10:20' });
    const events: DeskEvent[] = [];
    desk.ctx.events.subscribe((e) => e.type === 'changed' && events.push(e));
    store = new PositionStore(desk.ctx, {});
    const routeRow = () => desk.ctx.db.$client.prepare('SELECT status, launched_at AS l, returned_at AS r FROM routes WHERE id = ?').get(route.id);
    // 09:50 local: inside, then a lap of the yard outside before the wave → not a launch
    await store.submit(pos({ at: T('17:50'), ...ST, speedKph: 0 }));
    await store.submit(pos({ at: T('17:55'), ...FAR }));
    expect(routeRow()).toEqual({ status: 'assigned', l: null, r: null });
    await store.submit(pos({ at: T('18:00'), ...ST }));
    // 10:25 local: leaves → launched
    await store.submit(pos({ at: T('18:25'), ...FAR }));
    expect(routeRow()).toEqual({ status: 'launched', l: '2026-11-26T18:25:00.000Z', r: null });
    // back at 19:40 local → returned
    await store.submit(pos({ at: '2026-11-27T03:40:00Z', ...ST, speedKph: 5 }));
    expect(routeRow()).toEqual({ status: 'returned', l: '2026-11-26T18:25:00.000Z', r: '2026-11-27T03:40:00.000Z' });
    expect(events.map((e) => e.channel)).toEqual(['telematics.returnToStation', 'telematics.returnToStation']);
    const audit = desk.ctx.db.$client.prepare("SELECT action, actor FROM audit_log WHERE entity = 'route' ORDER BY id").all();
    expect(audit).toEqual([
      { action: 'route.launched', actor: 'system:telematics' },
      { action: 'route.returned', actor: 'system:telematics' },
    ]);
    expect(events.map((e) => e.data)).toEqual([
      [{ routeId: route.id, code: 'CX12', kind: 'launched', at: '2026-11-26T18:25:00.000Z', vanId: expect.any(Number) }],
      [{ routeId: route.id, code: 'CX12', kind: 'returned', at: '2026-11-27T03:40:00.000Z', vanId: expect.any(Number) }],
    ]);
    // the map shows it returned
    const live = await call(desk.ctx, 'positions.latest', {});
    expect(live[0]).toMatchObject({ routeCode: 'CX12', returnedAt: '2026-11-27T03:40:00.000Z', inStation: true });
  });

  it("a van back at 00:30 returns yesterday's route, and the map keeps showing that route until then", async () => {
    desk = testDesk();
    const { route } = seed(desk, { wave: '10:20' });
    store = new PositionStore(desk.ctx, {});
    const routeRow = () => desk.ctx.db.$client.prepare('SELECT status, returned_at AS r FROM routes WHERE id = ?').get(route.id);
    await store.submit(pos({ at: T('17:50'), ...ST, speedKph: 0 }));
    await store.submit(pos({ at: T('18:25'), ...FAR })); // 10:25 local on 2026-11-26: launched
    // 00:10 local on 2026-11-27, still out: a console at 00:15 shows the van on yesterday's CX12.
    await store.submit(pos({ at: '2026-11-27T08:10:00Z', ...FAR }));
    const afterMidnight = { ...desk.ctx, clock: fixedClock('2026-11-27T08:15:00Z') };
    expect((await call(afterMidnight, 'positions.latest', {}))[0]).toMatchObject({ routeCode: 'CX12', launchedAt: '2026-11-26T18:25:00.000Z', returnedAt: null });
    // 00:30 local: back at the station → the return is recorded against 2026-11-26's route.
    await store.submit(pos({ at: '2026-11-27T08:30:00Z', ...ST, speedKph: 5 }));
    expect(routeRow()).toEqual({ status: 'returned', r: '2026-11-27T08:30:00.000Z' });
    // A later lap of the yard records nothing more (the route is closed; 2026-11-27 has no route).
    await store.submit(pos({ at: '2026-11-27T08:40:00Z', ...FAR }));
    await store.submit(pos({ at: '2026-11-27T08:50:00Z', ...ST }));
    expect(desk.ctx.db.$client.prepare("SELECT count(*) FROM audit_log WHERE entity = 'route'").pluck().get()).toBe(2);
  });

  it('an unreturned route older than yesterday is left alone (no guessed return days later)', async () => {
    desk = testDesk();
    const { route } = seed(desk, { wave: '10:20' });
    desk.ctx.db.$client.prepare("UPDATE routes SET status = 'launched', launched_at = '2026-11-26T18:25:00.000Z' WHERE id = ?").run(route.id);
    store = new PositionStore(desk.ctx, {});
    await store.submit(pos({ at: '2026-11-28T16:00:00Z', ...FAR }));
    await store.submit(pos({ at: '2026-11-28T17:00:00Z', ...ST }));
    expect(desk.ctx.db.$client.prepare('SELECT status, returned_at AS r FROM routes WHERE id = ?').get(route.id)).toEqual({ status: 'launched', r: null });
  });

  it('entering the geofence before launch records nothing', async () => {
    desk = testDesk();
    const { route } = seed(desk);
    store = new PositionStore(desk.ctx, {});
    await store.submit(pos({ at: T('16:00'), ...FAR }));
    await store.submit(pos({ at: T('16:30'), ...ST }));
    expect(desk.ctx.db.$client.prepare('SELECT status FROM routes WHERE id = ?').pluck().get(route.id)).toBe('assigned');
  });
});

describe('flags and states', () => {
  const base: LivePosition = {
    deviceId: 1,
    identifier: 'p1',
    vanId: 1,
    vanName: 'Van 1',
    routeCode: 'CX1',
    routeId: 1,
    launchedAt: '2026-11-26T10:00:00Z',
    returnedAt: null,
    plannedReturnAt: null,
    driverName: null,
    phoneNumber: '',
    lat: FAR.lat,
    lon: FAR.lon,
    speedKph: 40,
    course: 0,
    accuracy: 5,
    battery: 50,
    at: '2026-11-26T12:59:00Z',
    receivedAt: '2026-11-26T12:59:00Z',
    movedAt: '2026-11-26T12:59:00Z',
    inStation: false,
    maxSpeedKph: 50,
    maxSpeedAt: '2026-11-26T12:58:00Z',
  };
  const now = Date.parse('2026-11-26T13:00:00Z');
  const s = TELEMATICS_DEFAULTS;

  it('classifies on road, idle, stale, at station and returned', () => {
    expect(vanState(base, now, s)).toBe('on_road');
    expect(vanState({ ...base, speedKph: 0, movedAt: '2026-11-26T12:35:00Z' }, now, s)).toBe('idle');
    expect(vanState({ ...base, speedKph: 0, movedAt: '2026-11-26T12:45:00Z' }, now, s)).toBe('on_road');
    expect(vanState({ ...base, at: '2026-11-26T12:49:00Z', receivedAt: '2026-11-26T12:49:00Z' }, now, s)).toBe('stale');
    expect(vanState({ ...base, inStation: true, speedKph: 0, movedAt: '2026-11-26T11:00:00Z' }, now, s)).toBe('at_station');
    expect(vanState({ ...base, inStation: true, returnedAt: '2026-11-26T12:50:00Z' }, now, s)).toBe('returned');
    // only a van out on its route goes stale: not launched (or no route) is at the station, a returned one is returned
    const quiet = { at: '2026-11-26T07:00:00Z', receivedAt: '2026-11-26T07:00:00Z' };
    expect(vanState({ ...base, ...quiet, launchedAt: null }, now, s)).toBe('at_station');
    expect(vanState({ ...base, ...quiet, launchedAt: null, routeCode: null, routeId: null }, now, s)).toBe('at_station');
    expect(vanState({ ...base, ...quiet, returnedAt: '2026-11-26T06:50:00Z' }, now, s)).toBe('returned');
    expect(vanState({ ...base, ...quiet }, now, s)).toBe('stale');
    // an idle morning: 44 parked, unlaunched vans with quiet phones raise no flag
    const morning = Array.from({ length: 44 }, (_, i) => ({ ...base, ...quiet, deviceId: i + 1, launchedAt: null, inStation: true, maxSpeedKph: null }));
    expect(computeFlags(morning, now, s)).toEqual([]);
  });

  it('map labels follow one choice, never mixed: a van without the chosen field has no label', () => {
    expect(mapLabel(base, 'route')).toBe('CX1');
    expect(mapLabel(base, 'van')).toBe('Van 1');
    expect(mapLabel({ ...base, routeCode: null }, 'route')).toBeNull();
    expect(mapLabel({ ...base, vanName: null }, 'van')).toBeNull();
  });

  it('flags speeding, stale, idle, returned — most urgent first', () => {
    const flags = computeFlags(
      [
        { ...base, deviceId: 1, routeCode: 'IDLE', speedKph: 0, movedAt: '2026-11-26T12:30:00Z' },
        { ...base, deviceId: 2, routeCode: 'BACK', inStation: true, returnedAt: '2026-11-26T12:40:00Z' },
        { ...base, deviceId: 3, routeCode: 'GONE', at: '2026-11-26T12:40:00Z', receivedAt: '2026-11-26T12:40:00Z' },
        { ...base, deviceId: 4, routeCode: 'FAST', maxSpeedKph: 130, maxSpeedAt: '2026-11-26T12:55:00Z' },
        { ...base, deviceId: 5, routeCode: 'FINE' },
      ],
      now,
      s,
    );
    expect(flags.map((f) => `${f.kind}:${f.label}`)).toEqual(['speeding:FAST', 'stale:GONE', 'idle:IDLE', 'returned:BACK']);
    expect(flags[0]!.message).toBe('81 mph (limit 75) 5 min ago');
    expect(flags[1]!.message).toBe('No ping for 20 min');
    // the limit is a setting
    expect(computeFlags([{ ...base, maxSpeedKph: 130 }], now, { ...s, speedLimitMph: 85 })).toEqual([]);
  });
});
