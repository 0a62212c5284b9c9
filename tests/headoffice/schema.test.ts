import { expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../../electron/db/open';
import { openHeadOffice } from '../../electron/db/pg/connect';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { generateDrizzleJson, generateMigration, generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { MIRROR_EXCLUDED, mirrorOf, mirrorTables, STATION_COLUMN } from '../../electron/db/pg/mirror';
import { startHeadOfficeServer } from '../../electron/headoffice/server';
import { syncOnce } from '../../electron/headoffice/sync';
import { addHeadOfficeToken } from '../../electron/headoffice/tokens';
import { seedDemo } from '../../electron/services/demo/seed';
import { call } from '../../electron/services/dispatch';
import { testDesk } from '../helpers/context';
import { describeWithPostgres } from './pg';

const SQLITE_TO_PG: Record<string, string> = { INTEGER: 'bigint', REAL: 'double precision', TEXT: 'text' };
/** The desk's timestamp text (strftime('%Y-%m-%dT%H:%M:%fZ')). */
const ISO_NOW = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describeWithPostgres('the head office schema agrees with the desk, table by table, column by column', (url) => {
  it('the committed PostgreSQL migrations hold every desk table with the same columns (and defaults) plus the station code', async () => {
    let defaults = 0;
    const desk = openDatabase(':memory:');
    const ho = await openHeadOffice(url());
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      const deskTables = (desk.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name`).pluck().all() as string[]).filter(
        (t) => !(t in MIRROR_EXCLUDED),
      );
      const pgTables = (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'ho\\_%' ORDER BY table_name`)).rows.map((r) => r.table_name as string);
      expect(pgTables).toEqual(deskTables);
      expect(mirrorTables().map((t) => t.name)).toEqual(deskTables);

      for (const table of deskTables) {
        const info = desk.sqlite.prepare(`SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; type: string; nn: number; pk: number }[];
        const want = [{ name: STATION_COLUMN, type: 'text', notNull: true }, ...info.map((c) => ({ name: c.name, type: SQLITE_TO_PG[c.type.toUpperCase()] ?? `?${c.type}`, notNull: c.nn === 1 || c.pk > 0 }))];
        const cols = await client.query(`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [table]);
        // By name: a column added by a later migration comes last in SQLite, in its place in the drizzle table.
        const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
        const got = cols.rows.map((r) => ({ name: r.column_name as string, type: r.data_type as string, notNull: r.is_nullable === 'NO' }));
        expect(got.sort(byName), table).toEqual(want.sort(byName));
        const pkDesk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
        const pkPg = await client.query(
          `SELECT a.attname FROM pg_index i JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.n`,
          [`"${table}"`],
        );
        expect(pkPg.rows.map((r) => r.attname), `${table} key`).toEqual([STATION_COLUMN, ...pkDesk]);

        // Defaults, by what they give: the same value on both sides (a timestamp default: both now).
        const pgDefaults = new Map((await client.query(`SELECT column_name, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, [table])).rows.map((r) => [r.column_name as string, r.column_default as string | null]));
        for (const c of info) {
          const dflt = (desk.sqlite.prepare(`SELECT dflt_value FROM pragma_table_info(?) WHERE name = ?`).pluck().get(table, c.name) as string | null) ?? null;
          const pgDflt = pgDefaults.get(c.name) ?? null;
          expect(pgDflt === null, `${table}.${c.name}: default ${dflt} on the desk, ${pgDflt} at the head office`).toBe(dflt === null);
          if (dflt === null || pgDflt === null) continue;
          const deskValue = desk.sqlite.prepare(`SELECT ${dflt}`).pluck().get();
          const hoValue = (await client.query({ text: `SELECT ${pgDflt}`, rowMode: 'array' })).rows[0][0];
          if (typeof deskValue === 'string' && ISO_NOW.test(deskValue)) {
            expect(hoValue, `${table}.${c.name}`).toMatch(ISO_NOW);
            expect(Math.abs(Date.parse(hoValue) - Date.parse(deskValue)), `${table}.${c.name}: both now`).toBeLessThan(3_600_000);
          } else {
            expect(String(hoValue), `${table}.${c.name} default`).toBe(String(deskValue));
          }
          defaults++;
        }
      }
      expect(defaults).toBeGreaterThan(50); // the desk's defaults were compared, not skipped
    } finally {
      await client.end();
      await ho.close();
      desk.close();
    }
  });

  it('a later migration adding NOT NULL columns with defaults applies to a head office holding rows, and pushes still apply', async () => {
    const ho = await startHeadOfficeServer({ postgres: url(), ownerToken: 'owner-token-for-tests', keepPositionsDays: 36500 });
    const desk = testDesk();
    try {
      seedDemo(desk.ctx, { seed: 5, station: 'DMG1' });
      const { token } = await addHeadOfficeToken(ho.ho.db, 'DMG1', 'station');
      await syncOnce(desk.opened.sqlite, { url: ho.url, token });
      const held = Number((await ho.ho.pool.query(`SELECT count(*) FROM drivers WHERE ${STATION_COLUMN} = 'DMG1'`)).rows[0].count);
      expect(held).toBeGreaterThan(10);

      // The migration drizzle-kit writes for two new columns of drivers, on each side.
      const before = sqliteTable('drivers', { id: integer('id').primaryKey() });
      const after = sqliteTable('drivers', {
        id: integer('id').primaryKey(),
        shirtSize: text('shirt_size').notNull().default('L'),
        // (SQLite adds no column with a non-constant default: a timestamp column comes with a table rebuild.)
        badged: integer('badged', { mode: 'boolean' }).notNull().default(false),
      });
      const prev = generateDrizzleJson({ drivers: mirrorOf(before).pg });
      const pgSteps = await generateMigration(prev, generateDrizzleJson({ drivers: mirrorOf(after).pg }, prev.id));
      const deskPrev = await generateSQLiteDrizzleJson({ drivers: before });
      const deskSteps = await generateSQLiteMigration(deskPrev, await generateSQLiteDrizzleJson({ drivers: after }, deskPrev.id));
      expect(pgSteps).toHaveLength(2);
      expect(deskSteps).toHaveLength(2);
      for (const step of pgSteps) await ho.ho.pool.query(step); // refused without a default: the rows would hold NULL
      for (const step of deskSteps) desk.opened.sqlite.exec(step);
      const filled = (await ho.ho.pool.query(`SELECT DISTINCT shirt_size FROM drivers WHERE ${STATION_COLUMN} = 'DMG1'`)).rows.map((r) => r.shirt_size);
      expect(filled).toEqual(['L']);

      // The desk works on (a new driver, an edit) and pushes: the new row takes the defaults.
      const drivers = await call(desk.ctx, 'roster.list', {});
      await call(desk.ctx, 'roster.upsert', { transporterId: 'AMIGRATE01', name: 'Mira Grant' });
      await call(desk.ctx, 'roster.upsert', { id: drivers[0]!.id, transporterId: drivers[0]!.transporterId, name: drivers[0]!.name, notes: 'after the migration' });
      expect((await syncOnce(desk.opened.sqlite, { url: ho.url, token })).pushed).toBeGreaterThan(1);
      const row = (await ho.ho.pool.query(`SELECT shirt_size, badged FROM drivers WHERE ${STATION_COLUMN} = 'DMG1' AND transporter_id = 'AMIGRATE01'`)).rows[0];
      expect(row.shirt_size).toBe('L');
      expect(Number(row.badged)).toBe(0);
      expect((await ho.ho.pool.query(`SELECT notes FROM drivers WHERE ${STATION_COLUMN} = 'DMG1' AND id = $1`, [drivers[0]!.id])).rows[0].notes).toBe('after the migration');
    } finally {
      desk.close();
      await ho.close();
    }
  });
});
