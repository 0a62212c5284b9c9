import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../helpers/context';
import { runCli, spawnCli } from './run';

function stats(db: string) {
  const o = openDatabase(db);
  try {
    const n = (sql: string) => (o.sqlite.prepare(sql).get() as { n: number }).n;
    return {
      drivers: n('SELECT count(*) n FROM drivers'),
      vans: n('SELECT count(*) n FROM vans'),
      routes: n('SELECT count(*) n FROM routes'),
      tokens: n('SELECT count(*) n FROM api_tokens'),
      extra: n("SELECT count(*) n FROM drivers WHERE transporter_id = 'ZZ9999999999'"),
    };
  } finally {
    o.close();
  }
}

describe('CLI: seed-demo --db PATH [--json] [--force]', () => {
  it('as a child process: seeds a new database (exit 0, JSON summary), refuses a second time (exit 2)', async () => {
    const db = path.join(tempDir(), 'station.db');
    const r = await spawnCli(['seed-demo', '--db', db, '--json', '--now', '2026-11-26T15:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ ok: true, db, replaced: false, backup: null, seed: 1, station: 'DSE4', today: '2026-11-26', routesToday: 40, days: 43 });
    expect(s.drivers).toBeGreaterThanOrEqual(45);
    expect(typeof s.ms).toBe('number');
    const again = await spawnCli(['seed-demo', '--db', db]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^dispatch-desk seed-demo: .* already holds station data \(\d+ drivers, \d+ vans, \d+ routes\); use --force/);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  }, 180_000);

  it('--force backs up, replaces all station data, keeps API tokens; same seed + --now → same data', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'station.db');
    expect((await runCli(['seed-demo', '--db', db, '--now', '2026-11-26T15:00:00Z'])).stdout).toMatch(/^Seeded the demo station DSE4 into .* \(seed 1, today 2026-11-26\): \d+ drivers, \d+ vans, \d+ devices, 40 routes today/);
    const dump = () => {
      const d = openDatabase(db);
      try {
        return JSON.stringify(['drivers', 'vans', 'routes', 'assignments', 'driver_days'].map((t) => d.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
      } finally {
        d.close();
      }
    };
    const first = dump();
    const o = openDatabase(db);
    o.sqlite.prepare("INSERT INTO drivers (transporter_id, name) VALUES ('ZZ9999999999', 'Extra Person')").run();
    o.sqlite.prepare("INSERT INTO api_tokens (name, role, hash) VALUES ('owner-laptop', 'owner', 'x')").run();
    o.close();
    const before = stats(db);
    expect(before.extra).toBe(1);

    const r = await runCli(['seed-demo', '--db', db, '--force', '--json', '--now', '2026-11-26T15:00:00Z']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.replaced).toBe(true);
    expect(fs.existsSync(s.backup)).toBe(true);
    expect(path.dirname(s.backup)).toBe(path.join(dir, 'backups'));
    const after = stats(db);
    expect(after).toEqual({ ...before, drivers: before.drivers - 1, extra: 0 });
    expect(after.tokens).toBe(1);
    expect(dump()).toBe(first); // same seed and clock: the very same station again
    // The backup holds the old data.
    const b = openDatabase(s.backup);
    expect((b.sqlite.prepare("SELECT count(*) n FROM drivers WHERE transporter_id = 'ZZ9999999999'").get() as { n: number }).n).toBe(1);
    b.close();
    // Another seed gives other people on the same plan of days.
    const seven = await runCli(['seed-demo', '--db', db, '--force', '--json', '--seed', '7', '--now', '2026-11-26T15:00:00Z']);
    expect(JSON.parse(seven.stdout)).toMatchObject({ seed: 7, routesToday: 40 });
    expect(dump()).not.toBe(first);
  }, 180_000);

  it('bad options: exit 2, one line on stderr', async () => {
    const dir = tempDir();
    const cases: [string[], RegExp][] = [
      [['seed-demo', '--db', path.join(dir, 'a.db'), '--seed', 'abc'], /--seed must be a whole number/],
      [['seed-demo', '--db', path.join(dir, 'a.db'), '--seed', '-3'], /--seed|option/i],
      [['seed-demo', '--db', path.join(dir, 'a.db'), '--now', 'yesterday'], /--now must be an ISO date-time/],
      [['seed-demo', '--db', dir], /is a folder/],
      [['seed-demo', '--db', path.join(dir, 'a.db'), '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(fs.existsSync(path.join(dir, 'a.db'))).toBe(false);
  });
});
