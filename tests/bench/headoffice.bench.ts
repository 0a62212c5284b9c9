/**
 * Head office numbers (issue 15), on a private PostgreSQL started for the run:
 * - three demo stations with a year of history (the 42-day demo history repeated back over a year)
 *   pushed to an empty head office ≤ 60 s; reference: a plain `COPY` of the same rows (psql \copy);
 * - a day's changes of one station pushed ≤ 1 s; reference: COPY of the same outbox rows;
 * - the all-stations stand-up summary on the head office ≤ 100 ms (warm: the station copies made);
 *   reference: a plain aggregate over the same PostgreSQL rows. The first (cold) call is reported too.
 *
 * `npx tsx tests/bench/headoffice.bench.ts` runs it alone. Skipped (a failed result saying so) when
 * PostgreSQL is not installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, type OpenedDb } from '../../electron/db/open';
import { mirrorTables, STATION_COLUMN } from '../../electron/db/pg/mirror';
import { startHeadOfficeServer } from '../../electron/headoffice/server';
import { syncOnce } from '../../electron/headoffice/sync';
import { addHeadOfficeToken } from '../../electron/headoffice/tokens';
import type { ServiceContext } from '../../electron/services/context';
import { seedDemo } from '../../electron/services/demo/seed';
import { HISTORY_DAYS } from '../../electron/services/demo/core';
import { fixedClock } from '../../shared/dates';
import { EventBus } from '../../shared/events';
import { freshDatabase, postgresBinaries, startPostgres } from '../helpers/postgres';
import type { BenchResult } from './run';
import { median, r2 } from './timing';

const NOW = '2026-11-26T16:00:00Z';
const STATIONS = [
  { code: 'DSE4', seed: 1 },
  { code: 'DWA6', seed: 2 },
  { code: 'DSE5', seed: 3 },
];
/** Per-day tables repeated back in time, with what moves: ids (and the ids they point at), dates. */
const HISTORY: { table: string; shift: Record<string, 'id' | 'date' | { ref: string } | 'unique'> }[] = [
  { table: 'routes', shift: { id: 'id', date: 'date' } },
  { table: 'assignments', shift: { id: 'id', route_id: { ref: 'routes' }, date: 'date' } },
  { table: 'driver_days', shift: { date: 'date' } },
  { table: 'inspections', shift: { id: 'id', date: 'date', source_key: 'unique' } },
  { table: 'inspection_items', shift: { id: 'id', inspection_id: { ref: 'inspections' } } },
];

/** Repeat the demo's history `times` more times back in time (one write, before the desk ever pushed). */
function extendHistory(sqlite: Database.Database, times: number): void {
  const maxId = (t: string) => (sqlite.prepare(`SELECT coalesce(max(id), 0) FROM "${t}"`).pluck().get() as number) + 1000;
  const span: Record<string, number> = Object.fromEntries(HISTORY.filter((h) => h.shift.id === 'id').map((h) => [h.table, maxId(h.table)]));
  const origin: Record<string, number> = { ...span };
  // Each copy moves back by the whole span of dated rows, so no (date, code) meets itself.
  const days = Math.max(
    ...['routes', 'driver_days', 'inspections'].map((t) => Math.ceil(sqlite.prepare(`SELECT coalesce(julianday(max(date)) - julianday(min(date)), 0) + 1 FROM "${t}"`).pluck().get() as number)),
  );
  sqlite.transaction(() => {
    for (let k = 1; k <= times; k++) {
      for (const h of HISTORY) {
        const cols = sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(h.table) as string[];
        const expr = cols.map((c) => {
          const s = h.shift[c];
          if (s === 'id') return `"${c}" + ${k * span[h.table]!}`;
          if (s === 'date') return `date("${c}", '-${k * days} days')`;
          if (s === 'unique') return `CASE WHEN "${c}" IS NULL THEN NULL ELSE "${c}" || '~${k}' END`;
          if (s && typeof s === 'object') return `"${c}" + ${k * span[s.ref]!}`;
          return `"${c}"`;
        });
        const where = h.shift.id === 'id' ? `WHERE id < ${origin[h.table]}` : `WHERE date >= (SELECT min(date) FROM routes WHERE id < ${origin.routes})`;
        sqlite.exec(`INSERT INTO "${h.table}" (${cols.map((c) => `"${c}"`).join(', ')}) SELECT ${expr.join(', ')} FROM "${h.table}" ${where}`);
      }
    }
  })();
}

function deskCtx(opened: OpenedDb): ServiceContext {
  return { db: opened.db, clock: fixedClock(NOW), actor: { name: 'bench', role: 'desk' }, events: new EventBus(), dbPath: opened.path };
}

/** CSV as COPY reads it: an unquoted empty field is NULL, a quoted one the empty text. */
const csv = (rows: unknown[][]) =>
  rows.length === 0
    ? ''
    : rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : `"${String(v).replace(/"/g, '""')}"`)).join(',')).join('\n') + '\n';

/** psql \copy of CSV files into tables; returns the wall time (ms). */
function copyReference(psql: string, url: string, loads: { table: string; file: string; columns: string[] }[]): number {
  const script = loads.map((l) => `\\copy "${l.table}" (${l.columns.map((c) => `"${c}"`).join(', ')}) FROM '${l.file}' WITH (FORMAT csv)`).join('\n');
  const t0 = performance.now();
  const r = spawnSync(psql, [url, '-v', 'ON_ERROR_STOP=1', '-q', '-f', '-'], { input: script, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`);
  return ms;
}

/** One CSV per mirrored table of a desk (with the station column), for the COPY reference. */
function exportCsv(sqlite: Database.Database, code: string, dir: string): { table: string; file: string; columns: string[] }[] {
  return mirrorTables().map((t) => {
    const cols = t.columns.map((c) => c.name);
    const rows = sqlite.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${t.name}"`).raw().all() as unknown[][];
    const file = path.join(dir, `${code}-${t.name}.csv`);
    fs.writeFileSync(file, csv(rows.map((r) => [code, ...r])));
    return { table: t.name, file, columns: [STATION_COLUMN, ...cols] };
  });
}

export async function run(): Promise<BenchResult[]> {
  const bin = postgresBinaries();
  if (!bin) return [{ name: 'head office (skipped: PostgreSQL is not installed)', value: NaN, unit: 'ms', target: 0, pass: false }];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-ho-'));
  const cluster = await startPostgres();
  const desks: { code: string; opened: OpenedDb }[] = [];
  try {
    // Three stations with a year of history (not timed).
    const years = Math.ceil(365 / HISTORY_DAYS) - 1;
    for (const s of STATIONS) {
      const opened = openDatabase(path.join(dir, `${s.code}.db`), { backupBeforeMigrate: false });
      seedDemo(deskCtx(opened), { seed: s.seed, station: s.code });
      extendHistory(opened.sqlite, years);
      desks.push({ code: s.code, opened });
    }
    const rowsPerStation = desks.map((d) => mirrorTables().reduce((n, t) => n + (d.opened.sqlite.prepare(`SELECT count(*) FROM "${t.name}"`).pluck().get() as number), 0));

    const target = await freshDatabase(cluster.url, 'bench');
    const ho = await startHeadOfficeServer({ postgres: target.url, ownerToken: 'bench-owner-token', clock: fixedClock(NOW), keepPositionsDays: 90 });
    const tokens = new Map<string, string>();
    for (const d of desks) tokens.set(d.code, (await addHeadOfficeToken(ho.ho.db, d.code, 'station')).token);

    // The 1-minute load average beside each number (the machine is shared): before and after each part.
    const load = () => r2(os.loadavg()[0]!);
    // 1. Everything, three stations at once, to an empty head office.
    const load1 = load();
    const t0 = performance.now();
    const first = await Promise.all(desks.map((d) => syncOnce(d.opened.sqlite, { url: ho.url, token: tokens.get(d.code)! })));
    const fullMs = performance.now() - t0;
    const load1After = load();
    process.stderr.write(`  pushed ${first.map((f) => f.pushed).join(' + ')} changes in ${Math.round(fullMs)} ms\n`);
    const refDb = await freshDatabase(cluster.url, 'ref');
    const { openHeadOffice } = await import('../../electron/db/pg/connect');
    (await openHeadOffice(refDb.url)).close(); // same schema, empty
    const psql = path.join(bin, 'psql');
    const copyMs = copyReference(psql, refDb.url, desks.flatMap((d) => exportCsv(d.opened.sqlite, d.code, dir)));

    // 2. A day's changes of one station: tomorrow's routes, assignments, check-ins and DVIRs (a copy of
    // one demo day moved forward), and 50 drivers edited.
    const one = desks[0]!;
    one.opened.sqlite.transaction(() => {
      const day = NOW.slice(0, 10);
      one.opened.sqlite.exec(`INSERT INTO routes (date, code, wave, staging, service_type, planned_duration_min, stops, packages, status) SELECT date(date, '+1 day'), code, wave, staging, service_type, planned_duration_min, stops, packages, 'planned' FROM routes WHERE date = '${day}'`);
      one.opened.sqlite.exec(`INSERT INTO assignments (route_id, date, driver_id, van_id, pinned, assigned_by, assigned_at) SELECT r2.id, r2.date, a.driver_id, a.van_id, 0, 'bench', '${NOW}' FROM assignments a JOIN routes r1 ON r1.id = a.route_id JOIN routes r2 ON r2.code = r1.code AND r2.date = date(r1.date, '+1 day') WHERE r1.date = '${day}'`);
      one.opened.sqlite.exec(`INSERT OR IGNORE INTO driver_days (driver_id, date, status) SELECT driver_id, date(date, '+1 day'), 'checked_in' FROM driver_days WHERE date = '${day}'`);
      one.opened.sqlite.exec(`INSERT INTO inspection_items (inspection_id, item_code, passed) SELECT inspection_id, item_code || '-x', passed FROM inspection_items WHERE inspection_id IN (SELECT id FROM inspections WHERE date = '${day}')`);
      one.opened.sqlite.exec(`UPDATE drivers SET notes = 'bench day' WHERE id IN (SELECT id FROM drivers LIMIT 50)`);
    })();
    const dayRows = one.opened.sqlite.prepare(`SELECT count(*) FROM sync_outbox`).pluck().get() as number;
    const dayCsv = path.join(dir, 'day.csv');
    fs.writeFileSync(dayCsv, csv(one.opened.sqlite.prepare(`SELECT seq, tbl, key, op, row FROM sync_outbox`).raw().all() as unknown[][]));
    const load2 = load();
    const t1 = performance.now();
    const day = await syncOnce(one.opened.sqlite, { url: ho.url, token: tokens.get(one.code)! });
    const dayMs = performance.now() - t1;
    spawnSync(psql, [refDb.url, '-q', '-c', 'CREATE UNLOGGED TABLE day_ref (seq bigint, tbl text, key text, op text, row text)']);
    const dayCopyMs = copyReference(psql, refDb.url, [{ table: 'day_ref', file: dayCsv, columns: ['seq', 'tbl', 'key', 'op', 'row'] }]);

    // 3. The all-stations stand-up summary.
    const standup = async () => {
      const res = await fetch(`${ho.url}/api/standup.summary`, { method: 'POST', headers: { authorization: 'Bearer bench-owner-token' }, body: '{}' });
      const body = (await res.json()) as { ok: boolean; data: { stations: { result: { ok: boolean } }[] } };
      if (!body.ok || body.data.stations.length !== 3 || !body.data.stations.every((s) => s.result.ok)) throw new Error(`stand-up failed: ${JSON.stringify(body).slice(0, 300)}`);
    };
    const load3 = load();
    const c0 = performance.now();
    await standup();
    const coldMs = performance.now() - c0;
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) {
      const w0 = performance.now();
      await standup();
      warm.push(performance.now() - w0);
    }
    const ref: number[] = [];
    for (let i = 0; i < 7; i++) {
      const q0 = performance.now();
      await ho.ho.pool.query(`SELECT ho_station, count(*) FROM routes WHERE date = $1 GROUP BY 1`, ['2026-11-25']);
      await ho.ho.pool.query(`SELECT ho_station, count(*) FROM incidents GROUP BY 1`);
      ref.push(performance.now() - q0);
    }
    await ho.close();
    await refDb.drop();
    await target.drop();
    const standupMs = median(warm);
    return [
      {
        name: 'head office: three stations, a year each, pushed to an empty head office',
        value: r2(fullMs),
        unit: 'ms',
        target: 60_000,
        pass: fullMs <= 60_000,
        reference: { name: 'psql \\copy of the same rows', value: r2(copyMs), unit: 'ms' },
        details: { rowsPerStation, pushed: first.map((f) => f.pushed), positions: first.map((f) => f.positions), loadAverage: [load1, load1After] },
      },
      {
        name: "head office: one station's day of changes pushed",
        value: r2(dayMs),
        unit: 'ms',
        target: 1000,
        pass: dayMs <= 1000,
        reference: { name: 'psql \\copy of the same outbox rows', value: r2(dayCopyMs), unit: 'ms' },
        details: { changes: dayRows, pushed: day.pushed, loadAverage: load2 },
      },
      {
        name: 'head office: all-stations stand-up summary (warm)',
        value: r2(standupMs),
        unit: 'ms',
        target: 100,
        pass: standupMs <= 100,
        reference: { name: 'two plain aggregates over the same PostgreSQL rows', value: r2(median(ref)), unit: 'ms' },
        details: { coldFirstCallMs: r2(coldMs), runs: warm.map(r2), loadAverage: [load3, load()] },
      },
    ];
  } finally {
    for (const d of desks) d.opened.close();
    cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
