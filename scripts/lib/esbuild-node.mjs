// esbuild options for the Node-side bundles (main process, CLI, preload): shared by scripts/build-electron.mjs
// and the fault suite's global setup (tests/faults/setup.ts), which compiles the CLI once so its
// many child processes start without tsx.
import fs from 'node:fs';
import path from 'node:path';

/**
 * The sandboxed preload's options: one CJS file for Node with everything but `electron` bundled in
 * (no Node-side shims: it has no require of its own).
 * @returns {import('esbuild').BuildOptions}
 */
export function preloadBundleOptions(root, entry, outfile) {
  return { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root, entryPoints: [entry], outfile, external: ['electron'] };
}

/**
 * Options for bundling `entry` (e.g. 'electron/cli.ts') of the project at `root` into `outfile`.
 * @returns {import('esbuild').BuildOptions}
 */
export function nodeBundleOptions(root, entry, outfile) {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return {
    ...preloadBundleOptions(root, entry, outfile),
    // npm dependencies stay external (they ship in node_modules; better-sqlite3 is native).
    packages: 'external',
    external: ['electron', 'better-sqlite3'],
    // Modules written as ESM use import.meta.url to find files; in the CJS bundle it comes from __filename.
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl', __DESK_VERSION__: JSON.stringify(version) },
  };
}
