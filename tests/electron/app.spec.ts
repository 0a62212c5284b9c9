/**
 * The desktop app itself: launches Electron on a fresh demo database and checks the window shows
 * the console, `window.desk` works, and the page has no Node, no navigation and no popups.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type {} from '../../shared/desk-api'; // declares window.desk
import { electronRuntime } from './runtime';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const runtime = electronRuntime();
if (!('bin' in runtime)) console.log(`Electron e2e skipped: ${runtime.reason}`);
test.skip(!('bin' in runtime), 'reason' in runtime ? `${runtime.reason} — skipping the Electron e2e` : '');

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  if (!('bin' in runtime)) return;
  for (const [script, what] of [
    ['build-electron.mjs', 'the Electron bundle'],
    ...(fs.existsSync(path.join(root, 'build', 'native', 'better_sqlite3.node')) ? [] : [['rebuild-native.mjs', 'better-sqlite3 for Electron']]),
  ] as [string, string][]) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', script)], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`building ${what} failed`);
  }
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) throw new Error('run npm run build:renderer first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-'));
  app = await electron.launch({
    executablePath: runtime.bin,
    args: [...(process.env.CI ? ['--no-sandbox'] : []), root, '--demo'],
    cwd: root,
    env: { ...process.env, DESK_DATA_DIR: dir, DESK_DB: path.join(dir, 'station.db'), DESK_DEMO: '1' } as Record<string, string>,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
});

test('the window shows the console over window.desk', async () => {
  await expect(page).toHaveTitle(/Dispatch Desk/);
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByText('Roster').first()).toBeVisible();
  const info = await page.evaluate(async () => {
    const r = await window.desk!.invoke('app.info', {});
    return { r, platform: window.desk!.platform };
  });
  expect(info.r).toMatchObject({ ok: true, data: { role: 'desk', actor: 'desk' } });
  expect(info.platform).toBe(process.platform);
  const roster = await page.evaluate(() => window.desk!.invoke('roster.list', {}));
  expect(roster.ok).toBe(true);
  expect((roster as { data: unknown[] }).data.length).toBeGreaterThan(10);
  const bad = await page.evaluate(() => window.desk!.invoke('roster.upsert', { name: 5 }));
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('no Node in the page, no popups, no navigation away', async () => {
  const probe = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    popup: window.open('https://example.com') === null,
  }));
  expect(probe).toEqual({ require: 'undefined', process: 'undefined', popup: true });
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  // window.open was denied: still one window, and it still shows our own page, served over app://.
  const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
  expect(windows).toHaveLength(1);
  expect(windows[0]).toMatch(/^app:\/\/desk\/index\.html/);
  // Nothing outside dist/renderer is reachable through the scheme.
  const outside = await page.evaluate(async () => (await fetch('app://desk/../../package.json').catch(() => null))?.status ?? 'refused');
  expect([404, 'refused']).toContain(outside);
});
