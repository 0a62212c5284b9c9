import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/context';
import { dspOverviewDashboard, scorecardPdf } from '../../fixtures/amazon';
import { runCli } from './run';

describe('CLI: import scorecard FILE [--week YYYY-Www] --db PATH [--dry-run] --json', () => {
  it('takes the week from the file; --week must agree; prints what was read, skipped and ignored', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'station.db');
    const f = dspOverviewDashboard({ seed: 81, das: 5 });
    const grid = f.grid.map((r, i) => [...r, i === 0 ? 'Region' : 'West']);
    const file = path.join(dir, f.fileName);
    fs.writeFileSync(file, ['Amazon DSP Overview Dashboard — DSE4', ...grid.map((r) => r.join(','))].join('\r\n'));
    const dry = await runCli(['import', 'scorecard', file, '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const res = JSON.parse(dry.stdout);
    expect(res).toMatchObject({ ok: true, week: '2026-W47', weekFrom: 'the file name', source: { id: 'dsp-overview-dashboard' }, drivers: 5 });
    expect(res.read.ignoredColumns).toEqual([{ index: grid[0]!.length - 1, letter: expect.any(String), header: 'Region' }]);
    expect(res.read.skipped.title).toBe(1);

    const text = await runCli(['import', 'scorecard', file, '--db', db, '--dry-run']);
    expect(text.stdout).toContain(`Read ${f.fileName} as Amazon's DSP Overview Dashboard (header on row 2).`);
    expect(text.stdout).toContain('Skipped: 1 title rows.');
    expect(text.stdout).toContain('Ignored columns (not known, not read): "Region".');
    expect(text.stdout).toContain('Checked 5 rows for 2026-W47, week from the file name');

    const wrong = await runCli(['import', 'scorecard', file, '--db', db, '--week', '2026-W46', '--json']);
    expect(wrong.code).toBe(2);
    expect(JSON.parse(wrong.stdout).errors).toEqual([{ row: 0, column: 'Week', message: "The week given (2026-W46) is not the file's week: the file name says 2026-W47" }]);
    expect((await runCli(['import', 'scorecard', file, '--db', db, '--week', '2026-W47', '--json'])).code).toBe(0);
  }, 120_000);

  it('imports the scorecard PDF with its station standing', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'station.db');
    const f = await scorecardPdf({ seed: 82, das: 20 });
    const file = path.join(dir, f.fileName);
    fs.writeFileSync(file, f.bytes);
    const r = await runCli(['import', 'scorecard', file, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("as Amazon's scorecard PDF");
    expect(r.stdout).toContain('Station: overall standing 79.2 | Fantastic.');
    expect(r.stdout).toContain('Imported 20 rows for 2026-W47, week from the file name');
  }, 120_000);
});
