import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { backupPathFor, fsyncDir, fsyncFile, listBackups, removeDeadTemps, sameFile, stationBaseName, tempNameIn, type BackupFile, type BackupKind } from './files';
import { lockHolder, lockedError } from './lock';
import { integrityProblems, STATION_TABLES } from './station-file';
import { crashPoint } from './crash-point';

/**
 * Backups of a live station. Every backup is written to a temporary file in the target folder
 * (SQLite's online backup API, or `VACUUM INTO` where the caller must stay synchronous), checked
 * (the full integrity check, and that it is a station) and only then renamed to its name: a
 * failure — a full disk, a kill — never leaves a partial file under the backup's name.
 *
 * Refused targets: the live database itself (same real path or inode, its -wal/-shm too), a
 * station another process holds open (its lock), a file that looks open (a -wal or -shm beside it).
 */

export interface BackupSettings {
  /** Automatic backups kept (older ones are deleted); manual and safety copies are never deleted. */
  keep: number;
  /** Hours between automatic backups while the desk runs (0 = none). */
  everyHours: number;
}

export const BACKUP_SETTINGS_KEY = 'backups';
export const BACKUP_DEFAULTS: BackupSettings = { keep: 7, everyHours: 24 };

/** The stored backup settings over the defaults (read with the raw connection: db/ knows no services). */
/** Any connection that can read a row (the station's, or a read handler's read-only view). */
type SettingsReader = { prepare(source: string): { pluck(): { get(...params: unknown[]): unknown } } };

export function readBackupSettings(sqlite: SettingsReader): BackupSettings {
  let stored: Partial<BackupSettings> = {};
  try {
    const v = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(BACKUP_SETTINGS_KEY) as string | undefined;
    if (v) stored = JSON.parse(v) as Partial<BackupSettings>;
  } catch {
    /* no settings table yet, or unreadable: defaults */
  }
  const int = (v: unknown, min: number, max: number, d: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : d);
  return { keep: int(stored.keep, 1, 365, BACKUP_DEFAULTS.keep), everyHours: int(stored.everyHours, 0, 24 * 30, BACKUP_DEFAULTS.everyHours) };
}

/** Where a backup to `to` goes: a folder gets a `<name>-manual-<time>.db` inside it. */
export function resolveBackupTarget(dbPath: string, to: string): string {
  const abs = path.resolve(to);
  try {
    if (fs.statSync(abs).isDirectory()) return path.join(abs, path.basename(backupPathFor(dbPath, 'manual')));
  } catch {
    /* does not exist yet: a file name */
  }
  return abs;
}

/** The refusals every backup target goes through, before anything is written. */
export function checkBackupTarget(dbPath: string, dest: string): void {
  for (const live of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    if (sameFile(dest, live)) {
      throw new AppError('VALIDATION', `Refusing to back up onto the live database itself (${dest} is ${live}); choose another file`, {
        issues: [{ path: 'to', message: 'is the live database' }],
      });
    }
  }
  const holder = lockHolder(dest);
  if (holder) throw lockedError(dest, holder, `overwrite ${dest} with a backup`);
  if (fs.existsSync(dest)) {
    if (!fs.statSync(dest).isFile()) throw new AppError('VALIDATION', `${dest} is not a file`, { issues: [{ path: 'to', message: 'not a file' }] });
    if (fs.existsSync(`${dest}-wal`) || fs.existsSync(`${dest}-shm`)) {
      throw new AppError('VALIDATION', `Refusing to overwrite ${dest}: it looks open by another program (a -wal or -shm file is beside it)`, {
        issues: [{ path: 'to', message: 'looks open' }],
      });
    }
  }
}

function removeTemp(tmp: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(tmp + s, { force: true });
}

function backupFailed(err: unknown, dest: string): AppError {
  if (err instanceof AppError) return err;
  const code = String((err as { code?: unknown }).code ?? '');
  const full = code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
  return new AppError(
    'UNAVAILABLE',
    full
      ? `Backup failed: the disk holding ${path.dirname(dest)} is full; no backup file was left`
      : `Backup to ${dest} failed (${(err as Error).message}); no backup file was left`,
  );
}

/**
 * Check the copy and give it its name: rollback journal (one self-contained file), the full
 * integrity check, the station's tables; then fsync, rename, fsync the folder.
 */
function verifyAndPlace(tmp: string, dest: string, nativeBinding?: string): void {
  crashPoint('backup:copied');
  const copy = new Database(tmp, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    copy.pragma('journal_mode = DELETE');
    const problems = integrityProblems(copy);
    if (problems.length) throw new AppError('INTERNAL', `The backup copy failed its integrity check (${problems.slice(0, 2).join('; ')}); the station itself may be damaged`);
    const tables = new Set(copy.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).pluck().all() as string[]);
    const missing = STATION_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new AppError('INTERNAL', `The backup copy is not a station (no ${missing.join(', ')})`);
  } finally {
    copy.close();
  }
  fsyncFile(tmp);
  crashPoint('backup:verified');
  fs.renameSync(tmp, dest);
  fsyncDir(path.dirname(dest));
}

export interface BackupResult {
  path: string;
  bytes: number;
  ms: number;
}

/**
 * Back the live station up to `to` (a file, or a folder to put a dated file in), safe while it is
 * being written: SQLite's online backup API from the open connection, WAL included.
 */
export async function backupStation(sqlite: Database.Database, dbPath: string, to: string, opts: { nativeBinding?: string } = {}): Promise<BackupResult> {
  const t0 = Date.now();
  const dest = resolveBackupTarget(dbPath, to);
  await placeCheckedCopy(dbPath, dest, (tmp) => sqlite.backup(tmp), opts.nativeBinding);
  return { path: dest, bytes: fs.statSync(dest).size, ms: Date.now() - t0 };
}

/**
 * The one way a copy of the station reaches `dest`: refused onto the live file, written to a temp
 * file beside it by `write`, verified, then renamed into place — so `dest` is a whole, sound
 * database or absent (never a 0-byte or half-written file on a full disk).
 */
function placeCheckedCopy(dbPath: string, dest: string, write: (tmp: string) => unknown): void;
function placeCheckedCopy(dbPath: string, dest: string, write: (tmp: string) => Promise<unknown>, nativeBinding?: string): Promise<void>;
function placeCheckedCopy(dbPath: string, dest: string, write: (tmp: string) => unknown, nativeBinding?: string): void | Promise<void> {
  checkBackupTarget(dbPath, dest);
  const dir = path.dirname(dest);
  fs.mkdirSync(dir, { recursive: true });
  removeDeadTemps(dir);
  const tmp = tempNameIn(dir, 'backup');
  const fail = (err: unknown): never => {
    removeTemp(tmp);
    throw backupFailed(err, dest);
  };
  try {
    const written = write(tmp);
    if (written instanceof Promise) return written.then(() => verifyAndPlace(tmp, dest, nativeBinding)).catch(fail);
    verifyAndPlace(tmp, dest, nativeBinding);
  } catch (err) {
    fail(err);
  }
}

/** The same, synchronously (`VACUUM INTO`): for the pre-migration copy taken while opening. Returns the path. */
export function takeBackupSync(sqlite: Database.Database, dbPath: string, dest: string): string {
  placeCheckedCopy(dbPath, dest, (tmp) => sqlite.prepare('VACUUM INTO ?').run(tmp));
  return dest;
}

/** Delete automatic backups beyond the newest `keep` (only the `-auto-` kind). */
export function pruneAutoBackups(dbPath: string, keep: number): string[] {
  const removed: string[] = [];
  for (const b of listBackups(dbPath).filter((x) => x.kind === 'auto').slice(keep)) {
    fs.rmSync(b.path, { force: true });
    removed.push(b.path);
  }
  return removed;
}

/** A dated backup of `kind` into the station's backups folder; automatic ones are pruned to `keep`. */
export async function backupToFolder(sqlite: Database.Database, dbPath: string, kind: BackupKind, opts: { nativeBinding?: string } = {}): Promise<BackupResult> {
  const r = await backupStation(sqlite, dbPath, backupPathFor(dbPath, kind), opts);
  if (kind === 'auto') pruneAutoBackups(dbPath, readBackupSettings(sqlite).keep);
  return r;
}

/** The newest automatic backup, if any. */
export const newestAuto = (dbPath: string): BackupFile | undefined => listBackups(dbPath).find((b) => b.kind === 'auto');

/**
 * Automatic backups while the desk runs: one at start when the newest is older than `everyHours`,
 * then every `everyHours`. Failures are reported, never thrown (a backup must not stop the desk).
 */
export function scheduleAutoBackups(
  sqlite: Database.Database,
  dbPath: string,
  report: (line: string) => void,
  opts: { nativeBinding?: string; firstDelayMs?: number } = {},
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const tick = async () => {
    timer = null;
    if (stopped || !sqlite.open) return;
    const { everyHours } = readBackupSettings(sqlite);
    const period = everyHours * 3_600_000;
    if (period > 0) {
      const last = newestAuto(dbPath);
      const age = last ? Date.now() - Date.parse(last.at) : Infinity;
      if (age >= period) {
        try {
          const r = await backupToFolder(sqlite, dbPath, 'auto', opts);
          report(`Automatic backup: ${r.path}`);
        } catch (err) {
          report(`Automatic backup failed: ${(err as Error).message}`);
        }
      }
    }
    if (!stopped) {
      timer = setTimeout(() => void tick(), Math.max(period > 0 ? Math.min(period, 3_600_000) : 3_600_000, 60_000));
      timer.unref?.();
    }
  };
  timer = setTimeout(() => void tick(), opts.firstDelayMs ?? 5_000);
  timer.unref?.();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

export { stationBaseName };
