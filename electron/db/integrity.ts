import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { healthOf } from './health';
import { integrityProblems } from './station-file';
import { restoreCommandFor } from './station-file';
import { listBackups } from './files';

/**
 * The full `PRAGMA integrity_check` grows with the positions table, so it runs off the start-up
 * path: in a worker thread with its own read-only connection (the event loop keeps serving), a
 * little after start and then daily. A failure puts an `integrity` problem on the station's health
 * (degraded, the red banner) naming the restore command; the desk keeps running so nothing in
 * memory is lost.
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  db.pragma('busy_timeout = 10000');
  const rows = db.pragma('integrity_check(10)');
  parentPort.postMessage({ problems: rows.map((r) => r.integrity_check).filter((r) => r !== 'ok') });
} catch (e) {
  parentPort.postMessage({ error: String(e && e.message || e) });
} finally {
  if (db) db.close();
}`;

/** Run the full check on `file` without blocking this thread; resolves with the problems ([] = sound). */
export function integrityCheckInWorker(file: string, nativeBinding?: string): Promise<string[]> {
  let module: string;
  try {
    module = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    module = 'better-sqlite3';
  }
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module, nativeBinding } });
    } catch (err) {
      reject(err as Error);
      return;
    }
    worker.once('message', (m: { problems?: string[]; error?: string }) => {
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve(m.problems ?? []);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Run the check on `file` (worker thread; in this thread where workers cannot load the driver) and record the result. */
export async function checkStationIntegrity(sqlite: Database.Database, file: string, nativeBinding?: string): Promise<string[]> {
  let problems: string[];
  try {
    problems = await integrityCheckInWorker(file, nativeBinding);
  } catch {
    problems = integrityProblems(sqlite);
  }
  const health = healthOf(sqlite);
  if (problems.length) {
    const newest = listBackups(file)[0]?.path;
    health.set(
      'integrity',
      `The station database failed its integrity check (${problems.slice(0, 2).join('; ')}). Keep the desk open, take a backup, and restore a sound one: ${restoreCommandFor(file, newest)}`,
    );
  } else health.clear('integrity');
  return problems;
}

/** The background schedule: first after `firstDelayMs` (default 30 s), then every day. Returns a stop function. */
export function scheduleIntegrityChecks(sqlite: Database.Database, file: string, opts: { nativeBinding?: string; firstDelayMs?: number } = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const run = async () => {
    if (stopped || !sqlite.open) return;
    try {
      await checkStationIntegrity(sqlite, file, opts.nativeBinding);
    } catch (err) {
      console.error(`[integrity] check failed to run: ${(err as Error).message}`);
    }
    if (!stopped) {
      timer = setTimeout(() => void run(), 24 * 3_600_000);
      timer.unref?.();
    }
  };
  timer = setTimeout(() => void run(), opts.firstDelayMs ?? 30_000);
  timer.unref?.();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
