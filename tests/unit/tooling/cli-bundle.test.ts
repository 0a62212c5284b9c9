/**
 * The packaged CLI: `npm run build:electron` compiles electron/cli.ts into dist/electron/cli.cjs,
 * bin/dispatch-desk.js runs it (no tsx at run time), and the version it reports is the app's own,
 * not whatever package.json sits in the working folder. With a build older than the sources (a dev
 * checkout), the bin runs the TypeScript source instead, and reports the same version.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = path.join(root, 'bin', 'dispatch-desk.js');
const compiled = path.join(root, 'dist', 'electron', 'cli.cjs');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
let elsewhere: string;
let builtAt: Date;
const children: ChildProcess[] = [];

beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  builtAt = fs.statSync(compiled).mtime;
  // A working folder with its own package.json and a built console stub: neither may leak into the answer.
  elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-cli-elsewhere-'));
  fs.writeFileSync(path.join(elsewhere, 'package.json'), JSON.stringify({ name: 'dispatch-desk', version: '9.9.9-cwd' }));
  fs.mkdirSync(path.join(elsewhere, 'renderer'));
  fs.writeFileSync(path.join(elsewhere, 'renderer', 'index.html'), '<!doctype html><title>stub</title>');
}, 120_000);

afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGTERM');
      await exited;
    }
  }
  fs.rmSync(elsewhere, { recursive: true, force: true });
  if (builtAt) fs.utimesSync(compiled, builtAt, builtAt); // the build is as fresh as it was
});

/** `dispatch-desk serve --json` from the other folder; resolves with its JSON answer. */
function serveFromElsewhere(db: string): Promise<{ url: string; version: string; pid: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DESK_RENDERER_DIR: path.join(elsewhere, 'renderer') };
  delete env.DESK_MIGRATIONS_DIR; // the bin finds the migrations itself
  const child = spawn(process.execPath, [bin, 'serve', '--json', '--port', '0', '--ingest-port', '0', '--db', db], {
    cwd: elsewhere,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => (err += String(c)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += String(c);
      try {
        resolve({ ...JSON.parse(out), pid: child.pid! });
      } catch {
        /* not complete yet */
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
}

/** Command lines of the processes `pid` started (Linux), e.g. to see whether tsx runs under the bin. */
function childrenOf(pid: number): string[] {
  const r = spawnSync('ps', ['--ppid', String(pid), '-o', 'args='], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}

async function healthVersion(url: string): Promise<string> {
  const r = await fetch(`${url}/healthz`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { data: { version: string } }).data.version;
}

describe('the compiled CLI', () => {
  it('is built, carries the version, and runs from any folder through the bin', async () => {
    expect(fs.existsSync(compiled)).toBe(true);
    expect(fs.readFileSync(compiled, 'utf8')).not.toMatch(/__DESK_VERSION__/);
    const served = await serveFromElsewhere(path.join(elsewhere, 'compiled.db'));
    expect(served.version).toBe(version);
    expect(await healthVersion(served.url)).toBe(version);
    if (process.platform === 'linux') expect(childrenOf(served.pid)).toEqual([]); // served by the bin's own process: no tsx
  }, 60_000);

  it('in a dev checkout with a stale build, the bin runs the sources, with the same version', async () => {
    fs.utimesSync(compiled, new Date(0), new Date(0)); // older than every source file
    const served = await serveFromElsewhere(path.join(elsewhere, 'source.db'));
    expect(served.version).toBe(version);
    expect(await healthVersion(served.url)).toBe(version);
    if (process.platform === 'linux') expect(childrenOf(served.pid).join('\n')).toMatch(/tsx/);
  }, 60_000);
});
