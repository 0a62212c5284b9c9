import fs from 'node:fs';
import { createRequire } from 'node:module';

/** The Electron binary, or why there is none (the npm package throws when its runtime was never downloaded). */
export function electronRuntime(): { bin: string } | { reason: string } {
  let bin: unknown;
  try {
    const require = createRequire(import.meta.url);
    bin = require('electron');
  } catch {
    // The package throws "…failed to install correctly, please delete node_modules/electron…": wrong advice here.
    return { reason: 'Electron runtime not installed (not downloaded: `npm start` fetches it where the network allows)' };
  }
  if (typeof bin !== 'string' || !fs.existsSync(bin)) return { reason: `Electron runtime not installed (no binary at ${String(bin)})` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display for Electron (run under xvfb-run -a)' };
  }
  return { bin };
}
