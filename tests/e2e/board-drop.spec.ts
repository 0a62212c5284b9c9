import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS_DIR, apiCall, settledPaint } from './helpers';
import { startOwnServer, type OwnServer } from './own-server';
import { dayOfOpsPlan, type FixtureFile } from '../fixtures/amazon';
import { demoCortexList } from './demo-cortex';

/**
 * Files dropped on the board go where their content says: Amazon's Day of Ops plan and a Cortex
 * route list taken before any route started open "Route sheet for <day>" (the route import's
 * preview); a Cortex list taken during the day is imported as progress; a file whose name and
 * content disagree asks which import it is for. Its own server: the progress import writes.
 */
const TOKEN = 'board-drop-e2e-token';
let server: OwnServer;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({ token: TOKEN, demo: true, name: 'board-drop' });
});
test.afterAll(async () => {
  await server?.stop();
});

/** Drop a file on the board as the OS would (dragover, then drop, with the file in the DataTransfer). */
async function drop(page: Page, file: FixtureFile, fileName = file.fileName) {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return dt;
    },
    { b64: file.bytes.toString('base64'), name: fileName },
  );
  const board = page.locator('.board-screen');
  await board.dispatchEvent('dragover', { dataTransfer });
  await board.dispatchEvent('drop', { dataTransfer });
}

test('a Day of Ops plan and a start-of-day Cortex list open the route import; an in-day Cortex list imports progress; unsure asks', async ({ page }) => {
  test.setTimeout(180_000);
  const opts = { base: server.base, token: TOKEN };
  await page.goto(`${server.base}/#token=${TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/board'));
  const { today } = await apiCall(page, 'app.info', {}, opts);
  const board = await apiCall(page, 'board.list', { date: today }, opts);
  const assigned = board.routes.filter((r) => r.driver).slice(0, 8);
  expect(assigned.length).toBeGreaterThan(3);
  const routeImport = page.getByRole('dialog', { name: `Route sheet for ${today}` });

  // The start of the day: Amazon's Day of Ops plan → the route import's preview.
  await drop(page, await dayOfOpsPlan({ date: today, routes: 10 }));
  await expect(routeImport).toBeVisible();
  await expect(routeImport.getByTestId('import-preview')).toBeVisible();
  await routeImport.getByRole('button', { name: 'Cancel' }).click();
  await expect(routeImport).toHaveCount(0);

  // A Cortex route list of the demo's routes, taken before any route started or during the day.
  const cortex = (time: string, started: boolean) => demoCortexList(assigned, today, time, (_b, i, all) => (started ? Math.round(all * (0.2 + 0.05 * i)) : 0));

  await drop(page, await cortex('07:40', false));
  await expect(routeImport).toBeVisible();
  // Cancel once the preview is in: clicked while the check still runs, the dialog grows under the
  // pointer between Playwright's aim and its click (seen once under a loaded CI run).
  await expect(routeImport.getByTestId('import-preview')).toBeVisible();
  await routeImport.getByRole('button', { name: 'Cancel' }).click();
  await expect(routeImport).toHaveCount(0);
  expect((await apiCall(page, 'progress.latest', { date: today }, opts)).routes).toHaveLength(0);

  // During the day, even without an extension: progress, imported at once.
  const during = await cortex('13:20', true);
  await drop(page, during, during.fileName.replace(/\.xlsx$/, ''));
  await expect(page.getByText(`Progress of ${assigned.length} routes imported`)).toBeVisible();
  await expect(routeImport).toHaveCount(0);
  expect((await apiCall(page, 'progress.latest', { date: today }, opts)).routes).toHaveLength(assigned.length);

  // Named like a Cortex list but a Day of Ops plan inside: the dispatcher chooses.
  await drop(page, await dayOfOpsPlan({ date: today, routes: 6 }), `Routes_DSE4_${today}_13_45 (PST).xlsx`);
  const ask = page.getByRole('dialog', { name: 'Which import is this file for?' });
  await expect(ask).toContainText('named like a Cortex route list');
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'board-drop-choice.png'), animations: 'disabled', caret: 'hide' });
  await ask.getByRole('button', { name: 'Import route sheet' }).click();
  await expect(ask).toHaveCount(0);
  await expect(routeImport).toBeVisible();
  await expect(routeImport.getByTestId('import-preview')).toBeVisible();
  await routeImport.getByRole('button', { name: 'Cancel' }).click();
  await expect(routeImport).toHaveCount(0);
});
