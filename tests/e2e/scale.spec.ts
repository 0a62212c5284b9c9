import { expect, test } from '@playwright/test';
import { apiCall } from './helpers';
import { startOwnServer, type OwnServer } from './own-server';

/**
 * The console's tables with thousands of rows: 3,000 drivers imported into a console of this spec's
 * own (its own server and database, so no other spec sees them and the order of spec files does
 * not matter). Checked by what the page holds, not by a stopwatch: the DOM keeps a bounded number
 * of rows (virtualized), the count is right, End reaches the last driver, and a search narrows to
 * exactly the drivers it should.
 */
const TOKEN = 'scale-e2e-token';
const N = 3000;
const tid = (i: number) => `APERF${String(i).padStart(9, '0')}`;
let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({ token: TOKEN, name: 'scale' });
});
test.afterAll(async () => {
  await server?.stop();
});

test('3,000 drivers: bounded DOM rows, the right count, End reaches the last, search narrows exactly', async ({ page }) => {
  test.setTimeout(180_000);
  // One import call through the API (the channel the file picker uses) adds the drivers.
  const header = 'Name and ID,TransporterID,Position,Qualifications,ID expiration,Personal Phone Number,Work Phone Number,Email,Status';
  const lines = Array.from({ length: N }, (_, i) => `Perf Driver ${i} (${tid(i)}),${tid(i)},Delivery Associate,"CDV, EDV",2028-01-${String((i % 28) + 1).padStart(2, '0')},(253) 555-${String(i % 10000).padStart(4, '0')},,perf${i}@example.com,ACTIVE`);
  const result = await apiCall(page, 'roster.import', { fileName: 'perf.csv', content: [header, ...lines].join('\n'), encoding: 'utf8', dryRun: false }, { base: server.base, token: TOKEN });
  expect(result.ok).toBe(true);
  expect(result.added).toHaveLength(N);

  await page.goto(`${server.base}/#token=${TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/roster'));
  const table = page.getByRole('table', { name: 'Drivers' });
  const rows = table.locator('tbody tr[data-row-id]');
  await expect(page.locator('.dt-count')).toHaveText(`${N} drivers`);
  await expect(rows.first()).toContainText('Perf Driver 0');
  // Virtualized: only what is on screen (plus overscan) is in the page, whatever the list's length.
  expect(await rows.count()).toBeLessThan(80);

  // End jumps to the last driver by name (natural order: "Perf Driver 2999" after "… 999"); still few rows in the DOM.
  await rows.first().click();
  await page.keyboard.press('Escape');
  await page.locator('.dt-scroll').focus();
  await page.keyboard.press('End');
  await expect(table.locator('tbody tr.active')).toContainText(tid(N - 1));
  expect(await rows.count()).toBeLessThan(80);

  // A search narrows 3,000 rows to exactly the matches: one driver; the 100 with IDs APERF000001200…1299.
  const search = page.getByRole('searchbox', { name: 'Search drivers' });
  await search.fill(`Perf Driver ${N - 1}`);
  await expect(page.locator('.dt-count')).toHaveText(`1 of ${N} drivers`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(tid(N - 1));
  await search.fill('APERF0000012');
  await expect(page.locator('.dt-count')).toHaveText(`100 of ${N} drivers`);
  expect(await rows.count()).toBeLessThan(80);
  for (const text of await rows.allInnerTexts()) expect(text).toContain('APERF0000012');
  await search.fill('');
  await expect(page.locator('.dt-count')).toHaveText(`${N} drivers`);
});
