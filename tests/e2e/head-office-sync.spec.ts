import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHeadOfficeServer, type HeadOfficeServer } from '../../electron/headoffice/server';
import { addHeadOfficeToken } from '../../electron/headoffice/tokens';
import { freshDatabase, postgresBinaries, startPostgres, type PostgresCluster } from '../helpers/postgres';
import { apiCall, SCREENSHOTS_DIR, settledPaint } from './helpers';
import { startOwnServer, type OwnServer } from './own-server';

/**
 * The desk pushes in the background and shows it (issue 15): a served desk of its own, a real head
 * office on a private PostgreSQL; Settings → Head office sets it up, the status bar goes from "not
 * set up" to "pushed", to "N pending — unreachable since …" when the head office stops, and back.
 */
const TOKEN = 'e2e-head-office-sync';
let cluster: PostgresCluster | null = null;
let pg: { url: string; drop(): Promise<void> } | null = null;
let ho: HeadOfficeServer | null = null;
let desk: OwnServer;

async function shot(page: Page, name: string) {
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

const startHo = async (port = 0) => {
  ho = await startHeadOfficeServer({ postgres: pg!.url, ownerToken: 'owner-token-for-e2e', port });
  return ho;
};

test.beforeAll(async () => {
  test.skip(!postgresBinaries(), 'PostgreSQL is not installed');
  test.setTimeout(240_000);
  cluster = await startPostgres();
  pg = await freshDatabase(cluster.url);
  await startHo();
  // Short timings so the test waits on the loop's own pace: a push soon after each change, retries every half second.
  desk = await startOwnServer({ token: TOKEN, demo: true, name: 'ho-sync', env: { DESK_SYNC_DEBOUNCE_MS: '300', DESK_SYNC_BACKOFF_MS: '500', DESK_SYNC_BACKOFF_MAX_MS: '1000' } });
});
test.afterAll(async () => {
  await desk?.stop();
  await ho?.close();
  await pg?.drop();
  cluster?.stop();
});

test('status bar: not set up → pushed; head office stopped → pending, unreachable; back → pushed', async ({ page }) => {
  test.setTimeout(180_000);
  const info = await apiCall(page, 'app.info', {}, { base: desk.base, token: TOKEN });
  const code = info.station!.code;
  const { token: pushToken } = await addHeadOfficeToken(ho!.ho.db, code, 'station');

  await page.goto(`${desk.base}/#token=${TOKEN}`);
  const bar = page.getByTestId('head-office-status');
  await expect(bar).toHaveText('Head office: not set up');
  await expect(bar).toHaveAttribute('data-tone', 'muted');

  // The status bar opens Settings → Head office.
  await bar.click();
  const panel = page.getByRole('region', { name: 'Head office', exact: true });
  await expect(panel).toBeInViewport();
  await panel.getByLabel('Head office URL').fill('ftp://nowhere');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('URL must start with http:// or https://')).toBeVisible();
  await expect(panel.getByText('Push token is required')).toBeVisible();
  await shot(page, 'settings-head-office-invalid');

  await panel.getByLabel('Head office URL').fill(ho!.url);
  await panel.getByLabel('Push token').fill(pushToken);
  await panel.getByRole('button', { name: 'Test connection' }).click();
  await expect(panel.getByTestId('head-office-test')).toContainText(`as station ${code}`);
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByLabel('Push token')).toHaveValue('');
  await expect(panel.getByLabel('Push token')).toHaveAttribute('placeholder', /^set/);

  // The first push sends the whole station; then the bar says so, in green.
  await expect(bar).toHaveText(/^Head office: pushed (just now|1 min ago) · 0 pending$/, { timeout: 90_000 });
  await expect(bar).toHaveAttribute('data-tone', 'ok');
  await shot(page, 'settings-head-office');

  // The head office stops; a change at the desk waits, and the bar says why, in amber.
  const port = ho!.port;
  await ho!.close();
  const drivers = await apiCall(page, 'roster.list', {}, { base: desk.base, token: TOKEN });
  const d = drivers[0]!;
  await apiCall(page, 'roster.upsert', { id: d.id, transporterId: d.transporterId, name: d.name, notes: 'changed while the head office was down' }, { base: desk.base, token: TOKEN });
  await expect(bar).toHaveText(/^Head office: [1-9]\d* pending — unreachable since \d\d:\d\d \(connection refused\)$/, { timeout: 30_000 });
  await expect(bar).toHaveAttribute('data-tone', 'warn');
  await page.evaluate(() => (window.location.hash = '#/roster'));
  await expect(page.getByRole('table', { name: 'Drivers' }).locator('tbody tr[data-row-id]').first()).toBeVisible();
  await shot(page, 'statusbar-head-office-unreachable');

  // Back: the desk catches up on its own.
  await startHo(port);
  await expect(bar).toHaveText(/^Head office: pushed just now · 0 pending$/, { timeout: 30_000 });
  await expect(bar).toHaveAttribute('data-tone', 'ok');
  const held = await ho!.ho.pool.query(`SELECT notes FROM drivers WHERE ho_station = $1 AND id = $2`, [code, d.id]);
  expect(held.rows[0].notes).toBe('changed while the head office was down');
  await shot(page, 'statusbar-head-office-pushed');
});
