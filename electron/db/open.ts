import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { backupPathFor, fsyncDir, tempNameIn, timestampForFile } from './files';
import { healthOf, type StationHealth } from './health';
import { asStationFileError, checkFileShape, checkStationSchema, quickCheck, readJournal, StationFileError } from './station-file';
import { takeBackupSync } from './backup';
import { installCapture, restartEpochIfPushing } from './capture';
import { AppError } from '../../shared/errors';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type { Database };
export { timestampForFile };

export interface OpenOptions {
  /** Take a backup copy before applying pending migrations (default true for files). */
  backupBeforeMigrate?: boolean;
  /** better-sqlite3 native binding path (the Electron build lives apart from Node's). */
  nativeBinding?: string;
  /** Open read-only on purpose (nothing is migrated; writes answer "read-only"). */
  readonly?: boolean;
  /** Create a new station when the path does not exist (default true). */
  create?: boolean;
  /** Run `PRAGMA quick_check` on an existing file (default true). */
  quickCheck?: boolean;
  /** Apply pending migrations (default true). False: use an older station as it is (backups read it so). */
  migrate?: boolean;
}

export interface OpenedDb {
  db: Db;
  sqlite: Database.Database;
  path: string;
  /** Where the pre-migration backup went, if one was taken. */
  backupPath: string | null;
  /** Why this station is open read-only (a read-only file, folder or mount), or null. */
  readOnlyReason: string | null;
  health: StationHealth;
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

/** Why the file (or its folder, which WAL needs for its -wal/-shm files) cannot be written; null when it can. */
export function whyReadOnly(file: string): string | null {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch (err) {
    return `the file ${file} is read-only (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    return `the folder ${dir} is read-only (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); SQLite needs to write its -wal and -shm files there`;
  }
  return null;
}

function connect(file: string, opts: OpenOptions, readonly: boolean): Database.Database {
  return new Database(file, {
    readonly,
    fileMustExist: true,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
}

function tune(sqlite: Database.Database, writable: boolean): void {
  if (writable) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // A REPLACE that removes a conflicting row fires its DELETE trigger only with this on (capture.ts).
  sqlite.pragma('recursive_triggers = ON');
  // 4 MB of pages (better-sqlite3's build sets 16 MB; SQLite's own default is 2 MB). The page
  // cache is plain malloc'd memory the allocator seldom gives back: an ingest flood, which touches
  // pages all over the positions index, left 16 MB of it behind; the OS file cache serves the rest.
  sqlite.pragma('cache_size = -4000');
}

/**
 * A new station, made whole before it gets its name: created, migrated and closed under a temporary
 * name in the same folder, then renamed. A crash leaves either nothing or a complete station, never
 * an empty file that a later start would have to guess about.
 */
function createStation(file: string, opts: OpenOptions): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  // A -wal or -shm without its database belongs to nothing we can use; it must not be replayed
  // onto the new file.
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, `${file}${suffix}.orphan-${timestampForFile()}`);
  }
  const tmp = tempNameIn(dir, 'creating');
  const sqlite = new Database(tmp, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    tune(sqlite, true);
    migrate(drizzle(sqlite, { schema }), { migrationsFolder: migrationsFolder() });
  } catch (err) {
    sqlite.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(tmp + s, { force: true });
    throw err;
  }
  sqlite.close(); // the last connection checkpoints and removes the -wal
  fs.renameSync(tmp, file);
  fsyncDir(dir);
}

/** Open a read-only WAL database whose folder cannot be written: from a snapshot copy in the temp folder. */
function openSnapshot(file: string, opts: OpenOptions): { sqlite: Database.Database; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-readonly-'));
  const copy = path.join(dir, path.basename(file));
  fs.copyFileSync(file, copy);
  if (fs.existsSync(file + '-wal')) fs.copyFileSync(file + '-wal', copy + '-wal');
  const sqlite = connect(copy, opts, true);
  return { sqlite, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Open a station database. Only a path that does not exist becomes a new station; an existing file
 * must be a sound Dispatch Desk station of this version or an older one (refused otherwise with a
 * `StationFileError` naming the file, the reason, the newest backups and the restore command).
 * Then: `PRAGMA quick_check` (the full integrity check runs in the background, see
 * integrity.ts), WAL, foreign keys, and pending migrations after an automatic backup. A file or
 * folder that cannot be written opens read-only (`readOnlyReason`), unless it needs migrating.
 * `:memory:` skips the file steps.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): OpenedDb {
  if (file === ':memory:') {
    const sqlite = new Database(':memory:', opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    tune(sqlite, false);
    const db = drizzle(sqlite, { schema }) as Db;
    migrate(db, { migrationsFolder: migrationsFolder() });
    installCapture(sqlite);
    return { db, sqlite, path: file, backupPath: null, readOnlyReason: null, health: healthOf(sqlite, null), close: () => sqlite.close() };
  }
  if (checkFileShape(file) === 'missing') {
    if (opts.create === false || opts.readonly) throw new StationFileError('UNAVAILABLE', file, 'unreadable', 'there is no file at this path');
    createStation(file, opts);
  }
  const readOnlyReason = opts.readonly ? 'opened read-only on purpose' : whyReadOnly(file);
  let sqlite: Database.Database;
  let cleanup = () => {};
  try {
    sqlite = connect(file, opts, readOnlyReason !== null);
    if (readOnlyReason) sqlite.prepare('SELECT count(*) FROM sqlite_master').get(); // a WAL file in a read-only folder fails here
  } catch (err) {
    if (readOnlyReason && String((err as { code?: unknown }).code) === 'SQLITE_CANTOPEN') {
      ({ sqlite, cleanup } = openSnapshot(file, opts));
    } else throw asStationFileError(err, file);
  }
  const close = () => {
    healthOf(sqlite).dispose();
    sqlite.close();
    cleanup();
  };
  try {
    if (opts.quickCheck !== false) quickCheck(sqlite, file);
    const folder = migrationsFolder();
    const pending = checkStationSchema(sqlite, file, readJournal(folder));
    tune(sqlite, readOnlyReason === null);
    const db = drizzle(sqlite, { schema }) as Db;
    let backupPath: string | null = null;
    if (pending.length > 0 && opts.migrate !== false) {
      if (readOnlyReason) {
        throw new StationFileError('UNAVAILABLE', file, 'read-only-needs-upgrade', `it needs ${pending.length} upgrade(s) from an older version but ${readOnlyReason}`);
      }
      if (opts.backupBeforeMigrate !== false) backupPath = takeBackupSync(sqlite, file, backupPathFor(file, 'pre-migrate'));
      migrateWithoutForeignKeyActions(sqlite, () => migrate(db, { migrationsFolder: folder }));
    }
    if (!readOnlyReason && opts.migrate !== false) {
      installCapture(sqlite);
      // A migration may move data under its triggers (a table rebuild drops them): the head office
      // gets a fresh snapshot rather than a history with a hole in it.
      if (pending.length > 0) restartEpochIfPushing(sqlite);
    }
    const health = healthOf(sqlite, file);
    if (readOnlyReason) health.setReadOnly(readOnlyReason);
    return { db, sqlite, path: file, backupPath, readOnlyReason, health, close };
  } catch (err) {
    close();
    throw asStationFileError(err, file);
  }
}
