#!/usr/bin/env node
/**
 * Build better-sqlite3 for the installed Electron's ABI into build/native/better_sqlite3.node,
 * leaving node_modules' Node build alone (tests and the CLI use it). The main process loads it via
 * better-sqlite3's `nativeBinding` option. Needs Electron's headers from electronjs.org — where that
 * host is unreachable this fails (exit 1) and `npm start` serves the console in the browser instead.
 * Packaged apps do not need this: electron-builder rebuilds native modules for Electron itself.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const src = path.join(root, 'node_modules', 'better-sqlite3');
const work = path.join(root, 'build', 'native', `better-sqlite3-electron-${electronVersion}`);
const out = path.join(root, 'build', 'native', 'better_sqlite3.node');

if (process.argv.includes('--if-missing') && fs.existsSync(out)) process.exit(0);
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
for (const entry of ['binding.gyp', 'src', 'deps', 'package.json']) {
  fs.cpSync(path.join(src, entry), path.join(work, entry), { recursive: true });
}
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
console.error(`Building better-sqlite3 for Electron ${electronVersion}…`);
const r = spawnSync(
  process.execPath,
  [gyp, 'rebuild', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', '--release'],
  {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 15 * 60_000,
    // Under `npm run`, npm's nodedir setting would point node-gyp at Node's headers (wrong ABI).
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(k))),
  },
);
const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
if (r.status !== 0 || !fs.existsSync(built)) {
  fs.rmSync(work, { recursive: true, force: true });
  console.error('rebuild-native: could not build better-sqlite3 for Electron (are Electron headers reachable?)');
  process.exit(1);
}
fs.copyFileSync(built, out);
fs.rmSync(work, { recursive: true, force: true });
console.error(`rebuild-native: ${path.relative(root, out)} ready`);
