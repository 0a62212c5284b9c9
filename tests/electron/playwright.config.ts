import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Electron e2e with Playwright's `_electron`. Skips with a clear message where no Electron runtime
 * is installed (its download is blocked here); CI with network runs it under `xvfb-run -a`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: path.join(os.tmpdir(), 'desk-electron-results'),
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
