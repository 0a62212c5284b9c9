import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { AppError } from '../../shared/errors';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type { Database };

export interface OpenOptions {
  /** Take a backup copy before applying pending migrations (default true for files). */
  backupBeforeMigrate?: boolean;
  /** Folder for automatic backups; default `<db dir>/backups`. */
  backupDir?: string;
  /** better-sqlite3 native binding path (the Electron build lives apart from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
}

export interface OpenedDb {
  db: Db;
  sqlite: Database.Database;
  path: string;
  /** Where the pre-migration backup went, if one was taken. */
  backupPath: string | null;
  close(): void;
}

/** Folder of the committed SQL migrations (works from source and from the bundled main process). */
export function migrationsFolder(): string {
  const candidates = [
    process.env.DESK_MIGRATIONS_DIR,
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
    path.resolve(process.cwd(), 'electron/db/migrations'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'meta', '_journal.json')));
  if (!found) throw new Error(`Database migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** Migrations in the folder that the database has not applied yet (drizzle records `created_at` = `when`). */
function pendingMigrations(sqlite: Database.Database, folder: string): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const hasTable = sqlite
    .prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'`)
    .get();
  if (!hasTable) return journal.entries.map((e) => e.tag);
  const applied = sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations ORDER BY created_at').all() as {
    at: number;
  }[];
  const known = new Set(journal.entries.map((e) => e.when));
  const foreign = applied.filter((a) => !known.has(Number(a.at)));
  if (foreign.length > 0) {
    // The database was migrated by a build whose history this one does not know: refuse to start
    // rather than guess (a newer app version wrote it, or the files diverged).
    throw new AppError(
      'CONFLICT',
      `This database was written by a newer or different version of Dispatch Desk (${foreign.length} unknown migration(s)). ` +
        'Use the matching app version, or restore a backup.',
    );
  }
  const appliedSet = new Set(applied.map((a) => Number(a.at)));
  return journal.entries.filter((e) => !appliedSet.has(e.when)).map((e) => e.tag);
}

/** Run SQLite's own integrity check; throws a clear error that points at backups when it fails. */
export function checkIntegrity(sqlite: Database.Database, file: string): void {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new AppError(
      'INTERNAL',
      `The station database ${file} failed its integrity check (${problems.slice(0, 3).join('; ')}). ` +
        `Restore a backup: dispatch-desk restore --db "${file}" --from <backup file>`,
      { problems },
    );
  }
}

export function timestampForFile(d = new Date()): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/**
 * Open (or create) a station database: integrity check, WAL, foreign keys, automatic backup when
 * migrations are pending, then migrations. `:memory:` skips file-only steps.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): OpenedDb {
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const existed = !inMemory && fs.existsSync(file) && fs.statSync(file).size > 0;
  const sqlite = new Database(file, {
    readonly: opts.readonly ?? false,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    if (existed) {
      // A file that is not a database at all fails here with SQLITE_NOTADB.
      try {
        checkIntegrity(sqlite, file);
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError('INTERNAL', `${file} is not a readable Dispatch Desk database: ${(err as Error).message}`);
      }
    }
    if (!inMemory && !opts.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');

    const db = drizzle(sqlite, { schema }) as Db;
    let backupPath: string | null = null;
    if (!opts.readonly) {
      const folder = migrationsFolder();
      const pending = pendingMigrations(sqlite, folder);
      if (pending.length > 0) {
        if (existed && opts.backupBeforeMigrate !== false) {
          const dir = opts.backupDir ?? path.join(path.dirname(path.resolve(file)), 'backups');
          fs.mkdirSync(dir, { recursive: true });
          backupPath = path.join(dir, `${path.basename(file, path.extname(file))}-pre-migrate-${timestampForFile()}.db`);
          sqlite.exec(`VACUUM INTO '${backupPath.replace(/'/g, "''")}'`);
        }
        migrateWithoutForeignKeyActions(sqlite, () => migrate(db, { migrationsFolder: folder }));
      }
    }
    return { db, sqlite, path: file, backupPath, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/**
 * Run migrations with foreign keys off, then check them. drizzle-kit rebuilds a SQLite table (to
 * change a column) by CREATE new / INSERT … SELECT / DROP old / RENAME, and its `PRAGMA
 * foreign_keys=OFF` is ignored inside the migrator's transaction: with keys on, dropping the old
 * table would cascade-delete its children (a DVIR's checklist items). SQLite's own procedure for
 * schema changes: keys off outside the transaction, `foreign_key_check` before committing to it.
 */
export function migrateWithoutForeignKeyActions(sqlite: Database.Database, run: () => void): void {
  sqlite.pragma('foreign_keys = OFF');
  try {
    run();
    const broken = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (broken.length > 0) {
      const first = broken[0]!;
      throw new AppError('INTERNAL', `A migration left ${broken.length} row(s) pointing at missing rows (first: ${first.table} row ${first.rowid} → ${first.parent}); restore the pre-migration backup.`);
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** Consistent online copy of a live database to `dest` (WAL-safe). */
export function backupTo(sqlite: Database.Database, dest: string): void {
  fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
  if (fs.existsSync(dest)) fs.rmSync(dest);
  sqlite.exec(`VACUUM INTO '${path.resolve(dest).replace(/'/g, "''")}'`);
}

/**
 * Replace the database at `file` with the backup `from`, after checking the backup is a sound
 * Dispatch Desk database. The current file is kept beside it as `<name>.before-restore-<ts>.db`.
 */
export function restoreFrom(file: string, from: string): { keptPrevious: string | null } {
  if (!fs.existsSync(from)) throw new AppError('VALIDATION', `Backup file not found: ${from}`);
  const probe = new Database(from, { readonly: true, fileMustExist: true });
  try {
    checkIntegrity(probe, from);
    const ok = probe.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='drivers'`).get();
    if (!ok) throw new AppError('VALIDATION', `${from} is not a Dispatch Desk backup (no drivers table)`);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', `${from} is not a readable SQLite database: ${(err as Error).message}`);
  } finally {
    probe.close();
  }
  let keptPrevious: string | null = null;
  if (fs.existsSync(file)) {
    keptPrevious = file.replace(/(\.db)?$/, `.before-restore-${timestampForFile()}.db`);
    fs.copyFileSync(file, keptPrevious);
  }
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.rmSync(file + suffix);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.copyFileSync(from, file);
  return { keptPrevious };
}
