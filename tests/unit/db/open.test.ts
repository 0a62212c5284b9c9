import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStation } from '../../../electron/db/backup';
import { migrationsFolder, openDatabase } from '../../../electron/db/open';
import { restoreStation } from '../../../electron/db/restore';
import { tempDir } from '../../helpers/context';

describe('station database', () => {
  it('migrates an empty file, with WAL and foreign keys on', () => {
    const file = path.join(tempDir(), 'a.db');
    const { sqlite, close } = openDatabase(file);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of ['station', 'drivers', 'driver_days', 'vans', 'devices', 'routes', 'assignments', 'audit_log', 'settings', 'api_tokens']) {
      expect(tables).toContain(t);
    }
    close();
  });

  it('reopening applies nothing; a new migration is applied after an automatic backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'b.db');
    openDatabase(file).close();
    const again = openDatabase(file);
    expect(again.backupPath).toBeNull();
    again.sqlite.prepare(`INSERT INTO drivers (transporter_id, name) VALUES ('A1B2C3D4E5F6G7', 'Ana Ruiz')`).run();
    again.close();

    // A newer build: the committed migrations plus one more.
    const folder = path.join(dir, 'migrations');
    fs.cpSync(migrationsFolder(), folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
    const last = journal.entries[journal.entries.length - 1];
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_test_extra' });
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    fs.writeFileSync(path.join(folder, '9999_test_extra.sql'), 'CREATE TABLE test_extra (id integer primary key);');
    process.env.DESK_MIGRATIONS_DIR = folder;
    try {
      const upgraded = openDatabase(file);
      expect(upgraded.backupPath).not.toBeNull();
      expect(upgraded.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name='test_extra'`).get()).toBeTruthy();
      upgraded.close();
      // The backup is the database as it was before the migration, data included.
      const backup = openDatabase(upgraded.backupPath!, { readonly: true, migrate: false });
      expect(backup.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name='test_extra'`).get()).toBeUndefined();
      expect(backup.sqlite.prepare('SELECT name FROM drivers').all()).toEqual([{ name: 'Ana Ruiz' }]);
      backup.close();
    } finally {
      delete process.env.DESK_MIGRATIONS_DIR;
    }
  });

  it('refuses a database migrated by an unknown history', () => {
    const file = path.join(tempDir(), 'c.db');
    const { sqlite, close } = openDatabase(file);
    sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('x', 1);
    close();
    expect(() => openDatabase(file)).toThrow(/newer or different version/);
  });

  it('refuses a file that is not a database, with a clear message', () => {
    const file = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(file, 'this is not sqlite at all, just text '.repeat(200));
    expect(() => openDatabase(file)).toThrow(/not a SQLite database/);
  });

  it('backs up and restores', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'd.db');
    const opened = openDatabase(file);
    opened.sqlite.prepare(`INSERT INTO drivers (transporter_id, name) VALUES ('A1B2C3D4E5F6G7', 'Ana Ruiz')`).run();
    await backupStation(opened.sqlite, file, path.join(dir, 'backup.db'));
    opened.sqlite.prepare(`DELETE FROM drivers`).run();
    opened.close();
    const { keptPrevious } = await restoreStation(file, path.join(dir, 'backup.db'));
    expect(keptPrevious && fs.existsSync(keptPrevious)).toBeTruthy();
    const again = openDatabase(file);
    expect(again.sqlite.prepare('SELECT name FROM drivers').all()).toEqual([{ name: 'Ana Ruiz' }]);
    again.close();
    await expect(restoreStation(file, path.join(dir, 'missing.db'))).rejects.toThrow(/no file at this path/);
    fs.writeFileSync(path.join(dir, 'bad.db'), 'nope');
    await expect(restoreStation(file, path.join(dir, 'bad.db'))).rejects.toThrow(/not a SQLite database/);
  });
});
