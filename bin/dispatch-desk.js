#!/usr/bin/env node
// The package's `bin`, from any working folder. Runs the compiled CLI (dist/electron/cli.cjs, made by
// `npm run build:electron`) in this process. Only in a development checkout (TypeScript sources and
// tsx present) whose sources are newer than that build, or with no build at all, it runs
// electron/cli.ts through tsx instead, so a stale build never answers for edited code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from '../scripts/lib/newest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const compiled = path.join(root, 'dist', 'electron', 'cli.cjs');
const source = path.join(root, 'electron', 'cli.ts');

function tsxCli() {
  try {
    return require.resolve('tsx/cli');
  } catch {
    return null;
  }
}

const tsx = fs.existsSync(source) ? tsxCli() : null;
const useCompiled = fs.existsSync(compiled) && (!tsx || fs.statSync(compiled).mtimeMs >= newestMtime([path.join(root, 'electron'), path.join(root, 'shared')]));

if (useCompiled) {
  // The bundle finds its data beside the package, like the desktop app does (electron/main.ts).
  process.env.DESK_MIGRATIONS_DIR ||= path.join(root, 'electron', 'db', 'migrations');
  process.env.DESK_PG_MIGRATIONS_DIR ||= path.join(root, 'electron', 'db', 'pg-migrations');
  process.env.DESK_ASSETS_DIR ||= path.join(root, 'assets');
  process.argv[1] = compiled; // the CLI runs its main() when it is the entry point
  require(compiled);
} else if (tsx) {
  const result = spawnSync(process.execPath, [tsx, source, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else {
  console.error('dispatch-desk: the CLI is not built (run npm run build:electron)');
  process.exit(1);
}
