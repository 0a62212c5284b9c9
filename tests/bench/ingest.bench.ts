import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type OpenedDb } from '../../electron/db/open';
import { startIngestServer } from '../../electron/server/ingest';
import { PositionStore } from '../../electron/services/telematics/store';
import type { DecodedPosition } from '../../electron/services/telematics/osmand';
import { EventBus } from '../../shared/events';
import { systemClock } from '../../shared/dates';
import type { BenchResult } from './run';
import { spawnJson } from './spawn-json';

/**
 * Telematics ingest:
 *  1. reference: raw better-sqlite3 transactional insert of the same position rows (1,000 per
 *     transaction) into the positions table;
 *  2. the positions store's write path (queue → one transaction per flush, latest-per-device,
 *     last-seen) on the same rows: must reach ≥ 0.5× the reference;
 *  3. over HTTP on 127.0.0.1: the `simulate` CLI (a separate process) with 4 concurrent senders
 *     against the real ingest endpoint for 30 s: ≥ 5,000 positions/s, every 200 stored (no loss);
 *  4. 10× overload (40 senders × 64 pipelined, 10× the offered rate) for 15 s against a queue bound
 *     of 1,000: memory stays bounded (the endpoint answers 503 instead of growing), and every 200
 *     is stored.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const STATION = { lat: 47.40236, lon: -122.24412 };

function freshDb(devices: number): OpenedDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-ingest-'));
  const opened = openDatabase(path.join(dir, 'station.db'));
  const ins = opened.sqlite.prepare('INSERT INTO devices (identifier) VALUES (?)');
  opened.sqlite.transaction(() => {
    for (let i = 1; i <= devices; i++) ins.run(`bench-${String(i).padStart(Math.max(3, String(devices).length), '0')}`);
  })();
  opened.sqlite.prepare("INSERT INTO station (id, name, code, lat, lon, time_zone) VALUES (1, 'Bench', 'BNCH', ?, ?, 'America/Los_Angeles')").run(STATION.lat, STATION.lon);
  return opened;
}

function rows(n: number, devices: number): DecodedPosition[] {
  const t0 = Date.now() - 3600_000;
  const width = Math.max(3, String(devices).length);
  return Array.from({ length: n }, (_, i) => ({
    identifier: `bench-${String((i % devices) + 1).padStart(width, '0')}`,
    at: new Date(t0 + Math.floor(i / devices) * 1000),
    lat: STATION.lat + Math.sin(i) * 0.05,
    lon: STATION.lon + Math.cos(i) * 0.05,
    speedKph: 40 + (i % 30),
    course: i % 360,
    altitude: 40,
    accuracy: 6,
    battery: 80,
    valid: true,
    timeFlag: null,
    attributes: {},
  }));
}

function rawInsertRate(data: DecodedPosition[]): number {
  const opened = freshDb(1000);
  const ids = new Map((opened.sqlite.prepare('SELECT identifier, id FROM devices').all() as { identifier: string; id: number }[]).map((r) => [r.identifier, r.id]));
  const st = opened.sqlite.prepare(
    `INSERT INTO positions (device_id, at, received_at, lat, lon, speed_kph, course, altitude, accuracy, battery, valid, attributes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  const t = performance.now();
  for (let i = 0; i < data.length; i += 1000) {
    opened.sqlite.transaction(() => {
      for (const p of data.slice(i, i + 1000)) {
        st.run(ids.get(p.identifier)!, p.at.toISOString(), now, p.lat, p.lon, p.speedKph, p.course, p.altitude, p.accuracy, p.battery, 1, null);
      }
    })();
  }
  const rate = data.length / ((performance.now() - t) / 1000);
  opened.close();
  return rate;
}

async function storeRate(data: DecodedPosition[]): Promise<{ rate: number; flushes: number }> {
  const opened = freshDb(1000);
  const store = new PositionStore({ db: opened.db, clock: systemClock, events: new EventBus() }, { maxQueue: 20_000, maxBatch: 5_000 });
  const t = performance.now();
  for (let i = 0; i < data.length; i += 5000) {
    const statuses = await Promise.all(data.slice(i, i + 5000).map((p) => store.submit(p)));
    if (statuses.some((s) => s !== 200)) throw new Error('store refused rows');
  }
  const rate = data.length / ((performance.now() - t) / 1000);
  const flushes = store.stats.flushes;
  store.close();
  const stored = opened.sqlite.prepare('SELECT count(*) FROM positions').pluck().get() as number;
  opened.close();
  if (stored !== data.length) throw new Error(`store lost rows: ${stored} of ${data.length}`);
  return { rate, flushes };
}

interface SimSummary {
  sent: number;
  ok: number;
  stored: number;
  byStatus: Record<string, number>;
  errors: number;
  seconds: number;
  skipped: number;
}

function simulate(args: string[]): Promise<SimSummary> {
  return spawnJson<SimSummary>('simulate', ['--import', 'tsx', 'electron/cli.ts', 'simulate', ...args, '--json'], { cwd: root });
}

async function httpRun(opts: { devices: number; rate: number; seconds: number; senders: number; pipeline: number; maxQueue?: number }) {
  const opened = freshDb(opts.devices);
  const ingest = (await startIngestServer({ db: opened.db, port: 'random', maxQueue: opts.maxQueue ?? 20_000 }))!;
  const mem = { baseRss: process.memoryUsage().rss, peakRss: 0, peakHeap: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    mem.peakRss = Math.max(mem.peakRss, m.rss);
    mem.peakHeap = Math.max(mem.peakHeap, m.heapUsed);
  }, 100);
  const width = Math.max(3, String(opts.devices).length);
  const sim = await simulate([
    '--target', ingest.url,
    '--devices', String(opts.devices),
    '--rate', String(opts.rate),
    '--seconds', String(opts.seconds),
    '--senders', String(opts.senders),
    '--pipeline', String(opts.pipeline),
    '--ids', `bench-{n}`,
    '--station', `${STATION.lat},${STATION.lon}`,
    '--wave-gap', '0.01',
  ]);
  clearInterval(sampler);
  await ingest.close();
  const stored = opened.sqlite.prepare('SELECT count(*) FROM positions').pluck().get() as number;
  const stats = { ...ingest.store.stats };
  opened.close();
  void width;
  return { sim, stored, stats, mem };
}

export async function run(): Promise<BenchResult[]> {
  const N = 100_000;
  const data = rows(N, 1000);
  const raw = rawInsertRate(data);
  const store = await storeRate(data);
  const results: BenchResult[] = [];
  results.push({
    name: 'positions store write rate vs raw better-sqlite3 transactional insert',
    value: Math.round(store.rate),
    unit: 'positions/s',
    target: Math.round(raw * 0.5),
    better: 'higher',
    pass: store.rate >= raw * 0.5,
    reference: { name: 'raw better-sqlite3 insert (1,000 rows per transaction)', value: Math.round(raw), unit: 'rows/s' },
    details: { rows: N, ratio: +(store.rate / raw).toFixed(2), flushes: store.flushes },
  });

  const sustained = await httpRun({ devices: 1000, rate: 6, seconds: 30, senders: 4, pipeline: 64 });
  const httpRate = sustained.sim.ok / sustained.sim.seconds;
  results.push({
    name: 'HTTP ingest from the simulator, 4 senders, 30 s (offered 6,000/s)',
    value: Math.round(httpRate),
    unit: 'positions/s',
    target: 5000,
    better: 'higher',
    pass: httpRate >= 5000 && sustained.stored === sustained.sim.ok,
    details: { ...sustained.sim, storedInDb: sustained.stored, lost: sustained.sim.ok - sustained.stored, store: sustained.stats },
  });
  results.push({
    name: 'HTTP ingest: positions answered 200 but not stored',
    value: sustained.sim.ok - sustained.stored,
    unit: 'positions',
    target: 0,
    pass: sustained.sim.ok === sustained.stored,
    details: { answered200: sustained.sim.ok, storedInDb: sustained.stored },
  });

  const overload = await httpRun({ devices: 5000, rate: 12, seconds: 15, senders: 40, pipeline: 64, maxQueue: 1_000 });
  const growthMb = (overload.mem.peakRss - overload.mem.baseRss) / 1e6;
  results.push({
    name: '10× overload (60,000/s offered, 40 senders, 15 s): memory growth',
    value: Math.round(growthMb),
    unit: 'MB RSS',
    target: 300,
    pass: growthMb <= 300 && overload.stats.maxQueued <= 1_000 && overload.stored === overload.sim.ok,
    details: {
      ...overload.sim,
      storedInDb: overload.stored,
      maxQueued: overload.stats.maxQueued,
      queueBound: 1_000,
      rejected503: overload.stats.rejectedFull,
      peakHeapMb: Math.round(overload.mem.peakHeap / 1e6),
      baseRssMb: Math.round(overload.mem.baseRss / 1e6),
    },
  });
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
