import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Files around a station database: where its backups live, what they are called, and the small
 * file-system guarantees the backup and restore code relies on (same file?, durable rename).
 */

export type BackupKind = 'auto' | 'manual' | 'pre-migrate' | 'before-restore' | 'before-demo';

export interface BackupFile {
  path: string;
  name: string;
  kind: BackupKind | 'other';
  /** When it was taken (from the name; the file's time when the name carries none). */
  at: string;
  bytes: number;
}

export function timestampForFile(d = new Date()): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/** `2026-11-26T13-00-00-000Z` → ISO, or null. */
function timestampFromName(name: string): string | null {
  const m = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : null;
}

export const stationBaseName = (dbPath: string) => path.basename(dbPath, path.extname(dbPath));
export const backupsDir = (dbPath: string) => path.join(path.dirname(path.resolve(dbPath)), 'backups');

/** `<backups>/<name>-<kind>-<time>.db` beside the station. */
export function backupPathFor(dbPath: string, kind: BackupKind, at = new Date()): string {
  return path.join(backupsDir(dbPath), `${stationBaseName(dbPath)}-${kind}-${timestampForFile(at)}.db`);
}

const KINDS: BackupKind[] = ['auto', 'manual', 'pre-migrate', 'before-restore', 'before-demo'];

/**
 * This station's backups (`<name>-…db` in its backups folder; another station's files in a shared
 * folder are not its own), newest first; temporary files of a backup in progress left out.
 */
export function listBackups(dbPath: string): BackupFile[] {
  const dir = backupsDir(dbPath);
  const base = stationBaseName(dbPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    if (!name.endsWith('.db') || !name.startsWith(`${base}-`)) continue;
    const file = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    const kind = KINDS.find((k) => name.startsWith(`${base}-${k}-`)) ?? 'other';
    out.push({ path: file, name, kind, at: timestampFromName(name) ?? st.mtime.toISOString(), bytes: st.size });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * Is `a` the same file as `b`? Real paths (symlinks resolved) or the same inode (hard links). A
 * path that does not exist yet is compared through its folder's real path.
 */
export function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      try {
        return path.join(fs.realpathSync(path.dirname(path.resolve(p))), path.basename(p));
      } catch {
        return path.resolve(p);
      }
    }
  };
  if (real(a) === real(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** A temporary name in `dir` that nothing else uses (removed by whoever made it, or left as `.…tmp`). */
export const tempNameIn = (dir: string, what: string) => path.join(dir, `.${what}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Make a rename in `dir` durable (a no-op where folders cannot be opened, e.g. Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Remove leftovers of backups or restores that a killed process never finished (`.<what>-<pid>-….tmp`). */
export function removeDeadTemps(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\.[a-z-]+-(\d+)-[0-9a-f]{8}\.tmp(-wal|-shm|-journal)?$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (err) {
        alive = (err as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (!alive) fs.rmSync(path.join(dir, name), { force: true });
  }
}

export const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(0)} KB` : n < 1073741824 ? `${(n / 1048576).toFixed(1)} MB` : `${(n / 1073741824).toFixed(2)} GB`;
