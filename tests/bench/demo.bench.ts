/**
 * Demo station and roster import timings:
 * - the demo's core data (station, drivers, vans, devices, 6 weeks of routes and assignments, today)
 *   in one transaction: ≤ 1,000 ms (median of 5);
 * - the whole `seedDemo` with every area's hook (scorecards, telematics, fleet maintenance…): reported
 *   against 3,000 ms;
 * - preview (dry run) of a 1,000-driver associates export: CSV ≤ 300 ms, XLSX ≤ 600 ms (exceljs unzips and parses XML).
 * Reference measured in the same run: a plain transactional insert of the same number of route rows,
 * so a slow machine shows as such.
 *
 * `npx tsx tests/bench/demo.bench.ts` runs it alone and writes tests/bench/results/demo.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../electron/db/open';
import type { ServiceContext } from '../../electron/services/context';
import { seedCore } from '../../electron/services/demo/core';
import { seedDemo } from '../../electron/services/demo/seed';
import { call } from '../../electron/services/dispatch';
import { fixedClock } from '../../shared/dates';
import { EventBus } from '../../shared/events';
import { createRng } from '../../shared/random';
import type { BenchResult } from './run';

const NOW = '2026-11-26T15:00:00Z';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function freshCtx(dir: string, name: string): { ctx: ServiceContext; close: () => void } {
  const opened = openDatabase(path.join(dir, `${name}.db`), { backupBeforeMigrate: false });
  return {
    ctx: { db: opened.db, clock: fixedClock(NOW), actor: { name: 'bench', role: 'desk' }, events: new EventBus(), dbPath: opened.path },
    close: () => opened.close(),
  };
}

function associates(n: number): string[][] {
  const rng = createRng(5);
  const rows = [['Name and ID', 'TransporterID', 'Position', 'Qualifications', 'ID expiration', 'Personal Phone Number', 'Work Phone Number', 'Email', 'Status']];
  for (let i = 0; i < n; i++) {
    const tid = 'A' + rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 13);
    rows.push([`Driver ${i}\n${tid}`, tid, 'Delivery Associate', rng.pick(['CDV, Standard Parcel', 'CDV, Standard Parcel, EDV', 'EDV', 'CDV, Step Van, DOT']), `${rng.int(1, 12)}/${rng.int(1, 28)}/20${rng.int(27, 31)}`, `(253) 555-${String(rng.int(0, 9999)).padStart(4, '0')}`, '', `driver${i}@example.net`, rng.pick(['ACTIVE', 'ACTIVE', 'ACTIVE', 'On Leave', 'INACTIVE'])]);
  }
  return rows;
}
const toCsv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-demo-'));
  try {
    // Core data only.
    const core: number[] = [];
    let routes = 0;
    for (let i = 0; i < 5; i++) {
      const { ctx, close } = freshCtx(dir, `core-${i}`);
      const t0 = performance.now();
      ctx.db.$client.transaction(() => {
        routes = seedCore(ctx.db, createRng(1).fork('core'), '2026-11-26', new Date(NOW)).routes;
      })();
      core.push(performance.now() - t0);
      close();
    }
    // Reference: the same number of plain route rows in one transaction.
    const ref: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { ctx, close } = freshCtx(dir, `ref-${i}`);
      const stmt = ctx.db.$client.prepare(`INSERT INTO routes (date, code, wave, service_type, planned_duration_min) VALUES (?, ?, '10:05', 'Standard Parcel', 540)`);
      const t0 = performance.now();
      ctx.db.$client.transaction(() => {
        for (let r = 0; r < routes; r++) stmt.run(`2026-${String(1 + (r % 12)).padStart(2, '0')}-01`, `CX${r}`);
      })();
      ref.push(performance.now() - t0);
      close();
    }
    // The whole demo with every area's hook.
    const full: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { ctx, close } = freshCtx(dir, `full-${i}`);
      const t0 = performance.now();
      seedDemo(ctx, { seed: 1 });
      full.push(performance.now() - t0);
      close();
    }
    // Roster import preview, 1,000 drivers.
    const rows = associates(1000);
    const csv = toCsv(rows);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Associates');
    for (const r of rows) ws.addRow(r);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const { ctx, close } = freshCtx(dir, 'import');
    const csvRuns: number[] = [];
    const xlsxRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      const a = await call(ctx, 'roster.import', { fileName: 'associates.csv', content: csv, encoding: 'utf8', dryRun: true });
      csvRuns.push(performance.now() - t0);
      t0 = performance.now();
      const b = await call(ctx, 'roster.import', { fileName: 'associates.xlsx', content: xlsx, encoding: 'base64', dryRun: true });
      xlsxRuns.push(performance.now() - t0);
      if (!a.ok || !b.ok || a.added.length !== 1000 || b.added.length !== 1000) throw new Error(`import bench: unexpected result ${JSON.stringify(a.errors.slice(0, 3))}`);
    }
    close();
    const reference = { name: `plain insert of ${routes} route rows`, value: Math.round(median(ref) * 10) / 10, unit: 'ms' };
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return [
      { name: 'demo core data (median of 5)', value: r1(median(core)), unit: 'ms', target: 1000, pass: median(core) <= 1000, reference, details: { runs: core.map(r1), routes } },
      { name: 'demo with all area hooks (median of 3)', value: r1(median(full)), unit: 'ms', target: 3000, pass: median(full) <= 3000, reference, details: { runs: full.map(r1) } },
      { name: 'roster import preview, 1,000 drivers CSV', value: r1(median(csvRuns)), unit: 'ms', target: 300, pass: median(csvRuns) <= 300, details: { runs: csvRuns.map(r1) } },
      { name: 'roster import preview, 1,000 drivers XLSX', value: r1(median(xlsxRuns)), unit: 'ms', target: 600, pass: median(xlsxRuns) <= 600, details: { runs: xlsxRuns.map(r1) } },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const results = await run();
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'demo.json'), JSON.stringify(results, null, 2));
  for (const r of results) console.log(`${r.pass ? 'ok  ' : 'MISS'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})${r.reference ? `; reference ${r.reference.name}: ${r.reference.value} ms` : ''}`);
}
