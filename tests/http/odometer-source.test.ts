/**
 * Fleet → Devices: "odometer source" — whether a device's reported `odometer` (metres, Traccar's unit)
 * feeds its van's odometer. Off by default (a phone's travelled distance is not the van's odometer);
 * turning it on is an audited write (`devices.upsert {odometerSource}`), and only then does the
 * ingest move the van's odometer — over the real ingest endpoint on 127.0.0.1.
 */
import http from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { testDesk, type TestDesk } from '../helpers/context';
import { startIngestServer, type IngestServer } from '../../electron/server/ingest';
import { station } from '../../electron/db/schema';
import { call } from '../../electron/services/dispatch';
import { withCheckDigit } from '../../shared/vin';

let desk: TestDesk;
let ingest: IngestServer | null = null;
afterEach(async () => {
  await ingest?.close();
  ingest = null;
  desk?.close();
});

const odometer = (vanId: number) => desk.ctx.db.$client.prepare('SELECT odometer_mi FROM vans WHERE id = ?').pluck().get(vanId) as number;
/** One OsmAnd GET as a phone sends it (plain http: fetch adds Sec-Fetch headers, which the ingest refuses as a browser's). */
const report = async (id: string, metres: number, t: number) => {
  const status = await new Promise<number>((resolve, reject) =>
    http.get(`${ingest!.url}/?id=${id}&timestamp=${t}&lat=47.51&lon=-122.31&speed=10&odometer=${metres}`, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject),
  );
  expect(status).toBe(200);
};

it('a device feeds its van odometer only when marked as the odometer source (default off), and marking it is audited', async () => {
  desk = testDesk();
  desk.ctx.db.insert(station).values({ id: 1, name: 'DSE4', code: 'DSE4', lat: 47.5, lon: -122.3, timeZone: 'America/Los_Angeles' }).run();
  const van = await call(desk.ctx, 'fleet.upsert', { name: 'CDV-21', vin: withCheckDigit('1FTBW3XM0MKA21021'), type: 'CDV', odometerMi: 12_300 });
  const phone = await call(desk.ctx, 'devices.upsert', { identifier: 'dsk-phone-021', kind: 'phone', vanId: van.id });
  const tracker = await call(desk.ctx, 'devices.upsert', { identifier: '356938035643809', kind: 'tracker', vanId: van.id });
  expect(phone.odometerSource).toBe(false);
  expect(tracker.odometerSource).toBe(false);
  ingest = (await startIngestServer({ ctx: desk.ctx, port: 'random' }))!;

  // Neither is the source yet: the phone's 30,000 km and the tracker's reading leave the van alone.
  await report('dsk-phone-021', 30_000_000, 1795683600);
  await report('356938035643809', 19_950_000, 1795683610);
  expect(odometer(van.id)).toBe(12_300);

  // The desk marks the tracker as the van's odometer: one audited write with before/after.
  const marked = await call(desk.ctx, 'devices.upsert', { id: tracker.id, identifier: tracker.identifier, kind: 'tracker', vanId: van.id, odometerSource: true });
  expect(marked.odometerSource).toBe(true);
  const [entry] = await call(desk.ctx, 'audit.list', { entity: 'device', entityId: String(tracker.id) });
  expect(entry).toMatchObject({ action: 'update', entity: 'device' });
  expect(entry!.before).toMatchObject({ odometerSource: false });
  expect(entry!.after).toMatchObject({ odometerSource: true });

  await report('356938035643809', 19_950_000, 1795683620); // 19,950 km = 12,396.4 mi
  expect(odometer(van.id)).toBeCloseTo(12_396.4, 1);
  await report('dsk-phone-021', 40_000_000, 1795683630); // still not the phone's
  expect(odometer(van.id)).toBeCloseTo(12_396.4, 1);

  // Editing the device without the field keeps it; turning it off stops it again.
  expect((await call(desk.ctx, 'devices.upsert', { id: tracker.id, identifier: tracker.identifier, kind: 'tracker', label: 'OBD tracker CDV-21', vanId: van.id })).odometerSource).toBe(true);
  await call(desk.ctx, 'devices.upsert', { id: tracker.id, identifier: tracker.identifier, kind: 'tracker', vanId: van.id, odometerSource: false });
  await report('356938035643809', 20_100_000, 1795683640);
  expect(odometer(van.id)).toBeCloseTo(12_396.4, 1);
});
