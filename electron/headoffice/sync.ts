import type Database from 'better-sqlite3';
import { readSyncState, startEpoch } from '../db/capture';
import { AppError } from '../../shared/errors';
import { PUSH_PATH, type PushAnswer } from './protocol';

/**
 * The desk's side of the push (issue 15): send the outbox to the head office in sequence order, in
 * batches, then the positions it keeps; forget what it acknowledged. Safe to stop at any point and to
 * run twice: the head office skips what it already holds, and the desk only forgets acknowledged rows.
 */

export interface SyncOptions {
  /** The head office's base URL (http or https). */
  url: string;
  /** This station's push token. */
  token: string;
  /** Most changes per request (default 20000) and most bytes (default 8 MB). */
  batchChanges?: number;
  batchBytes?: number;
  /** Most positions per request (default 20000). */
  batchPositions?: number;
  now?: () => Date;
}

export interface SyncResult {
  ok: true;
  /** Changes the head office newly acknowledged in this run (snapshot rows included). */
  pushed: number;
  /** Positions sent in this run. */
  positions: number;
  /** The last sequence number the head office holds of this desk's epoch. */
  lastSeq: number;
  /** Changes still waiting on the desk. */
  pending: number;
  epoch: string;
  /** True when this run began a new epoch (first push, restore, upgrade, or a head office that lost it). */
  snapshot: boolean;
}

interface StationId {
  code: string;
  name: string;
}

function stationOf(sqlite: Database.Database): StationId {
  const s = sqlite.prepare(`SELECT code, name FROM station ORDER BY id LIMIT 1`).get() as StationId | undefined;
  if (!s || !s.code) throw new AppError('VALIDATION', 'This desk has no station yet (set it up, or seed the demo) — there is nothing to push as.');
  return s;
}

async function post(opts: SyncOptions, body: string): Promise<PushAnswer> {
  let res: Response | null = null;
  // A kept-alive connection the server closed meanwhile fails at once (ECONNRESET); a push is
  // idempotent, so it is sent again once on a fresh connection before giving up.
  for (let attempt = 0; !res; attempt++) {
    try {
      res = await fetch(new URL(PUSH_PATH, opts.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
        body,
      });
    } catch (err) {
      if (attempt === 0) continue;
      throw new AppError('UNAVAILABLE', `The head office at ${opts.url} cannot be reached (${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}); the changes wait on the desk.`);
    }
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('UNAVAILABLE', `The head office answered ${res.status} without JSON; the changes wait on the desk.`);
  }
  if (!res.ok) {
    const e = (parsed as { error?: { code?: string; message?: string } }).error;
    const code = res.status === 401 ? 'UNAUTHORIZED' : res.status === 403 ? 'FORBIDDEN' : res.status >= 500 ? 'UNAVAILABLE' : 'CONFLICT';
    throw new AppError(code, `The head office refused the push: ${e?.message ?? res.status}`, { status: res.status });
  }
  return parsed as PushAnswer;
}

const maxSeq = (sqlite: Database.Database) => (sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'`).pluck().get() as number | undefined) ?? 0;

/**
 * Changes of the epoch after `acked` still to send. An epoch's sequence numbers have no gaps (the
 * outbox is emptied when an epoch starts, and a rolled-back insert does not use up its number), so
 * this needs no count over the outbox (a snapshot holds ~900k rows).
 */
function pendingAfter(sqlite: Database.Database, epoch: string, acked: number): number {
  const first = sqlite.prepare(`SELECT min(seq) FROM sync_outbox WHERE epoch = ?`).pluck().get(epoch) as number | null;
  return first === null ? 0 : Math.max(0, maxSeq(sqlite) - Math.max(acked, first - 1));
}

/** One batch of the outbox after `from`, as the JSON text of its changes (built by SQLite: the rows are JSON already). */
interface Batch {
  from: number;
  /** Number of changes, and the first and last sequence numbers in it (0 changes: nothing to send). */
  count: number;
  first: number;
  last: number;
  json: string;
}

function envelope(epoch: string, station: StationId, pending: number, changes: string, positions?: string): string {
  return `{"epoch":${JSON.stringify(epoch)},"station":${JSON.stringify(station.code)},"name":${JSON.stringify(station.name)},"pending":${pending},"changes":[${changes}]${positions ? `,"positions":${positions}` : ''}}`;
}

/**
 * Note what the head office acknowledged. The acknowledged rows are forgotten in `forget` (once per
 * run): one unconditional DELETE of a wholly acknowledged outbox empties it at once, where deleting
 * a snapshot's 900k rows batch by batch took seconds. Until then `seq > last_pushed_seq` tells the
 * rows still to send, and a resent one is skipped by the head office anyway.
 */
function acknowledge(sqlite: Database.Database, a: PushAnswer, at: Date): void {
  sqlite.prepare(`UPDATE sync_state SET last_push_at = ?, last_pushed_seq = ?, positions_pushed_to = ?, last_error = NULL WHERE id = 1 AND epoch = ?`).run(at.toISOString(), a.lastSeq, a.positionsTo, a.epoch);
}

/** Forget the acknowledged rows (the whole outbox when nothing newer was written meanwhile). */
function forget(sqlite: Database.Database, epoch: string, lastSeq: number): void {
  sqlite.transaction(() => {
    if (lastSeq >= maxSeq(sqlite) && sqlite.prepare(`SELECT 1 FROM sync_outbox WHERE epoch <> ? LIMIT 1`).get(epoch) === undefined) sqlite.prepare(`DELETE FROM sync_outbox`).run();
    else sqlite.prepare(`DELETE FROM sync_outbox WHERE epoch = ? AND seq <= ?`).run(epoch, lastSeq);
  }).immediate(); // the write lock first: no change can land between the check and the delete
}

/**
 * Does the head office's answer fit this desk's outbox? Not when it holds another epoch and our
 * outbox no longer starts with the epoch's snapshot, nor when it holds more of our epoch than we ever
 * numbered (the file went back in time), nor when what it lacks is no longer in our outbox.
 */
function needsNewEpoch(sqlite: Database.Database, epoch: string, a: PushAnswer): boolean {
  const first = sqlite.prepare(`SELECT seq, op FROM sync_outbox WHERE epoch = ? ORDER BY seq LIMIT 1`).get(epoch) as { seq: number; op: string } | undefined;
  if (a.epoch !== epoch) return first?.op !== 'B';
  if (a.lastSeq > maxSeq(sqlite)) return true;
  return first !== undefined && first.seq > a.lastSeq + 1;
}

/** Push everything there is now; resolves when the outbox is empty (or throws, leaving it as it was). */
export async function syncOnce(sqlite: Database.Database, opts: SyncOptions): Promise<SyncResult> {
  const now = opts.now ?? (() => new Date());
  const station = stationOf(sqlite);
  let state = readSyncState(sqlite);
  let snapshot = false;
  if (!state.epoch || state.station !== station.code) {
    startEpoch(sqlite, station.code, now());
    snapshot = true;
    state = readSyncState(sqlite);
  }
  let epoch = state.epoch!;
  try {
    let a = await post(opts, envelope(epoch, station, pendingAfter(sqlite, epoch, state.lastPushedSeq), ''));
    if (needsNewEpoch(sqlite, epoch, a)) {
      epoch = startEpoch(sqlite, station.code, now());
      snapshot = true;
    }
    if (a.epoch === epoch) acknowledge(sqlite, a, now());
    let pushed = 0;
    const maxChanges = opts.batchChanges ?? 20_000;
    const maxBytes = opts.batchBytes ?? 8 * 1024 * 1024;
    const next = sqlite
      .prepare(
        `SELECT seq, '{"seq":' || seq || ',"op":"' || op || '","tbl":' || json_quote(tbl) || ',"key":' || key || ',"row":' || coalesce(row, 'null') || '}'
           FROM sync_outbox WHERE epoch = ? AND seq > ? ORDER BY seq LIMIT ?`,
      )
      .raw();
    const read = (from: number): Batch => {
      const rows = next.all(epoch, from, maxChanges) as [number, string][];
      let bytes = 0;
      let n = 0;
      while (n < rows.length && (n === 0 || bytes + rows[n]![1].length <= maxBytes)) bytes += rows[n++]![1].length;
      return { from, count: n, first: n ? rows[0]![0] : from, last: n ? rows[n - 1]![0] : from, json: rows.slice(0, n).map((r) => r[1]).join(',') };
    };
    let batch = read(a.epoch === epoch ? a.lastSeq : 0);
    try {
      while (batch.count > 0) {
        const before = a.epoch === epoch ? a.lastSeq : batch.first - 1;
        const answer = post(opts, envelope(epoch, station, pendingAfter(sqlite, epoch, batch.last), batch.json));
        // While the head office applies this batch, read the next one (used when the answer is as
        // expected); first a turn of the event loop, so that the request is on its way.
        await new Promise((resolve) => setImmediate(resolve));
        const ahead = read(batch.last);
        a = await answer;
        acknowledge(sqlite, a, now());
        pushed += a.lastSeq - before;
        batch = a.epoch === epoch && a.lastSeq === ahead.from ? ahead : read(a.lastSeq);
      }
    } finally {
      if (a.epoch === epoch) forget(sqlite, epoch, a.lastSeq);
    }
    const positions = await pushPositions(sqlite, opts, epoch, station, a, now);
    return { ok: true, pushed, positions: positions.sent, lastSeq: positions.answer.lastSeq, pending: pendingAfter(sqlite, epoch, positions.answer.lastSeq), epoch, snapshot };
  } catch (err) {
    sqlite.prepare(`UPDATE sync_state SET last_error = ? WHERE id = 1`).run((err as Error).message);
    throw err;
  }
}

/** The positions the head office keeps and lacks, columnar, in id order. */
async function pushPositions(sqlite: Database.Database, opts: SyncOptions, epoch: string, station: StationId, start: PushAnswer, now: () => Date): Promise<{ sent: number; answer: PushAnswer }> {
  let a = start;
  let sent = 0;
  const limit = opts.batchPositions ?? 20_000;
  const cutoff = new Date(now().getTime() - a.keepPositionsDays * 86_400_000).toISOString();
  const cols = (sqlite.prepare(`SELECT name FROM pragma_table_info('positions') ORDER BY cid`).pluck().all() as string[]);
  const next = sqlite.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM positions WHERE id > ? AND at >= ? ORDER BY id LIMIT ?`).raw();
  for (;;) {
    const rows = next.all(a.positionsTo, cutoff, limit) as unknown[][];
    if (rows.length === 0) return { sent, answer: a };
    const columns = Object.fromEntries(cols.map((c, j) => [c, rows.map((r) => r[j])]));
    a = await post(opts, envelope(epoch, station, pendingAfter(sqlite, epoch, a.lastSeq), '', JSON.stringify({ columns })));
    if (a.epoch !== epoch) throw new AppError('CONFLICT', `The head office moved to epoch ${a.epoch} while positions were sent; push again.`);
    acknowledge(sqlite, a, now());
    sent += rows.length;
  }
}
