/**
 * The route import's preview on Amazon's real Day of Ops shape: a 1,000-route plan XLSX (plan on
 * the second sheet "Solution", waves as time cells, day fractions and "10:45 AM" text, blank route
 * codes, a TOTAL row) through `routes.import` with `dryRun: true` — reading, parsing every row,
 * reading each service type by the keyword rules and planning against the day on the desk —
 * ≤ 150 ms. Reference in the same run: exceljs loading the same bytes (the floor any XLSX import
 * pays).
 *
 * `npx tsx tests/bench/routes-import.bench.ts` runs it alone.
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
import { dayOfOpsPlan } from '../fixtures/amazon';
import type { BenchResult } from './run';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r2 = (x: number) => Math.round(x * 100) / 100;

async function time(runs: number, f: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: r2(median(wall.slice(2))), cpu: r2(median(cpu.slice(2))) };
}

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-routes-'));
  const opened = openDatabase(path.join(dir, 'station.db'));
  try {
    opened.sqlite.prepare(`INSERT INTO station (id, name, code, dsp_code, lat, lon, time_zone) VALUES (1, 'DSE4', 'DSE4', 'ACME', 47.4, -122.2, 'America/Los_Angeles')`).run();
    const ctx: ServiceContext = { db: opened.db, clock: fixedClock('2026-12-30T13:00:00Z'), actor: { name: 'bench', role: 'desk' }, events: new EventBus(), dbPath: opened.path };
    const plan = await dayOfOpsPlan({ seed: 2, routes: 1000, otherDsps: [], blankCodes: 3 });
    const input = { fileName: plan.fileName, content: plan.bytes.toString('base64'), encoding: 'base64' as const, date: '2026-12-30', dryRun: true };
    let last: Awaited<ReturnType<typeof call<'routes.import'>>> | null = null;
    const preview = await time(8, async () => {
      last = await call(ctx, 'routes.import', input);
    });
    const exceljs = await time(8, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(plan.bytes as unknown as ArrayBuffer);
    });
    const res = last!;
    if (!res.ok || res.added.length !== 1000 || res.skippedBlankCode !== 3 || res.read?.skipped.total !== 1) throw new Error(`unexpected preview: ${JSON.stringify({ ok: res.ok, added: res.added.length, blank: res.skippedBlankCode, errors: res.errors.slice(0, 3) })}`);
    return [
      {
        name: 'routes.import preview: 1,000-route Day of Ops XLSX (Solution sheet, 3 wave forms, TOTAL row), end to end (median)',
        value: preview.wall,
        unit: 'ms',
        target: 150,
        pass: preview.wall <= 150,
        reference: { name: 'exceljs load alone', value: exceljs.wall, unit: 'ms' },
        details: { rows: res.routes, added: res.added.length, bytes: plan.bytes.length, cpuMs: { preview: preview.cpu, exceljs: exceljs.cpu }, loadavg: os.loadavg() },
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
