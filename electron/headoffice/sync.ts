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
  /** Most changes per request (default 5000) and most bytes (default 8 MB). */
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

const pendingCount = (sqlite: Database.Database) => sqlite.prepare(`SELECT count(*) FROM sync_outbox`).pluck().get() as number;
const maxSeq = (sqlite: Database.Database) => (sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'`).pluck().get() as number | undefined) ?? 0;

function envelope(epoch: string, station: StationId, pending: number, changes: string, positions?: string): string {
  return `{"epoch":${JSON.stringify(epoch)},"station":${JSON.stringify(station.code)},"name":${JSON.stringify(station.name)},"pending":${pending},"changes":[${changes}]${positions ? `,"positions":${positions}` : ''}}`;
}

/** Forget what the head office acknowledged, and note the push. */
function acknowledge(sqlite: Database.Database, a: PushAnswer, at: Date): void {
  sqlite.transaction(() => {
    sqlite.prepare(`DELETE FROM sync_outbox WHERE epoch = ? AND seq <= ?`).run(a.epoch, a.lastSeq);
    sqlite.prepare(`UPDATE sync_state SET last_push_at = ?, last_pushed_seq = ?, positions_pushed_to = ?, last_error = NULL WHERE id = 1 AND epoch = ?`).run(at.toISOString(), a.lastSeq, a.positionsTo, a.epoch);
  })();
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
    let a = await post(opts, envelope(epoch, station, pendingCount(sqlite), ''));
    if (needsNewEpoch(sqlite, epoch, a)) {
      epoch = startEpoch(sqlite, station.code, now());
      snapshot = true;
    }
    if (a.epoch === epoch) acknowledge(sqlite, a, now());
    let pushed = 0;
    const maxChanges = opts.batchChanges ?? 5000;
    const maxBytes = opts.batchBytes ?? 8 * 1024 * 1024;
    const next = sqlite.prepare(`SELECT seq, op, tbl, key, row FROM sync_outbox WHERE epoch = ? AND seq > ? ORDER BY seq LIMIT ?`).raw();
    let from = a.epoch === epoch ? a.lastSeq : 0;
    for (;;) {
      const rows = next.all(epoch, from, maxChanges) as [number, string, string, string, string | null][];
      if (rows.length === 0) break;
      const parts: string[] = [];
      let bytes = 0;
      for (const [seq, op, tbl, key, row] of rows) {
        const part = `{"seq":${seq},"op":"${op}","tbl":${JSON.stringify(tbl)},"key":${key},"row":${row ?? 'null'}}`;
        if (parts.length > 0 && bytes + part.length > maxBytes) break;
        parts.push(part);
        bytes += part.length;
      }
      const before = a.epoch === epoch ? a.lastSeq : rows[0]![0] - 1;
      a = await post(opts, envelope(epoch, station, Math.max(0, pendingCount(sqlite) - parts.length), parts.join(',')));
      acknowledge(sqlite, a, now());
      pushed += a.lastSeq - before;
      from = a.lastSeq;
    }
    const positions = await pushPositions(sqlite, opts, epoch, station, a, now);
    return { ok: true, pushed, positions: positions.sent, lastSeq: positions.answer.lastSeq, pending: pendingCount(sqlite), epoch, snapshot };
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
    a = await post(opts, envelope(epoch, station, pendingCount(sqlite), '', JSON.stringify({ columns })));
    if (a.epoch !== epoch) throw new AppError('CONFLICT', `The head office moved to epoch ${a.epoch} while positions were sent; push again.`);
    acknowledge(sqlite, a, now());
    sent += rows.length;
  }
}
