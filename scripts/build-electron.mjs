#!/usr/bin/env node
// Bundle the Electron main process and preload with esbuild:
//   dist/electron/main.cjs     (node platform, CJS; npm dependencies stay external: they ship in node_modules,
//                              and better-sqlite3 is native)
//   dist/electron/preload.cjs  (sandboxed preload: everything but `electron` bundled in)
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
const importMetaUrl = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

const t0 = Date.now();
await Promise.all([
  build({
    ...common,
    ...importMetaUrl,
    entryPoints: ['electron/main.ts'],
    outfile: path.join(outdir, 'main.cjs'),
    packages: 'external',
    external: ['electron', 'better-sqlite3'],
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
  }),
]);
const size = (f) => `${(fs.statSync(path.join(outdir, f)).size / 1024).toFixed(0)} KB`;
console.log(`dist/electron: main.cjs ${size('main.cjs')}, preload.cjs ${size('preload.cjs')} (${Date.now() - t0} ms)`);
