import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/**
 * Console e2e: Debian's Chromium against `serve --demo` on a fresh temp database each run.
 * The renderer must be built first (`npm run build:renderer`; `npm test` does it).
 */
export const E2E_PORT = Number(process.env.DESK_E2E_PORT ?? 48765);
export const E2E_TOKEN = 'e2e-token';
/** The shared server's ingest port: its own, so parallel runs (and a desk on 5055) never collide. */
export const E2E_INGEST_PORT = Number(process.env.DESK_E2E_INGEST_PORT ?? E2E_PORT + 1000);
/** Point the run at an already running console instead (e.g. while developing): DESK_E2E_URL + DESK_E2E_TOKEN. */
const external = process.env.DESK_E2E_URL;
// Decided once in the runner process and handed to workers through the environment.
// In a folder of its own: the desk keeps its automatic backups in `backups/` beside the database.
process.env.DESK_E2E_DB ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-')), 'station.db');
const db = process.env.DESK_E2E_DB;
// Serve a private copy of the built console, so a rebuild of dist/renderer during the run (another
// terminal, another test run) cannot pull the files from under the browser.
const built = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
if (!process.env.DESK_E2E_RENDERER && fs.existsSync(path.join(built, 'index.html'))) {
  const copy = path.join(os.tmpdir(), `desk-e2e-renderer-${Date.now()}-${process.pid}`);
  fs.cpSync(built, copy, { recursive: true });
  process.env.DESK_E2E_RENDERER = copy;
}
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/**
 * Under the weekday sweep (scripts/weekday-sweep.mjs: libfaketime via LD_PRELOAD) the server and this
 * runner see the faked day, but Chromium hangs under libfaketime: the browser — and its Playwright
 * driver, see real-clock-browser.ts — get the real clock, and the console follows the desk's clock
 * through app.info's skew like any client whose clock is off.
 */
export const withoutFaketime = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(
    Object.entries({ ...env, LD_PRELOAD: (env.LD_PRELOAD ?? '').split(/[:\s]+/).filter((l) => l && !l.includes('faketime')).join(':') })
      .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '' && !e[0].startsWith('FAKETIME')),
  );
process.env.DESK_E2E_OUT ??= path.join(os.tmpdir(), `desk-e2e-results-${Date.now()}-${process.pid}`);

export default defineConfig({
  testDir: '.',
  globalSetup: './real-clock-browser.ts',
  outputDir: process.env.DESK_E2E_OUT,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: external ?? `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: BROWSER_ARGS,
      ...(process.env.FAKETIME ? { env: withoutFaketime(process.env) } : {}),
    },
    trace: 'off',
  },
  webServer: external
    ? undefined
    : {
        command: `npx tsx electron/cli.ts serve --demo --db "${db}" --port ${E2E_PORT} --token ${E2E_TOKEN} --ingest-port ${E2E_INGEST_PORT}`,
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        url: `http://127.0.0.1:${E2E_PORT}/healthz`,
        env: process.env.DESK_E2E_RENDERER ? { DESK_RENDERER_DIR: process.env.DESK_E2E_RENDERER } : {},
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
