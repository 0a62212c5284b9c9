import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { crashPoint } from './crash-point';
import { installCapture, restartEpochIfPushing } from './capture';
import { backupPathFor, backupsDir, fsyncDir, fsyncFile, removeDeadTemps, sameFile, tempNameIn } from './files';
import { healthOf } from './health';
import { acquireStationLock } from './lock';
import { migrationsFolder, openDatabase, type OpenedDb } from './open';
import { checkFileShape, checkStationSchema, integrityProblems, readJournal, StationFileError } from './station-file';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

/**
 * Restore a station from a backup, in this order, so that nothing is touched until the backup has
 * proved sound and nothing is lost if the process dies at any point:
 *
 * 1. the station lock (`restore` refuses while a server or the desktop app holds the station);
 * 2. the candidate is copied (SQLite's backup API) to a temporary file beside the station and
 *    checked there: a SQLite file, the full integrity check, a Dispatch Desk station, a migration
 *    history no newer than this build;
 * 3. the current station is kept in `backups/<name>-before-restore-<time>.db` with the online
 *    backup API (WAL included, so the last writes are in it) — or, when it is too damaged to open,
 *    as a raw copy of its files;
 * 4. the checked copy is renamed over the station (atomic), its old -wal/-shm removed first;
 * 5. the station is opened as usual (an older backup is migrated, after its own backup).
 *
 * The desk's own Restore button (a running app) cannot rename a file its connection has open: it
 * runs the same steps 2–3, then copies the checked backup INTO the live database with SQLite's
 * backup API — one write transaction, atomic, crash-safe — with the desk's writes paused.
 */

export interface RestoreResult {
  db: string;
  restoredFrom: string;
  keptPrevious: string | null;
  migrated: number;
}

function notABackup(from: string, reason: string, details?: unknown): AppError {
  return new AppError('VALIDATION', `${from} cannot be restored: ${reason}. Nothing was changed.`, { issues: [{ path: 'from', message: reason }], ...(details ? { candidate: details } : {}) });
}

/**
 * Step 2: a checked copy of `from` in `dir` (removed again on any refusal). Returns its path and
 * how many migrations it still needs.
 */
export async function stageCandidate(from: string, dbPath: string, opts: { nativeBinding?: string } = {}): Promise<{ tmp: string; pending: number }> {
  const abs = path.resolve(from);
  if (sameFile(abs, dbPath)) throw notABackup(from, 'it is the live station itself');
  try {
    if (checkFileShape(abs) === 'missing') throw notABackup(from, 'there is no file at this path');
  } catch (err) {
    if (err instanceof StationFileError) throw notABackup(from, err.details.reason, err.details);
    throw err;
  }
  const dir = path.dirname(path.resolve(dbPath));
  fs.mkdirSync(dir, { recursive: true });
  removeDeadTemps(dir);
  const tmp = tempNameIn(dir, 'restore');
  const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
  const drop = () => {
    for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(tmp + s, { force: true });
  };
  try {
    let src: Database.Database | null = null;
    try {
      src = new Database(abs, { readonly: true, fileMustExist: true, ...binding });
      await src.backup(tmp);
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (code === 'SQLITE_CANTOPEN') {
        // A WAL backup in a read-only folder: copy its files instead.
        fs.copyFileSync(abs, tmp);
        if (fs.existsSync(abs + '-wal')) fs.copyFileSync(abs + '-wal', tmp + '-wal');
      } else if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
        throw notABackup(from, `it is damaged (${(err as Error).message})`);
      } else throw err;
    } finally {
      src?.close();
    }
    const copy = new Database(tmp, { fileMustExist: true, ...binding });
    try {
      copy.pragma('journal_mode = DELETE');
      const problems = integrityProblems(copy);
      if (problems.length) throw notABackup(from, `it is damaged (integrity_check: ${problems.slice(0, 2).join('; ')})`);
      let pending: string[];
      try {
        pending = checkStationSchema(copy, abs, readJournal(migrationsFolder()));
      } catch (err) {
        if (err instanceof StationFileError) throw notABackup(from, err.details.reason, err.details);
        throw err;
      }
      // A restored desk is a new epoch for the head office (a fresh snapshot, never numbers it already
      // holds), decided here on the copy so the swap installs it in the same atomic step. A copy that
      // still needs migrations gets its new epoch when they run (open.ts).
      if (pending.length === 0) restartEpochIfPushing(copy);
      copy.close();
      fsyncFile(tmp);
      return { tmp, pending: pending.length };
    } finally {
      if (copy.open) copy.close();
    }
  } catch (err) {
    drop();
    const code = String((err as { code?: unknown }).code ?? '');
    if (err instanceof AppError) throw err;
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) throw notABackup(from, `it is damaged (${(err as Error).message})`);
    throw err;
  }
}

/** Copy a database's raw files (main, -wal) to `dest` — for a station too damaged to open. */
function rawCopy(dbPath: string, dest: string): void {
  fs.copyFileSync(dbPath, dest);
  if (fs.existsSync(dbPath + '-wal')) fs.copyFileSync(dbPath + '-wal', dest + '-wal');
  fsyncFile(dest);
}

/**
 * Step 3 for a station nobody has open: keep it with the online backup API (WAL included), then
 * check nobody else has it open either (an exclusive lock). Returns the kept path and the
 * connection still holding that lock (to be closed right after the swap), or null for a file that
 * could not be opened (kept raw).
 */
async function keepClosedStation(dbPath: string, nativeBinding?: string): Promise<{ kept: string | null; holder: Database.Database | null }> {
  if (!fs.existsSync(dbPath) || !fs.statSync(dbPath).isFile()) return { kept: null, holder: null };
  const kept = backupPathFor(dbPath, 'before-restore');
  fs.mkdirSync(backupsDir(dbPath), { recursive: true });
  if (fs.statSync(dbPath).size === 0) {
    rawCopy(dbPath, kept);
    return { kept, holder: null };
  }
  let conn: Database.Database | null = null;
  try {
    conn = new Database(dbPath, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    conn.pragma('busy_timeout = 3000');
    const tmp = tempNameIn(backupsDir(dbPath), 'kept');
    await conn.backup(tmp);
    fs.renameSync(tmp, kept);
    fsyncDir(backupsDir(dbPath));
    // Nobody else may have it open while the file is swapped: hold SQLite's exclusive lock.
    conn.pragma('wal_checkpoint(TRUNCATE)');
    conn.pragma('locking_mode = EXCLUSIVE');
    try {
      conn.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (err) {
      if (String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) {
        throw new AppError('CONFLICT', `Cannot restore: another program has the station ${dbPath} open (an import or a script?); try again when it is done. Nothing was changed.`);
      }
      throw err;
    }
    return { kept, holder: conn };
  } catch (err) {
    conn?.close();
    if (err instanceof AppError) throw err;
    // Too damaged to open or copy through SQLite: keep its files as they are.
    rawCopy(dbPath, kept);
    return { kept, holder: null };
  }
}

/** `dispatch-desk restore`: swap the station file for a checked copy of `from` (the steps above). */
export async function restoreStation(dbPath: string, from: string, opts: { nativeBinding?: string; command?: string } = {}): Promise<RestoreResult> {
  const lock = acquireStationLock(dbPath, opts.command ?? 'dispatch-desk restore', 'restore');
  let tmp: string | null = null;
  try {
    const staged = await stageCandidate(from, dbPath, opts);
    tmp = staged.tmp;
    crashPoint('restore:staged');
    const { kept, holder } = await keepClosedStation(dbPath, opts.nativeBinding);
    crashPoint('restore:kept');
    try {
      // The old -wal/-shm must never be replayed onto the restored file.
      for (const s of ['-wal', '-shm', '-journal']) fs.rmSync(dbPath + s, { force: true });
      fs.renameSync(tmp, dbPath);
      tmp = null;
      fsyncDir(path.dirname(path.resolve(dbPath)));
    } finally {
      // Closing after the rename: whoever opens the station from now on gets the restored file.
      holder?.close();
    }
    crashPoint('restore:swapped');
    // Open as usual: an older backup is migrated now (after its own pre-migration backup).
    const opened = openDatabase(dbPath, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    opened.close();
    return { db: dbPath, restoredFrom: path.resolve(from), keptPrevious: kept, migrated: staged.pending };
  } finally {
    if (tmp) for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(tmp + s, { force: true });
    lock.release();
  }
}

/**
 * The desk's Restore button: the station stays open in this process. Writes are paused (503),
 * the checked backup is copied into the live database in one SQLite transaction, pending
 * migrations run, and everything resumes on the restored data.
 */
export async function restoreIntoOpenStation(opened: OpenedDb, from: string, opts: { nativeBinding?: string } = {}): Promise<RestoreResult> {
  const dbPath = opened.path;
  const health = healthOf(opened.sqlite);
  if (health.readOnly) throw new AppError('UNAVAILABLE', `Cannot restore: the database is read-only: ${health.readOnly}`);
  const staged = await stageCandidate(from, dbPath, opts);
  const resume = health.pause('A restore is in progress; writes resume in a moment');
  try {
    const kept = backupPathFor(dbPath, 'before-restore');
    fs.mkdirSync(backupsDir(dbPath), { recursive: true });
    const keptTmp = tempNameIn(backupsDir(dbPath), 'kept');
    await opened.sqlite.backup(keptTmp);
    fs.renameSync(keptTmp, kept);
    fsyncDir(backupsDir(dbPath));
    crashPoint('restore-live:kept');
    const src = new Database(staged.tmp, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
    try {
      // A few MB per step: one write transaction on the station all along (atomic), the event loop
      // stays responsive between steps.
      await src.backup(dbPath, {
        progress: ({ totalPages, remainingPages }) => {
          if (remainingPages < totalPages / 2) crashPoint('restore-live:copying');
          return 1024;
        },
      });
    } catch (err) {
      throw new AppError(
        'UNAVAILABLE',
        `The running desk could not restore in place (${(err as Error).message}); nothing was changed. Stop the desk and run: dispatch-desk restore --db "${dbPath}" --from "${path.resolve(from)}"`,
      );
    } finally {
      src.close();
    }
    crashPoint('restore-live:copied');
    if (staged.pending > 0) {
      migrate(drizzle(opened.sqlite, { schema }), { migrationsFolder: migrationsFolder() });
      installCapture(opened.sqlite);
      restartEpochIfPushing(opened.sqlite);
    }
    return { db: dbPath, restoredFrom: path.resolve(from), keptPrevious: kept, migrated: staged.pending };
  } finally {
    for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(staged.tmp + s, { force: true });
    resume();
  }
}
