// Where the Electron runtime is, or why there is none. The `electron` npm package exports the path of
// its binary, or throws when its install script never downloaded it (allowScripts keeps it off here).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** `{ bin }` when the runtime under `root`'s node_modules exists, else `{ missing: true, detail }`. */
export function findElectron(root) {
  let bin;
  try {
    bin = createRequire(path.join(root, 'package.json'))('electron');
  } catch (err) {
    return { missing: true, detail: String(err?.message ?? err).split('\n')[0] };
  }
  if (typeof bin === 'string' && fs.existsSync(bin)) return { bin };
  return { missing: true, detail: `no Electron binary at ${bin}` };
}

/** Whether a window can open: always off Linux; on Linux an X or Wayland display must be set. */
export function hasDisplay(env = process.env) {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
