import { getTableConfig, SQLiteColumn, SQLiteSyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { bigint, doublePrecision, index, pgTable, primaryKey, text, type PgColumnBuilderBase, type PgTableWithColumns } from 'drizzle-orm/pg-core';
import { is, SQL, sql } from 'drizzle-orm';
import { keyColumns, schemaTables } from '../capture';

/** The head office's station column (a desk table has its own `station` column: scorecard_weeks). */
export const STATION_COLUMN = 'ho_station';

/**
 * The head office's copy of every station table, derived from the desk's drizzle sqlite-core tables
 * (one definition serves both dialects): the same columns with the same names, plus `ho_station` (the
 * station code) leading the primary key and every index. Column types follow SQLite's storage
 * classes, so a row travels as-is and reads back the same: INTEGER → bigint, REAL → double precision,
 * TEXT (JSON included) → text. Each column keeps the desk's default (mirrorDefault): the head office
 * receives whole rows, but a later migration adding `NOT NULL DEFAULT x` to a table that holds rows
 * needs it, as do the rows a push inserts without knowing the new column. No foreign keys and no
 * unique indexes (rows of one batch arrive in the desk's commit order, which may pass through states
 * a unique index or a reference would refuse; the desk already enforced them).
 */

/** Desk tables with no head-office copy, each with its reason. */
export const MIRROR_EXCLUDED: Readonly<Record<string, string>> = {
  sync_outbox: 'the desk-side outbox',
  sync_state: "the desk's own push state",
  api_tokens: "the desk's credentials stay on the desk (the head office keeps its own tokens in ho_tokens)",
};

export type MirrorType = 'bigint' | 'double precision' | 'text';

/** The head-office type of a desk column, from its SQLite storage type. */
export function mirrorType(col: SQLiteColumn): MirrorType {
  const t = col.getSQLType().toLowerCase();
  if (t === 'integer') return 'bigint';
  if (t === 'real') return 'double precision';
  if (t.startsWith('text')) return 'text';
  throw new Error(`Column ${col.name} is ${t}: the head office has no mapping for it yet (add one in electron/db/pg/mirror.ts)`);
}

/**
 * The desk's SQL-expression defaults in PostgreSQL, by their SQLite text. An expression not listed
 * here is refused when the mirror is built (add its translation, or a plain value): guessing could
 * give the head office a different value than the desk.
 */
export const SQL_DEFAULTS: Readonly<Record<string, string>> = {
  // The desk's ISO timestamps (UTC, milliseconds): strftime's %f is seconds with milliseconds.
  "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))": `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

const sqliteDialect = new SQLiteSyncDialect();
const quotedText = /^'(?:[^']|'')*'$/;
const plainNumber = /^\(?-?\d+(?:\.\d+)?\)?$/;

/** The PostgreSQL default of a desk column (undefined: none), from its drizzle default. */
export function mirrorDefault(col: SQLiteColumn, table = '?'): SQL | string | number | undefined {
  const d = col.default;
  if (d === undefined) return undefined;
  if (is(d, SQL)) {
    const text = sqliteDialect.sqlToQuery(d).sql.trim();
    // A quoted text or a plain number means the same in both dialects.
    if (quotedText.test(text) || plainNumber.test(text)) return sql.raw(text);
    const pg = SQL_DEFAULTS[text];
    if (!pg) throw new Error(`${table}.${col.name} defaults to ${text}: the head office has no translation of it (add one to SQL_DEFAULTS in electron/db/pg/mirror.ts)`);
    return sql.raw(pg);
  }
  // A value: as the desk stores it (a boolean as 0/1, JSON as its text).
  const stored = col.mapToDriverValue(d) as unknown;
  if (typeof stored === 'boolean') return stored ? 1 : 0;
  if (typeof stored === 'number' || typeof stored === 'string') return stored;
  throw new Error(`${table}.${col.name} defaults to a ${typeof stored}: the head office has no mapping for it (electron/db/pg/mirror.ts)`);
}

function pgColumn(col: SQLiteColumn, table: string): PgColumnBuilderBase {
  const type = mirrorType(col);
  const b = type === 'bigint' ? bigint(col.name, { mode: 'number' }) : type === 'double precision' ? doublePrecision(col.name) : text(col.name);
  const d = mirrorDefault(col, table);
  // The builders' default types are narrower than the union; the value's type follows the column's above.
  const withDefault = d === undefined ? b : (b as ReturnType<typeof text>).default(d as string);
  return col.notNull ? withDefault.notNull() : withDefault;
}

export interface MirrorTable {
  name: string;
  pg: PgTableWithColumns<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- built at run time from the desk schema
  /** The desk's columns (without station), in table order, with their head-office types. */
  columns: { name: string; type: MirrorType }[];
  key: string[];
}

/** The head-office table of one desk table (exported for tests that mirror a table of their own). */
export function mirrorOf(table: SQLiteTable): MirrorTable {
  const cfg = getTableConfig(table);
  const key = keyColumns(table);
  const cols: Record<string, PgColumnBuilderBase> = { [STATION_COLUMN]: text(STATION_COLUMN).notNull() };
  for (const c of cfg.columns) {
    if (c.name === STATION_COLUMN) throw new Error(`${cfg.name}.${c.name}: that name is the head office's station column; call it something else`);
    cols[c.name] = pgColumn(c, cfg.name);
  }
  const pg = pgTable(cfg.name, cols, (t) => [
    primaryKey({ name: `${cfg.name}_pk`, columns: [t[STATION_COLUMN]!, ...key.map((k) => t[k]!)] }),
    ...cfg.indexes.flatMap((ix) => {
      const on = ix.config.columns.filter((c): c is SQLiteColumn => is(c, SQLiteColumn)).map((c) => t[c.name]!);
      // An index on an expression has no column to mirror; the station-first key serves the head office.
      return on.length === ix.config.columns.length ? [index(ix.config.name).on(t[STATION_COLUMN]!, ...on)] : [];
    }),
  ]);
  return { name: cfg.name, pg, columns: cfg.columns.map((c) => ({ name: c.name, type: mirrorType(c) })), key };
}

let cache: MirrorTable[] | null = null;

/** Every mirrored table, sorted by name. */
export function mirrorTables(): MirrorTable[] {
  cache ??= schemaTables()
    .filter((t) => !(getTableConfig(t).name in MIRROR_EXCLUDED))
    .map(mirrorOf)
    .sort((a, b) => a.name.localeCompare(b.name));
  return cache;
}

export function mirrorTable(name: string): MirrorTable | undefined {
  return mirrorTables().find((t) => t.name === name);
}
