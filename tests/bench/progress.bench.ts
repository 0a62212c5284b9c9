/**
 * Route progress on a big day: 300 routes on the desk (three waves, assigned drivers and vans),
 * 400 devices with a latest fix, 20 standbys on the schedule.
 * - `progress.import` of Amazon's Cortex route list (XLSX, 300 routes in its shape, helpers and
 *   rescuers joined with "|") to the behind list in the answer: ≤ 100 ms. Reference: exceljs
 *   loading the same bytes (the floor any XLSX import pays).
 * - `rescues.suggest` for a behind route: ≤ 50 ms. Reference: `progress.latest` (every route's
 *   verdict, the snapshot every suggestion starts from).
 *
 * `details.readerOnlyMs` is the shared table reader alone on the same file (most of the import).
 *
 * `npx tsx tests/bench/progress.bench.ts` runs it alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../electron/db/open';
import { call } from '../../electron/services/dispatch';
import type { ServiceContext } from '../../electron/services/context';
import { EventBus } from '../../shared/events';
import { fixedClock } from '../../shared/dates';
import { withCheckDigit } from '../../shared/vin';
import { cortexRouteList } from '../fixtures/amazon';
import { timed } from './timing';
import { readImportFile } from '../../electron/import/file';
import { CORTEX_COLUMNS } from '../../electron/services/board/cortex';
import type { BenchResult } from './run';

const DATE = '2026-12-30';
const ROUTES = 300;
const DEVICES = 400;
const STANDBYS = 20;
const WAVES = ['10:05', '10:25', '10:45'];

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-progress-'));
  const opened = openDatabase(path.join(dir, 'station.db'));
  try {
    const db = opened.sqlite;
    db.prepare(`INSERT INTO station (id, name, code, dsp_code, lat, lon, time_zone) VALUES (1, 'DSE4', 'DSE4', 'ACME', 47.4, -122.2, 'America/Los_Angeles')`).run();
    const ctx: ServiceContext = { db: opened.db, clock: fixedClock('2026-12-30T22:10:00Z'), actor: { name: 'bench', role: 'desk' }, events: new EventBus(), dbPath: opened.path };
    // The Cortex list first: its people become the roster, its codes the day's routes.
    const list = await cortexRouteList({
      seed: 7,
      date: DATE,
      time: '14:05',
      tz: 'PST',
      routes: ROUTES,
      mutate: (rs) =>
        rs.forEach((r, i) => {
          r.serviceType = i % 7 === 6 ? 'Standard Parcel Electric - Rivian MEDIUM with Helper' : 'Standard Parcel Medium Van';
          r.durationMin = 480;
          r.allStops = 160;
          // Pace from 0.6× to 1.4× the plan after 4 h (wave 10:05): about a third behind.
          r.complete = i % 10 === 9 ? 160 : Math.min(160, Math.round(80 * (0.6 + (i % 9) * 0.1)));
          r.progress = r.complete === 160 ? 'Complete' : 'In progress';
        }),
    });
    const txn = db.transaction(() => {
      const person = db.prepare('INSERT OR IGNORE INTO drivers (transporter_id, name) VALUES (?, ?)');
      for (const r of list.routes) for (const p of r.drivers) person.run(p.transporterId, p.name);
      for (let i = 0; i < STANDBYS; i++) {
        const id = Number(person.run(`A9STANDBY${String(i).padStart(4, '0')}`, `Standby ${i}`).lastInsertRowid);
        db.prepare("INSERT INTO schedule_days (driver_id, date, state) VALUES (?, ?, 'standby')").run(id, DATE);
      }
      const van = db.prepare("INSERT INTO vans (name, vin, van_class, electric) VALUES (?, ?, ?, ?)");
      const device = db.prepare('INSERT INTO devices (identifier, van_id) VALUES (?, ?)');
      const fix = db.prepare('INSERT INTO positions_latest (device_id, position_id, at, received_at, lat, lon, moved_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const route = db.prepare("INSERT INTO routes (date, code, wave, service_type, planned_duration_min, stops, status) VALUES (?, ?, ?, ?, 480, 160, 'assigned')");
      const assign = db.prepare("INSERT INTO assignments (route_id, date, driver_id, van_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?, 'bench', '2026-12-30T17:00:00Z')");
      const driverId = db.prepare('SELECT id FROM drivers WHERE transporter_id = ?').pluck();
      const vanIds: number[] = [];
      for (let i = 0; i < ROUTES + 40; i++) {
        const electric = i % 7 === 6;
        vanIds.push(Number(van.run(`VAN-${i}`, withCheckDigit(`1FTBW3XM0LK${String(100000 + i).slice(-6)}`), electric ? 'electric_van' : 'standard_cargo', electric ? 1 : 0).lastInsertRowid));
      }
      for (let i = 0; i < DEVICES; i++) {
        const dev = Number(device.run(`phone-${i}`, i < vanIds.length ? vanIds[i] : null).lastInsertRowid);
        if (i % 8 !== 7) fix.run(dev, i + 1, '2026-12-30T22:04:00Z', '2026-12-30T22:04:01Z', 47.4 + ((i * 37) % 100) / 1000, -122.2 + ((i * 53) % 100) / 1000, '2026-12-30T22:04:00Z');
      }
      list.routes.forEach((r, i) => {
        const id = Number(route.run(DATE, r.code, WAVES[i % 3]!, r.serviceType).lastInsertRowid);
        assign.run(id, DATE, driverId.get(r.drivers[0]!.transporterId), vanIds[i]);
      });
    });
    txn();
    const input = { fileName: list.fileName, content: Buffer.from(list.bytes).toString('base64'), encoding: 'base64' as const };
    let last: Awaited<ReturnType<typeof call<'progress.import'>>> | null = null;
    const imported = await timed(8, async () => {
      last = await call(ctx, 'progress.import', input);
    });
    const exceljs = await timed(8, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(list.bytes as unknown as ArrayBuffer);
    });
    // The shared table reader's share (reading the file, finding the header, the signature): the rest is this import's.
    const reader = await timed(8, () => readImportFile(input, { columns: CORTEX_COLUMNS, accepts: ['cortex-route-list'] }));
    const res = last!;
    if (!res.ok || res.routes !== ROUTES || res.behind.length < 50) throw new Error(`unexpected import: ${JSON.stringify({ ok: res.ok, routes: res.routes, behind: res.behind.length, errors: res.errors.slice(0, 3) })}`);
    const target = res.behind.find((b) => b.minutesLate != null)!.routeCode;
    let suggestion: Awaited<ReturnType<typeof call<'rescues.suggest'>>> | null = null;
    const suggest = await timed(10, async () => {
      suggestion = await call(ctx, 'rescues.suggest', { date: DATE, routeCode: target });
    });
    const latest = await timed(10, () => call(ctx, 'progress.latest', { date: DATE }));
    const s = suggestion!;
    if (s.refusal || s.candidates.length < 50) throw new Error(`unexpected suggestion: ${JSON.stringify({ refusal: s.refusal, candidates: s.candidates.length })}`);
    return [
      {
        name: `progress.import: Cortex route list XLSX, ${ROUTES} routes, to the behind list (median)`,
        value: imported.wall,
        unit: 'ms',
        target: 100,
        pass: imported.wall <= 100,
        reference: { name: 'exceljs load alone', value: exceljs.wall, unit: 'ms' },
        details: { behind: res.behind.length, rescues: res.rescues.length, bytes: list.bytes.length, readerOnlyMs: reader, cpuMs: { import: imported.cpu, exceljs: exceljs.cpu }, loadavg: os.loadavg() },
      },
      {
        name: `rescues.suggest: ${ROUTES} routes, ${DEVICES} devices, ${STANDBYS} standbys (median)`,
        value: suggest.wall,
        unit: 'ms',
        target: 50,
        pass: suggest.wall <= 50,
        reference: { name: 'progress.latest (every verdict of the snapshot)', value: latest.wall, unit: 'ms' },
        details: { candidates: s.candidates.length, withDistance: s.candidates.filter((c) => c.distanceKm != null).length, cpuMs: { suggest: suggest.cpu, latest: latest.cpu }, loadavg: os.loadavg() },
      },
    ];
  } finally {
    opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
