/** The telematics read channels: a device's track, the live map, its flags and the settings. */
import { afterEach, describe, expect, it } from 'vitest';
import { testDesk, type TestDesk } from '../../helpers/context';
import { PositionStore } from '../../../electron/services/telematics/store';
import { call } from '../../../electron/services/dispatch';
import { assignments, devices, drivers, routes, station, vans } from '../../../electron/db/schema';
import { fixedClock } from '../../../shared/dates';
import { TELEMATICS_DEFAULTS } from '../../../shared/rules/telematics';
import { FAR, ST, fix } from './fixtures';


let desk: TestDesk;
let store: PositionStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
  desk?.close();
});

/** A station with two vans and their phones; van 12 is on route CX12 today. Positions arrive at 12:40Z. */
function seed() {
  desk = testDesk({ clock: fixedClock('2026-11-26T12:40:00Z') });
  const db = desk.ctx.db;
  db.insert(station).values({ id: 1, name: 'DSE4', code: 'DSE4', lat: ST.lat, lon: ST.lon, timeZone: 'America/Los_Angeles', geofenceM: 300 }).run();
  const van12 = db.insert(vans).values({ name: 'Van 12', vin: '1FTBW3XM6HKA12345', vanClass: 'standard_cargo' }).returning().get();
  const van13 = db.insert(vans).values({ name: 'Van 13', vin: '1FTBW3XM6HKA12346', vanClass: 'standard_cargo' }).returning().get();
  const d12 = db.insert(devices).values({ identifier: 'phone-12', vanId: van12.id }).returning().get();
  const d13 = db.insert(devices).values({ identifier: 'phone-13', vanId: van13.id }).returning().get();
  const driver = db.insert(drivers).values({ transporterId: 'A1B2C3D4E5', name: 'Ana' }).returning().get();
  const route = db.insert(routes).values({ date: '2026-11-26', code: 'CX12', wave: '04:00', serviceType: 'Standard Parcel', plannedDurationMin: 600, status: 'assigned' }).returning().get();
  db.insert(assignments).values({ routeId: route.id, date: '2026-11-26', driverId: driver.id, vanId: van12.id, assignedBy: 'desk', assignedAt: '2026-11-26T12:00:00Z' }).run();
  store = new PositionStore(desk.ctx, {});
  return { d12, d13 };
}

/** The same desk, 20 minutes later (13:00Z): phone-12 last reported at 12:40Z. */
const later = () => ({ ...desk.ctx, clock: fixedClock('2026-11-26T13:00:00Z') });

describe('positions.track', () => {
  it('answers one device’s fixes between two instants, oldest first, up to the limit', async () => {
    const { d12, d13 } = seed();
    for (const [m, lat] of [['12:10', 47.51], ['12:20', 47.52], ['12:30', 47.53]] as const) await store!.submit(fix('phone-12', `2026-11-26T${m}:00Z`, { lat, course: 90 }));
    await store!.submit(fix('phone-13', '2026-11-26T12:20:00Z'));
    const track = await call(desk.ctx, 'positions.track', { deviceId: d12.id, from: '2026-11-26T12:15:00Z', to: '2026-11-26T12:35:00Z' });
    expect(track).toEqual([
      { lat: 47.52, lon: FAR.lon, at: '2026-11-26T12:20:00.000Z', speedKph: 40, course: 90 },
      { lat: 47.53, lon: FAR.lon, at: '2026-11-26T12:30:00.000Z', speedKph: 40, course: 90 },
    ]);
    expect(await call(desk.ctx, 'positions.track', { deviceId: d12.id, from: '2026-11-26T12:00:00Z', to: '2026-11-26T13:00:00Z', limit: 1 })).toHaveLength(1);
    expect(await call(desk.ctx, 'positions.track', { deviceId: d13.id, from: '2026-11-26T12:25:00Z', to: '2026-11-26T13:00:00Z' })).toEqual([]);
    await expect(call(desk.ctx, 'positions.track', { deviceId: d12.id, from: 'yesterday', to: '2026-11-26T13:00:00Z' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('telematics.live and telematics.flags', () => {
  it('the live map: station, settings, every device with its van and route, flags and the unknown-device count', async () => {
    seed();
    // CX12 went out at 12:05 (only a van out on its route can go stale)
    desk.ctx.db.$client.prepare("UPDATE routes SET launched_at = '2026-11-26T12:05:00.000Z', status = 'launched' WHERE code = 'CX12'").run();
    await store!.submit(fix('phone-12', '2026-11-26T12:39:00Z'));
    // phone-13 keeps reporting; five minutes ago it did 140 km/h (87 mph, over the 75 mph limit).
    await store!.submit(fix('phone-13', '2026-11-26T12:55:00Z', { speedKph: 140 }));
    await store!.submit(fix('phone-13', '2026-11-26T12:59:30Z', { speedKph: 60 }));
    await store!.submit(fix('stranger-9', '2026-11-26T12:39:40Z'));
    store!.flush();
    const ctx = later();

    const live = await call(ctx, 'telematics.live', {});
    expect(live.now).toBe('2026-11-26T13:00:00.000Z');
    expect(live.station).toMatchObject({ code: 'DSE4', timeZone: 'America/Los_Angeles' });
    expect(live.settings).toEqual(TELEMATICS_DEFAULTS);
    expect(live.unknownDevices).toBe(1);
    expect(live.positions.map((p) => [p.identifier, p.vanName, p.routeCode])).toEqual([
      ['phone-12', 'Van 12', 'CX12'],
      ['phone-13', 'Van 13', null],
    ]);
    // phone-12 was last heard at 12:40 (stale after 10 minutes); phone-13 sped within the 15-minute window.
    const flags = await call(ctx, 'telematics.flags', {});
    expect(flags.map((f) => [f.kind, f.label])).toEqual([
      ['speeding', 'Van 13'],
      ['stale', 'CX12'],
    ]);
    expect(flags[1]!.message).toBe('No ping for 20 min');
    expect(live.flags).toEqual(flags);
    expect(live.alarms).toEqual([]);

    // Not launched (an idle morning): the same quiet phone is "at station", never stale.
    desk.ctx.db.$client.prepare("UPDATE routes SET launched_at = NULL, status = 'assigned' WHERE code = 'CX12'").run();
    expect((await call(ctx, 'telematics.flags', {})).map((f) => f.kind)).toEqual(['speeding']);
    desk.ctx.db.$client.prepare("UPDATE routes SET launched_at = '2026-11-26T12:05:00.000Z', status = 'launched' WHERE code = 'CX12'").run();

    // The thresholds come from the settings: a generous stale limit clears the stale flag.
    await call(ctx, 'telematics.updateSettings', { staleMin: 60 });
    expect((await call(ctx, 'telematics.flags', {})).map((f) => f.kind)).toEqual(['speeding']);
  });
});

describe('telematics.settings', () => {
  it('answers the DOMAIN.md defaults, then what was stored merged over them', async () => {
    desk = testDesk();
    expect(await call(desk.ctx, 'telematics.settings', {})).toEqual(TELEMATICS_DEFAULTS);
    await call(desk.ctx, 'telematics.updateSettings', { retentionDays: 7, speedLimitMph: 65 });
    expect(await call(desk.ctx, 'telematics.settings', {})).toEqual({ ...TELEMATICS_DEFAULTS, retentionDays: 7, speedLimitMph: 65 });
    // Owners read the settings too.
    expect(await call(desk.as({ name: 'Owner', role: 'owner' }), 'telematics.settings', {})).toMatchObject({ retentionDays: 7 });
  });
});
