import type { Database } from 'better-sqlite3';
import type { Db } from '../../db/open';
import { crashPoint } from '../../db/crash-point';
import { healthOf, noteWriteFailure, noteWriteSuccess, storageFailure, type StationHealth } from '../../db/health';
import type { WriteContext } from '../context';
import { runWrite, systemActor } from '../write';
import { getStation } from '../station/station';
import { getTelematicsSettings } from './settings';
import { latestLive } from './queries';
import type { DecodedPosition } from './osmand';
import { alarmWriter, type RaisedAlarm } from './alarms';
import { type Clock } from '../../../shared/dates';
import { addDays, stationDate, stationMinutes } from '../../../shared/station-time';
import type { EventBus } from '../../../shared/events';
import { distanceM, insideGeofence, SPEEDING_WINDOW_MS, waveMinutes, type Geofence, type TelematicsSettings } from '../../../shared/rules/telematics';

/**
 * The positions store: a bounded queue in front of batched SQLite writes.
 *
 * - `submit()` answers at once with 404 (unknown device) or 503 (queue full);
 *   otherwise the position is queued and the promise resolves with 200 once the transaction that
 *   holds it has committed (so "200" means stored).
 * - Flushing is group commit: one transaction per flush, scheduled on the next event-loop turn
 *   after the first queued row (or after `flushDelayMs`, never more than 250 ms), at most
 *   `maxBatch` rows each; under load each flush carries every row that arrived meanwhile.
 * - The queue never holds more than `maxQueue` rows: beyond that the endpoint answers 503 and the
 *   phone retries later (Traccar Client and OsmAnd both buffer and resend).
 * - Each flush also moves the latest-per-device row, the device's last-seen time and the van's
 *   odometer / state of charge when reported (machine data, not audited).
 * - A van leaving or entering the station geofence launches or returns its route: after the flush
 *   commits, each such crossing is one write on the write path (`runWrite`, actor
 *   `system:telematics`: its own transaction, audit entry and `changed` event). A route's day
 *   ends when its van returns, not at midnight: a return at 00:30 closes yesterday's route.
 * - Position events for the consoles go out at most every `emitIntervalMs` (4 per second), in
 *   events of at most 200 devices, one per event-loop turn; when a push needs several (a flood,
 *   thousands of vans moving at once) the next waits four times as long as the last took, so
 *   pushing positions never takes more than a fifth of the desk's time.
 * - Positions older than the retention setting are pruned every hour.
 */

export interface StoreOptions {
  maxQueue?: number;
  maxBatch?: number;
  /** 0 = flush on the next event-loop turn (group commit); at most 250. */
  flushDelayMs?: number;
  emitIntervalMs?: number;
  pruneIntervalMs?: number;
  acceptUnknownDevices?: boolean;
}

export interface StoreDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
}

export interface StoreStats {
  accepted: number;
  stored: number;
  rejectedFull: number;
  rejectedUnknown: number;
  rejectedInvalid: number;
  flushes: number;
  queued: number;
  maxQueued: number;
  failedFlushes: number;
  /** Positions that could not be stored even alone (logged with the reason, answered 400). */
  droppedBadRows: number;
  pruned: number;
}

interface DeviceRef {
  id: number;
  vanId: number | null;
  /** Its `odometer` is the van's (a device setting); a phone's never is. */
  odometerSource: boolean;
}

/** The last fix of a device, carried forward onto a message without coordinates (as Traccar does). */
export interface LastFix {
  at: Date;
  lat: number;
  lon: number;
  valid: boolean;
  speedKph: number | null;
  course: number | null;
  altitude: number | null;
  accuracy: number | null;
}

interface LatestState {
  atMs: number;
  lat: number;
  lon: number;
  movedAt: string;
  inStation: boolean;
  maxSpeedKph: number | null;
  maxSpeedAt: string | null;
}

interface Queued {
  device: DeviceRef;
  /** lat/lon null: a status message from a device with no fix yet (last-seen, battery, alarms only). */
  pos: DecodedPosition;
  receivedAt: string;
  resolve: (status: number) => void;
  /** Answered already (committed, or dropped as a bad row). */
  done?: boolean;
}

interface UnknownSeen {
  at: string;
  lat: number | null;
  lon: number | null;
  remote: string;
  n: number;
}

const isBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown } | null)?.code ?? ''));

/** A van crossing the station geofence (entered = back at the station). */
interface Crossing {
  vanId: number;
  entered: boolean;
  at: Date;
  timeZone: string;
}

interface RouteRow {
  id: number;
  code: string;
  wave: string;
  status: string;
  launchedAt: string | null;
  returnedAt: string | null;
}

const ROUTE_COLUMNS = `r.id, r.code, r.wave, r.status, r.launched_at AS launchedAt, r.returned_at AS returnedAt`;

/**
 * One crossing → the route's launch or return (inside the write), or null when it changes nothing.
 * - Entering the geofence returns the van's OPEN route (launched, not returned) of the fix's station
 *   day or the day before, newest first: a route's day ends when its van returns, not at 00:00.
 * - Leaving it after the wave time launches the van's route of the fix's station day.
 */
export function routeCrossing(w: WriteContext, c: Crossing): { routeId: number; code: string; kind: 'returned' | 'launched'; at: string; vanId: number } | null {
  const date = stationDate(c.at, c.timeZone);
  const atIso = c.at.toISOString();
  const sqlite = w.db.$client;
  /** Record the launch or return on the route (status and time), audited. */
  const mark = (route: RouteRow, kind: 'launched' | 'returned', reason: string) => {
    const [column, field] = kind === 'launched' ? ['launched_at', 'launchedAt'] : ['returned_at', 'returnedAt'];
    sqlite.prepare(`UPDATE routes SET ${column} = ?, status = ?, updated_at = ? WHERE id = ?`).run(atIso, kind, w.clock.now().toISOString(), route.id);
    w.audit({ action: `route.${kind}`, entity: 'route', entityId: route.id, before: { status: route.status, [field]: null }, after: { status: kind, [field]: atIso }, reason });
    return { routeId: route.id, code: route.code, kind, at: atIso, vanId: c.vanId };
  };
  if (c.entered) {
    const route = sqlite
      .prepare(
        `SELECT ${ROUTE_COLUMNS} FROM assignments a JOIN routes r ON r.id = a.route_id
          WHERE a.van_id = ? AND a.date IN (?, ?) AND r.launched_at IS NOT NULL AND r.returned_at IS NULL AND r.status <> 'cancelled'
          ORDER BY a.date DESC LIMIT 1`,
      )
      .get(c.vanId, date, addDays(date, -1)) as RouteRow | undefined;
    if (!route || atIso <= route.launchedAt!) return null;
    return mark(route, 'returned', 'Entered the station geofence');
  }
  const route = sqlite
    .prepare(`SELECT ${ROUTE_COLUMNS} FROM assignments a JOIN routes r ON r.id = a.route_id WHERE a.date = ? AND a.van_id = ?`)
    .get(date, c.vanId) as RouteRow | undefined;
  if (!route || route.status === 'cancelled' || route.launchedAt || route.returnedAt) return null;
  const wave = waveMinutes(route.wave);
  if (wave !== null && stationMinutes(c.at, c.timeZone) < wave) return null;
  return mark(route, 'launched', 'Left the station geofence after the wave time');
}

interface StationInfo {
  fence: Geofence | null;
  timeZone: string;
  loadedAt: number;
}

export const TELEMATICS_ACTOR = systemActor('telematics');

const maxIso = (a: string | undefined, b: string) => (a && a > b ? a : b);

/**
 * A message without coordinates, as Traccar stores it: the last fix's time, validity, position,
 * speed, course, altitude and accuracy with this message's battery and attributes (`outdated`,
 * and the time the device sent as `deviceTime`). No fix yet: returned unchanged (lat/lon null).
 */
export function carryForward(pos: DecodedPosition, last: LastFix | null): DecodedPosition {
  if (!last) return pos;
  const { at, lat, lon, valid, speedKph, course, altitude, accuracy } = last;
  const attributes = { ...pos.attributes, outdated: true, deviceTime: pos.at.toISOString() };
  return { ...pos, at, lat, lon, valid, speedKph, course, altitude, accuracy, timeFlag: null, attributes };
}
const HARD_MAX_FLUSH_DELAY = 250;
/** Devices per `positions` event: each is one query and one serialization, bounded so /healthz is answered between them. */
const EMIT_CHUNK = 200;
/** Pushing positions gets at most 1 / (1 + EMIT_PACE) of the time when it gets heavy. */
const EMIT_PACE = 4;
const DEVICE_CACHE_MAX = 20_000;
const UNKNOWN_PER_FLUSH_MAX = 1_000;

export class PositionStore {
  readonly stats: StoreStats = {
    accepted: 0,
    stored: 0,
    rejectedFull: 0,
    rejectedUnknown: 0,
    rejectedInvalid: 0,
    flushes: 0,
    queued: 0,
    maxQueued: 0,
    failedFlushes: 0,
    droppedBadRows: 0,
    pruned: 0,
  };
  readonly maxQueue: number;
  readonly maxBatch: number;
  readonly flushDelayMs: number;
  acceptUnknownDevices: boolean;

  private readonly sqlite: Database;
  private queue: Queued[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | null = null;
  private emitTimer: ReturnType<typeof setInterval> | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;
  private readonly deviceCache = new Map<string, DeviceRef | null>();
  private readonly latest = new Map<number, LatestState>();
  private readonly dirty = new Set<number>();
  private unknownSeen = new Map<string, UnknownSeen>();
  private station: StationInfo | null = null;
  private unsubscribe: () => void;
  private closed = false;
  private retryDelay = 50;
  private busyTries = 0;
  private readonly emitIntervalMs: number;
  private nextEmitAt = 0;
  /** Devices of the push in progress not yet sent, and the turn that sends the next part. */
  private emitRest: number[] = [];
  private emitTurn: ReturnType<typeof setImmediate> | null = null;
  private emitWorkMs = 0;
  private emitParts = 0;
  private readonly health: StationHealth;
  private stmts: ReturnType<PositionStore['prepare']>;

  constructor(
    private readonly deps: StoreDeps,
    opts: StoreOptions = {},
  ) {
    this.sqlite = deps.db.$client;
    this.health = healthOf(this.sqlite);
    // Each queued row holds its HTTP request and answer until it is stored: 1,000 (a fifth of a
    // second of writing) bounds that memory, and rows stored quickly die young (the garbage
    // collector's cheap pass frees them); beyond it phones get 503 at once and resend. Batches of
    // 250 (a few milliseconds of writing, one transaction each, the next on the next event-loop
    // turn) keep the console and /healthz answered between them; under load each still carries
    // every row that arrived meanwhile, up to 250 (100 stored too little per turn in a flood,
    // where most of each turn goes to answering 503).
    this.maxQueue = opts.maxQueue ?? 1_000;
    this.maxBatch = opts.maxBatch ?? 250;
    this.flushDelayMs = Math.min(Math.max(opts.flushDelayMs ?? 0, 0), HARD_MAX_FLUSH_DELAY);
    this.acceptUnknownDevices = opts.acceptUnknownDevices ?? false;
    this.stmts = this.prepare();
    // Device links, stations and routes change through channels: forget what we cached.
    this.unsubscribe = deps.events.subscribe((e) => {
      if (e.type === 'changed' && e.actor !== TELEMATICS_ACTOR.name) {
        this.deviceCache.clear();
        this.latest.clear();
        this.station = null;
        this.cachedSettings = null;
      }
    });
    // The first push prepares its statements and builds the station's time-zone formatter (ICU:
    // a few hundred milliseconds): done now, not in the first second of a flood.
    try {
      latestLive(deps.db, deps.clock, []);
    } catch {
      /* a station without its tables yet: the first push will say why */
    }
    this.emitIntervalMs = opts.emitIntervalMs ?? 250;
    this.emitTimer = setInterval(() => this.emitPositions(), this.emitIntervalMs);
    this.emitTimer.unref?.();
    const pruneMs = opts.pruneIntervalMs ?? 3_600_000;
    if (pruneMs > 0) {
      this.pruneTimer = setInterval(() => {
        try {
          this.prune();
        } catch (err) {
          console.error('[telematics] pruning failed:', (err as Error).message);
        }
      }, pruneMs);
      this.pruneTimer.unref?.();
    }
  }

  private prepare() {
    const s = this.sqlite;
    return {
      deviceByIdentifier: s.prepare(
        'SELECT id, van_id AS vanId, odometer_source AS odometerSource, archived_at AS archivedAt FROM devices WHERE identifier = ?',
      ),
      registerDevice: s.prepare(
        "INSERT INTO devices (identifier, kind, label) VALUES (?, 'phone', 'Registered by ingest') RETURNING id, van_id AS vanId",
      ),
      lastFixOf: s.prepare(
        `SELECT l.at, l.lat, l.lon, coalesce(p.valid, 1) AS valid, l.speed_kph AS speedKph, l.course, p.altitude, l.accuracy
           FROM positions_latest l LEFT JOIN positions p ON p.id = l.position_id WHERE l.device_id = ?`,
      ),
      latestOf: s.prepare(
        'SELECT at, lat, lon, moved_at AS movedAt, in_station AS inStation, max_speed_kph AS maxSpeedKph, max_speed_at AS maxSpeedAt FROM positions_latest WHERE device_id = ?',
      ),
      insertPosition: s.prepare(
        `INSERT INTO positions (device_id, at, received_at, lat, lon, speed_kph, course, altitude, accuracy, battery, valid, attributes, time_flag)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertLatest: s.prepare(
        `INSERT INTO positions_latest (device_id, position_id, at, received_at, lat, lon, speed_kph, course, accuracy, battery, moved_at, in_station, max_speed_kph, max_speed_at)
         VALUES (@deviceId, @positionId, @at, @receivedAt, @lat, @lon, @speedKph, @course, @accuracy, @battery, @movedAt, @inStation, @maxSpeedKph, @maxSpeedAt)
         ON CONFLICT(device_id) DO UPDATE SET position_id = excluded.position_id, at = excluded.at, received_at = excluded.received_at,
           lat = excluded.lat, lon = excluded.lon, speed_kph = excluded.speed_kph, course = excluded.course, accuracy = excluded.accuracy,
           battery = excluded.battery, moved_at = excluded.moved_at, in_station = excluded.in_station,
           max_speed_kph = excluded.max_speed_kph, max_speed_at = excluded.max_speed_at`,
      ),
      // Once per device per flush: the newest last-seen and the batch's last reported battery.
      touchDevice: s.prepare(
        `UPDATE devices SET battery = coalesce(@battery, battery), last_seen_at = max(coalesce(last_seen_at, ''), @seen)
          WHERE id = @id AND ((@battery IS NOT NULL AND battery IS NOT @battery) OR last_seen_at IS NULL OR last_seen_at < @seen)`,
      ),
      vanOdometer: s.prepare(
        "UPDATE vans SET odometer_mi = ?, updated_at = ? WHERE id = ? AND odometer_mi < ?",
      ),
      vanSoc: s.prepare('UPDATE vans SET state_of_charge_pct = ?, updated_at = ? WHERE id = ?'),
      upsertUnknown: s.prepare(
        `INSERT INTO unknown_devices (identifier, first_seen_at, last_seen_at, count, last_lat, last_lon, remote_address)
         VALUES (@identifier, @at, @at, @n, @lat, @lon, @remote)
         ON CONFLICT(identifier) DO UPDATE SET last_seen_at = max(last_seen_at, excluded.last_seen_at), count = count + excluded.count,
           last_lat = coalesce(excluded.last_lat, last_lat), last_lon = coalesce(excluded.last_lon, last_lon), remote_address = excluded.remote_address`,
      ),
    };
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Every position would be answered 503 now: closed, the station cannot be written, or the queue is full. */
  get refusing(): boolean {
    return this.closed || !!this.health.blocked || this.queue.length >= this.maxQueue;
  }

  /** Look a device up by the id it reports (cached); registers it when unknown devices are accepted. */
  resolveDevice(identifier: string): DeviceRef | null {
    if (this.deviceCache.has(identifier)) return this.deviceCache.get(identifier)!;
    const row = this.stmts.deviceByIdentifier.get(identifier) as
      | { id: number; vanId: number | null; odometerSource: number; archivedAt: string | null }
      | undefined;
    let ref: DeviceRef | null = row && !row.archivedAt ? { id: row.id, vanId: row.vanId, odometerSource: !!row.odometerSource } : null;
    if (!row && this.acceptUnknownDevices) {
      // Any printable id (the decoder checked it). A system write like any other: its own
      // transaction, audit entry and `changed` event.
      ref = runWrite({ ...this.deps, actor: TELEMATICS_ACTOR }, 'telematics.deviceRegistered', (w) => {
        const made = { ...(this.stmts.registerDevice.get(identifier) as Omit<DeviceRef, 'odometerSource'>), odometerSource: false };
        w.audit({ action: 'device.register', entity: 'device', entityId: made.id, after: { identifier, kind: 'phone', label: 'Registered by ingest' } });
        return made;
      });
    }
    if (this.deviceCache.size >= DEVICE_CACHE_MAX) this.deviceCache.clear();
    this.deviceCache.set(identifier, ref);
    return ref;
  }

  private latestState(deviceId: number): LatestState | null {
    const cached = this.latest.get(deviceId);
    if (cached) return cached;
    const row = this.stmts.latestOf.get(deviceId) as
      | { at: string; lat: number; lon: number; movedAt: string; inStation: number; maxSpeedKph: number | null; maxSpeedAt: string | null }
      | undefined;
    if (!row) return null;
    const state: LatestState = {
      atMs: Date.parse(row.at),
      lat: row.lat,
      lon: row.lon,
      movedAt: row.movedAt,
      inStation: !!row.inStation,
      maxSpeedKph: row.maxSpeedKph,
      maxSpeedAt: row.maxSpeedAt,
    };
    this.latest.set(deviceId, state);
    return state;
  }

  /**
   * Queue one decoded position. Resolves with the HTTP status to answer: 200 once stored,
   * 404 unknown device, 503 queue full. A message without coordinates is never refused: it carries
   * the last fix forward, or (no fix yet) stores the device's last-seen, battery and alarms only.
   */
  submit(pos: DecodedPosition, remoteAddress = ''): Promise<number> {
    // Closed, read-only, disk full, a restore running: 503 at once (phones keep the fix and resend).
    if (this.closed || this.health.blocked) {
      this.stats.rejectedFull++;
      return Promise.resolve(503);
    }
    const device = this.resolveDevice(pos.identifier);
    if (!device) {
      this.stats.rejectedUnknown++;
      this.noteUnknown(pos, remoteAddress);
      return Promise.resolve(404);
    }
    if (this.queue.length >= this.maxQueue) {
      this.stats.rejectedFull++;
      return Promise.resolve(503);
    }
    if (pos.lat === null || pos.lon === null) pos = carryForward(pos, this.lastFix(device.id));
    this.stats.accepted++;
    return new Promise<number>((resolve) => {
      const q: Queued = {
        device,
        pos,
        receivedAt: this.deps.clock.now().toISOString(),
        resolve: (status) => {
          q.done = true;
          resolve(status);
        },
      };
      this.queue.push(q);
      if (this.queue.length > this.stats.maxQueued) this.stats.maxQueued = this.queue.length;
      this.scheduleFlush();
    });
  }

  /** The device's last live fix: the newest queued one, else the stored latest; null when it has none. */
  private lastFix(deviceId: number): LastFix | null {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const { device, pos: p } = this.queue[i]!;
      if (device.id === deviceId && p.lat !== null && p.lon !== null && !p.timeFlag) return { ...p, lat: p.lat, lon: p.lon };
    }
    const row = this.stmts.lastFixOf.get(deviceId) as (Omit<LastFix, 'at' | 'valid'> & { at: string; valid: number }) | undefined;
    return row ? { ...row, at: new Date(row.at), valid: !!row.valid } : null;
  }

  private noteUnknown(pos: DecodedPosition, remote: string): void {
    const seen = this.unknownSeen.get(pos.identifier);
    if (seen) {
      seen.n++;
      seen.at = pos.at.toISOString();
      if (pos.lat !== null) {
        seen.lat = pos.lat;
        seen.lon = pos.lon;
      }
      seen.remote = remote;
    } else if (this.unknownSeen.size < UNKNOWN_PER_FLUSH_MAX) {
      this.unknownSeen.set(pos.identifier, { at: pos.at.toISOString(), lat: pos.lat, lon: pos.lon, remote, n: 1 });
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.closed) return;
    const run = () => {
      this.flushTimer = null;
      this.flush();
    };
    if (this.queue.length >= this.maxBatch || this.flushDelayMs === 0) this.flushTimer = setImmediate(run);
    else this.flushTimer = setTimeout(run, this.flushDelayMs);
  }

  private cachedSettings: { value: TelematicsSettings; at: number } | null = null;
  private settings(): TelematicsSettings {
    const now = Date.now();
    if (!this.cachedSettings || now - this.cachedSettings.at > 5_000) {
      this.cachedSettings = { value: getTelematicsSettings(this.deps.db), at: now };
    }
    return this.cachedSettings.value;
  }

  private stationInfo(): StationInfo {
    const now = Date.now();
    if (this.station && now - this.station.loadedAt < 10_000) return this.station;
    const s = getStation(this.deps.db);
    this.station = {
      fence: s ? { lat: s.lat, lon: s.lon, radiusM: s.geofenceM } : null,
      timeZone: s?.timeZone ?? 'UTC',
      loadedAt: now,
    };
    return this.station;
  }

  /**
   * Write everything queued (up to maxBatch rows) in one transaction. Returns rows stored.
   *
   * When it fails: a storage failure (disk full, read-only) marks the station degraded and answers
   * every waiting request 503 at once (not acknowledged, so not lost: phones resend); a busy
   * database is retried with backoff (503 after 5 tries); anything else is a bad row, isolated by
   * splitting the batch in halves until it stands alone, then dropped (answered 400) with the
   * reason logged — so one bad row never stops the ingest.
   */
  flush(): number {
    if (this.queue.length === 0 && this.unknownSeen.size === 0) return 0;
    if (this.health.blocked) {
      this.failQueued(503);
      return 0;
    }
    const batch = this.queue.slice(0, this.maxBatch);
    const unknown = this.unknownSeen;
    let stored: number;
    try {
      stored = this.commitOrSplit(batch, unknown);
    } catch (err) {
      this.stats.failedFlushes++;
      // Parts of a split batch may have committed (and been answered) before the failure.
      this.queue = this.queue.filter((q) => !q.done);
      const failure = storageFailure(err);
      if (failure) {
        noteWriteFailure(this.sqlite, err);
        console.error(`[telematics] flush failed (${failure}): ${(err as Error).message}; answering 503 until it recovers`);
        this.unknownSeen = new Map();
        this.failQueued(503);
        return 0;
      }
      // Busy (another program holds the write lock): the same batch again a little later.
      this.busyTries++;
      console.error(`[telematics] flush failed, will retry (${this.busyTries}/5): ${(err as Error).message}`);
      if (this.busyTries >= 5) {
        this.busyTries = 0;
        this.failQueued(503, batch.length);
      }
      if (!this.flushTimer && !this.closed && this.queue.length > 0) {
        this.flushTimer = setTimeout(() => {
          this.flushTimer = null;
          this.flush();
        }, this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, HARD_MAX_FLUSH_DELAY * 4);
      }
      return 0;
    }
    this.busyTries = 0;
    this.retryDelay = 50;
    noteWriteSuccess(this.sqlite);
    this.queue.splice(0, batch.length);
    this.stats.queued = this.queue.length;
    if (this.queue.length > 0) this.scheduleFlush();
    return stored;
  }

  /** Answer (and forget) the first `n` queued requests — all by default — with `status`. */
  private failQueued(status: number, n = this.queue.length): void {
    for (const q of this.queue.splice(0, n)) q.resolve(status);
    this.stats.queued = this.queue.length;
  }

  /**
   * Commit `batch` (and the unknown-device counts); on a failure that is neither the storage nor a
   * busy database, split it to isolate the bad row, which is answered 400 and logged. Throws the
   * storage or busy failure. Returns rows stored.
   */
  private commitOrSplit(batch: Queued[], unknown: Map<string, UnknownSeen>): number {
    try {
      this.commitBatch(batch, unknown);
      return batch.length;
    } catch (err) {
      if (storageFailure(err) || isBusy(err)) throw err;
      if (batch.length === 1 && unknown.size === 0) {
        const q = batch[0]!;
        this.stats.droppedBadRows++;
        console.error(`[telematics] dropped one position of device ${q.pos.identifier} at ${q.pos.at.toISOString()}: ${(err as Error).message}`);
        q.resolve(400);
        return 0;
      }
      if (unknown.size > 0) {
        // The unknown-device counts are bookkeeping: keep them apart so they cannot sink positions.
        const stored = this.commitOrSplit(batch, new Map());
        try {
          this.commitBatch([], unknown);
        } catch (e) {
          if (storageFailure(e) || isBusy(e)) throw e;
          console.error(`[telematics] dropped the unknown-device counts: ${(e as Error).message}`);
        }
        this.unknownSeen = new Map();
        return stored;
      }
      const half = Math.ceil(batch.length / 2);
      return this.commitOrSplit(batch.slice(0, half), unknown) + this.commitOrSplit(batch.slice(half), unknown);
    }
  }

  /** One transaction: the positions, latest rows, devices, vans, routes and unknown devices. Throws when it fails (nothing kept). */
  private commitBatch(batch: Queued[], unknown: Map<string, UnknownSeen>): void {
    const settings = this.settings();
    const station = this.stationInfo();
    const nowIso = this.deps.clock.now().toISOString();
    const changes = new Map<number, LatestState>();
    const crossings: Crossing[] = [];
    const raised: RaisedAlarm[] = [];
    const st = this.stmts;
    this.sqlite.transaction(() => {
      const alarms = alarmWriter(this.sqlite);
      // Per device: the newest receipt and the last battery reported in this batch (one UPDATE each).
      const lastSeen = new Map<number, string>();
      const battery = new Map<number, number>();
      const vanOdo = new Map<number, number>();
      const vanSoc = new Map<number, number>();
      for (const q of batch) {
        const p = q.pos;
        if (p.battery !== null) battery.set(q.device.id, p.battery);
        lastSeen.set(q.device.id, maxIso(lastSeen.get(q.device.id), q.receivedAt));
        if (p.lat === null || p.lon === null) {
          // A device with no fix yet: its last-seen, battery and alarms, no position row.
          raised.push(...alarms.raise(q.device, p, null, q.receivedAt));
          continue;
        }
        const atIso = p.at.toISOString();
        const attrs = Object.keys(p.attributes).length ? JSON.stringify(p.attributes) : null;
        const info = st.insertPosition.run(
          q.device.id,
          atIso,
          q.receivedAt,
          p.lat,
          p.lon,
          p.speedKph,
          p.course,
          p.altitude,
          p.accuracy,
          p.battery,
          p.valid ? 1 : 0,
          attrs,
          p.timeFlag,
        );
        raised.push(...alarms.raise(q.device, p, Number(info.lastInsertRowid), q.receivedAt));
        if (p.timeFlag) continue; // a clock far off: kept, never live, never the odometer
        const prev = changes.get(q.device.id) ?? this.latestState(q.device.id);
        const atMs = p.at.getTime();
        if (prev && atMs < prev.atMs) continue; // an old fix replayed late: history only
        const inStation = insideGeofence(station.fence, p.lat, p.lon);
        let speed = p.speedKph;
        if (speed === null && prev && atMs > prev.atMs) speed = (distanceM(prev.lat, prev.lon, p.lat, p.lon) / ((atMs - prev.atMs) / 1000)) * 3.6;
        const moving = speed !== null ? speed >= settings.idleSpeedKph : !prev;
        let maxSpeedKph = prev?.maxSpeedKph ?? null;
        let maxSpeedAt = prev?.maxSpeedAt ?? null;
        if (p.speedKph !== null) {
          const expired = !maxSpeedAt || atMs - Date.parse(maxSpeedAt) > SPEEDING_WINDOW_MS;
          if (expired || maxSpeedKph === null || p.speedKph > maxSpeedKph) {
            maxSpeedKph = p.speedKph;
            maxSpeedAt = atIso;
          }
        }
        const next: LatestState = {
          atMs,
          lat: p.lat,
          lon: p.lon,
          movedAt: moving || !prev || inStation !== prev.inStation ? atIso : prev.movedAt,
          inStation,
          maxSpeedKph,
          maxSpeedAt,
        };
        st.upsertLatest.run({
          deviceId: q.device.id,
          positionId: Number(info.lastInsertRowid),
          at: atIso,
          receivedAt: q.receivedAt,
          lat: p.lat,
          lon: p.lon,
          speedKph: p.speedKph,
          course: p.course,
          accuracy: p.accuracy,
          battery: p.battery,
          movedAt: next.movedAt,
          inStation: inStation ? 1 : 0,
          maxSpeedKph,
          maxSpeedAt,
        });
        changes.set(q.device.id, next);
        const vanId = q.device.vanId;
        if (vanId !== null) {
          const odo = p.attributes.odometer; // metres, only from the van's odometer source
          if (q.device.odometerSource && typeof odo === 'number' && odo > 0) vanOdo.set(vanId, odo / 1609.344);
          const soc = p.attributes.soc ?? p.attributes.stateOfCharge;
          if (typeof soc === 'number' && soc >= 0 && soc <= 100) vanSoc.set(vanId, soc);
          if (prev && prev.inStation !== inStation) crossings.push({ vanId, entered: inStation, at: p.at, timeZone: station.timeZone });
        }
      }
      for (const [id, at] of lastSeen) st.touchDevice.run({ battery: battery.get(id) ?? null, seen: at, id });
      for (const [vanId, mi] of vanOdo) st.vanOdometer.run(Math.round(mi * 10) / 10, nowIso, vanId, Math.round(mi * 10) / 10);
      for (const [vanId, soc] of vanSoc) st.vanSoc.run(soc, nowIso, vanId);
      for (const [identifier, u] of unknown) {
        st.upsertUnknown.run({ identifier, at: u.at, n: u.n, lat: u.lat, lon: u.lon, remote: u.remote });
      }
    }).immediate();
    crashPoint('ingest:committed');
    if (unknown.size > 0 && unknown === this.unknownSeen) this.unknownSeen = new Map();
    for (const [id, s] of changes) {
      this.latest.set(id, s);
      this.dirty.add(id);
    }
    this.stats.stored += batch.length;
    this.stats.flushes++;
    for (const q of batch) q.resolve(200);
    for (const c of crossings) this.recordCrossing(c);
    if (raised.length > 0) {
      // Reloads every console's queries (the map and the board show the flag at once).
      this.deps.events.emit({ type: 'changed', channel: 'telematics.alarm', at: nowIso, actor: TELEMATICS_ACTOR.name, data: raised });
    }
    if (unknown.size > 0) {
      this.deps.events.emit({ type: 'unknownDevices', at: nowIso, data: { count: unknown.size } });
    }
  }

  /** Launch or return the van's route for one geofence crossing: one write on the write path. */
  private recordCrossing(c: Crossing): void {
    try {
      // The event's data stays what it was: [{routeId, code, kind, at, vanId}].
      runWrite({ ...this.deps, actor: TELEMATICS_ACTOR }, 'telematics.returnToStation', (w) => routeCrossing(w, c), { eventData: (ev) => [ev] });
    } catch (err) {
      // The fix itself is stored; a crossing that could not be written (e.g. BUSY) is logged.
      console.error('[telematics] launch/return not recorded:', (err as Error).message);
    }
  }

  /** Push the latest positions of devices that moved since the last push. */
  emitPositions(): void {
    if (this.dirty.size === 0 || this.emitTurn) return;
    if (Date.now() < this.nextEmitAt) return;
    this.emitRest = [...this.dirty];
    this.dirty.clear();
    this.emitWorkMs = 0;
    this.emitParts = 0;
    this.emitPart();
  }

  /**
   * Send the next EMIT_CHUNK devices of the push in progress (query and serialization are the
   * work), the rest on the next turn. After a push of several parts, the next waits EMIT_PACE
   * times as long as their work took: the consoles still get every van's latest fix, less often,
   * and the desk keeps answering between the parts.
   */
  private emitPart(): void {
    this.emitTurn = null;
    const t0 = performance.now();
    const ids = this.emitRest.splice(0, EMIT_CHUNK);
    try {
      const positions = latestLive(this.deps.db, this.deps.clock, ids);
      if (positions.length > 0) {
        this.deps.events.emit({ type: 'positions', at: this.deps.clock.now().toISOString(), data: { positions } });
      }
    } catch (err) {
      console.error('[telematics] position event failed:', (err as Error).message);
    }
    this.emitWorkMs += performance.now() - t0;
    this.emitParts++;
    if (this.emitRest.length > 0 && !this.closed) {
      this.emitTurn = setImmediate(() => this.emitPart());
      return;
    }
    this.nextEmitAt = this.emitParts > 1 ? Date.now() + this.emitWorkMs * EMIT_PACE : 0;
  }

  /** Delete positions older than the retention setting. Returns rows deleted. */
  prune(): number {
    const { retentionDays } = getTelematicsSettings(this.deps.db);
    const cutoff = new Date(this.deps.clock.now().getTime() - retentionDays * 86_400_000).toISOString();
    const ids = this.sqlite.prepare('SELECT id FROM devices').pluck().all() as number[];
    const del = this.sqlite.prepare('DELETE FROM positions WHERE device_id = ? AND at < ?');
    let total = 0;
    // One short transaction per device keeps the ingest path responsive during a big prune.
    for (const id of ids) total += del.run(id, cutoff).changes;
    total += this.sqlite.prepare('DELETE FROM unknown_devices WHERE last_seen_at < ?').run(cutoff).changes;
    this.stats.pruned += total;
    return total;
  }

  /** Give the connection's page cache back to the system (after a flood; it refills as pages are read). */
  releaseMemory(): void {
    if (this.sqlite.open) this.sqlite.pragma('shrink_memory');
  }

  /** Write what is queued, stop timers. */
  close(): void {
    if (this.closed) return;
    while (this.queue.length > 0 || this.unknownSeen.size > 0) {
      if (this.flush() === 0 && this.queue.length > 0) break;
    }
    this.closed = true;
    // The last push goes out whole, now (closed: emitPart schedules nothing).
    if (this.emitTurn) clearImmediate(this.emitTurn);
    this.emitTurn = null;
    this.emitRest.push(...this.dirty);
    this.dirty.clear();
    while (this.emitRest.length > 0) this.emitPart();
    for (const q of this.queue.splice(0)) q.resolve(503);
    if (this.flushTimer) {
      clearTimeout(this.flushTimer as ReturnType<typeof setTimeout>);
      clearImmediate(this.flushTimer as ReturnType<typeof setImmediate>);
    }
    if (this.emitTimer) clearInterval(this.emitTimer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.unsubscribe();
  }
}
