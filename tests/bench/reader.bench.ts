/**
 * The table reader (electron/import) on Amazon-shaped files, each with a reference measured in
 * the same run on the same bytes:
 * - a 1,000-route Day of Ops XLSX (plan on the second sheet, three wave forms, a TOTAL row) to
 *   rows ≤ 120 ms — the route-sheet preview budget is 150 ms in all; reference: exceljs loading it;
 * - a trailing-six-week DSP Overview Dashboard of 250 DAs (1,500 rows, 54 columns) to rows
 *   ≤ 60 ms — its preview budget is 150 ms; reference: Papa Parse alone.
 *
 * `npx tsx tests/bench/reader.bench.ts` runs it alone.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { readTable } from '../../electron/import/reader';
import { dayOfOpsPlan, dspOverviewDashboard } from '../fixtures/amazon';
import { options } from '../unit/import/specs';
import type { BenchResult } from './run';
import { timed } from './timing';

const cpuMs: Record<string, number> = {};

/** Median wall time of `runs` runs after two warm-ups; the median CPU time goes to `cpuMs[name]`. */
async function time(name: string, runs: number, f: () => Promise<unknown> | unknown): Promise<number> {
  const t = await timed(runs, f);
  cpuMs[name] = t.cpu;
  return t.wall;
}

export async function run(): Promise<BenchResult[]> {
  const plan = await dayOfOpsPlan({ seed: 1, routes: 1000, otherDsps: [] });
  let rows = 0;
  const xlsx = await time('reader xlsx', 8, async () => {
    rows = (await readTable(plan.bytes, options('routes'))).rows.length;
  });
  const exceljs = await time('exceljs', 8, async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(plan.bytes as unknown as ArrayBuffer);
  });
  if (rows !== plan.routes.length) throw new Error(`read ${rows} rows, expected ${plan.routes.length}`);

  const dash = dspOverviewDashboard({ seed: 1, das: 250, trailing: true });
  let dashRows = 0;
  const csv = await time('reader csv', 10, async () => {
    dashRows = (await readTable(dash.bytes, options('scorecard'))).rows.length;
  });
  const text = dash.bytes.toString('utf8');
  const papa = await time('papaparse', 10, () => Papa.parse(text));
  if (dashRows !== 1500) throw new Error(`read ${dashRows} dashboard rows, expected 1500`);

  const load = os.loadavg();
  return [
    { name: 'reader: 1,000-route Day of Ops XLSX to rows (median)', value: xlsx, unit: 'ms', target: 120, pass: xlsx <= 120, reference: { name: 'exceljs load alone', value: exceljs, unit: 'ms' }, details: { rows, bytes: plan.bytes.length, cpuMs: { reader: cpuMs['reader xlsx'], exceljs: cpuMs.exceljs }, loadavg: load } },
    { name: 'reader: six-week dashboard CSV, 1,500 rows × 54 columns, to rows (median)', value: csv, unit: 'ms', target: 60, pass: csv <= 60, reference: { name: 'papaparse alone', value: papa, unit: 'ms' }, details: { rows: dashRows, bytes: dash.bytes.length, cpuMs: { reader: cpuMs['reader csv'], papaparse: cpuMs.papaparse }, loadavg: load } },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
