import { randomUUID } from 'node:crypto';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import * as schema from './schema';

/**
 * Change capture for the head office (issue 15), generated from the drizzle tables so that a table
 * added by anyone is captured without a second list: per table an AFTER INSERT / UPDATE / DELETE
 * trigger writes (epoch, station, time, table, key, op, the row as JSON of every column) into
 * `sync_outbox` inside the writing transaction — whoever writes (dispatch(), CLI imports, the demo,
 * a second connection) and however. The triggers are (re)installed at open when their SQL differs
 * from the generated SQL, so a migration that rebuilt a table gets its triggers back.
 */

/** Tables not captured row by row, each with its reason. Everything else in the schema is captured. */
export const CAPTURE_EXCLUDED: Readonly<Record<string, string>> = {
  sync_outbox: 'the outbox itself',
  sync_state: "the desk's own push state",
  positions: 'GPS history (tens of thousands of rows a day) leaves in columnar batches by id range (sync), only as far back as the head office keeps it',
  api_tokens: "the desk's credentials (token hashes) stay on the desk; the head office has its own tokens",
};

export interface CapturedTable {
  name: string;
  /** Every column's SQL name, in table order. */
  columns: string[];
  /** The primary key's column names, in key order. */
  key: string[];
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Every drizzle SQLite table of the station schema. */
export function schemaTables(): SQLiteTable[] {
  return (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable));
}

/** The key of a drizzle table: its composite primary key, else its primary-key column. */
export function keyColumns(table: SQLiteTable): string[] {
  const cfg = getTableConfig(table);
  const composite = cfg.primaryKeys[0];
  if (composite) return composite.columns.map((c) => c.name);
  return cfg.columns.filter((c) => c.primary).map((c) => c.name);
}

/** The tables captured row by row, derived from the schema. A table without a primary key is refused. */
export function capturedTables(): CapturedTable[] {
  return schemaTables()
    .map((t) => ({ cfg: getTableConfig(t), key: keyColumns(t) }))
    .filter(({ cfg }) => !(cfg.name in CAPTURE_EXCLUDED))
    .map(({ cfg, key }) => {
      if (key.length === 0) throw new Error(`Table ${cfg.name} has no primary key: the head office could not tell its rows apart. Give it one, or add it to CAPTURE_EXCLUDED with a reason.`);
      return { name: cfg.name, columns: cfg.columns.map((c) => c.name), key };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
const keyJson = (t: CapturedTable, ref: string) => `json_array(${t.key.map((k) => `${ref}.${q(k)}`).join(', ')})`;
/** json_object of every column of `ref` (NEW/OLD or a table alias). */
export const rowJson = (t: CapturedTable, ref: string) => `json_object(${t.columns.map((c) => `${lit(c)}, ${ref}.${q(c)}`).join(', ')})`;

function outboxInsert(t: CapturedTable, op: 'I' | 'U' | 'D', ref: 'NEW' | 'OLD', extraWhere = ''): string {
  const row = op === 'D' ? 'NULL' : rowJson(t, ref);
  return (
    `INSERT INTO sync_outbox (epoch, station, at, tbl, key, op, row) ` +
    `SELECT s.epoch, s.station, ${NOW}, ${lit(t.name)}, ${keyJson(t, ref)}, '${op}', ${row} ` +
    `FROM sync_state s WHERE s.id = 1 AND s.epoch IS NOT NULL${extraWhere};`
  );
}

/** The trigger statements for one table, by trigger name. */
export function triggerSql(t: CapturedTable): Record<string, string> {
  const on = q(t.name);
  const n = (suffix: string) => `capture_${t.name}_${suffix}`;
  return {
    [n('ins')]: `CREATE TRIGGER ${q(n('ins'))} AFTER INSERT ON ${on} BEGIN ${outboxInsert(t, 'I', 'NEW')} END`,
    // A changed key is the old row gone and a new one there: D of the old key first, then U.
    [n('upd')]:
      `CREATE TRIGGER ${q(n('upd'))} AFTER UPDATE ON ${on} BEGIN ` +
      `${outboxInsert(t, 'D', 'OLD', ` AND ${keyJson(t, 'OLD')} IS NOT ${keyJson(t, 'NEW')}`)} ` +
      `${outboxInsert(t, 'U', 'NEW')} END`,
    [n('del')]: `CREATE TRIGGER ${q(n('del'))} AFTER DELETE ON ${on} BEGIN ${outboxInsert(t, 'D', 'OLD')} END`,
  };
}

/** Every capture trigger, by name (sorted). */
export function captureTriggers(): Map<string, string> {
  const all = new Map<string, string>();
  for (const t of capturedTables()) for (const [name, sql] of Object.entries(triggerSql(t))) all.set(name, sql);
  return new Map([...all].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Make the file's capture triggers exactly the generated ones (in one transaction); a no-op when they
 * already are. Returns whether anything changed. SQLite keeps a trigger's CREATE text as given, so the
 * comparison needs no stored hash.
 */
export function installCapture(sqlite: Database.Database): boolean {
  const wanted = captureTriggers();
  const have = new Map(
    (sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'capture\\_%' ESCAPE '\\'`).all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
  );
  const same = have.size === wanted.size && [...wanted].every(([name, sql]) => have.get(name) === sql);
  if (same) return false;
  sqlite
    .transaction(() => {
      for (const name of have.keys()) sqlite.exec(`DROP TRIGGER IF EXISTS ${q(name)}`);
      for (const sql of wanted.values()) sqlite.exec(sql);
    })
    .immediate();
  return true;
}

export interface SyncState {
  epoch: string | null;
  station: string | null;
  epochStartedAt: string | null;
  positionsPushedTo: number;
  lastPushAt: string | null;
  lastPushedSeq: number;
  lastError: string | null;
}

export function readSyncState(sqlite: Database.Database): SyncState {
  const row = sqlite
    .prepare(
      `SELECT epoch, station, epoch_started_at AS epochStartedAt, positions_pushed_to AS positionsPushedTo,
              last_push_at AS lastPushAt, last_pushed_seq AS lastPushedSeq, last_error AS lastError
         FROM sync_state WHERE id = 1`,
    )
    .get() as SyncState | undefined;
  return row ?? { epoch: null, station: null, epochStartedAt: null, positionsPushedTo: 0, lastPushAt: null, lastPushedSeq: 0, lastError: null };
}

/**
 * Start a new epoch: forget the outbox and put a full snapshot of every captured table in it, between
 * a B and an E mark, in one transaction (so the snapshot is one consistent moment). The head office
 * takes a new epoch as a fresh copy of the station, never as numbers it has already seen. Called on
 * the first push, after a restore, and after migrations (a migration may move data under its triggers).
 */
export function startEpoch(sqlite: Database.Database, station: string, at: Date = new Date()): string {
  const epoch = `${at.toISOString().slice(0, 10)}-${randomUUID()}`;
  const tables = capturedTables();
  sqlite
    .transaction(() => {
      sqlite.prepare(`DELETE FROM sync_outbox`).run();
      sqlite
        .prepare(
          `INSERT INTO sync_state (id, epoch, station, epoch_started_at, positions_pushed_to, last_pushed_seq)
           VALUES (1, @epoch, @station, @at, 0, 0)
           ON CONFLICT (id) DO UPDATE SET epoch = @epoch, station = @station, epoch_started_at = @at, positions_pushed_to = 0, last_pushed_seq = 0`,
        )
        .run({ epoch, station, at: at.toISOString() });
      const mark = sqlite.prepare(`INSERT INTO sync_outbox (epoch, station, at, tbl, key, op, row) VALUES (?, ?, ?, '', '[]', ?, ?)`);
      mark.run(epoch, station, at.toISOString(), 'B', JSON.stringify({ tables: tables.map((t) => t.name) }));
      for (const t of tables) {
        sqlite.exec(
          `INSERT INTO sync_outbox (epoch, station, at, tbl, key, op, row)
           SELECT ${lit(epoch)}, ${lit(station)}, ${lit(at.toISOString())}, ${lit(t.name)}, ${keyJson(t, 'x')}, 'S', ${rowJson(t, 'x')}
             FROM ${q(t.name)} x ORDER BY ${t.key.map((k) => `x.${q(k)}`).join(', ')}`,
        );
      }
      mark.run(epoch, station, at.toISOString(), 'E', null);
    })
    .immediate();
  return epoch;
}

/** Restart the epoch of a desk that pushes (no-op for one that never did): after a restore or a migration. */
export function restartEpochIfPushing(sqlite: Database.Database, at?: Date): string | null {
  const { epoch, station } = readSyncState(sqlite);
  if (!epoch || !station) return null;
  return startEpoch(sqlite, station, at);
}
