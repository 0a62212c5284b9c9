import net from 'node:net';
import { distanceM } from '../../../shared/rules/telematics';

/**
 * Telematics simulator: N vans leave the station by wave, drive plausible loops of stops around
 * it (straight legs between delivery stops at town speeds, a highway leg out and back), idle at
 * each stop, and return — each reporting like an OsmAnd / Traccar Client phone at `rate` Hz.
 *
 * The motion model is deterministic for a seed and a start time; the sender speaks HTTP/1.1 over
 * keep-alive sockets (`senders` of them, each sequential like a phone), counting every answer.
 */

export interface SimDevice {
  identifier: string;
  /** Seconds after the start at which this van leaves the station (its wave). */
  departS: number;
}

export interface SimOptions {
  station: { lat: number; lon: number };
  devices: SimDevice[];
  seed?: number;
  /** Stops per loop (default 6–10 at random). */
  stops?: [number, number];
  /** Seconds idle at a stop (default 20–90). */
  dwellS?: [number, number];
  /** Town speed range, km/h (default 25–55). */
  speedKph?: [number, number];
  /** Loop radius range around the station, metres (default 1500–7000). */
  radiusM?: [number, number];
}

type Phase = 'waiting' | 'driving' | 'dwelling' | 'returned';

interface Leg {
  fromLat: number;
  fromLon: number;
  toLat: number;
  toLon: number;
  lengthM: number;
  speedMps: number;
}

interface VanSim {
  dev: SimDevice;
  phase: Phase;
  legs: Leg[];
  leg: number;
  /** Metres along the current leg. */
  along: number;
  dwellLeft: number;
  dwells: number[];
  lat: number;
  lon: number;
  speedKph: number;
  course: number;
  battery: number;
  odometerKm: number;
}

export interface SimFix {
  identifier: string;
  lat: number;
  lon: number;
  speedKph: number;
  course: number;
  battery: number;
  odometerKm: number;
  phase: Phase;
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, range: (lo: number, hi: number) => lo + (hi - lo) * next(), int: (lo: number, hi: number) => Math.floor(lo + (hi - lo + 1) * next()) };
}

const M_PER_DEG_LAT = 111_320;
function offset(lat: number, lon: number, bearingDeg: number, distM: number): [number, number] {
  const b = (bearingDeg * Math.PI) / 180;
  return [lat + (Math.cos(b) * distM) / M_PER_DEG_LAT, lon + (Math.sin(b) * distM) / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))];
}
function bearing(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const y = (lon2 - lon1) * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  const x = lat2 - lat1;
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

export class Simulation {
  readonly vans: VanSim[];
  elapsedS = 0;

  constructor(readonly opts: SimOptions) {
    const r = rng(opts.seed ?? 1);
    const [s0, s1] = opts.stops ?? [6, 10];
    const [d0, d1] = opts.dwellS ?? [20, 90];
    const [v0, v1] = opts.speedKph ?? [25, 55];
    const [r0, r1] = opts.radiusM ?? [1500, 7000];
    const { lat: sLat, lon: sLon } = opts.station;
    this.vans = opts.devices.map((dev) => {
      // Each route serves a sector around the station: a loop of stops at a random distance.
      const dir = r.range(0, 360);
      const radius = r.range(r0, r1);
      const n = r.int(s0, s1);
      const points: [number, number][] = [[sLat, sLon]];
      for (let k = 0; k < n; k++) {
        const ang = dir + (k / Math.max(1, n - 1) - 0.5) * r.range(40, 100);
        const dist = radius * r.range(0.7, 1.15);
        points.push(offset(sLat, sLon, ang, dist));
      }
      points.push([sLat, sLon]);
      const legs: Leg[] = [];
      for (let k = 0; k + 1 < points.length; k++) {
        const [aLat, aLon] = points[k]!;
        const [bLat, bLon] = points[k + 1]!;
        const outOrBack = k === 0 || k === points.length - 2;
        legs.push({
          fromLat: aLat,
          fromLon: aLon,
          toLat: bLat,
          toLon: bLon,
          lengthM: distanceM(aLat, aLon, bLat, bLon),
          // Out to the first stop and back from the last at road speeds (up to ~60 mph).
          speedMps: (outOrBack ? r.range(60, 95) : r.range(v0, v1)) / 3.6,
        });
      }
      return {
        dev,
        phase: 'waiting' as Phase,
        legs,
        leg: 0,
        along: 0,
        dwellLeft: 0,
        dwells: legs.map(() => r.range(d0, d1)),
        lat: sLat + r.range(-0.0008, 0.0008),
        lon: sLon + r.range(-0.0008, 0.0008),
        speedKph: 0,
        course: r.range(0, 360),
        battery: Math.round(r.range(60, 100)),
        odometerKm: Math.round(r.range(1000, 90_000)),
      };
    });
  }

  /** Advance every van by `dt` seconds. */
  step(dt: number): void {
    this.elapsedS += dt;
    for (const v of this.vans) this.advance(v, dt);
  }

  private advance(v: VanSim, dt: number): void {
    let left = dt;
    while (left > 0) {
      if (v.phase === 'waiting') {
        if (this.elapsedS < v.dev.departS) return;
        v.phase = 'driving';
      }
      if (v.phase === 'returned') {
        v.speedKph = 0;
        return;
      }
      if (v.phase === 'dwelling') {
        const use = Math.min(left, v.dwellLeft);
        v.dwellLeft -= use;
        left -= use;
        v.speedKph = 0;
        if (v.dwellLeft <= 0) v.phase = 'driving';
        continue;
      }
      const leg = v.legs[v.leg]!;
      const need = (leg.lengthM - v.along) / leg.speedMps;
      const use = Math.min(left, need);
      v.along += use * leg.speedMps;
      v.odometerKm += (use * leg.speedMps) / 1000;
      left -= use;
      const f = leg.lengthM > 0 ? Math.min(1, v.along / leg.lengthM) : 1;
      v.lat = leg.fromLat + (leg.toLat - leg.fromLat) * f;
      v.lon = leg.fromLon + (leg.toLon - leg.fromLon) * f;
      v.course = bearing(leg.fromLat, leg.fromLon, leg.toLat, leg.toLon);
      v.speedKph = leg.speedMps * 3.6;
      if (use >= need) {
        v.leg++;
        v.along = 0;
        if (v.leg >= v.legs.length) {
          v.phase = 'returned';
          v.speedKph = 0;
          return;
        }
        v.phase = 'dwelling';
        v.dwellLeft = v.dwells[v.leg] ?? 30;
      }
    }
  }

  fix(i: number): SimFix {
    const v = this.vans[i]!;
    return {
      identifier: v.dev.identifier,
      lat: v.lat,
      lon: v.lon,
      speedKph: v.speedKph,
      course: v.course,
      battery: Math.max(5, v.battery - Math.floor(this.elapsedS / 600)),
      odometerKm: v.odometerKm,
      phase: v.phase,
    };
  }

  fixes(): SimFix[] {
    return this.vans.map((v) => ({
      identifier: v.dev.identifier,
      lat: v.lat,
      lon: v.lon,
      speedKph: v.speedKph,
      course: v.course,
      battery: Math.max(5, v.battery - Math.floor(this.elapsedS / 600)),
      odometerKm: v.odometerKm,
      phase: v.phase,
    }));
  }
}

/** One OsmAnd GET request line's path for a fix (speed in knots, like OsmAnd sends). */
export function osmAndPath(f: SimFix, at: Date): string {
  return (
    `/?id=${encodeURIComponent(f.identifier)}&timestamp=${Math.floor(at.getTime() / 1000)}` +
    `&lat=${f.lat.toFixed(6)}&lon=${f.lon.toFixed(6)}&speed=${(f.speedKph / 1.852).toFixed(1)}` +
    `&bearing=${f.course.toFixed(0)}&altitude=${(40 + (f.lat * 1000) % 10).toFixed(0)}&accuracy=6&batt=${f.battery}`
  );
}

export interface SendCounts {
  sent: number;
  ok: number;
  byStatus: Record<number, number>;
  errors: number;
}

/**
 * A keep-alive HTTP/1.1 connection sending GET requests one after another (like one phone, or a
 * gateway forwarding many). Minimal on purpose: our endpoint answers with empty bodies.
 */
export class Sender {
  private socket: net.Socket | null = null;
  private buf = '';
  private waiting: ((status: number) => void)[] = [];
  private hostHeader: string;
  private corked = false;
  readonly counts: SendCounts = { sent: 0, ok: 0, byStatus: {}, errors: 0 };

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.hostHeader = `${host}:${port}`;
  }

  private connect(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: this.host, port: this.port });
      s.setNoDelay(true);
      s.setEncoding('latin1');
      s.once('connect', () => {
        this.socket = s;
        resolve(s);
      });
      s.once('error', (err) => {
        this.fail();
        reject(err);
      });
      s.on('close', () => {
        if (this.socket === s) this.socket = null;
        this.fail();
      });
      s.on('data', (chunk: string) => this.onData(chunk));
    });
  }

  private fail(): void {
    for (const w of this.waiting.splice(0)) w(0);
    this.buf = '';
  }

  private onData(chunk: string): void {
    this.buf += chunk;
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buf.slice(0, end);
      const status = Number(head.slice(9, 12));
      const cl = /content-length:\s*(\d+)/i.exec(head);
      const bodyLen = cl ? Number(cl[1]) : 0;
      if (this.buf.length < end + 4 + bodyLen) return;
      this.buf = this.buf.slice(end + 4 + bodyLen);
      this.waiting.shift()?.(status);
    }
  }

  /** Send one GET; resolves with the status (0 = connection error). */
  async get(path: string): Promise<number> {
    let s: net.Socket;
    try {
      s = await this.connect();
    } catch {
      this.counts.errors++;
      return 0;
    }
    this.counts.sent++;
    const status = await new Promise<number>((resolve) => {
      this.waiting.push(resolve);
      // Requests written in the same turn (a pipeline refilling as answers arrive) leave in one
      // write, not one system call each: the sender then costs the machine little beside the desk.
      if (!this.corked) {
        this.corked = true;
        s.cork();
        process.nextTick(() => {
          this.corked = false;
          s.uncork();
        });
      }
      s.write(`GET ${path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\n\r\n`);
    });
    if (status === 0) this.counts.errors++;
    else {
      this.counts.byStatus[status] = (this.counts.byStatus[status] ?? 0) + 1;
      if (status === 200) this.counts.ok++;
    }
    return status;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }
}

export interface RunOptions {
  target: string;
  sim: Simulation;
  rate: number;
  seconds?: number;
  senders?: number;
  /** Requests in flight per sender connection (1 = one after another, like a phone). */
  pipeline?: number;
  /** Shift reported timestamps (ms) — e.g. to replay a morning. */
  clockOffsetMs?: number;
  signal?: AbortSignal;
  onTick?: (elapsedS: number, counts: SendCounts) => void;
}

export interface RunSummary extends SendCounts {
  devices: number;
  seconds: number;
  ratePerSecond: number;
  /** Fixes that could not be sent in time because senders fell behind (dropped, not queued). */
  skipped: number;
}

/**
 * Drive the simulation in real time: every 1/rate seconds each van produces a fix. Each sender owns
 * a share of the vans and one keep-alive connection; it posts its round's fixes (with up to
 * `pipeline` requests in flight) and starts the next round on time. A sender that falls more than a
 * round behind drops the rounds it missed (counted in `skipped`) instead of queueing without bound.
 */
export async function runSimulation(o: RunOptions): Promise<RunSummary> {
  const url = new URL(o.target);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const nSenders = Math.max(1, Math.min(o.senders ?? 4, o.sim.vans.length || 1));
  const senders = Array.from({ length: nSenders }, () => new Sender(url.hostname, port));
  const window = Math.max(1, o.pipeline ?? 1);
  const intervalMs = 1000 / o.rate;
  const started = Date.now();
  const endAt = o.seconds ? started + o.seconds * 1000 : Infinity;
  let skipped = 0;
  let lastTick = 0;
  const stepTo = (now: number) => {
    const t = (now - started) / 1000;
    if (t > o.sim.elapsedS) o.sim.step(t - o.sim.elapsedS);
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return setImmediate(resolve);
      const onAbort = () => (clearTimeout(t), resolve());
      const t = setTimeout(() => {
        o.signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      o.signal?.addEventListener('abort', onAbort, { once: true });
    });
  const loop = async (s: number) => {
    const sender = senders[s]!;
    const mineIdx: number[] = [];
    for (let i = s; i < o.sim.vans.length; i += nSenders) mineIdx.push(i);
    let round = 0;
    while (!o.signal?.aborted) {
      const due = started + round * intervalMs;
      if (due >= endAt) break;
      await sleep(due - Date.now());
      if (o.signal?.aborted) break;
      const now = Date.now();
      // Every sender's round starts at the same due time: the vans move once a round, not once
      // per sender (40 senders stepped all 5,000 vans 40 times a round, most of the sender's CPU).
      stepTo(due);
      const at = new Date(now + (o.clockOffsetMs ?? 0));
      const paths = mineIdx.map((i) => osmAndPath(o.sim.fix(i), at));
      let next = 0;
      const lane = async () => {
        while (next < paths.length && !o.signal?.aborted) await sender.get(paths[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(window, paths.length) }, lane));
      if (s === 0 && now - lastTick >= 1000) {
        lastTick = now;
        o.onTick?.((now - started) / 1000, total(senders));
      }
      // Next round on schedule; rounds already missed are dropped, not queued.
      const behind = Math.floor((Date.now() - started) / intervalMs) - round;
      const skip = Math.max(0, behind - 1);
      skipped += skip * paths.length;
      round += 1 + skip;
    }
  };
  await Promise.all(senders.map((_, s) => loop(s)));
  for (const s of senders) s.close();
  const seconds = (Date.now() - started) / 1000;
  const counts = total(senders);
  return { ...counts, devices: o.sim.vans.length, seconds, ratePerSecond: counts.ok / seconds, skipped };
}

function total(senders: Sender[]): SendCounts {
  const out: SendCounts = { sent: 0, ok: 0, byStatus: {}, errors: 0 };
  for (const s of senders) {
    out.sent += s.counts.sent;
    out.ok += s.counts.ok;
    out.errors += s.counts.errors;
    for (const [k, v] of Object.entries(s.counts.byStatus)) out.byStatus[Number(k)] = (out.byStatus[Number(k)] ?? 0) + v;
  }
  return out;
}

/** Devices named from a template: `dsk-phone-{n}` → dsk-phone-001…; waves every `waveGapS`. */
export function templateDevices(count: number, template: string, waves = 3, waveGapS = 20): SimDevice[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => ({
    identifier: template.replace('{n}', String(i + 1).padStart(width, '0')),
    departS: (i % waves) * waveGapS + (i % 7),
  }));
}
