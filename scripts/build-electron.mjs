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

import { nodeBundleOptions, preloadBundleOptions } from './lib/esbuild-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');
fs.mkdirSync(outdir, { recursive: true });

const t0 = Date.now();
const main = nodeBundleOptions(root, 'electron/main.ts', path.join(outdir, 'main.cjs'));
await Promise.all([
  build(main),
  build(nodeBundleOptions(root, 'electron/cli.ts', path.join(outdir, 'cli.cjs'))),
  build(preloadBundleOptions(root, 'electron/preload.ts', path.join(outdir, 'preload.cjs'))),
]);
const size = (f) => `${(fs.statSync(path.join(outdir, f)).size / 1024).toFixed(0)} KB`;
console.log(`dist/electron: main.cjs ${size('main.cjs')}, preload.cjs ${size('preload.cjs')}, cli.cjs ${size('cli.cjs')} (${Date.now() - t0} ms)`);
