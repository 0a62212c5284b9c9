#!/usr/bin/env node
// Bundle the Electron main process, preload and the CLI with esbuild:
//   dist/electron/main.cjs     (node platform, CJS; npm dependencies stay external: they ship in node_modules,
//                              and better-sqlite3 is native)
//   dist/electron/preload.cjs  (sandboxed preload: everything but `electron` bundled in)
//   dist/electron/cli.cjs      (the `dispatch-desk` CLI, run by bin/dispatch-desk.js: no tsx at run time)
// The app's version is compiled into main and CLI (__DESK_VERSION__), so it never depends on the
// folder the app is started from.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outdir = path.join(root, 'dist', 'electron');
fs.mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

// Modules written as ESM use import.meta.url to find files; in the CJS bundle it comes from __filename.
// Both also get the version constant.
const nodeSide = {
  packages: 'external',
  external: ['electron', 'better-sqlite3'],
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl', __DESK_VERSION__: JSON.stringify(version) },
};

const t0 = Date.now();
await Promise.all([
  build({ ...common, ...nodeSide, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') }),
  build({ ...common, ...nodeSide, entryPoints: ['electron/cli.ts'], outfile: path.join(outdir, 'cli.cjs') }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
  }),
]);
const size = (f) => `${(fs.statSync(path.join(outdir, f)).size / 1024).toFixed(0)} KB`;
console.log(`dist/electron: main.cjs ${size('main.cjs')}, preload.cjs ${size('preload.cjs')}, cli.cjs ${size('cli.cjs')} (${Date.now() - t0} ms)`);
