/**
 * Committed migrations, one at a time, for upgrade tests: build a database as an older desk left it
 * (`databaseAt(tag)`), put representative rows in, apply the next migration (`applyMigration`), and
 * compare the schema with what drizzle-kit recorded for that migration (`schemaOf` vs
 * `snapshotSchema`). Migrations are applied exactly as drizzle's migrator does it (same statements,
 * one transaction, the same `__drizzle_migrations` row), so `openDatabase` continues from there.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrateWithoutForeignKeyActions, migrationsFolder } from '../../electron/db/open';

export interface Migration {
  idx: number;
  /** e.g. "0005_audit_changes" (the SQL file's name). */
  tag: string;
  statements: string[];
  hash: string;
  when: number;
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** Every committed migration, in order. */
export function committedMigrations(): Migration[] {
  const folder = migrationsFolder();
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const files = readMigrationFiles({ migrationsFolder: folder });
  return journal.entries.map((e, i) => ({ idx: e.idx, tag: e.tag, when: e.when, hash: files[i]!.hash, statements: files[i]!.sql }));
}

/** The tag of the migration named `name` (e.g. "van_classes"), whatever number it got at merge. */
export function migrationTag(name: string): string {
  const m = committedMigrations().find((x) => x.tag.replace(/^\d+_/, '') === name);
  if (!m) throw new Error(`no committed migration named ${name}`);
  return m.tag;
}

/** The tag of the migration before `tag` (`null` before the first). */
export function previousTag(tag: string): string | null {
  const all = committedMigrations();
  const at = all.findIndex((m) => m.tag === tag);
  if (at < 0) throw new Error(`no committed migration ${tag}`);
  return at === 0 ? null : all[at - 1]!.tag;
}

/**
 * Apply one migration the way the desk does (electron/db/open.ts): drizzle's migrator's one
 * transaction, recorded by hash and time, with foreign keys off around it and checked after, so a
 * table rebuild does not cascade-delete its children.
 */
export function applyMigration(sqlite: Database.Database, m: Migration): void {
  sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
  migrateWithoutForeignKeyActions(sqlite, () =>
    sqlite.transaction(() => {
      for (const stmt of m.statements) if (stmt.trim()) sqlite.exec(stmt);
      sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)').run(m.hash, m.when);
    })(),
  );
}

/**
 * A database file at `tag`: every migration up to and including it applied (`null`: an empty file).
 * Foreign keys on, as the desk opens its database. `after(m, db)` runs after each migration, so a
 * test can put in rows in the shape of that time (a station that lived through every version).
 */
export function databaseAt(file: string, tag: string | null, after?: (m: Migration, db: Database.Database) => void): Database.Database {
  const all = committedMigrations();
  const upTo = tag === null ? -1 : all.findIndex((m) => m.tag === tag);
  if (tag !== null && upTo < 0) throw new Error(`no committed migration ${tag}`);
  const sqlite = new Database(file);
  sqlite.pragma('foreign_keys = ON');
  for (const m of all.slice(0, upTo + 1)) {
    applyMigration(sqlite, m);
    after?.(m, sqlite);
  }
  return sqlite;
}

/** Tables → columns (name, type, not null, primary key) and indexes (columns, unique): what a migration must produce. */
export interface SchemaShape {
  [table: string]: {
    columns: Record<string, { type: string; notNull: boolean; primaryKey: boolean }>;
    indexes: Record<string, { columns: string[]; unique: boolean }>;
  };
}

/** The shape of a live database (drizzle's bookkeeping and SQLite's own tables left out). */
export function schemaOf(sqlite: Database.Database): SchemaShape {
  const out: SchemaShape = {};
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name`)
    .pluck()
    .all() as string[];
  for (const t of tables) {
    const cols = sqlite.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string; notnull: number; pk: number }[];
    const pkCount = cols.filter((c) => c.pk > 0).length;
    const indexes = (sqlite.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number; origin: string }[]).filter((i) => i.origin === 'c');
    out[t] = {
      // A composite primary key is a table constraint in drizzle's snapshots, not a column flag.
      columns: Object.fromEntries(cols.map((c) => [c.name, { type: c.type.toLowerCase(), notNull: c.notnull === 1 || (c.pk > 0 && pkCount === 1), primaryKey: c.pk > 0 && pkCount === 1 }])),
      indexes: Object.fromEntries(
        indexes.map((i) => [i.name, { columns: (sqlite.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name), unique: i.unique === 1 }]),
      ),
    };
  }
  return out;
}

interface Snapshot {
  tables: Record<
    string,
    {
      columns: Record<string, { type: string; notNull: boolean; primaryKey: boolean }>;
      indexes: Record<string, { columns: string[]; isUnique: boolean }>;
    }
  >;
}

/** The shape drizzle-kit recorded for `tag` (meta/NNNN_snapshot.json): what the schema was when it was generated. */
export function snapshotSchema(tag: string): SchemaShape {
  const file = path.join(migrationsFolder(), 'meta', `${tag.slice(0, 4)}_snapshot.json`);
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const out: SchemaShape = {};
  for (const [name, t] of Object.entries(snap.tables)) {
    out[name] = {
      columns: Object.fromEntries(
        Object.entries(t.columns).map(([c, d]) => [c, { type: d.type.toLowerCase(), notNull: d.notNull || d.primaryKey, primaryKey: d.primaryKey }]),
      ),
      indexes: Object.fromEntries(Object.entries(t.indexes).map(([i, d]) => [i, { columns: d.columns, unique: d.isUnique }])),
    };
  }
  return out;
}
