import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { openConsole, SCREENSHOTS_DIR } from './helpers';

/**
 * Settings → Backups (issue 11): Back up now, the list, Restore with its confirmation, nothing of
 * it for owners; and the shell's banners — amber for a read-only database (the console turns
 * read-only), red for a degraded one (here: the background integrity check finds a damaged index).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test('backups: back up now, listed with time, kind and size; restore it; owners see no backups', async ({ page }) => {
  await openConsole(page, 'settings');
  const panel = page.getByRole('region', { name: 'Backups', exact: true });
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Backed up \(/ })).toBeVisible();
  const table = panel.getByRole('table', { name: 'Backups' });
  const manual = table.getByRole('row').filter({ hasText: 'Manual' }).first();
  await expect(manual).toContainText(/\d+(\.\d)? (KB|MB)/);
  await shot(page, 'settings-backups');
  await manual.getByRole('button', { name: 'Restore…' }).click();
  const dlg = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dlg).toContainText('kept as a backup first');
  await dlg.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Restored the station/ })).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole('row').filter({ hasText: 'Before a restore' }).first()).toBeVisible();
  // The console still works on the restored station.
  await page.evaluate(() => (window.location.hash = '#/roster'));
  await expect(page.getByRole('table', { name: 'Drivers' }).locator('tbody tr[data-row-id]').first()).toBeVisible();

  // An owner: no Backups panel, no commands.
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await page.getByRole('button', { name: 'Create owner token' }).click();
  const create = page.getByRole('dialog', { name: 'Create owner token' });
  await create.getByLabel('Who is it for?').fill('Backup Owner');
  await create.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').innerText()).trim();
  const owner = await page.context().browser()!.newPage({ viewport: { width: 1440, height: 900 } });
  await owner.goto(`${new URL(page.url()).origin}/#token=${token}`);
  await expect(owner.getByText(/Read-only · Backup Owner/)).toBeVisible();
  await owner.evaluate(() => (window.location.hash = '#/settings'));
  await expect(owner.getByRole('heading', { name: 'Station' })).toBeVisible();
  await expect(owner.getByRole('region', { name: 'Backups', exact: true })).toHaveCount(0);
  await expect(owner.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
  await owner.close();
});

/** A served station of our own (`serve --port 0 --json`) for the banner tests. */
async function serveOwn(db: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'serve', '--db', db, '--port', '0', '--ingest-port', '0', '--token', 'e2e-token', '--json', ...args], {
    cwd: root,
    env: { ...process.env, ...(process.env.DESK_E2E_RENDERER ? { DESK_RENDERER_DIR: process.env.DESK_E2E_RENDERER } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        /* not yet */
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { url, child };
}

/** A copy of the e2e station (the demo) in a folder of its own. */
async function seededCopy(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-banner-'));
  const db = path.join(dir, 'station.db');
  const src = new Database(process.env.DESK_E2E_DB!, { readonly: true });
  try {
    await src.backup(db);
  } finally {
    src.close();
  }
  return db;
}

test('a read-only database: amber banner, read-only badge, no write controls', async ({ page }) => {
  test.setTimeout(180_000);
  const db = await seededCopy();
  const { url, child } = await serveOwn(db, ['--read-only']);
  try {
    await page.goto(`${url}/#token=e2e-token`);
    const banner = page.getByTestId('health-banner');
    await expect(banner).toContainText('Read-only');
    await expect(banner).toContainText('opened read-only on purpose');
    await expect(page.getByText('Read-only database')).toBeVisible();
    await page.evaluate(() => (window.location.hash = '#/roster'));
    await expect(page.getByRole('table', { name: 'Drivers' }).locator('tbody tr[data-row-id]').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add driver' })).toHaveCount(0);
    await shot(page, 'banner-read-only');
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(path.dirname(db), { recursive: true, force: true });
  }
});

test('a degraded database: red banner naming the problem and the restore command', async ({ page }) => {
  test.setTimeout(180_000);
  const db = await seededCopy();
  // Damage an index the quick check at open does not read: the full check in the background finds it.
  const d = new Database(db);
  const sql = d.prepare("SELECT sql FROM sqlite_master WHERE name = 'drivers_name_idx'").pluck().get() as string;
  d.unsafeMode(true); // lift SQLite's defensive mode for this one deliberate damage
  d.pragma('writable_schema = ON');
  d.prepare("UPDATE sqlite_master SET sql = ? WHERE name = 'drivers_name_idx'").run(sql.replace(/\(`name`\)/, '(`phone`)'));
  d.close();
  const { url, child } = await serveOwn(db, [], { DESK_INTEGRITY_DELAY_MS: '500' });
  try {
    await page.goto(`${url}/#token=e2e-token`);
    const banner = page.getByTestId('health-banner');
    await expect(banner).toContainText('The station database has a problem', { timeout: 30_000 });
    await expect(banner).toContainText('failed its integrity check');
    await expect(banner).toContainText('dispatch-desk restore --db');
    await expect(banner).toHaveCSS('background-color', 'rgb(161, 42, 34)');
    await shot(page, 'banner-degraded');
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(path.dirname(db), { recursive: true, force: true });
  }
});
