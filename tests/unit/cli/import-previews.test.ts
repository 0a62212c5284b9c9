import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../helpers/context';
import { addUnknownColumns, csvText, dayOfOpsPlan, encodeText, fleetVehiclesExport, whipAroundReport, withPreamble } from '../../fixtures/amazon';
import { createRng } from '../../../shared/random';
import { runCli } from './run';

/** The CLI's previews say how the file was read: skipped rows by kind, columns not read, warnings — in words and in --json. */
describe('CLI import previews', () => {
  const dir = tempDir();
  const db = path.join(dir, 'station.db');
  const o = openDatabase(db);
  o.sqlite.prepare(`INSERT INTO station (id, name, code, dsp_code, lat, lon, time_zone) VALUES (1, 'DSE4', 'DSE4', 'ACME', 47.4, -122.2, 'America/Los_Angeles')`).run();
  o.close();

  it('import routes: a Day of Ops plan — other DSPs and blank codes skipped, title and total rows counted', async () => {
    const plan = await dayOfOpsPlan({ seed: 81, routes: 8, titleAbove: true });
    const file = path.join(dir, plan.fileName);
    fs.writeFileSync(file, plan.bytes);
    const text = await runCli(['import', 'routes', file, '--db', db, '--date', '2026-12-30', '--dry-run']);
    expect(text.code).toBe(0);
    const ours = plan.routes.filter((r) => r.dsp === 'ACME' && r.code).length;
    expect(text.stdout).toContain(`Would import ${plan.routes.length} rows for 2026-12-30 from Amazon's Day of Ops plan: ${ours} new, 0 changed, 0 removed, 0 unchanged, ${plan.routes.filter((r) => r.dsp !== 'ACME').length} of other DSPs skipped, 2 without a route code skipped`);
    expect(text.stdout).toContain(`Read Amazon's Day of Ops plan, sheet "Solution" (2 of 3): header on row 3, ${plan.routes.length} data rows; skipped 1 title row, 1 blank row, 1 total row`);
    expect(text.stdout).toMatch(/1 warning:\n {4}row \d+, Route Code: 2 rows without a route code skipped/);
    const json = await runCli(['import', 'routes', file, '--db', db, '--date', '2026-12-30', '--dry-run', '--json']);
    const res = JSON.parse(json.stdout);
    expect(res).toMatchObject({ ok: true, source: 'day-of-ops', skippedBlankCode: 2, read: { sheet: { name: 'Solution' }, headerRow: 3, skipped: { title: 1, blank: 1, total: 1 }, ignoredColumns: [] } });
    expect(res.preview[0]).toMatchObject({ code: expect.stringMatching(/^CX\d+$/), vanClasses: expect.any(Array), plannedDurationMin: expect.any(Number) });
  });

  it('import fleet: ignored columns and a duplicate vehicleName warning, in words and --json', async () => {
    const f = await fleetVehiclesExport({ seed: 82, vans: 10 });
    const file = path.join(dir, f.fileName);
    fs.writeFileSync(file, f.bytes);
    const text = await runCli(['import', 'fleet', file, '--db', db, '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Checked 10 vans: 10 new, 0 changed, 0 unchanged, 2 grounded by Amazon');
    expect(text.stdout).toContain(`Read Amazon's fleet vehicles export, sheet "Vehicles": header on row 1, 10 data rows`);
    expect(text.stdout).toContain('Columns not read: W "vehicleGroup", X "tollTagId"');
    expect(text.stdout).toContain(`vehicleName "${f.duplicateName}" is also on row`);
    const res = JSON.parse((await runCli(['import', 'fleet', file, '--db', db, '--dry-run', '--json'])).stdout);
    expect(res.read.ignoredColumns).toEqual([
      { index: 22, letter: 'W', header: 'vehicleGroup' },
      { index: 23, letter: 'X', header: 'tollTagId' },
    ]);
    expect(res.warnings).toHaveLength(1);
    expect(res.preview).toHaveLength(10);
  });

  it('import inspections: a Whip Around report saved as UTF-16 with a title above and an extra column', async () => {
    const f = whipAroundReport({ seed: 83, inspections: 6 });
    const [header, ...rows] = f.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    const table = addUnknownColumns({ header: header!, rows: rows.slice(0, -1) }, createRng(5), 1);
    const file = path.join(dir, 'Inspections Report_2026-12-30');
    fs.writeFileSync(file, encodeText(csvText(withPreamble(table, { titles: ['Whip Around — DSE4 inspections'], legends: [], blankAfter: false })), 'utf-16le'));
    const text = await runCli(['import', 'inspections', file, '--db', db, '--dry-run']);
    // No vans on this desk: every row says so, and the preview still says how the file was read.
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('Not imported, nothing written. 6 problem(s)');
    expect(text.stdout).toContain(`Read Whip Around's inspections report, utf-16le: header on row 2, 6 data rows; skipped 1 title row`);
    expect(text.stdout).toMatch(/Columns not read: [A-J] "[^"]+"/);
  });
});
