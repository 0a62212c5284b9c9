/**
 * Bad station files (issue 11 #7): zero bytes, a folder, a foreign SQLite file, a newer schema, a
 * damaged file. Each is refused at start with one line that names the file, the reason, the newest
 * automatic backups and the exact restore command — and that command works. Nothing is changed:
 * a zero-byte file never becomes an empty station, a foreign file is never migrated.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupStation } from '../../electron/db/backup';
import { backupPathFor } from '../../electron/db/files';
import { openDatabase } from '../../electron/db/open';
import { cli, count, demoStation, faultDir, serve, sha256 } from './helpers';

let good: string;
beforeAll(() => {
  good = demoStation();
});

/** A folder with a station file made by `make`, and two automatic backups beside it (older, newer). */
async function stationWith(make: (file: string) => void): Promise<{ file: string; newest: string }> {
  const dir = faultDir('desk-badfile-');
  const file = path.join(dir, 'station.db');
  const older = backupPathFor(file, 'auto', new Date(Date.now() - 2 * 86_400_000));
  const newest = backupPathFor(file, 'auto', new Date(Date.now() - 3_600_000));
  const src = openDatabase(good, { readonly: true });
  for (const b of [older, newest]) await backupStation(src.sqlite, good, b);
  src.close();
  make(file);
  return { file, newest };
}

function damage(file: string): void {
  fs.copyFileSync(good, file);
  const db = new Database(file);
  const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'drivers'").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (root - 1) * pageSize); // the table's b-tree page header
  fs.closeSync(fd);
}

const CASES: [string, (file: string) => void, RegExp][] = [
  ['a zero-byte file', (f) => fs.writeFileSync(f, ''), /empty \(0 bytes\)/],
  ['a folder', (f) => fs.mkdirSync(f), /is a folder/],
  [
    'a foreign SQLite file',
    (f) => {
      const db = new Database(f);
      db.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO recipes (title) VALUES (\'Soup\')');
      db.close();
    },
    /another program.*never migrated/,
  ],
  [
    'a newer schema',
    (f) => {
      fs.copyFileSync(good, f);
      const db = new Database(f);
      db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-a-newer-build', 4_102_444_800_000);
      db.close();
    },
    /newer or different version/,
  ],
  ['a damaged file', damage, /damaged/],
];

describe('bad station files are refused at start, with the way back', () => {
  for (const [what, make, reason] of CASES) {
    it(what, async () => {
      const { file, newest } = await stationWith(make);
      const isDir = fs.statSync(file).isDirectory();
      const before = isDir ? null : sha256(file);
      const r = await cli(['serve', '--db', file, '--port', '0', '--ingest-port', '0']);
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      const line = lines[0]!;
      expect(line).toContain(file);
      expect(line).toMatch(reason);
      expect(line).toContain(`Newest backups: ${newest}`);
      const command = /To restore: (dispatch-desk restore .*)$/.exec(line)?.[1];
      expect(command).toBe(`dispatch-desk restore --db "${file}" --from "${newest}"`);
      // Untouched: no station made of it, nothing migrated, no lock left.
      if (before) expect(sha256(file)).toBe(before);
      expect(fs.existsSync(`${file}.lock`)).toBe(false);
      if (isDir) {
        fs.rmdirSync(file); // a folder cannot be renamed over; the user moves it aside first
      }
      // The command it printed brings the station back.
      const args = command!.replace(/^dispatch-desk /, '').match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
      const restored = await cli(args);
      expect(restored.code, restored.stderr).toBe(0);
      const back = openDatabase(file);
      expect(back.sqlite.prepare('SELECT count(*) FROM drivers').pluck().get()).toBeGreaterThan(10);
      back.close();
      expect(count(file, 'drivers').integrity).toBe('ok');
    });
  }

  it('only a path that does not exist becomes a new station', async () => {
    const file = path.join(faultDir(), 'brand-new.db');
    const srv = await serve(file);
    expect((await srv.call('app.info')).status).toBe(200);
    await srv.stop();
    expect(count(file, 'drivers')).toEqual({ integrity: 'ok', value: 0 });
  });
});
