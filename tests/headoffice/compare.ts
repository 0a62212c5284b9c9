import type Database from 'better-sqlite3';
import type pg from 'pg';
import { rowJson } from '../../electron/db/capture';
import { mirrorTables, STATION_COLUMN } from '../../electron/db/pg/mirror';

/** Every mirrored table of a desk, each row as an object keyed by its primary key. */
export function deskRows(sqlite: Database.Database): Record<string, Map<string, unknown>> {
  const out: Record<string, Map<string, unknown>> = {};
  for (const t of mirrorTables()) {
    const rows = sqlite.prepare(`SELECT json_array(${t.key.map((k) => `x."${k}"`).join(', ')}) AS k, ${rowJson({ ...t, columns: t.columns.map((c) => c.name) }, 'x')} AS r FROM "${t.name}" x`).all() as { k: string; r: string }[];
    out[t.name] = new Map(rows.map(({ k, r }) => [k, JSON.parse(r)]));
  }
  return out;
}

/** The same of one station as the head office holds it. */
export async function headOfficeRows(pool: pg.Pool, station: string): Promise<Record<string, Map<string, unknown>>> {
  const out: Record<string, Map<string, unknown>> = {};
  for (const t of mirrorTables()) {
    const r = await pool.query(`SELECT ${t.columns.map((c) => `"${c.name}"`).join(', ')} FROM "${t.name}" WHERE "${STATION_COLUMN}" = $1`, [station]);
    out[t.name] = new Map(r.rows.map((row: Record<string, unknown>) => [JSON.stringify(t.key.map((k) => row[k])), row]));
  }
  return out;
}

/** Row counts per table (for messages and for "nothing doubled"). */
export const counts = (rows: Record<string, Map<string, unknown>>) => Object.fromEntries(Object.entries(rows).map(([t, m]) => [t, m.size]));
