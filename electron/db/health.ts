import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

/**
 * The station's health, one per database connection: is it writable, and is anything failing
 * right now (the disk is full, ingest cannot flush, the background integrity check failed)?
 *
 * - `readOnly`: set at open (a read-only file, folder or mount, or a read-only open on purpose) or
 *   when SQLite answers SQLITE_READONLY; `dispatch()` refuses write channels with 503
 *   "the database is read-only: <reason>" and ingest answers 503.
 * - problems (`disk`, `integrity`, …): each with a reason; any problem makes `/healthz` say
 *   `degraded`, ingest answer 503 at once, and the console show a red banner (`health` events).
 *   A `disk` problem is re-checked every few seconds (free space and the page limit) and clears
 *   itself when space returns; a successful write clears it at once.
 *
 * Writers report failures with `noteWriteFailure()`, which also turns them into one typed error.
 */

export type HealthStatus = 'ok' | 'degraded' | 'read-only';

export interface HealthReport {
  status: HealthStatus;
  /** Why it is not ok, one sentence each (read-only reason first). */
  reasons: string[];
  readOnly: string | null;
  /** Problem keys now active (`disk`, `integrity`, …). */
  problems: string[];
  since: string | null;
}

type Listener = (r: HealthReport) => void;

/** Free space kept in reserve before the disk counts as having room again (bytes). */
const DISK_HEADROOM = 8 * 1024 * 1024;
const RECHECK_MS = 2_000;

export class StationHealth {
  private ro: string | null = null;
  private paused: string | null = null;
  private problems = new Map<string, { reason: string; since: string }>();
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly sqlite: Database.Database | null,
    private readonly file: string | null,
  ) {}

  get readOnly(): string | null {
    return this.ro;
  }

  setReadOnly(reason: string | null): void {
    if (this.ro === reason) return;
    this.ro = reason;
    this.changed();
  }

  has(key: string): boolean {
    return this.problems.has(key);
  }

  /** Why writes are paused right now (a restore in progress), or null. */
  get pausedFor(): string | null {
    return this.paused;
  }

  /** Pause every write (dispatch answers 503, ingest too) until the returned function is called. */
  pause(reason: string): () => void {
    this.paused = reason;
    this.changed();
    return () => {
      if (this.paused !== reason) return;
      this.paused = null;
      this.changed();
    };
  }

  /** Anything that should stop ingest from accepting work now. */
  get blocked(): string | null {
    if (this.ro) return `the database is read-only: ${this.ro}`;
    if (this.paused) return this.paused;
    const disk = this.problems.get('disk');
    return disk ? disk.reason : null;
  }

  set(key: string, reason: string): void {
    const prev = this.problems.get(key);
    if (prev?.reason === reason) return;
    this.problems.set(key, { reason, since: prev?.since ?? new Date().toISOString() });
    if (key === 'disk') this.startRecheck();
    this.changed();
  }

  clear(key: string): void {
    if (!this.problems.delete(key)) return;
    if (!this.problems.has('disk')) this.stopRecheck();
    this.changed();
  }

  report(): HealthReport {
    const reasons = [
      ...(this.ro ? [`The database is read-only: ${this.ro}`] : []),
      ...(this.paused ? [this.paused] : []),
      ...[...this.problems.values()].map((p) => p.reason),
    ];
    const since = [...this.problems.values()].map((p) => p.since).sort()[0] ?? null;
    return {
      status: this.problems.size > 0 ? 'degraded' : this.ro ? 'read-only' : 'ok',
      reasons,
      readOnly: this.ro,
      problems: [...this.problems.keys()],
      since,
    };
  }

  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Stop background timers (the connection is closing). */
  dispose(): void {
    this.stopRecheck();
    this.listeners.clear();
  }

  private changed(): void {
    const r = this.report();
    for (const fn of this.listeners) {
      try {
        fn(r);
      } catch {
        /* one listener must not stop the others */
      }
    }
  }

  /** Is there room to write again? Free space on the folder's file system and SQLite's page limit. */
  roomToWrite(): boolean {
    if (this.file && this.file !== ':memory:') {
      try {
        const st = fs.statfsSync(path.dirname(path.resolve(this.file)));
        if (st.bavail * st.bsize < DISK_HEADROOM) return false;
      } catch {
        /* statfs unsupported: rely on the page limit and the next write */
      }
    }
    if (this.sqlite?.open) {
      try {
        const pages = this.sqlite.pragma('page_count', { simple: true }) as number;
        const max = this.sqlite.pragma('max_page_count', { simple: true }) as number;
        if (max - pages < 16) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  private startRecheck(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.problems.has('disk') && this.roomToWrite()) this.clear('disk');
    }, RECHECK_MS);
    this.timer.unref?.();
  }

  private stopRecheck(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const byConnection = new WeakMap<Database.Database, StationHealth>();

/** The health of a connection (made on first use; `openDatabase` sets the read-only reason). */
export function healthOf(sqlite: Database.Database, file: string | null = null): StationHealth {
  let h = byConnection.get(sqlite);
  if (!h) byConnection.set(sqlite, (h = new StationHealth(sqlite, file ?? sqlite.name)));
  return h;
}

export type StorageFailure = 'disk' | 'read-only' | null;

/** Is this a storage failure (the disk, not the data)? SQLITE_FULL / IOERR / ENOSPC → disk; SQLITE_READONLY → read-only. */
export function storageFailure(err: unknown): StorageFailure {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO') return 'disk';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'read-only';
  return null;
}

/**
 * A write failed: when the cause is the storage, record it on the station's health and answer one
 * clear 503 error; anything else is returned unchanged.
 */
export function noteWriteFailure(sqlite: Database.Database, err: unknown): unknown {
  const kind = storageFailure(err);
  if (!kind) return err;
  const h = healthOf(sqlite);
  const detail = (err as Error).message;
  if (kind === 'read-only') {
    h.setReadOnly(h.readOnly ?? `SQLite refused to write (${detail})`);
    return new AppError('UNAVAILABLE', `The database is read-only: ${h.readOnly}`, { health: h.report() });
  }
  const reason =
    String((err as { code?: unknown }).code) === 'SQLITE_FULL' || (err as { code?: unknown }).code === 'ENOSPC'
      ? `The disk holding the station database is full (${detail}); nothing was saved. Free some space: the desk resumes by itself.`
      : `The station database cannot be written (${detail}); nothing was saved.`;
  h.set('disk', reason);
  return new AppError('UNAVAILABLE', reason, { health: h.report() });
}

/** A write succeeded: the disk has room again. */
export function noteWriteSuccess(sqlite: Database.Database): void {
  const h = byConnection.get(sqlite);
  if (h?.has('disk')) h.clear('disk');
}

/** Refuse a write up front when the station is read-only or its writes are paused (a restore). */
export function assertWritable(sqlite: Database.Database): void {
  const h = byConnection.get(sqlite);
  if (h?.readOnly) throw new AppError('UNAVAILABLE', `The database is read-only: ${h.readOnly}`, { health: h.report() });
  if (h?.pausedFor) throw new AppError('UNAVAILABLE', h.pausedFor, { health: h.report() });
}
