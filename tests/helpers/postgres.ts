import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
// One place knows where Debian puts PostgreSQL (scripts/check-prereqs.mjs).
import { postgresBin } from '../../scripts/check-prereqs.mjs';

/**
 * A private PostgreSQL for a test run: `initdb` in a temp folder (as the `postgres` user when we are
 * root — the server refuses to run as root), started on a free port in 55400–55499 (or the range in
 * DESK_TEST_PG_PORTS, e.g. 55550-55599, so parallel runs keep apart) on 127.0.0.1 with its socket in
 * that folder. One per run (vitest globalSetup); each test file makes its own database.
 */
export interface PostgresCluster {
  /** Base URL without a database name, e.g. postgres://desk@127.0.0.1:55412 */
  url: string;
  port: number;
  dir: string;
  stop(): void;
}

const asPostgres = (bin: string, args: string[]) =>
  process.getuid?.() === 0 ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The PostgreSQL binaries folder, or null when PostgreSQL is not installed. */
export function postgresBinaries(): string | null {
  return postgresBin();
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pg-'));
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', dir]);
  const init = asPostgres(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'desk', '--no-sync', '-E', 'UTF8', '--locale=C']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const [lo, hi] = (/^(\d+)-(\d+)$/.exec(process.env.DESK_TEST_PG_PORTS ?? '') ?? [0, 55400, 55499]).slice(1).map(Number) as [number, number];
  let port = 0;
  for (let tries = 0; tries < 40 && !port; tries++) {
    const p = lo + Math.floor(Math.random() * (hi - lo + 1));
    if (await portFree(p)) port = p;
  }
  if (!port) throw new Error(`no free port in ${lo}–${hi} for the test PostgreSQL`);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const start = asPostgres(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stderr || start.stdout}\n${fs.readFileSync(path.join(dir, 'log'), 'utf8')}`);
  return {
    url: `postgres://desk@127.0.0.1:${port}`,
    port,
    dir,
    stop() {
      asPostgres(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new empty database on the cluster; returns its URL and a drop function. */
export async function freshDatabase(baseUrl: string, prefix = 'ho'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `${baseUrl}/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: `${baseUrl}/postgres` });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
