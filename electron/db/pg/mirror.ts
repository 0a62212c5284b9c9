import { getTableConfig, SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { bigint, doublePrecision, index, pgTable, primaryKey, text, type PgColumnBuilderBase, type PgTableWithColumns } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { keyColumns, schemaTables } from '../capture';

/** The head office's station column (a desk table has its own `station` column: scorecard_weeks). */
export const STATION_COLUMN = 'ho_station';

/**
 * The head office's copy of every station table, derived from the desk's drizzle sqlite-core tables
 * (one definition serves both dialects): the same columns with the same names, plus `ho_station` (the
 * station code) leading the primary key and every index. Column types follow SQLite's storage
 * classes, so a row travels as-is and reads back the same: INTEGER → bigint, REAL → double precision,
 * TEXT (JSON included) → text. No defaults (the head office always receives whole rows), no foreign
 * keys and no unique indexes (rows of one batch arrive in the desk's commit order, which may pass
 * through states a unique index or a reference would refuse; the desk already enforced them).
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

function pgColumn(col: SQLiteColumn): PgColumnBuilderBase {
  const type = mirrorType(col);
  const b = type === 'bigint' ? bigint(col.name, { mode: 'number' }) : type === 'double precision' ? doublePrecision(col.name) : text(col.name);
  return col.notNull ? b.notNull() : b;
}

export interface MirrorTable {
  name: string;
  pg: PgTableWithColumns<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- built at run time from the desk schema
  /** The desk's columns (without station), in table order, with their head-office types. */
  columns: { name: string; type: MirrorType }[];
  key: string[];
}

function mirrorOf(table: SQLiteTable): MirrorTable {
  const cfg = getTableConfig(table);
  const key = keyColumns(table);
  const cols: Record<string, PgColumnBuilderBase> = { [STATION_COLUMN]: text(STATION_COLUMN).notNull() };
  for (const c of cfg.columns) {
    if (c.name === STATION_COLUMN) throw new Error(`${cfg.name}.${c.name}: that name is the head office's station column; call it something else`);
    cols[c.name] = pgColumn(c);
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
