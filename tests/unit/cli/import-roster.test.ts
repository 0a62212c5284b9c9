import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../helpers/context';
import { runCli, spawnCli } from './run';

const fixtures = path.resolve(__dirname, '../../fixtures');
const good = path.join(fixtures, 'associates-export.csv');
const broken = path.join(fixtures, 'associates-broken.csv');

function counts(db: string) {
  const o = openDatabase(db);
  try {
    const n = (sql: string) => (o.sqlite.prepare(sql).get() as { n: number }).n;
    return { drivers: n('SELECT count(*) n FROM drivers'), audit: n('SELECT count(*) n FROM audit_log') };
  } finally {
    o.close();
  }
}

describe('CLI: import roster FILE --db PATH [--dry-run] --json', () => {
  it('as a child process: imports, prints the result as JSON, exit 0; a broken file exits 2 with one stderr line', async () => {
    const db = path.join(tempDir(), 'station.db');
    const ok = await spawnCli(['import', 'roster', good, '--db', db, '--json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const res = JSON.parse(ok.stdout);
    expect(res).toMatchObject({ ok: true, dryRun: false, drivers: 10, changed: [], unchanged: 0, errors: [] });
    expect(res.added).toHaveLength(10);
    const bad = await spawnCli(['import', 'roster', broken, '--db', db, '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, errors: expect.arrayContaining([{ row: 3, column: 'ID expiration', message: expect.any(String) }]) });
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(counts(db).drivers).toBe(10);
  }, 180_000);

  it('dry run: exit 0, reports what would happen, writes nothing', async () => {
    const db = path.join(tempDir(), 'station.db');
    const r = await runCli(['import', 'roster', good, '--db', db, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res).toMatchObject({ ok: true, dryRun: true, drivers: 10 });
    expect(res.added).toHaveLength(10);
    expect(counts(db)).toEqual({ drivers: 0, audit: 0 });
    // Then for real, then again: everything unchanged.
    expect((await runCli(['import', 'roster', good, '--db', db, '--json'])).code).toBe(0);
    const again = JSON.parse((await runCli(['import', 'roster', good, '--db', db, '--json'])).stdout);
    expect(again).toMatchObject({ ok: true, added: [], changed: [], unchanged: 10 });
  });

  it('broken file: exit 2, every error with row/column/message, nothing written (dry run too)', async () => {
    const db = path.join(tempDir(), 'station.db');
    await runCli(['import', 'roster', good, '--db', db]);
    const before = counts(db);
    for (const extra of [[], ['--dry-run']]) {
      const r = await runCli(['import', 'roster', broken, '--db', db, '--json', ...extra]);
      expect(r.code).toBe(2);
      const res = JSON.parse(r.stdout);
      expect(res.ok).toBe(false);
      expect(res.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
      for (const e of res.errors) expect(Object.keys(e).sort()).toEqual(['column', 'message', 'row']);
      expect(r.stderr).toMatch(/^dispatch-desk import roster: 8 problem\(s\) in associates-broken\.csv; nothing imported\n$/);
    }
    expect(counts(db)).toEqual(before);
  });

  it('human output without --json', async () => {
    const db = path.join(tempDir(), 'station.db');
    const dry = await runCli(['import', 'roster', good, '--db', db, '--dry-run']);
    expect(dry.stdout).toBe('Would import 10 drivers: 10 new, 0 changed, 0 unchanged (dry run: nothing written)\n');
    const bad = await runCli(['import', 'roster', broken, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/^Not imported, nothing written\. 8 problem\(s\):\n {2}row 3, ID expiration: /);
  });

  it('XLSX files are read as workbooks', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Name and ID', 'TransporterID', 'Qualifications', 'ID expiration', 'Status']);
    ws.addRow(['Maria Gonzalez', 'A2KX7Q9M4T1B3C', 'CDV, EDV', new Date(Date.UTC(2028, 2, 14)), 'ACTIVE']);
    const file = path.join(dir, 'associates.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await runCli(['import', 'roster', file, '--db', path.join(dir, 'station.db'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, added: ['A2KX7Q9M4T1B3C'] });
  });

  it('missing, unreadable, empty or oversized files and bad usage: exit 2 with one line on stderr, nothing on stdout', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'station.db');
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const huge = path.join(dir, 'huge.csv');
    fs.writeFileSync(huge, Buffer.alloc(10 * 1024 * 1024 + 1, 0x41));
    const cases: [string[], RegExp][] = [
      [['import', 'roster', path.join(dir, 'nope.csv'), '--db', db, '--json'], /no such file: .*nope\.csv/],
      [['import', 'roster', dir, '--db', db], /is a folder/],
      [['import', 'roster', empty, '--db', db], /is empty/],
      [['import', 'roster', huge, '--db', db], /too large/],
      [['import', 'roster', '--db', db], /give exactly one FILE/],
      [['import', 'roster', good, broken, '--db', db], /give exactly one FILE/],
      [['import', 'roster', good, '--db', db, '--bogus'], /Unknown option '--bogus'/],
    ];
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked.csv');
      fs.writeFileSync(locked, 'x');
      fs.chmodSync(locked, 0);
      cases.push([['import', 'roster', locked, '--db', db], /cannot read/]);
    }
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    // The child process agrees on the first case.
    const child = await spawnCli(cases[0]![0]);
    expect(child.code).toBe(2);
    expect(child.stderr).toMatch(/^dispatch-desk import roster: no such file: /);
  }, 180_000);
});
