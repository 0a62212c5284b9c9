import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../helpers/context';
import { cortexRouteList } from '../../fixtures/amazon';
import { runCli } from './run';

/** `import progress FILE --db PATH [--date D] [--at ISO] --json`: the answer's shape and exit codes. */
describe('CLI import progress', () => {
  const dir = tempDir();
  const db = path.join(dir, 'station.db');
  const o = openDatabase(db);
  o.sqlite.prepare(`INSERT INTO station (id, name, code, dsp_code, lat, lon, time_zone) VALUES (1, 'DSE4', 'DSE4', 'ACME', 47.4, -122.2, 'America/Los_Angeles')`).run();
  o.close();

  it('answers {ok, date, asOf, routes, updated, behind, rescues} with the as-of time from the file name; no time at all exits 2', async () => {
    const list = await cortexRouteList({ date: '2026-12-30', time: '13:20', tz: 'PST', routes: 6, mutate: (rs) => void (rs[5]!.dsp = 'OTHR') });
    const file = path.join(dir, list.fileName);
    fs.writeFileSync(file, list.bytes);
    const run = await runCli(['import', 'progress', file, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const res = JSON.parse(run.stdout);
    expect(res).toMatchObject({ ok: true, date: '2026-12-30', asOf: '2026-12-30T21:20:00.000Z', routes: 5, updated: 0, skippedOtherDsp: 1, behind: [], rescues: expect.any(Array) });
    const bare = path.join(dir, 'export.xlsx');
    fs.writeFileSync(bare, list.bytes);
    const refused = await runCli(['import', 'progress', bare, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/Not imported, nothing written[\s\S]*--at/);
    const given = await runCli(['import', 'progress', bare, '--db', db, '--date', '2026-12-30', '--at', '2026-12-30T13:20:00-08:00']);
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('Imported progress of 5 routes for 2026-12-30 as of 2026-12-30T21:20:00.000Z (0 on the desk), 1 of other DSPs skipped: 0 behind');
  });
});
