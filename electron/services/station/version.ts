import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Compiled into the built main process and CLI by scripts/build-electron.mjs; absent when run from source. */
declare const __DESK_VERSION__: string | undefined;

let cached: string | null = null;
/**
 * The app version: the one compiled into the build, or (from source: tsx, vitest) the version in the
 * package.json above this file. Never read from the working folder.
 */
export function appVersion(): string {
  if (cached) return cached;
  if (typeof __DESK_VERSION__ === 'string') return (cached = __DESK_VERSION__);
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dispatch-desk' && pkg.version) return (cached = pkg.version);
    } catch {
      /* no package.json here: one folder up */
    }
    if (path.dirname(dir) === dir) return (cached = 'unknown');
  }
}
