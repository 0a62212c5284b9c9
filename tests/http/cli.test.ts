/**
 * The CLI as a user runs it (a real child process): exit codes 0 / 2 / 1 with one line on stderr,
 * tokens made and revoked from the CLI while a server runs on the same file, and `serve` itself.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../electron/cli';
import { tempDir } from '../helpers/context';
import { startTestServer, type TestServer } from '../helpers/server';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import tsx electron/cli.ts …` (one process, so signals reach the CLI itself). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Exit-code tables run through the same `main()` in this process (a child process per case costs
 * seconds); the first case of each table also runs as a real child process to prove they agree.
 */
async function runMain(args: string[]): Promise<Run> {
  let stderr = '';
  let stdout = '';
  const origErr = process.stderr.write.bind(process.stderr);
  const origOut = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stderr.write = origErr;
    process.stdout.write = origOut;
  }
}

async function cliAll(list: [string[], number][], env: Record<string, string> = {}): Promise<Run[]> {
  const out: Run[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    for (const [args] of list) out.push(await runMain(args));
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  const first = await cli(list[0]![0], env);
  expect(first.code, `child process: ${list[0]![0].join(' ')}: ${first.stderr}`).toBe(list[0]![1]);
  expect(oneLine(first), first.stderr).toBe(1);
  return out;
}

const oneLine = (r: Run) => r.stderr.trim().split('\n').filter((l) => !l.startsWith('(node:') && !l.includes('--trace-warnings')).length;

let s: TestServer;
let dir: string;
beforeAll(async () => {
  s = await startTestServer();
  dir = tempDir('desk-cli-');
});
afterAll(async () => s?.close());

describe('token', { timeout: 240_000 }, () => {
  test('create → usable at once by the running server; list; revoke → refused at once', async () => {
    const made = await cli(['token', 'create', '--name', 'Laptop Owner', '--role', 'owner', '--db', s.dbPath]);
    expect(made.code, made.stderr).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect((await s.call('roster.list', {}, token)).status).toBe(200);
    expect((await s.call('roster.upsert', { transporterId: 'CLIOWN1234', name: 'X' }, token)).status).toBe(403);

    const list = await runMain(['token', 'list', '--db', s.dbPath, '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { name: string; role: string; revokedAt: string | null }[];
    expect(rows).toContainEqual(expect.objectContaining({ name: 'Laptop Owner', role: 'owner', revokedAt: null }));
    expect(list.stdout).not.toContain(token);

    const plain = await runMain(['token', 'list', '--db', s.dbPath]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Laptop Owner');

    const revoked = await cli(['token', 'revoke', '--name', 'Laptop Owner', '--db', s.dbPath]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await s.call('roster.list', {}, token)).status).toBe(401);

    const json = await runMain(['token', 'create', '--name', 'Json Owner', '--db', s.dbPath, '--json']);
    expect(json.code).toBe(0);
    const j = JSON.parse(json.stdout) as { id: number; token: string; role: string };
    expect(j.role).toBe('owner');
    const byId = await runMain(['token', 'revoke', '--id', String(j.id), '--db', s.dbPath, '--json']);
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout).revokedAt).toBeTruthy();
  });

  test('invalid input exits 2, other failures 1, each with one line on stderr', async () => {
    await runMain(['token', 'create', '--name', 'Dup Owner', '--db', s.dbPath]);
    const cases: [string[], number][] = [
      [['token', 'create', '--name', 'Dup Owner', '--db', s.dbPath], 2],
      [['token', 'create', '--name', 'bad/name!', '--db', s.dbPath], 2],
      [['token', 'create', '--name', 'x', '--role', 'admin', '--db', s.dbPath], 2],
      [['token', 'create', '--db', s.dbPath], 2],
      [['token', 'create', '--name', 'x', '--bogus', '--db', s.dbPath], 2],
      [['token', 'create', '--name', 'x', '--db', path.join(dir, 'missing.db')], 1],
      [['token', 'list', '--db', path.join(dir, 'missing.db')], 1],
      [['token', 'revoke', '--db', s.dbPath], 2],
      [['token', 'revoke', '--name', 'a', '--id', '1', '--db', s.dbPath], 2],
      [['token', 'revoke', '--id', 'abc', '--db', s.dbPath], 2],
      [['token', 'revoke', '--name', 'Nobody Here', '--db', s.dbPath], 2],
      [['token', 'frobnicate'], 2],
    ];
    const runs = await cliAll(cases);
    runs.forEach((r, i) => {
      expect(r.code, `${cases[i]![0].join(' ')}: ${r.stderr}`).toBe(cases[i]![1]);
      expect(oneLine(r), r.stderr).toBe(1);
    });
  });
});

describe('backup and restore', { timeout: 240_000 }, () => {
  test('exit codes', async () => {
    const backup = path.join(dir, 'copy.db');
    const ok = await cli(['backup', '--db', s.dbPath, '--to', backup]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(fs.statSync(backup).size).toBeGreaterThan(0);
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'not a database at all');
    const target = path.join(dir, 'restored.db');
    const cases: [string[], number][] = [
      [['backup', '--db', s.dbPath], 2],
      [['backup', '--db', path.join(dir, 'nope.db'), '--to', path.join(dir, 'x.db')], 2],
      [['restore', '--db', target], 2],
      [['restore', '--db', target, '--from', path.join(dir, 'nope.db')], 2],
      [['restore', '--db', target, '--from', junk], 2],
      [['restore', '--db', target, '--from', backup, '--json'], 0],
    ];
    const runs = await cliAll(cases);
    runs.forEach((r, i) => expect(r.code, `${cases[i]![0].join(' ')}: ${r.stderr}`).toBe(cases[i]![1]));
  });
});

describe('serve', { timeout: 240_000 }, () => {
  test('bad flags exit 2; a taken port exits 1', async () => {
    const db = path.join(dir, 'serve-flags.db');
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const env = { DESK_RENDERER_DIR: staticDir() };
    const cases: [string[], number][] = [
      [['serve', '--db', db, '--port', 'abc'], 2],
      [['serve', '--db', db, '--port', '70000'], 2],
      [['serve', '--db', db, '--host', 'evil.example'], 2],
      [['serve', '--db', db, '--token', ''], 2],
      [['serve', '--db', db, '--token', 'x'.repeat(300)], 2],
      [['serve', '--db', db, '--token', 'has spaces in it'], 2],
      [['serve', '--db', db, '--bogus'], 2],
      [['serve', '--db', db, '--port'], 2],
      [['serve', '--db', db, '--port', String(taken), '--token', 'TTTTTTTTTTTTTTTTTTTT'], 1],
    ];
    const runs = await cliAll(cases, env);
    blocker.close();
    runs.forEach((r, i) => {
      expect(r.code, `${cases[i]![0].join(' ')}: ${r.stderr}`).toBe(cases[i]![1]);
      expect(oneLine(r), r.stderr).toBe(1);
    });
  });

  test('serves until SIGTERM, prints the URL with the token, stops cleanly', async () => {
    const db = path.join(dir, 'serve.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'serve', '--db', db, '--port', '0', '--json'], {
      env: { ...process.env, DESK_RENDERER_DIR: staticDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const info = await new Promise<{ url: string; consoleUrl: string; token: string; port: number }>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        try {
          resolve(JSON.parse(out));
        } catch {
          /* not complete yet */
        }
      });
      child.on('close', () => reject(new Error(`serve exited: ${err}`)));
    });
    expect(info.token.length).toBeGreaterThanOrEqual(20);
    expect(info.consoleUrl).toBe(`${info.url}/#token=${info.token}`);
    const health = await fetch(`${info.url}/healthz`);
    expect(health.status).toBe(200);
    const list = await fetch(`${info.url}/api/roster.list`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${info.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(list.status).toBe(200);
    const page = await fetch(`${info.url}/`);
    expect(await page.text()).toContain('serve test console');
    const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(err).toContain('Stopped.');
    expect(err).not.toContain(info.token);
  });

  test('--demo seeds an empty database', async () => {
    const db = path.join(dir, 'demo.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'serve', '--demo', '--db', db, '--port', '0', '--json', '--token', 'demo-token-123'], {
      env: { ...process.env, DESK_RENDERER_DIR: staticDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => (out += d));
    const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const started = await Promise.race([
      exit.then(() => null),
      new Promise<{ url: string }>((resolve) => {
        const t = setInterval(() => {
          try {
            resolve(JSON.parse(out));
            clearInterval(t);
          } catch {
            /* wait */
          }
        }, 50);
      }),
    ]);
    expect(started, err).not.toBeNull();
    const list = await fetch(`${started!.url}/api/roster.list`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-token-123', 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = (await list.json()) as { data: unknown[] };
    expect(body.data.length).toBeGreaterThan(10);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });
});

let madeStatic: string | null = null;
function staticDir(): string {
  if (madeStatic) return madeStatic;
  madeStatic = path.join(tempDir('desk-cli-static-'), 'renderer');
  fs.mkdirSync(madeStatic, { recursive: true });
  fs.writeFileSync(path.join(madeStatic, 'index.html'), '<!doctype html><title>serve test console</title>');
  return madeStatic;
}
