import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable, type Table } from '../../../electron/import/reader';
import { createRng } from '../../../shared/random';
import {
  addUnknownColumns, associatesExport, csvText, dspOverviewDashboard, encodeText, randomPreamble, routeSheet, shuffleColumns, TEXT_ENCODINGS,
  unicodeTextResave, whipAroundReport, withPreamble, xlsxBytes, type TextEncoding, type TextTable,
} from '../../fixtures/amazon';
import { options, SPECS } from './specs';

type Importer = Parameters<typeof options>[0];

/** What an importer gets from a table: per row its number and every field's text. */
function seen(t: Table<string>, importer: Importer, rowOffset = 0) {
  const fields = Object.keys(SPECS[importer]).filter((f) => t.columns[f] !== undefined).sort();
  return { fields, rows: t.rows.map((r) => [r.rowNumber - rowOffset, ...fields.map((f) => r.get(f))]) };
}

const TEXT_FIXTURES: [string, Importer, () => { bytes: Buffer }][] = [
  ['DSP Overview Dashboard', 'scorecard', () => dspOverviewDashboard({ seed: 51, das: 8 })],
  ['associates export (multi-line cells)', 'roster', () => associatesExport({ seed: 52, count: 8 })],
  ['Whip Around report', 'inspections', () => whipAroundReport({ seed: 53, inspections: 10 })],
  ['route sheet', 'routes', () => routeSheet({ seed: 54, routes: 10 })],
];

describe('every encoding Excel and Amazon write reads the same rows', () => {
  for (const [name, importer, build] of TEXT_FIXTURES) {
    it(name, async () => {
      const f = build();
      const base = seen(await readTable(f.bytes, options(importer)), importer);
      expect(base.rows.length).toBeGreaterThan(5);
      const text = f.bytes.toString('utf8').replace(/^\uFEFF/, '');
      for (const enc of TEXT_ENCODINGS) {
        const t = await readTable(encodeText(text, enc), options(importer));
        // Plain ASCII is valid UTF-8: a 1252 file without accents reads as UTF-8, with the same result.
        const ascii = [...text].every((ch) => ch.charCodeAt(0) < 0x80);
        expect(t.encoding).toBe(enc === 'windows-1252' && ascii ? 'utf-8' : enc.replace('-nobom', ''));
        expect(seen(t, importer), enc).toEqual(base);
      }
      const tsv = await readTable(unicodeTextResave(text), options(importer));
      expect([tsv.encoding, tsv.delimiter]).toEqual(['utf-16le', '\t']);
      expect(seen(tsv, importer)).toEqual(base);
    });
  }

  it('Windows-1252 text keeps accents, curly quotes, dashes and € (not Latin-1)', async () => {
    const csv = 'Route Code,Wave,Service Type,Notes\r\nCX1,10:05,Standard Parcel,“Zoë” José – gate B — €5 toll\r\n';
    const t = await readTable(encodeText(csv, 'windows-1252'), options('routes'));
    expect(t.encoding).toBe('windows-1252');
    expect(t.rows[0]!.get('notes')).toBe('“Zoë” José – gate B — €5 toll');
  });

  it('semicolon- and tab-separated files, and a title row that fools a plain delimiter guess', async () => {
    const rows = [['Route Code', 'Wave', 'Service Type'], ['CX1', '10:05', 'Standard Parcel; Large']];
    for (const delimiter of [';', '\t', '|']) {
      const t = await readTable(Buffer.from(csvText([['Plan for DSE4, 2026-12-30, cycle 1'], ...rows], { delimiter })), options('routes'));
      expect(t.delimiter).toBe(delimiter);
      expect([t.headerRow, t.rows[0]!.get('serviceType'), t.skipped.title]).toEqual([2, 'Standard Parcel; Large', 1]);
    }
  });
});

describe('property: shuffled columns, unknown columns, title and legend rows, any encoding or XLSX — the same rows', () => {
  const bases: [string, Importer, TextTable][] = [
    ['dashboard', 'scorecard', (() => { const g = dspOverviewDashboard({ seed: 61, das: 6 }).grid; return { header: g[0]!, rows: g.slice(1) }; })()],
    ['associates', 'roster', (() => { const f = associatesExport({ seed: 62, count: 6 }); return { header: ['Name and ID', 'TransporterID', 'Position', 'Qualifications', 'ID expiration', 'Personal Phone Number', 'Work Phone Number', 'Email', 'Status'], rows: f.associates.map((a) => [`${a.person.name}\n${a.person.transporterId}`, a.person.transporterId, 'Delivery Associate', a.qualifications, a.idExpiration, a.phone, a.workPhone, a.email, a.status]) }; })()],
    ['route sheet', 'routes', (() => { const g = routeSheet({ seed: 63, routes: 8 }).grid; return { header: g[0]!, rows: g.slice(1) }; })()],
  ];
  const formats = [...TEXT_ENCODINGS, 'xlsx'] as const;

  for (const [name, importer, table] of bases) {
    it(name, async () => {
      const expected = seen(await readTable(Buffer.from(csvText([table.header, ...table.rows])), options(importer)), importer);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...formats), fc.constantFrom(',', ';', '\t'), async (seed, format, delimiter) => {
          const rng = createRng(seed);
          const mutated = addUnknownColumns(shuffleColumns(table, rng), rng, rng.int(0, 3));
          const pre = randomPreamble(rng);
          const grid = withPreamble(mutated, pre);
          const bytes = format === 'xlsx' ? await xlsxBytes([{ name: 'Export', rows: grid.map((r) => (r.every((c) => c === '') ? [] : r)) }]) : encodeText(csvText(grid, { delimiter }), format as TextEncoding);
          const t = await readTable(bytes, options(importer));
          const offset = grid.length - 1 - table.rows.length;
          const got = seen(t, importer, offset);
          expect(got).toEqual(expected);
          expect(t.headerRow).toBe(offset + 1);
          expect(t.skipped).toEqual({ title: pre.titles.length, legend: pre.legends.length, blank: pre.blankAfter ? 1 : 0, repeatedHeader: 0, total: 0 });
          expect(t.ignoredColumns.map((c) => c.header).sort()).toEqual(mutated.header.filter((h) => !table.header.includes(h)).sort());
        }),
        { numRuns: 25 },
      );
    });
  }
});
