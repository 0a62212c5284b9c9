import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS_DIR, apiCall, openConsole, settledPaint } from './helpers';
import { addDays, dayStart } from '../../shared/station-time';

/**
 * "Today" follows the station's clock while the console stays open: the page's clock (Playwright's
 * clock API) is moved to a minute before the station's midnight — still the same day — then past
 * it: the top bar, the board left on today, and the readiness wall move to the new day by
 * themselves; a board day picked on purpose stays.
 */
test('the console rolls over at the station’s midnight while open', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install(); // the page's real time, now under the test's control
  await openConsole(page, 'board');
  const info = await apiCall(page, 'app.info', {});
  const tz = info.station!.timeZone;
  const topbar = page.getByTestId('station-today');
  await expect(topbar).toHaveAttribute('data-date', /^\d{4}-\d{2}-\d{2}$/);
  const today = (await topbar.getAttribute('data-date'))!;
  expect([info.today, addDays(info.today, 1), addDays(info.today, -1)]).toContain(today); // same desk clock (±midnight while loading)
  const tomorrow = addDays(today, 1);
  const dateField = page.getByLabel('Board date');
  await expect(dateField).toHaveValue(today);

  // A minute before the station's midnight: still today.
  const midnight = dayStart(tomorrow, tz).getTime();
  await page.clock.fastForward(Math.max(0, midnight - 60_000 - Date.now()));
  await expect(topbar).toHaveAttribute('data-date', today);
  await expect(dateField).toHaveValue(today);

  // Two minutes later the station's day has changed, and so has every "today" on the page.
  await page.clock.fastForward(2 * 60_000);
  await expect(topbar).toHaveAttribute('data-date', tomorrow);
  await expect(dateField).toHaveValue(tomorrow);
  await expect(page.getByTestId('counts-bar')).toContainText('Routes');
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'board-after-midnight.png'), animations: 'disabled', caret: 'hide' });

  await page.evaluate(() => (window.location.hash = '#/readiness'));
  await expect(page.getByRole('heading', { name: 'Readiness', level: 1 })).toBeVisible();
  await expect(page.locator('.screen-header')).toContainText(tomorrow);

  // A day picked on purpose is kept across the next midnight.
  await page.evaluate(() => (window.location.hash = '#/board'));
  await dateField.fill(today);
  await expect(dateField).toHaveValue(today);
  await page.clock.fastForward(24 * 3_600_000);
  await expect(topbar).toHaveAttribute('data-date', addDays(tomorrow, 1));
  await expect(dateField).toHaveValue(today);
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  await expect(dateField).toHaveValue(addDays(tomorrow, 1));
});
