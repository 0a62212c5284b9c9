/**
 * The one write path. Every write channel (through `dispatch`) and every system write (telematics
 * launch/return, demo seeding, token revocation from the CLI) runs through `runWrite`:
 *
 * 1. one `BEGIN IMMEDIATE` transaction on the station connection (better-sqlite3's
 *    `transaction(fn).immediate()`), refused when a transaction is already open;
 * 2. the handler runs synchronously inside it with a `WriteContext`; it describes what it changed
 *    with `ctx.audit(note)`;
 * 3. the call's ONE audit entry is written here, in the same transaction: the first note is the
 *    `audit_log` row, further notes are its lines in `audit_changes`;
 * 4. after the commit, one `changed` event announces the call.
 *
 * A handler that calls `ctx.discard()` (a dry run / preview) or that changes nothing keeps nothing:
 * the transaction is rolled back (or was empty), there is no audit row and no event. A handler
 * that changes rows without a single note is a bug: the call fails and nothing is kept.
 * `SQLITE_BUSY` from another writer becomes the typed error `BUSY` (HTTP 503 + Retry-After).
 * A read-only station or paused writes (a restore) refuse the write up front with 503; a full disk
 * or a file SQLite will not write becomes one 503 and the station's health says why (db/health.ts).
 *
 * `writeAudit` is deliberately private to this module; tests/unit/contract/write-path.test.ts
 * fails when it is called anywhere else.
 */
import type Database from 'better-sqlite3';
import { auditChanges, auditLog } from '../db/schema';
import type { Db } from '../db/open';
import type { Actor, AuditNote, ServiceContext, WriteContext } from './context';
import { AppError } from '../../shared/errors';
import { assertWritable, noteWriteFailure, noteWriteSuccess } from '../db/health';

/** What a system writer passes to `runWrite` (a transport's ServiceContext fits too). */
export type WriteTarget = Pick<ServiceContext, 'db' | 'clock' | 'actor' | 'events'> & Partial<Pick<ServiceContext, 'dbPath' | 'options'>>;

export interface RunWriteOptions<T> {
  /** Payload of the `changed` event, from what the write returned (e.g. which route telematics launched). */
  eventData?: (result: T) => unknown;
}

/** Actors of the writes nobody typed: `system:` cannot clash with a token name (tokens allow no colon). */
export const systemActor = (what: string): Actor => ({ name: `system:${what}`, role: 'desk' });

const ROLLBACK = Symbol('rollback');
const totalChanges = new WeakMap<Database.Database, Database.Statement>();

/** Rows inserted, updated or deleted on this connection since it opened (SQLite's total_changes()). */
function changesSoFar(sqlite: Database.Database): number {
  let stmt = totalChanges.get(sqlite);
  if (!stmt) totalChanges.set(sqlite, (stmt = sqlite.prepare('SELECT total_changes()').pluck()));
  return stmt.get() as number;
}

/** SQLITE_BUSY (and _SNAPSHOT, _RECOVERY, _TIMEOUT) → the typed BUSY error; anything else unchanged. */
export function asBusy(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    return new AppError('BUSY', 'The station database is busy (another program is writing to it); try again in a moment', { sqlite: code });
  }
  return err;
}

/**
 * Run `fn` as one audited write named `action` (the channel name, or e.g. 'telematics.launch').
 * Returns what `fn` returned; throws what it threw (nothing kept).
 */
export function runWrite<T>(ctx: WriteTarget, action: string, fn: (w: WriteContext) => T, opts: RunWriteOptions<T> = {}): T {
  const sqlite = ctx.db.$client;
  if (sqlite.inTransaction) throw new Error(`${action}: a write may not start inside another transaction (one call, one transaction)`);
  assertWritable(sqlite);
  const at = ctx.clock.now();
  const notes: AuditNote[] = [];
  let discarded = false;
  const w: WriteContext = {
    ...ctx,
    dbPath: ctx.dbPath ?? '',
    db: ctx.db,
    audit: (note) => void notes.push(note),
    discard: () => void (discarded = true),
  };
  let out: T | undefined;
  try {
    sqlite
      .transaction(() => {
        const before = changesSoFar(sqlite);
        out = fn(w);
        if (out instanceof Promise) throw new Error(`${action}: a write handler must be synchronous (use a two-stage handler for async work)`);
        if (discarded) throw ROLLBACK;
        if (notes.length > 0) writeAudit(ctx.db, ctx.actor, at, notes);
        else if (changesSoFar(sqlite) !== before) throw new Error(`${action} changed the database without an audit note (ctx.audit); nothing was kept`);
      })
      .immediate();
  } catch (err) {
    if (err === ROLLBACK) return out as T;
    const storage = noteWriteFailure(sqlite, err);
    throw storage === err ? asBusy(err) : storage;
  }
  noteWriteSuccess(sqlite);
  if (notes.length > 0) {
    ctx.events.emit({
      type: 'changed',
      channel: action,
      at: at.toISOString(),
      actor: ctx.actor.name,
      ...(opts.eventData ? { data: opts.eventData(out as T) } : {}),
    });
  }
  return out as T;
}

const idText = (id: AuditNote['entityId']) => (id == null ? null : String(id));

/** The call's one audit entry: the first note as the row, the rest as its change lines. */
function writeAudit(db: Db, actor: Actor, at: Date, notes: AuditNote[]): void {
  const [head, ...rest] = notes as [AuditNote, ...AuditNote[]];
  const row = db
    .insert(auditLog)
    .values({
      at: at.toISOString(),
      actor: actor.name,
      actorRole: actor.role,
      action: head.action,
      entity: head.entity,
      entityId: idText(head.entityId),
      before: head.before ?? null,
      after: head.after ?? null,
      reason: head.reason ?? null,
    })
    .returning({ id: auditLog.id })
    .get();
  for (let i = 0; i < rest.length; i += 200) {
    db.insert(auditChanges)
      .values(
        rest.slice(i, i + 200).map((n, j) => ({
          auditId: row.id,
          seq: i + j + 1,
          action: n.action,
          entity: n.entity,
          entityId: idText(n.entityId),
          before: n.before ?? null,
          after: n.after ?? null,
          reason: n.reason ?? null,
        })),
      )
      .run();
  }
}

/** Only the fields that changed, for compact before/after audit notes. */
export function diffFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
