/**
 * The fault suite's tools: the compiled CLI as real child processes (killed with SIGKILL or at
 * named crash points, DESK_CRASH_AT), a served station, and what a test checks afterwards — the
 * file opens, passes SQLite's integrity check, and holds all or nothing of what was written.
 */
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, inject } from 'vitest';
import { backupStation } from '../../electron/db/backup';
import { openDatabase } from '../../electron/db/open';
import { seedDemo } from '../../electron/services/demo/seed';
import { systemClock } from '../../shared/dates';
import { EventBus } from '../../shared/events';
import { listeningJson, projectRoot, spawnCli, type Run } from '../helpers/child-cli';

// Folders this file's tests made; removed after the file (stations here are several MB each).
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed when the test file is done. */
export function faultDir(prefix = 'desk-fault-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export type { Run };

const root = projectRoot;

export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DESK_MIGRATIONS_DIR: path.join(root, 'electron', 'db', 'migrations'),
    DESK_ASSETS_DIR: path.join(root, 'assets'),
    DESK_RENDERER_DIR: inject('faultRenderer'),
    DESK_DATA_DIR: faultDir('desk-fault-home-'),
    ...extra,
  };
}

/** Start the compiled CLI; `crashAt` names the point where it kills itself (SIGKILL). */
export function startCli(args: string[], opts: { env?: Record<string, string>; crashAt?: string } = {}): { child: ChildProcess; done: Promise<Run> } {
  return spawnCli(inject('faultCli'), args, cliEnv({ ...opts.env, ...(opts.crashAt ? { DESK_CRASH_AT: opts.crashAt } : {}) }));
}

export const cli = (args: string[], opts: { env?: Record<string, string>; crashAt?: string } = {}) => startCli(args, opts).done;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Served {
  url: string;
  token: string;
  pid: number;
  child: ChildProcess;
  ingestUrl: string | null;
  /** POST /api/<channel> with the desk token. */
  call(channel: string, input?: unknown): Promise<{ status: number; headers: Headers; body: any }>;
  /** SIGTERM and wait. */
  stop(): Promise<Run>;
  /** SIGKILL and wait. */
  kill(): Promise<Run>;
  done: Promise<Run>;
}

/** `serve --json` on `db` (port 0); resolves once it answers, rejects with its stderr when it exits instead. */
export async function serve(db: string, opts: { args?: string[]; env?: Record<string, string>; crashAt?: string; ingest?: boolean } = {}): Promise<Served> {
  const ingestPort = opts.ingest ? await freePort() : 0;
  // `--token=…`: a base64url token can begin with '-', which parseArgs would take for an option (1 run in 64).
  const token = crypto.randomBytes(18).toString('base64url');
  const { child, done } = startCli(['serve', '--db', db, '--port', '0', '--ingest-port', String(ingestPort), `--token=${token}`, '--json', ...(opts.args ?? [])], opts);
  const info = await listeningJson<{ url: string }>(child, done, 'serve');
  const call = async (channel: string, input: unknown = {}) => {
    const res = await fetch(`${info.url}/api/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { status: res.status, headers: res.headers, body: body as any };
  };
  return {
    url: info.url,
    token,
    pid: child.pid!,
    child,
    ingestUrl: opts.ingest ? `http://127.0.0.1:${ingestPort}` : null,
    call,
    done,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return done;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return done;
    },
  };
}

/** A seeded demo station (today = the real today, as the served desk sees it) in a fresh folder. */
export function demoStation(name = 'station.db', dir = faultDir('desk-fault-')): string {
  const file = path.join(dir, name);
  const opened = openDatabase(file);
  seedDemo({ db: opened.db, clock: systemClock, actor: { name: 'demo', role: 'desk' }, events: new EventBus(), dbPath: file });
  opened.close();
  return file;
}

/** A checked backup made in this process (for setting a test up: the backup is not what it kills). */
export async function backupInProcess(db: string, to: string): Promise<void> {
  const o = openDatabase(db, { readonly: true, migrate: false });
  try {
    await backupStation(o.sqlite, db, to);
  } finally {
    o.close();
  }
}

/** Open with plain SQLite, read-only: integrity, and a value (or an error message when it cannot be read). */
export function inspect<T>(file: string, read: (db: Database.Database) => T): { integrity: string; value: T } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? 'ok';
    return { integrity, value: read(db) };
  } finally {
    db.close();
  }
}

export const count = (file: string, table: string, where = '1') => inspect(file, (db) => db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number);

export const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Wait until `cond` holds (polling), or throw after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
