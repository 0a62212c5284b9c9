#!/usr/bin/env node
/**
 * `npm start`: build what is missing or stale, then open the Electron window on the embedded demo
 * database (seeded on first start in the user data folder). Where no Electron runtime can be had
 * (its download is blocked, or there is no display), say why and where the same console is served
 * (http://127.0.0.1:<port>/#token=…) in one line, and serve it.
 *
 *   npm start [-- --db PATH] [-- --port N] [-- --ingest-port N] [-- --web]
 *   --db PATH   use this station database instead of the demo one (no demo seeding)
 *   --port N    port for the served console (default 48700, or a free one if taken; 0 = any free port)
 *   --web       skip Electron and serve the console
 *   --ingest-port N  telematics ingest port (default 5055, 0 = off)
 * DESK_RENDERER_DIR serves an already built console from that folder (no build).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findElectron, hasDisplay } from './lib/electron-runtime.mjs';
import { newestMtime } from './lib/newest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: { db: { type: 'string' }, port: { type: 'string' }, 'ingest-port': { type: 'string' }, web: { type: 'boolean' } },
  strict: true,
});

function userDataDir() {
  if (process.env.DESK_DATA_DIR) return process.env.DESK_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Dispatch Desk');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Dispatch Desk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Dispatch Desk');
}

const dataDir = userDataDir();
const demo = !args.db;
const dbPath = path.resolve(args.db ?? path.join(dataDir, 'demo', 'station.db'));

function run(cmd, argv, what) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error(`npm start: ${what} failed`);
    process.exit(1);
  }
}

function ensureRenderer() {
  if (process.env.DESK_RENDERER_DIR) return;
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built >= newestMtime([path.join(root, 'renderer'), path.join(root, 'shared'), path.join(root, 'vite.config.ts')])) return;
  console.error('Building the console (vite build)…');
  run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], 'vite build');
}

const NOT_DOWNLOADED = 'the Electron runtime could not be downloaded (npm start fetches it where the network allows)';

/**
 * The Electron binary, or the reason there is none, said plainly. When the runtime is missing, its
 * download is tried once a day (a failure is remembered in the data folder). The `electron` package's
 * own error ("…failed to install correctly, please delete node_modules/electron…") is wrong advice
 * here, so it is never shown.
 */
function electronRuntime() {
  if (args.web) return { reason: 'serving in the browser (--web)' };
  if (process.env.DESK_NO_ELECTRON === '1') return { reason: 'DESK_NO_ELECTRON=1' };
  let found = findElectron(root);
  const marker = path.join(dataDir, '.electron-download-failed');
  const triedRecently = fs.existsSync(marker) && Date.now() - fs.statSync(marker).mtimeMs < 24 * 3600 * 1000;
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (found.missing && !triedRecently && fs.existsSync(installer)) {
    console.error('The Electron runtime is not installed; trying to download it once…');
    const r = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: 120_000 });
    found = findElectron(root);
    if (found.missing) {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(marker, `electron install.js exit ${r.status} at ${new Date().toISOString()}: ${found.detail}\n`);
    }
  }
  if (found.missing) return { reason: NOT_DOWNLOADED };
  if (!hasDisplay()) return { reason: 'there is no display for the Electron window (DISPLAY is not set)' };
  return found;
}

/** Native better-sqlite3 built for Electron's ABI, kept apart from Node's (see scripts/rebuild-native.mjs). */
function ensureNativeForElectron() {
  if (fs.existsSync(path.join(root, 'build', 'native', 'better_sqlite3.node'))) return true;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'rebuild-native.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

function freePort(preferred) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => {
      const any = net.createServer();
      any.listen(0, '127.0.0.1', () => {
        const p = any.address().port;
        any.close(() => resolve(p));
      });
    });
    s.listen(preferred, '127.0.0.1', () => s.close(() => resolve(preferred)));
  });
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

ensureRenderer();
let runtime = electronRuntime();
if (runtime.bin) {
  run(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], 'building the Electron bundle');
  if (!ensureNativeForElectron()) runtime = { reason: 'better-sqlite3 could not be built for Electron (its headers could not be downloaded)' };
}

if (runtime.bin) {
  const child = spawn(runtime.bin, [root, ...(demo ? ['--demo'] : [])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DESK_DB: dbPath, ...(demo ? { DESK_DEMO: '1' } : {}), ...(args['ingest-port'] !== undefined ? { DESK_INGEST_PORT: args['ingest-port'] } : {}) },
  });
  forward(child);
} else {
  const port = args.port !== undefined ? Number(args.port) : await freePort(48700);
  // `serve --json` answers one JSON line with the console URL (token included); say it in one line.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'electron', 'cli.ts'), 'serve', '--json', '--db', dbPath, '--port', String(port), ...(demo ? ['--demo'] : []), ...(args['ingest-port'] !== undefined ? ['--ingest-port', args['ingest-port']] : [])],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    if (pending === null) return void process.stdout.write(chunk);
    pending += chunk;
    let info;
    try {
      info = JSON.parse(pending);
    } catch {
      return; // the JSON answer is not complete yet
    }
    pending = null;
    console.log(`No Electron window: ${runtime.reason}. The console is served at ${info.consoleUrl} (database ${dbPath}; Ctrl+C stops it).`);
  });
  forward(child);
}
