import http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDesk, type TestDesk } from '../helpers/context';
import { startIngestServer, type IngestServer } from '../../electron/server/ingest';
import { devices, station } from '../../electron/db/schema';
import { call } from '../../electron/services/dispatch';

// The real ingest endpoint on 127.0.0.1, spoken to the way OsmAnd and Traccar Client do.

let desk: TestDesk;
let ingest: IngestServer | null = null;
afterEach(async () => {
  await ingest?.close();
  ingest = null;
  desk?.close();
});

async function start(opts: Parameters<typeof startIngestServer>[0] = {}) {
  desk = testDesk();
  desk.ctx.db.insert(station).values({ id: 1, name: 'DSE4', code: 'DSE4', lat: 47.5, lon: -122.3, timeZone: 'America/Los_Angeles' }).run();
  desk.ctx.db.insert(devices).values({ identifier: 'phone-1' }).run();
  ingest = (await startIngestServer({ ctx: desk.ctx, port: 'random', ...opts }))!;
  return ingest;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function send(path: string, init: { method?: string; body?: string; contentType?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${ingest!.url}${path}`,
      {
        method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
        agent,
        headers: {
          ...(init.body !== undefined ? { 'Content-Type': init.contentType ?? 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(init.body) } : {}),
          ...init.headers,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
const positions = () => desk.ctx.db.$client.prepare('SELECT count(*) FROM positions').pluck().get() as number;

describe('ingest endpoint (OsmAnd / Traccar Client)', () => {
  it('stores a GET with query parameters: 200 with an empty body', async () => {
    await start();
    const r = await send('/?id=phone-1&timestamp=1795683600&lat=47.51&lon=-122.31&speed=12&bearing=45&batt=77');
    expect(r).toEqual({ status: 200, body: '' });
    expect(positions()).toBe(1);
    const row = desk.ctx.db.$client.prepare('SELECT at, lat, lon, speed_kph AS kph, course, battery FROM positions').get();
    expect(row).toEqual({ at: '2026-11-26T09:00:00.000Z', lat: 47.51, lon: -122.31, kph: 12 * 1.852, course: 45, battery: 77 });
  });

  it('stores a POST form body and a Traccar Client JSON body', async () => {
    await start();
    expect((await send('/', { body: 'id=phone-1&lat=47.52&lon=-122.32&timestamp=2026-11-26%2012:00:00' })).status).toBe(200);
    const json = JSON.stringify({
      device_id: 'phone-1',
      location: { timestamp: '2026-11-26T12:01:00Z', coords: { latitude: 47.53, longitude: -122.33, speed: 5, heading: 90, accuracy: 4, altitude: 10 }, battery: { level: 0.5, is_charging: false } },
    });
    expect((await send('/', { body: json, contentType: 'application/json' })).status).toBe(200);
    expect(positions()).toBe(2);
    const latest = await call(desk.ctx, 'positions.latest', {});
    expect(latest[0]).toMatchObject({ identifier: 'phone-1', lat: 47.53, lon: -122.33, speedKph: 18, course: 90, accuracy: 4, battery: 50 });
  });

  it('answers 400 for malformed requests', async () => {
    await start();
    for (const path of [
      '/?lat=1&lon=2',
      '/?id=phone-1&lat=95&lon=2',
      '/?id=phone-1&lat=1&lon=200',
      '/?id=phone-1&lat=x&lon=2',
      '/?id=phone-1&lat=1&lon=2&timestamp=never',
    ]) {
      expect((await send(path)).status, path).toBe(400);
    }
    expect((await send('/', { body: '{oops', contentType: 'application/json' })).status).toBe(400);
    expect(positions()).toBe(0);
  });

  it('answers 404 for an unknown device and lists it; 405 for other methods; 413 for huge bodies', async () => {
    await start();
    expect((await send('/?id=who-is-this&lat=47.5&lon=-122.3')).status).toBe(404);
    // The unknown device is noted by the next flush: wait for it rather than for a time.
    await vi.waitFor(async () => expect(await call(desk.ctx, 'telematics.unknownDevices', {})).toMatchObject([{ identifier: 'who-is-this', remoteAddress: '127.0.0.1' }]));
    expect((await send('/?id=phone-1&lat=1&lon=1', { method: 'PUT' })).status).toBe(405);
    expect((await send('/', { body: 'id=phone-1&x=' + 'a'.repeat(70_000) })).status).toBe(413);
  });

  it('registers unknown devices when started with acceptUnknownDevices', async () => {
    await start({ acceptUnknownDevices: true });
    expect((await send('/?id=brand-new&lat=47.5&lon=-122.3')).status).toBe(200);
    expect(desk.ctx.db.$client.prepare("SELECT van_id FROM devices WHERE identifier = 'brand-new'").pluck().get()).toBeNull();
  });

  it('answers 503 when the queue is full, stores everything it accepted', async () => {
    await start({ maxQueue: 5, flushDelayMs: 250 });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => send(`/?id=phone-1&lat=47.5&lon=-122.3&timestamp=${1795683600 + i}`)),
    );
    const ok = results.filter((r) => r.status === 200).length;
    const full = results.filter((r) => r.status === 503).length;
    expect(ok + full).toBe(30);
    expect(full).toBeGreaterThan(0);
    expect(ok).toBeGreaterThanOrEqual(5);
    expect(positions()).toBe(ok);
    expect(ingest!.store.stats.maxQueued).toBeLessThanOrEqual(5);
  });

  it('issue 11 #8: refuses requests a web page makes (Origin or Sec-Fetch-*) with 403, stores nothing', async () => {
    await start();
    const q = '/?id=phone-1&lat=47.5&lon=-122.3&timestamp=1795683600';
    expect((await send(q, { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await send('/', { body: 'id=phone-1&lat=47.5&lon=-122.3', headers: { Origin: 'null' } })).status).toBe(403);
    expect((await send(q, { headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' } })).status).toBe(403);
    expect((await send(q, { headers: { 'Sec-Fetch-Dest': 'empty' } })).status).toBe(403);
    expect(positions()).toBe(0);
    // A phone (no browser headers) is still welcome.
    expect((await send(q)).status).toBe(200);
    expect(positions()).toBe(1);
  });

  it('issue 11 #8: impossible readings are stored as unknown, the fix is kept (2xx) and raises no speeding flag', async () => {
    await start();
    // speed=1e6 knots, course 720, battery 250, accuracy -1 (Traccar's "unknown")
    const r = await send('/?id=phone-1&lat=47.51&lon=-122.31&timestamp=1795683600&speed=1e6&bearing=720&batt=250&accuracy=-1');
    expect(r.status).toBe(200);
    const row = desk.ctx.db.$client.prepare('SELECT speed_kph AS kph, course, battery, accuracy, attributes FROM positions').get() as Record<string, unknown>;
    expect(row).toMatchObject({ kph: null, course: null, battery: null, accuracy: null });
    expect(JSON.parse(row.attributes as string)).toMatchObject({ implausible: 'speedKph,course,battery,accuracy' });
    // Negative speed (JSON: m/s), a battery level over 1: unknown too; plausible values are kept.
    const json = JSON.stringify({ device_id: 'phone-1', location: { timestamp: '2026-11-26T12:01:00Z', coords: { latitude: 47.52, longitude: -122.32, speed: 300, heading: 90 }, battery: { level: 1.5 } } });
    expect((await send('/', { body: json, contentType: 'application/json' })).status).toBe(200);
    const last = desk.ctx.db.$client.prepare('SELECT speed_kph AS kph, course, battery FROM positions ORDER BY id DESC').get();
    expect(last).toEqual({ kph: null, course: 90, battery: null });
    expect((await send('/?id=phone-1&lat=47.53&lon=-122.33&timestamp=1795683700&speed=-3')).status).toBe(200);
    expect(await call(desk.ctx, 'telematics.flags', {})).not.toContainEqual(expect.objectContaining({ kind: 'speeding' }));
    expect(positions()).toBe(3);
  });

  it('port 0 means off', async () => {
    desk = testDesk();
    expect(await startIngestServer({ ctx: desk.ctx, port: 0 })).toBeNull();
  });
});
