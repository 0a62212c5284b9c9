import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS_DIR, apiCall, settledPaint } from './helpers';
import { startOwnServer, type OwnServer } from './own-server';
import { demoCortexList } from './demo-cortex';

/**
 * The afternoon on the demo station: Amazon's Cortex route list taken at 14:05 (built from the
 * day's routes and drivers, in the Cortex shape) is imported from the board's Behind tab; the
 * behind list shows the figures behind each verdict, a rescue is suggested and recorded, the map
 * shows the same list as a side-panel section, and the close-of-day view is ticked.
 */
const TOKEN = 'progress-e2e-token';
let server: OwnServer;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({ token: TOKEN, demo: true, name: 'progress' });
});
test.afterAll(async () => {
  await server?.stop();
});

test('behind list, rescue suggestion and close of day from an imported Cortex route list', async ({ page }) => {
  test.setTimeout(180_000);
  const opts = { base: server.base, token: TOKEN };
  await page.goto(`${server.base}/#token=${TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  const info = await apiCall(page, 'app.info', {}, opts);
  const today = info.today;
  const board = await apiCall(page, 'board.list', { date: today }, opts);
  const assigned = board.routes.filter((r) => r.driver).slice(0, 16);
  expect(assigned.length).toBeGreaterThan(8);

  // 14:05 at the station: each route's stops done from a pace around the plan (two well behind, three complete).
  const asOfMin = 14 * 60 + 5;
  const list = await demoCortexList(assigned, today, '14:05', (b, i, all) => {
    const [h, m] = b.wave.split(':').map(Number) as [number, number];
    const onRoadH = Math.max(0, (asOfMin - (h * 60 + m)) / 60);
    const factor = [0.55, 0.7, 1.3, 1.05, 1, 0.95, 1.2][i % 7]!;
    return i % 5 === 4 ? all : Math.min(all, Math.round((all / (b.plannedDurationMin / 60)) * onRoadH * factor));
  });

  await page.evaluate(() => (window.location.hash = '#/board'));
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: /Behind/ }).click();
  await page.getByLabel('Import progress (Cortex list)').setInputFiles({ name: list.fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(list.bytes) });
  await expect(page.getByText(/Progress of \d+ routes imported/)).toBeVisible();
  const behind = page.getByTestId('behind-list');
  await expect(behind).toBeVisible();
  const items = behind.locator('.behind-item');
  expect(await items.count()).toBeGreaterThanOrEqual(2);
  await expect(items.first()).toContainText(/min past (plan|on-duty limit|plan and limit)/);
  await expect(items.first()).toContainText(/Stops\d+\/\d+/);
  await expect(items.first()).toContainText(/plan \d\d:\d\d · limit \d\d:\d\d/);
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'progress-behind-board.png') });

  // A rescue for the first behind route: ranked candidates with the arithmetic; record the top one.
  await items.first().getByRole('button', { name: 'Rescue…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('rescue-candidates')).toBeVisible();
  await expect(dialog.locator('.rescue-math').first()).toContainText(/left; driver does .* so \d+ to take/);
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'progress-rescue.png') });
  await dialog.getByRole('button', { name: 'Record rescue' }).first().click();
  await expect(page.getByText(/Rescue recorded: /)).toBeVisible();
  expect(await apiCall(page, 'rescues.list', { from: today, to: today }, opts)).toHaveLength(1);

  // The map: the same list as a side-panel section.
  await page.evaluate(() => (window.location.hash = '#/map'));
  const section = page.locator('[data-section="behind"]');
  await expect(section.getByTestId('behind-list')).toBeVisible();
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'progress-behind-map.png') });

  // Close of day: complete routes are back by the list, phones and keys ticked (audited).
  await page.evaluate(() => (window.location.hash = '#/board'));
  await page.getByRole('tab', { name: /Behind/ }).click();
  await page.getByRole('button', { name: 'Close of day…' }).click();
  const close = page.getByRole('dialog');
  await expect(close.getByTestId('close-table')).toBeVisible();
  const first = assigned[0]!.code;
  // Controlled boxes: ticked once the desk has the write.
  await close.getByLabel(`Phone returned ${first}`).click();
  await expect(close.getByLabel(`Phone returned ${first}`)).toBeChecked();
  await close.getByLabel(`Keys returned ${first}`).click();
  await expect(close.getByLabel(`Keys returned ${first}`)).toBeChecked();
  await close.getByLabel(`RTS packages ${first}`).fill('4');
  await close.getByLabel(`RTS packages ${first}`).blur();
  await expect(close.getByTestId('close-totals')).toContainText('RTS 4');
  await expect(close.getByTestId('close-totals')).toContainText(/phones 1\//);
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'progress-close-of-day.png') });
  const day = await apiCall(page, 'close.day', { date: today }, opts);
  expect(day.routes.find((r) => r.routeCode === first)).toMatchObject({ phoneReturned: true, keysReturned: true, rtsPackages: 4 });
});
