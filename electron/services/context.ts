import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { StationHost } from '../db/station-host';
import type { Clock } from '../../shared/dates';
import type { EventBus } from '../../shared/events';
import type { Access, ChannelDef, ChannelMap, OutputOf, ParsedInputOf, Role } from '../../shared/contract/define';

/** Who is calling: the desk itself, a named token, or the system (`system:…`). Written into the audit log. */
export interface Actor {
  name: string;
  role: Role;
}

/** What a transport (IPC, HTTP, CLI, tests) hands to `dispatch()`: the whole database handle and the caller. */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  actor: Actor;
  events: EventBus;
  /** The database file (for app.info); ':memory:' in tests. */
  dbPath: string;
  /** Process-wide options set by `serve` (e.g. accept unknown devices). */
  options?: Record<string, unknown>;
  /** The station file as the process that opened it manages it (health, backups, restore); absent in bare tests. */
  station?: StationHost;
}

// ─── Read-only database handle ───────────────────────────────────────────────────────────────

/** A prepared statement that can only read: better-sqlite3's Statement without `run`. */
export interface ReadStatement<R = unknown> {
  readonly source: string;
  get(...params: unknown[]): R | undefined;
  all(...params: unknown[]): R[];
  iterate(...params: unknown[]): IterableIterator<R>;
  pluck(toggle?: boolean): ReadStatement;
  raw(toggle?: boolean): ReadStatement;
  expand(toggle?: boolean): ReadStatement;
}

/** Raw SQL for readers: `prepare` refuses any statement that would change the database. */
export interface ReadClient {
  prepare(source: string): ReadStatement;
}

/**
 * The database as a read handler sees it: drizzle's select/query builders and `$client` for raw
 * SQL reads. No insert/update/delete/run/exec/transaction, so a write in a read handler does not
 * compile; and `$client.prepare` checks at run time that the statement is read-only.
 */
export type ReadDb = Pick<Db, 'select' | 'selectDistinct' | '$count' | 'query'> & { readonly $client: ReadClient };

/**
 * The database as a write handler sees it: everything, on the connection that holds the call's
 * `BEGIN IMMEDIATE` transaction — except `transaction()` (the call already is one).
 */
export type WriteDb = Omit<Db, 'transaction'>;

const readClients = new WeakMap<Database.Database, ReadClient>();
const readDbs = new WeakMap<Db, ReadDb>();

/** The read-only client of a connection (one per connection, so statement caches keyed by it hold). */
export function readClient(sqlite: Database.Database): ReadClient {
  let client = readClients.get(sqlite);
  if (!client) {
    client = {
      prepare(source) {
        const stmt = sqlite.prepare(source);
        // sqlite3_stmt_readonly: true only when the statement cannot change the database file.
        if (!stmt.readonly) throw new Error(`A read handler may not change the database: ${source.trim().slice(0, 80)}`);
        return stmt;
      },
    };
    readClients.set(sqlite, client);
  }
  return client;
}

/** The read-only view of a database handle (the same connection; reads inside a write see its changes). */
export function readOnly(db: Db): ReadDb {
  let view = readDbs.get(db);
  if (!view) {
    view = {
      select: db.select.bind(db),
      selectDistinct: db.selectDistinct.bind(db),
      $count: db.$count.bind(db),
      query: db.query,
      $client: readClient(db.$client),
    };
    readDbs.set(db, view);
  }
  return view;
}

// ─── Handler contexts ────────────────────────────────────────────────────────────────────────

/** What a read (or admin) handler gets: the read-only handle. */
export type ReadContext = Omit<ServiceContext, 'db'> & { db: ReadDb };

/**
 * One line of the call's audit entry. The first note a write makes is the entry itself (one
 * `audit_log` row per call); every further note is a change line of that entry (`audit_changes`),
 * so `audit.list` finds the call under each thing it touched, with that thing's before/after.
 */
export interface AuditNote {
  /** What happened to the entity, e.g. 'update', 'assign', 'import'. */
  action: string;
  /** The kind of thing, e.g. 'driver', 'route', 'settings'. */
  entity: string;
  entityId?: string | number | null;
  /** Only what changed: see `diffFields`. */
  before?: unknown;
  after?: unknown;
  /** Why (an override reason, a release note): on the entry, or on its line when it differs. */
  reason?: string | null;
}

/**
 * What a write handler gets. It runs synchronously inside the call's one `BEGIN IMMEDIATE`
 * transaction; `dispatch` writes the audit entry from its notes and announces `changed` after the
 * commit. A write that makes no note keeps nothing it wrote (see `runWrite`).
 */
export type WriteContext = Omit<ServiceContext, 'db'> & {
  db: WriteDb;
  /** Describe what this call changed (once per thing changed; the first note heads the entry). */
  audit(note: AuditNote): void;
  /** Keep nothing: roll the transaction back after the handler returns (a dry run / preview). */
  discard(): void;
};

// ─── Handler types ───────────────────────────────────────────────────────────────────────────

type In<C extends ChannelDef> = ParsedInputOf<C>;
type Out<C extends ChannelDef> = OutputOf<C>;

export type ReadHandler<C extends ChannelDef> = (ctx: ReadContext, input: In<C>) => Out<C> | Promise<Out<C>>;

/** A write: synchronous, inside the call's transaction. */
export type WriteFn<C extends ChannelDef> = (ctx: WriteContext, input: In<C>) => Out<C>;

/**
 * A write that must do async work first (read a file, parse a PDF): `prepare` runs outside the
 * transaction with the read-only handle, then `apply` runs inside it with what `prepare` made.
 */
export interface TwoStageWrite<C extends ChannelDef, P = unknown> {
  prepare(ctx: ReadContext, input: In<C>): Promise<P>;
  apply(ctx: WriteContext, input: In<C>, prepared: P): Out<C>;
}

// `apply` is a method, so a handler whose `prepared` is a Sheet still fits `unknown` here.
export type WriteHandler<C extends ChannelDef> = WriteFn<C> | TwoStageWrite<C, unknown>;

/** The handler type a channel's access asks for: `write` → WriteHandler; `read`/`admin` → ReadHandler. */
export type Handler<C extends ChannelDef> = C['access'] extends 'write' ? WriteHandler<C> : ReadHandler<C>;

/** The handlers of one room: exactly one per channel of its contract part, typed by its access. */
export type HandlersFor<M extends ChannelMap> = { [K in keyof M]: Handler<M[K]> };

/** Declare a two-stage write with `P` inferred from `prepare`, so `apply` sees its type. */
export const twoStage = <C extends ChannelDef, P>(h: TwoStageWrite<C, P>): TwoStageWrite<C, P> => h;

export const isTwoStage = (h: unknown): h is TwoStageWrite<ChannelDef, unknown> =>
  typeof h === 'object' && h !== null && 'prepare' in h && 'apply' in h;

export type { Access };
