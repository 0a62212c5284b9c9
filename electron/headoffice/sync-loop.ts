import type Database from 'better-sqlite3';
import type { SyncStatus } from '../../shared/contract/sync';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../../shared/events';
import { pushBackoffMs } from '../../shared/rules/head-office';
import { isConfigured, pendingChanges, readLink, type HeadOfficeLink, type RowReader } from './link';
import { networkCause } from './probe';
import { syncOnce, type SyncOptions, type SyncResult } from './sync';

/**
 * The background push (issue 15), one loop for the desk app, `serve` and `sync` without --once:
 * pushes when a head office is set up — every `everyMs`, and `debounceMs` after a local write (the
 * `changed` event) — backs off after a failure (5 s doubling to 5 min), never runs two pushes at
 * once, and stops cleanly. Its state is `status()` (the `sync.status` channel) and a `sync` event on
 * every change, so the status bar follows it live.
 *
 * The push runs on the station's own connection between writes: better-sqlite3 is synchronous, so
 * each of syncOnce's reads (one batch of the outbox) and acknowledgements (one short transaction)
 * runs whole between two writes and never holds a lock across an await.
 */

export interface SyncLoopOptions {
  /** The station's connection. */
  sqlite: Database.Database;
  /** Where to push; default: the link stored on the desk (Settings → Head office). */
  link?: () => HeadOfficeLink;
  /** Local writes arrive here as `changed`; status changes leave as `sync`. */
  events?: EventBus;
  /** Push this often when nothing else asks for one (default 60 s). */
  everyMs?: number;
  /** Push this soon after a local write (default 2 s; a burst of writes makes one push). */
  debounceMs?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** False while nothing may be pushed (a restore in progress): the turn is put off a second. */
  canPush?: () => boolean;
  /** Batch sizes and clock for syncOnce. */
  push?: Pick<SyncOptions, 'batchChanges' | 'batchBytes' | 'batchPositions' | 'now'>;
  /** Told after each push (the CLI prints a line). */
  onPush?: (outcome: { ok: true; result: SyncResult } | { ok: false; error: Error }) => void;
}

/** What only a running loop knows; the rest of the status is read from the station file. */
export interface LoopFacts {
  running: boolean;
  pushing: boolean;
  lastPushAt: string | null;
  lastError: string | null;
  errorKind: SyncStatus['errorKind'];
  errorCause: string | null;
  failingSince: string | null;
  nextAttemptAt: string | null;
  headOfficeStation: string | null;
}

const IDLE: LoopFacts = { running: false, pushing: false, lastPushAt: null, lastError: null, errorKind: null, errorCause: null, failingSince: null, nextAttemptAt: null, headOfficeStation: null };

/** The push status from the station file, with what a running loop knows (none: an idle desk's). */
export function syncStatusOf(sqlite: RowReader, link: HeadOfficeLink, facts: LoopFacts = IDLE): SyncStatus {
  const state = sqlite.prepare(`SELECT epoch, last_push_at AS lastOkAt, last_pushed_seq AS lastSeq, last_error AS lastError FROM sync_state WHERE id = 1`).get() as
    | { epoch: string | null; lastOkAt: string | null; lastSeq: number; lastError: string | null }
    | undefined;
  const pending = pendingChanges(sqlite);
  const lastError = facts.running ? facts.lastError : (state?.lastError ?? null);
  return {
    configured: isConfigured(link),
    url: link.url,
    tokenSet: !!link.token,
    paused: link.paused,
    ...facts,
    lastOkAt: state?.lastOkAt ?? null,
    pending,
    lastError,
    errorKind: facts.running ? facts.errorKind : lastError ? 'failed' : null,
    lastSeq: state?.epoch && state.lastOkAt ? state.lastSeq : null,
  };
}

/** Sort a failed push: no answer (the changes wait), a refusal (token, station), or anything else. */
export function classifyPushError(err: Error): { kind: NonNullable<SyncStatus['errorKind']>; cause: string } {
  const code = err instanceof AppError ? err.code : null;
  const status = err instanceof AppError ? (err.details as { status?: number } | undefined)?.status : undefined;
  if (code === 'UNAVAILABLE' && status === undefined && /cannot be reached/.test(err.message)) return { kind: 'unreachable', cause: networkCause({ name: err.name, message: err.message }) };
  if (code === 'UNAUTHORIZED') return { kind: 'refused', cause: 'push token not accepted' };
  if (code === 'FORBIDDEN') return { kind: 'refused', cause: 'token may not push as this station' };
  if (code === 'VALIDATION') return { kind: 'failed', cause: 'nothing to push as: no station set up' };
  if (status !== undefined) return { kind: 'failed', cause: `head office answered ${status}` };
  return { kind: 'failed', cause: 'push failed' };
}

export class SyncLoop {
  private readonly sqlite: Database.Database;
  private readonly link: () => HeadOfficeLink;
  private readonly everyMs: number;
  private readonly debounceMs: number;
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private dueAt: number | null = null;
  private announceTimer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private failures = 0;
  private unsubscribe: (() => void) | null = null;
  private facts: LoopFacts = { ...IDLE };
  private lastAnnounced = '';

  constructor(private readonly opts: SyncLoopOptions) {
    this.sqlite = opts.sqlite;
    this.link = opts.link ?? (() => readLink(this.sqlite));
    this.everyMs = opts.everyMs ?? 60_000;
    this.debounceMs = opts.debounceMs ?? 2_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.facts.running = true;
    this.unsubscribe =
      this.opts.events?.subscribe((e) => {
        if (e.type !== 'changed') return;
        if (e.channel === 'sync.setSettings') this.refresh();
        else this.localWrite();
      }) ?? null;
    this.schedule(this.debounceMs);
  }

  /** Stop scheduling; resolves when a push under way has ended (or after `waitMs`: it is resent next time). */
  async stop(waitMs = 5_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.facts = { ...this.facts, running: false, nextAttemptAt: null };
    this.clearTimer();
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.current) await Promise.race([this.current, new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  /** Resolves when no push is under way (a restore waits for it). */
  async settle(): Promise<void> {
    if (this.current) await this.current;
  }

  status(): SyncStatus {
    return syncStatusOf(this.sqlite, this.link(), this.facts);
  }

  /** The link changed (Settings): a fresh start — push soon if set up, else stop scheduling. */
  refresh(): void {
    if (this.stopped) return;
    this.failures = 0;
    this.clearTimer();
    const link = this.link();
    if (isConfigured(link) && !link.paused) this.schedule(0);
    this.announce();
  }

  /** "Push now": whatever the pause or the backoff say; resolves with the status after the push. */
  async pushNow(): Promise<SyncStatus> {
    if (this.current) await this.current;
    const link = this.link();
    if (!isConfigured(link)) throw new AppError('VALIDATION', 'Set the head office URL and this station’s push token first (Settings → Head office)');
    if (this.opts.canPush && !this.opts.canPush()) throw new AppError('UNAVAILABLE', 'A restore is in progress; push again in a moment');
    this.clearTimer();
    await this.push(link);
    return this.status();
  }

  private localWrite(): void {
    // While the head office fails, a write does not cut the backoff short; it only changes `pending`.
    // Paused or not set up, a write schedules nothing: the throttled announce below shows the new
    // `pending` (counting a large outbox on every write would slow the write path).
    const link = this.link();
    if (this.failures === 0 && isConfigured(link) && !link.paused) this.schedule(this.debounceMs, true, link);
    this.announceSoon();
  }

  private schedule(delayMs: number, onlyEarlier = false, link = this.link()): void {
    if (this.stopped) return;
    if (!isConfigured(link) || link.paused) {
      this.clearTimer();
      this.announce();
      return;
    }
    const at = Date.now() + delayMs;
    if (onlyEarlier && this.dueAt !== null && this.dueAt <= at) return;
    this.clearTimer();
    this.dueAt = at;
    this.facts.nextAttemptAt = new Date(at).toISOString();
    this.timer = setTimeout(() => void this.turn(), delayMs);
    this.announce();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = null;
    this.facts.nextAttemptAt = null;
  }

  private async turn(): Promise<void> {
    this.timer = null;
    this.dueAt = null;
    this.facts.nextAttemptAt = null;
    if (this.stopped) return;
    const link = this.link();
    if (!isConfigured(link) || link.paused) return this.announce();
    if (this.opts.canPush && !this.opts.canPush()) return this.schedule(1_000);
    await this.push(link);
  }

  /** One push at a time: a second caller waits for the one under way. */
  private push(link: HeadOfficeLink & { url: string; token: string }): Promise<void> {
    if (this.current) return this.current;
    this.current = (async () => {
      this.facts.pushing = true;
      this.announce();
      const now = this.opts.push?.now ?? (() => new Date());
      try {
        const result = await syncOnce(this.sqlite, { ...this.opts.push, url: link.url, token: link.token });
        this.failures = 0;
        const station = this.sqlite.prepare(`SELECT code FROM station ORDER BY id LIMIT 1`).pluck().get() as string | undefined;
        this.facts = { ...this.facts, lastError: null, errorKind: null, errorCause: null, failingSince: null, headOfficeStation: station ?? null };
        this.opts.onPush?.({ ok: true, result });
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        this.failures++;
        const { kind, cause } = classifyPushError(error);
        this.facts = { ...this.facts, lastError: error.message, errorKind: kind, errorCause: cause, failingSince: this.facts.failingSince ?? now().toISOString() };
        this.opts.onPush?.({ ok: false, error });
      } finally {
        this.facts.pushing = false;
        this.facts.lastPushAt = now().toISOString();
        this.current = null;
      }
      if (this.stopped) return;
      const pending = this.stoppedOrPending();
      const backoff = pushBackoffMs(this.failures, this.opts.backoffMinMs, this.opts.backoffMaxMs);
      this.schedule(this.failures > 0 ? backoff : pending > 0 ? this.debounceMs : this.everyMs);
    })();
    return this.current;
  }

  /** Changes that arrived while the push ran (0 when the connection is gone). */
  private stoppedOrPending(): number {
    try {
      return pendingChanges(this.sqlite);
    } catch {
      return 0;
    }
  }

  private announceSoon(): void {
    if (this.announceTimer || !this.opts.events) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      this.announce();
    }, 250);
  }

  /** Emit `sync` when the status differs from the last one emitted. */
  private announce(): void {
    if (!this.opts.events) return;
    let status: SyncStatus;
    try {
      status = this.status();
    } catch {
      return; // the station is closing
    }
    const text = JSON.stringify(status);
    if (text === this.lastAnnounced) return;
    this.lastAnnounced = text;
    this.opts.events.emit({ type: 'sync', at: new Date().toISOString(), data: status });
  }
}
