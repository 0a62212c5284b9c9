import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrateWithoutForeignKeyActions, migrationsFolder } from '../../electron/db/open';
import { tempDir } from './context';

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** The committed migrations' tags in order. */
export function migrationTags(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.map((e) => e.tag);
}

/** The tag of the migration named `name` (e.g. "van_classes"), whatever number it got at merge. */
export function migrationTag(name: string): string {
  const tag = migrationTags().find((t) => t.replace(/^\d+_/, '') === name);
  if (!tag) throw new Error(`no migration named ${name}`);
  return tag;
}

/**
 * A station database as a build before migration `tag` made it: every committed migration up to,
 * but not including, `tag`. Fill it with rows in that old shape, then open it with
 * `openDatabase` to run `tag` (and any later ones) the way a real upgrade does.
 */
export function databaseBefore(tag: string, file = path.join(tempDir('desk-migration-'), 'station.db')): { file: string; sqlite: Database.Database } {
  const tags = migrationTags();
  const at = tags.indexOf(tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  const folder = path.join(path.dirname(file), 'migrations-before');
  fs.cpSync(migrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  migrateWithoutForeignKeyActions(sqlite, () => migrate(drizzle(sqlite), { migrationsFolder: folder }));
  return { file, sqlite };
}
