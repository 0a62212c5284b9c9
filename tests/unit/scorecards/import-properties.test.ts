import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDesk, type TestDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import type { ScorecardImportResult } from '../../../shared/contract/scorecards';
import { createRng } from '../../../shared/random';
import {
  addUnknownColumns, csvText, daTablePdfCsv, dspOverviewDashboard, encodeText, randomPreamble, shuffleColumns, unicodeTextResave, withPreamble,
  type TextEncoding, type TextTable,
} from '../../fixtures/amazon';

/**
 * The same scorecard, however it arrives: columns in another order, columns nobody knows, title and
 * legend rows above, saved as UTF-8 (BOM or not), UTF-16 LE/BE, Excel's "Unicode Text" or
 * Windows-1252 — the import reads the same values for the same drivers, and lists the unknown
 * columns as ignored.
 */
let desk: TestDesk;
beforeAll(() => (desk = testDesk()));
afterAll(() => desk.close());

const FORMATS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'unicode-text'] as const;
type Format = (typeof FORMATS)[number];

function encode(grid: string[][], format: Format): Buffer {
  const csv = csvText(grid);
  return format === 'unicode-text' ? unicodeTextResave(csv) : encodeText(csv, format as TextEncoding);
}

/** What the import would store, row by row (row numbers relative to the header). */
function imported(res: ScorecardImportResult, headerRow: number) {
  expect(res.errors).toEqual([]);
  return res.rows.map((r) => ({ ...r, row: r.row - headerRow }));
}

const BASES: [string, string, TextTable, Record<string, string>][] = [
  ['DSP Overview Dashboard', 'DSP_Overview_Dashboard_ACME_DSE4_2026-W47.csv', (() => { const g = dspOverviewDashboard({ seed: 71, das: 8 }).grid; return { header: g[0]!, rows: g.slice(1) }; })(), {}],
  ['DA Current Week Performance', 'DA_Current_Week_Performance.csv', (() => { const f = daTablePdfCsv({ seed: 72, das: 8, perPage: 20 }); const g = f.rows.map((r) => [r.values['#'], r.values.Name, r.values['Transporter ID'], r.values['Overall Tier'], r.values.Delivered, r.values['Fico Score'], r.values['Seatbelt Off Rate'], r.values.DCR, r.values.POD, r.values.PSB, r.values['CDF DPMO']]); return { header: ['#', 'Name', 'Transporter ID', 'Overall Tier', 'Delivered', 'Fico Score', 'Seatbelt Off Rate', 'DCR', 'POD', 'PSB', 'CDF DPMO'], rows: g }; })(), { week: '2026-W47' }],
];

describe('property: the same scorecard import whatever the column order, extra columns, preamble or encoding', () => {
  for (const [name, fileName, table, extra] of BASES) {
    it(name, async () => {
      const base = await call(desk.ctx, 'scorecards.import', { fileName, content: csvText([table.header, ...table.rows]), dryRun: true, ...extra });
      const expected = imported(base, 1);
      expect(expected.length).toBe(table.rows.length);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...FORMATS), async (seed, format) => {
          const rng = createRng(seed);
          const mutated = addUnknownColumns(shuffleColumns(table, rng), rng, rng.int(0, 3));
          const pre = randomPreamble(rng);
          const grid = withPreamble(mutated, pre);
          const bytes = encode(grid, format);
          const res = await call(desk.ctx, 'scorecards.import', { fileName, content: bytes.toString('base64'), encoding: 'base64', dryRun: true, ...extra });
          const headerRow = grid.length - table.rows.length;
          expect(imported(res, headerRow)).toEqual(expected);
          expect(res.week).toBe('2026-W47');
          expect(res.read?.headerRow).toBe(headerRow);
          expect(res.read?.skipped).toMatchObject({ title: pre.titles.length, legend: pre.legends.length });
          expect(res.read?.ignoredColumns.map((c) => c.header).sort()).toEqual(mutated.header.filter((h) => !table.header.includes(h)).sort());
        }),
        { numRuns: 12 },
      );
    });
  }
});
