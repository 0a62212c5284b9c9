import { expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../../electron/db/open';
import { openHeadOffice } from '../../electron/db/pg/connect';
import { MIRROR_EXCLUDED, mirrorTables, STATION_COLUMN } from '../../electron/db/pg/mirror';
import { describeWithPostgres } from './pg';

const SQLITE_TO_PG: Record<string, string> = { INTEGER: 'bigint', REAL: 'double precision', TEXT: 'text' };

describeWithPostgres('the head office schema agrees with the desk, table by table, column by column', (url) => {
  it('the committed PostgreSQL migrations hold every desk table with the same columns plus the station code', async () => {
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
      }
    } finally {
      await client.end();
      await ho.close();
      desk.close();
    }
  });
});
