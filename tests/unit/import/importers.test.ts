import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import type { ServiceContext } from '../../../electron/services/context';
import type { ColumnSpecs, ExportId } from '../../../electron/import/reader';
import { FLEET_COLUMNS } from '../../../electron/services/fleet/import-vans';
import { DESK_COLUMNS, DVIC_COLUMNS, WHIP_AROUND_COLUMNS } from '../../../electron/services/fleet/import-inspections';
import { ROUTE_COLUMNS } from '../../../electron/services/board/import';
import { CORTEX_COLUMNS } from '../../../electron/services/board/cortex';
import { createRng } from '../../../shared/random';
import { fixedClock } from '../../../shared/dates';
import { withCheckDigit } from '../../../shared/vin';
import { testDesk } from '../../helpers/context';
import { addStation, fileIn, planOf, textTableOf } from '../../helpers/imports';
import {
  addUnknownColumns, cortexRouteList, csvText, dayOfOpsPlan, dvicReport, encodeText, fleetVehiclesExport, randomPreamble, shuffleColumns, TEXT_ENCODINGS,
  unicodeTextResave, whipAroundReport, withoutExtension, withPreamble, xlsxBytes, type TextEncoding, type TextTable,
} from '../../fixtures/amazon';

/**
 * Imports never misread silently: each importer, given the same data with its columns shuffled,
 * unknown columns added, title and legend rows above, re-encoded (every text encoding Excel and
 * Amazon write, or XLSX) and named without an extension, answers the same dry-run plan — the same
 * rows, values, errors and warnings. Only how the file was read differs, and says so.
 */
const DATE = '2026-12-30';

type Channel = 'fleet.import' | 'routes.import' | 'fleet.importInspections';
interface Case {
  name: string;
  channel: Channel;
  file: () => Promise<{ fileName: string; bytes: Uint8Array }>;
  columns: ColumnSpecs<string>;
  columnsByExport?: Partial<Record<ExportId, ColumnSpecs<string>>>;
  setup: (ctx: ServiceContext) => Promise<void>;
  /** The plan is about the data, not about nothing: a spot check on the base answer. */
  check: (res: Answer) => void;
}
type Answer = { ok: boolean; errors: unknown[]; read: { ignoredColumns: { header: string }[]; skipped: Record<string, number> } | null } & Record<string, unknown>;

const ROUTES = { columns: ROUTE_COLUMNS as ColumnSpecs<string>, columnsByExport: { 'cortex-route-list': CORTEX_COLUMNS as ColumnSpecs<string> } };
const INSPECTIONS = { columns: DESK_COLUMNS, columnsByExport: { 'whip-around-inspections': WHIP_AROUND_COLUMNS, 'dvic-report': DVIC_COLUMNS } };

const plan = () => dayOfOpsPlan({ seed: 71, routes: 10 });
const cortex = () => cortexRouteList({ seed: 71, routes: 8, date: DATE });
const whip = () => whipAroundReport({ seed: 72, date: DATE, inspections: 10 });
const dvic = () => dvicReport({ seed: 73, endDate: DATE, inspections: 10 });

const CASES: Case[] = [
  {
    name: "Amazon's fleet vehicles export",
    channel: 'fleet.import',
    file: () => fleetVehiclesExport({ seed: 70, vans: 14 }),
    columns: FLEET_COLUMNS,
    setup: async (ctx) => addStation(ctx),
    check: (res) => expect(res).toMatchObject({ ok: true, added: 14, grounded: 2 }),
  },
  {
    name: "Amazon's Day of Ops plan",
    channel: 'routes.import',
    file: plan,
    ...ROUTES,
    setup: async (ctx) => addStation(ctx, 'ACME'),
    check: (res) => expect(res).toMatchObject({ ok: true, skippedBlankCode: 2, skippedOtherDsp: 15 }),
  },
  {
    name: "Amazon's Cortex route list",
    channel: 'routes.import',
    file: cortex,
    ...ROUTES,
    setup: async (ctx) => {
      addStation(ctx, 'ACME');
      const p = await plan();
      await call(ctx, 'routes.import', { ...fileIn(p.fileName, p.bytes), date: DATE, dryRun: false });
      for (const r of (await cortex()).routes.slice(0, 5)) await call(ctx, 'roster.upsert', { transporterId: r.drivers[0]!.transporterId, name: r.drivers[0]!.name });
    },
    check: (res) => expect((res.drivers as { outcome: string }[]).filter((d) => d.outcome === 'assigned')).toHaveLength(5),
  },
  {
    name: "Whip Around's inspections report",
    channel: 'fleet.importInspections',
    file: async () => whip(),
    ...INSPECTIONS,
    setup: async (ctx) => {
      addStation(ctx);
      const f = whip();
      for (const [i, a] of [...new Set(f.inspections.map((x) => x.asset))].entries()) await call(ctx, 'fleet.upsert', { name: a, vin: withCheckDigit(`1FTBW3XM0HK${String(i + 1).padStart(6, '0')}`), vanClass: 'standard_cargo' });
      for (const d of new Map(f.inspections.slice(0, 3).map((x) => [x.driver.transporterId, x.driver])).values()) await call(ctx, 'roster.upsert', { transporterId: d.transporterId, name: d.name });
    },
    check: (res) => expect(res).toMatchObject({ ok: true, source: 'whip-around', added: 10 }),
  },
  {
    name: "Amazon's DVIC report",
    channel: 'fleet.importInspections',
    file: dvic,
    ...INSPECTIONS,
    setup: async (ctx) => {
      addStation(ctx);
      const f = await dvic();
      for (const [i, v] of [...new Set(f.inspections.map((x) => x.vin))].entries()) await call(ctx, 'fleet.upsert', { name: `V${i}`, vin: v, vanClass: 'standard_cargo' });
      for (const d of new Map(f.inspections.map((x) => [x.driver.transporterId, x.driver])).values()) await call(ctx, 'roster.upsert', { transporterId: d.transporterId, name: d.name });
    },
    check: (res) => expect(res).toMatchObject({ ok: true, source: 'dvic', added: 10, warnings: [] }),
  },
];

async function dryRun(ctx: ServiceContext, c: Case, fileName: string, bytes: Uint8Array): Promise<Answer> {
  const input = { ...fileIn(fileName, bytes), dryRun: true };
  const res = c.channel === 'routes.import' ? await call(ctx, c.channel, { ...input, date: DATE }) : await call(ctx, c.channel, input);
  return res as unknown as Answer;
}

for (const c of CASES) {
  describe(c.name, () => {
    let ctx: ServiceContext;
    let base: Answer;
    let table: TextTable & { headerRow: number };
    let fileName: string;
    beforeAll(async () => {
      ctx = testDesk({ clock: fixedClock('2026-12-30T20:00:00Z') }).ctx;
      await c.setup(ctx);
      const f = await c.file();
      fileName = f.fileName;
      base = await dryRun(ctx, c, f.fileName, f.bytes);
      table = await textTableOf(f.bytes, c.columns, c.columnsByExport);
    }, 60_000);

    it('reads the export itself (the plan compared below is a real one)', () => {
      expect(base.errors).toEqual([]);
      c.check(base);
    });

    it('reads the same in every text encoding, as "Unicode Text" and without a file extension', async () => {
      const text = csvText([table.header, ...table.rows]);
      const offset = 1 - table.headerRow;
      const expected = planOf(base, 0);
      for (const enc of TEXT_ENCODINGS) {
        const res = await dryRun(ctx, c, withoutExtension(fileName), encodeText(text, enc));
        expect(planOf(res, offset), enc).toEqual(expected);
      }
      const tsv = await dryRun(ctx, c, withoutExtension(fileName), unicodeTextResave(text));
      expect(tsv.read).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
      expect(planOf(tsv, offset)).toEqual(expected);
    }, 120_000);

    it('property: shuffled and unknown columns, title and legend rows, any encoding or XLSX — the same plan', async () => {
      const expected = planOf(base, 0);
      const formats = [...TEXT_ENCODINGS, 'xlsx'] as const;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...formats), fc.constantFrom(',', ';', '\t'), fc.boolean(), async (seed, format, delimiter, noExtension) => {
          const rng = createRng(seed);
          const mutated = addUnknownColumns(shuffleColumns(table, rng), rng, rng.int(0, 3));
          const pre = randomPreamble(rng);
          const grid = withPreamble(mutated, pre);
          const bytes = format === 'xlsx' ? await xlsxBytes([{ name: 'Export', rows: grid.map((r) => (r.every((x) => x === '') ? [] : r)) }]) : encodeText(csvText(grid, { delimiter }), format as TextEncoding);
          const name = noExtension ? withoutExtension(fileName) : `${withoutExtension(fileName)}.${format === 'xlsx' ? 'xlsx' : 'csv'}`;
          const res = await dryRun(ctx, c, name, bytes);
          const headerRow = grid.length - table.rows.length;
          expect(planOf(res, headerRow - table.headerRow)).toEqual(expected);
          // How it was read says what changed: the rows skipped above the header, the columns no field reads.
          expect(res.read!.skipped).toEqual({ title: pre.titles.length, legend: pre.legends.length, blank: pre.blankAfter ? 1 : 0, repeatedHeader: 0, total: 0 });
          const added = mutated.header.filter((h) => !table.header.includes(h));
          expect(res.read!.ignoredColumns.map((x) => x.header).sort()).toEqual([...base.read!.ignoredColumns.map((x) => x.header), ...added].sort());
        }),
        { numRuns: 12 },
      );
    }, 240_000);
  });
}
