import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * The station lock: `<db>.lock`, a small JSON file `{pid, host, startedAt, command}` created
 * exclusively (O_EXCL) by the process that serves the station (`serve`, the desktop app) and by
 * `restore` while it swaps the file. It stops exactly two things: a second server and a restore.
 * CLI imports, token commands, backups and read-only opens never take it and keep working beside
 * a running server (SQLite's own locking orders their writes).
 *
 * A lock left by a process that died (kill -9, power cut) is stale: on the same host, a pid that
 * no longer runs is taken over; a lock written on another host (a shared folder) is never guessed
 * at and must be removed by hand, as the message says.
 */

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export interface StationLock {
  file: string;
  holder: LockHolder;
  release(): void;
}

export const lockPathFor = (dbPath: string) => `${path.resolve(dbPath)}.lock`;

function readHolder(file: string): LockHolder | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return null;
    return { pid: v.pid, host: v.host, startedAt: String(v.startedAt ?? '?'), command: String(v.command ?? '?') };
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the station now (null when nobody does, or the lock is stale). */
export function lockHolder(dbPath: string): LockHolder | null {
  const file = lockPathFor(dbPath);
  if (!fs.existsSync(file)) return null;
  const holder = readHolder(file);
  if (!holder) {
    // Half-written (the writer died between create and write) and older than a few seconds: stale.
    try {
      return Date.now() - fs.statSync(file).mtimeMs < 5_000 ? { pid: 0, host: os.hostname(), startedAt: '?', command: 'starting' } : null;
    } catch {
      return null;
    }
  }
  if (holder.host !== os.hostname()) return holder;
  if (holder.pid === process.pid) return holder;
  return pidAlive(holder.pid) ? holder : null;
}

export const describeHolder = (h: LockHolder) =>
  `process ${h.pid} on ${h.host}, started ${h.startedAt}: ${h.command}`;

/** The error every refusal uses: names the holder and what to do. */
export function lockedError(dbPath: string, holder: LockHolder, doing: string): AppError {
  const elsewhere = holder.host !== os.hostname();
  return new AppError(
    'CONFLICT',
    `Cannot ${doing}: the station ${dbPath} is in use by ${describeHolder(holder)}. ` +
      (elsewhere
        ? `That computer holds the lock ${lockPathFor(dbPath)}; stop the desk there (or delete the lock file if that computer is gone).`
        : `Stop that process first (the desktop app or "dispatch-desk serve").`),
    { holder },
  );
}

/**
 * Take the station lock for this process, or throw CONFLICT naming who holds it. `command` says
 * what this process is (shown to whoever is refused). The lock is released by `release()` and,
 * as a courtesy, on a normal exit; after kill -9 it goes stale and the next taker clears it.
 */
export function acquireStationLock(dbPath: string, command: string, doing = 'open the station'): StationLock {
  const file = lockPathFor(dbPath);
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command: command.slice(0, 300) };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx', 0o644);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new AppError('UNAVAILABLE', `Cannot create the station lock ${file}: ${(err as Error).message}`);
      }
      const current = lockHolder(dbPath);
      if (current && current.pid !== process.pid) throw lockedError(dbPath, current, doing);
      if (current?.pid === process.pid) throw new AppError('CONFLICT', `This process already holds the station lock ${file}`);
      // Stale (its process is gone): remove it and try again.
      try {
        fs.rmSync(file, { force: true });
      } catch {
        /* another taker removed it first */
      }
      continue;
    }
    try {
      fs.writeSync(fd, JSON.stringify(holder));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      // Only remove the lock if it is still ours.
      if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    };
    process.once('exit', release);
    return { file, holder, release };
  }
  throw new AppError('CONFLICT', `Could not take the station lock ${file} (it kept changing); try again`);
}

/** Refuse when another live process holds the station (used by restore and backup targets). */
export function assertNotHeld(dbPath: string, doing: string): void {
  const holder = lockHolder(dbPath);
  if (holder && holder.pid !== process.pid) throw lockedError(dbPath, holder, doing);
}
