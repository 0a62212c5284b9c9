#!/usr/bin/env node
/**
 * `npm start`: build what is missing or stale, then open the Electron window on the embedded demo
 * database (seeded on first start in the user data folder). Where no Electron runtime can be had
 * (its download is blocked, or there is no display), say why in one line and serve the same console
 * at http://127.0.0.1:<port> instead, printing the URL with its token.
 *
 *   npm start [-- --db PATH] [-- --port N] [-- --web]
 *   --db PATH   use this station database instead of the demo one (no demo seeding)
 *   --port N    port for the served console (default 48700, or a free one if taken)
 *   --web       skip Electron and serve the console
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const { values: args } = parseArgs({
  options: { db: { type: 'string' }, port: { type: 'string' }, web: { type: 'boolean' } },
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

/** Newest modification time of any file under `dirs` (skipping node_modules). */
function newest(dirs) {
  let t = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else t = Math.max(t, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) {
    if (!fs.existsSync(d)) continue;
    if (fs.statSync(d).isDirectory()) walk(d);
    else t = Math.max(t, fs.statSync(d).mtimeMs);
  }
  return t;
}

function run(cmd, argv, what) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error(`npm start: ${what} failed`);
    process.exit(1);
  }
}

function ensureRenderer() {
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built >= newest([path.join(root, 'renderer'), path.join(root, 'shared'), path.join(root, 'vite.config.ts')].filter(fs.existsSync))) return;
  console.error('Building the console (vite build)…');
  run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], 'vite build');
}

/** The Electron binary, or the reason there is none. Tries the runtime download once (remembered). */
function electronRuntime() {
  if (args.web) return { reason: '--web given' };
  if (process.env.DESK_NO_ELECTRON === '1') return { reason: 'DESK_NO_ELECTRON=1' };
  const locate = () => {
    try {
      const bin = require('electron'); // the package exports the binary's path, or throws when not installed
      return typeof bin === 'string' && fs.existsSync(bin) ? { bin } : { reason: `Electron binary missing at ${bin}` };
    } catch (err) {
      return { reason: String(err.message).split('\n')[0] };
    }
  };
  let found = locate();
  const marker = path.join(dataDir, '.electron-download-failed');
  const triedRecently = fs.existsSync(marker) && Date.now() - fs.statSync(marker).mtimeMs < 24 * 3600 * 1000;
  if (!found.bin && !triedRecently && fs.existsSync(path.join(root, 'node_modules', 'electron', 'install.js'))) {
    console.error('Electron runtime not installed; trying to download it once…');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'ignore', timeout: 120_000 });
    found = locate();
    if (!found.bin) {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(marker, `electron install.js exit ${r.status} at ${new Date().toISOString()}\n`);
      found.reason = `the Electron runtime could not be downloaded (${found.reason.replace(/\.$/, '')})`;
    }
  }
  if (found.bin && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (DISPLAY is not set)' };
  }
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
  if (!ensureNativeForElectron()) runtime = { reason: 'better-sqlite3 could not be rebuilt for Electron (no Electron headers)' };
}

if (runtime.bin) {
  const child = spawn(runtime.bin, [root, ...(demo ? ['--demo'] : [])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DESK_DB: dbPath, ...(demo ? { DESK_DEMO: '1' } : {}) },
  });
  forward(child);
} else {
  const port = args.port !== undefined ? Number(args.port) : await freePort(48700);
  console.log(`No Electron window: ${runtime.reason}. Serving the console at http://127.0.0.1:${port} instead (database ${dbPath}).`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'electron', 'cli.ts'), 'serve', '--db', dbPath, '--port', String(port), ...(demo ? ['--demo'] : [])],
    { cwd: root, stdio: 'inherit' },
  );
  forward(child);
}
