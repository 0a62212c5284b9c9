/**
 * `npm start` where the Electron runtime cannot be had: one plain line saying it could not be
 * downloaded and where the console is served (with its token), never the `electron` package's
 * "failed to install correctly, please delete node_modules/electron…" advice; and the console
 * really answers there. The runtime is hidden with ELECTRON_OVERRIDE_DIST_PATH (an empty folder)
 * and a fresh "download failed" marker keeps the script from reaching for the network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let child: ChildProcess | null = null;
let tmp = '';

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  child = null;
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it('says in one line that the runtime could not be downloaded and where the console is served', async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-start-'));
  const data = path.join(tmp, 'data');
  const renderer = path.join(tmp, 'renderer');
  const noRuntime = path.join(tmp, 'no-electron');
  for (const d of [data, renderer, noRuntime]) fs.mkdirSync(d);
  fs.writeFileSync(path.join(data, '.electron-download-failed'), 'tried just now\n');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Dispatch Desk</title>');

  child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--port', '0', '--ingest-port', '0'], {
    cwd: root,
    env: { ...process.env, DESK_DATA_DIR: data, DESK_RENDERER_DIR: renderer, ELECTRON_OVERRIDE_DIST_PATH: noRuntime, DESK_NO_ELECTRON: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += String(c)));
  child.stderr!.on('data', (c) => (out += String(c)));

  const line = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const hit = out.split('\n').find((l) => /#token=/.test(l));
      if (hit) resolve(hit);
    };
    child!.stdout!.on('data', look);
    child!.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing the console URL:\n${out}`)));
  });

  expect(line).toMatch(/^No Electron window: the Electron runtime could not be downloaded \(npm start fetches it where the network allows\)\. The console is served at http:\/\/127\.0\.0\.1:\d+\/#token=\S+ /);
  expect(out).not.toMatch(/failed to install correctly|delete node_modules/i);

  const base = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(line)![1];
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  expect(await health.json()).toMatchObject({ ok: true, data: { status: 'ok', version } });
}, 90_000);
