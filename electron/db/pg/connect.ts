import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as headOffice from './head-office';

export type HeadOfficeDb = NodePgDatabase<typeof headOffice> & { $client: pg.Pool };

export interface OpenedHeadOffice {
  db: HeadOfficeDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Folder of the committed PostgreSQL migrations (source tree, bundled CLI, packaged app). */
export function pgMigrationsFolder(): string {
  const candidates = [
    process.env.DESK_PG_MIGRATIONS_DIR,
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'pg-migrations'),
    path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'pg-migrations'),
    path.resolve(process.cwd(), 'electron/db/pg-migrations'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'meta', '_journal.json')));
  if (!found) throw new Error(`Head-office migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * Connect to the head office's PostgreSQL and bring its schema up to this version (the committed
 * pg migrations, under an advisory lock so two head-office processes do not migrate at once).
 */
export async function openHeadOffice(url: string, opts: { max?: number } = {}): Promise<OpenedHeadOffice> {
  // bigint columns hold the desk's INTEGERs: read them as numbers, as the desk does (not as strings).
  const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser };
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8, types });
  pool.on('error', () => {}); // an idle client losing its server is reported by the next query
  try {
    const db = drizzle(pool, { schema: headOffice }) as HeadOfficeDb;
    const client = await pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(4815162342)`);
      await migrate(drizzle(client), { migrationsFolder: pgMigrationsFolder() });
    } finally {
      await client.query(`SELECT pg_advisory_unlock(4815162342)`).catch(() => {});
      client.release();
    }
    return { db, pool, close: () => pool.end() };
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}
