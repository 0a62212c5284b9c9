import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import { freePort } from '../helpers/ports';

/**
 * A console of a spec's own: `serve` on free loopback ports with a fresh temp database, for specs
 * that need to know its ports or database (the map's simulator) or that fill it with data nobody
 * else should see (the 3,000-driver scale spec). Stopped, and its folder removed, by `stop()`.
 */
export interface OwnServer {
  base: string;
  token: string;
  dbPath: string;
  ingestPort: number;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));


export async function startOwnServer(opts: { token: string; demo?: boolean; name: string; env?: Record<string, string> }): Promise<OwnServer> {
  const port = await freePort();
  const ingestPort = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `desk-${opts.name}-e2e-`));
  const dbPath = path.join(dir, 'station.db');
  const args = ['--import', 'tsx', 'electron/cli.ts', 'serve', '--db', dbPath, '--port', String(port), '--token', opts.token, '--ingest-port', String(ingestPort)];
  if (opts.demo) args.push('--demo');
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    // The private copy of the built console the config made, when there is one.
    env: { ...process.env, ...(process.env.DESK_E2E_RENDERER ? { DESK_RENDERER_DIR: process.env.DESK_E2E_RENDERER } : {}), ...opts.env },
  });
  let err = '';
  child.stderr!.on('data', (c) => (err += String(c)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const up = async () => {
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${err.slice(-2000)}`);
    return (await fetch(`${base}/healthz`).catch(() => null))?.ok ?? false;
  };
  await expect.poll(up, { timeout: 150_000, intervals: [250, 500, 1000], message: `serve did not start: ${err.slice(-2000)}` }).toBe(true);
  return {
    base,
    token: opts.token,
    dbPath,
    ingestPort,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
