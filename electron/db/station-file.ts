import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError, type ErrorCode } from '../../shared/errors';
import { backupsDir, formatBytes, listBackups, type BackupFile } from './files';

/**
 * What a file given as a station database is, before anything is written to it. Only a path that
 * does not exist becomes a new station; everything else must already be a sound Dispatch Desk
 * station from this version or an older one. A refusal names the file, the reason, the newest
 * backups and the exact restore command (`StationFileError`, also shown by the desktop app's
 * start-up dialog, which offers that restore).
 */

export type StationFileProblem = 'folder' | 'empty' | 'not-sqlite' | 'damaged' | 'foreign' | 'newer' | 'unreadable' | 'read-only-needs-upgrade';

export interface StationFileDetails {
  file: string;
  problem: StationFileProblem;
  reason: string;
  /** Newest backups first (at most 3). */
  backups: { path: string; at: string; bytes: number; kind: string }[];
  /** `dispatch-desk restore --db … --from …` with the newest backup, or with a placeholder. */
  restoreCommand: string;
}

export class StationFileError extends AppError {
  declare readonly details: StationFileDetails;
  constructor(code: ErrorCode, file: string, problem: StationFileProblem, why: string) {
    // One line: the CLI prints the first line of a message, the desktop dialog shows it whole.
    const reason = why.replace(/\s*\n\s*/g, '; ');
    const backups = listBackups(file).slice(0, 3);
    const restoreCommand = restoreCommandFor(file, backups[0]?.path);
    const list = backups.length
      ? `Newest backups: ${backups.map((b) => `${b.path} (${b.at.slice(0, 16).replace('T', ' ')} UTC, ${formatBytes(b.bytes)})`).join('; ')}.`
      : `No backups found in ${backupsDir(file)}.`;
    super(code, `Cannot open the station database ${file}: ${reason}. It was left untouched. ${list} To restore: ${restoreCommand}`, {
      file,
      problem,
      reason,
      backups: backups.map((b: BackupFile) => ({ path: b.path, at: b.at, bytes: b.bytes, kind: b.kind })),
      restoreCommand,
    } satisfies StationFileDetails);
    this.name = 'StationFileError';
  }
}

const q = (p: string) => `"${p.replace(/"/g, '\\"')}"`;
export const restoreCommandFor = (file: string, from?: string) => `dispatch-desk restore --db ${q(file)} --from ${from ? q(from) : '<backup file>'}`;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The tables every station has, whatever its version (migration 0000). */
export const STATION_TABLES = ['station', 'drivers', 'vans', 'routes', 'settings', 'audit_log', '__drizzle_migrations'];

export interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function readJournal(folder: string): Journal {
  return JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/**
 * Checks that need only the file system: a folder, a zero-byte file, a file without SQLite's
 * header. Returns 'missing' when nothing is there (a new station may be created).
 */
export function checkFileShape(file: string): 'missing' | 'file' {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    throw new StationFileError('UNAVAILABLE', file, 'unreadable', `it cannot be read (${(err as Error).message})`);
  }
  if (st.isDirectory()) throw new StationFileError('UNAVAILABLE', file, 'folder', 'it is a folder, not a database file');
  if (st.size === 0) {
    throw new StationFileError('UNAVAILABLE', file, 'empty', 'it is empty (0 bytes); an empty file is never turned into a new station — a station file this small lost its data');
  }
  const head = Buffer.alloc(16);
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, 16, 0);
  } catch (err) {
    throw new StationFileError('UNAVAILABLE', file, 'unreadable', `it cannot be read (${(err as Error).message})`);
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER)) throw new StationFileError('UNAVAILABLE', file, 'not-sqlite', 'it is not a SQLite database (no SQLite header)');
  return 'file';
}

/** SQLite's quick check (pages, records; no index cross-check): fast enough for every open. */
export function quickCheck(sqlite: Database.Database, file: string): void {
  let problems: string[];
  try {
    problems = (sqlite.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
  } catch (err) {
    throw new StationFileError('UNAVAILABLE', file, 'damaged', `it is damaged (${(err as Error).message})`);
  }
  if (problems.length) throw new StationFileError('UNAVAILABLE', file, 'damaged', `it is damaged (quick_check: ${problems.slice(0, 2).join('; ')})`);
}

/** The full integrity check (every index against its table); [] when sound. */
export function integrityProblems(sqlite: Database.Database, max = 10): string[] {
  return (sqlite.pragma(`integrity_check(${max})`) as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
}

/**
 * Is this open SQLite database a Dispatch Desk station this build can use? Refuses a foreign
 * database (other tables, or no migration of ours) and one migrated by a newer version.
 * Returns the migrations it still needs (tags).
 */
export function checkStationSchema(sqlite: Database.Database, file: string, journal: Journal): string[] {
  const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]);
  const missing = STATION_TABLES.filter((t) => !tables.includes(t));
  if (missing.length > 0) {
    const what = tables.length === 0 ? 'it is an empty SQLite database, not a Dispatch Desk station' : `it is a SQLite database of another program, not a Dispatch Desk station (it has ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? '…' : ''}; no ${missing.slice(0, 3).join(', ')})`;
    throw new StationFileError('UNAVAILABLE', file, 'foreign', `${what}; it is never migrated`);
  }
  const applied = (sqlite.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at').pluck().all() as (number | string)[]).map(Number);
  const known = new Set(journal.entries.map((e) => e.when));
  if (applied.length === 0 || !known.has(journal.entries[0]!.when) || !applied.includes(journal.entries[0]!.when)) {
    throw new StationFileError('UNAVAILABLE', file, 'foreign', 'its migration history is not Dispatch Desk\'s (the first migration is missing); it is never migrated');
  }
  const unknown = applied.filter((a) => !known.has(a));
  if (unknown.length > 0) {
    // Written by a build whose history this one does not know: refuse rather than guess.
    throw new StationFileError(
      'UNAVAILABLE',
      file,
      'newer',
      `it was written by a newer or different version of Dispatch Desk (${unknown.length} unknown migration(s)); use that version, or restore a backup`,
    );
  }
  const appliedSet = new Set(applied);
  return journal.entries.filter((e) => !appliedSet.has(e.when)).map((e) => e.tag);
}

/** Open failures that mean a damaged or non-database file, as a StationFileError. */
export function asStationFileError(err: unknown, file: string): unknown {
  if (err instanceof AppError) return err;
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_NOTADB') return new StationFileError('UNAVAILABLE', file, 'not-sqlite', `it is not a readable SQLite database (${(err as Error).message})`);
  if (code.startsWith('SQLITE_CORRUPT')) return new StationFileError('UNAVAILABLE', file, 'damaged', `it is damaged (${(err as Error).message})`);
  return err;
}
