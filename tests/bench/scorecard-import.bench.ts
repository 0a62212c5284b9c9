/**
 * The scorecard import's preview (`scorecards.import`, dry run, through dispatch on a real station
 * database with the DAs on its roster), each with a reference measured in the same run:
 * - a trailing-six-week DSP Overview Dashboard of 250 DAs (1,500 rows) ≤ 150 ms; reference:
 *   Papa Parse alone on the same text;
 * - a 12-page scorecard PDF (page 1 and 308 DAs over 11 pages) ≤ 500 ms; reference: pdfjs-dist's
 *   text extraction alone (open + every page's text items).
 *
 * `npx tsx tests/bench/scorecard-import.bench.ts` runs it alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openDatabase } from '../../electron/db/open';
import { call } from '../../electron/services/dispatch';
import type { ServiceContext } from '../../electron/services/context';
import { fixedClock } from '../../shared/dates';
import { EventBus } from '../../shared/events';
import { dashboardRows, dspOverviewDashboard, scorecardPdf } from '../fixtures/amazon';
import type { BenchResult } from './run';
import { timed } from './timing';

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-scorecard-'));
  const opened = openDatabase(path.join(dir, 'station.db'));
  try {
    const ctx: ServiceContext = { db: opened.db, clock: fixedClock('2026-11-26T13:00:00Z'), actor: { name: 'bench', role: 'desk' }, events: new EventBus(), dbPath: path.join(dir, 'station.db') };
    const opts = { seed: 1, das: 250, trailing: true };
    const dash = dspOverviewDashboard(opts);
    for (const p of dashboardRows(opts).crew) await call(ctx, 'roster.upsert', { transporterId: p.transporterId, name: p.name });
    const dashInput = { fileName: dash.fileName, content: dash.bytes.toString('base64'), encoding: 'base64', dryRun: true };
    let rows = 0;
    const dashT = await timed(10, async () => {
      const res = await call(ctx, 'scorecards.import', dashInput);
      if (!res.ok) throw new Error(res.errors[0]?.message);
      rows = res.drivers;
    });
    const text = dash.bytes.toString('utf8');
    const papa = await timed(10, () => Papa.parse(text));
    if (rows !== 1500) throw new Error(`previewed ${rows} dashboard rows, expected 1500`);

    const pdf = await scorecardPdf({ seed: 1, das: 11 * 28, rowsPerPage: 28 });
    if (pdf.pages !== 12) throw new Error(`the PDF has ${pdf.pages} pages, expected 12`);
    const pdfInput = { fileName: pdf.fileName, content: pdf.bytes.toString('base64'), encoding: 'base64', dryRun: true };
    let pdfRows = 0;
    const pdfT = await timed(6, async () => {
      const res = await call(ctx, 'scorecards.import', pdfInput);
      if (!res.ok) throw new Error(res.errors[0]?.message);
      pdfRows = res.drivers;
    });
    const extract = await timed(6, async () => {
      const doc = await getDocument({ data: new Uint8Array(pdf.bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
      for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getTextContent({ disableNormalization: true });
      await doc.destroy();
    });
    if (pdfRows !== pdf.rows.length) throw new Error(`previewed ${pdfRows} PDF rows, expected ${pdf.rows.length}`);

    const load = os.loadavg();
    return [
      { name: 'scorecard import: six-week dashboard, 250 DAs (1,500 rows), to a preview (median)', value: dashT.wall, unit: 'ms', target: 150, pass: dashT.wall <= 150, reference: { name: 'papaparse alone', value: papa.wall, unit: 'ms' }, details: { rows, bytes: dash.bytes.length, cpuMs: { preview: dashT.cpu, papaparse: papa.cpu }, loadavg: load } },
      { name: 'scorecard import: 12-page scorecard PDF to a preview (median)', value: pdfT.wall, unit: 'ms', target: 500, pass: pdfT.wall <= 500, reference: { name: 'pdfjs-dist text extraction alone', value: extract.wall, unit: 'ms' }, details: { rows: pdfRows, pages: pdf.pages, bytes: pdf.bytes.length, cpuMs: { preview: pdfT.cpu, pdfjs: extract.cpu }, loadavg: load } },
    ];
  } finally {
    opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
