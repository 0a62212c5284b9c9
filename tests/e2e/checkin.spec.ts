import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS_DIR, apiCall, openConsole, settledPaint } from './helpers';
import { addDays } from '../../shared/station-time';

/**
 * Check-in without typing, on today's demo board: the schedule's expected list, "Check in
 * arrivals…" (everyone expected ticked, one confirm), and the phone-sized kiosk opened with a
 * kiosk token, whose check-in appears on the desk's board live.
 */
test.describe.configure({ mode: 'serial' });

async function screenshot(page: Page, name: string) {
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test('bulk check-in and the kiosk', async ({ page, browser }) => {
  await openConsole(page, 'board');
  await page.getByRole('tab', { name: /Check-in/ }).click();
  const roster = page.getByRole('listbox', { name: 'Roster for the day' });
  await expect(roster).toContainText('Expected');
  await expect(roster).toContainText('Standby');

  // The kiosk: a driver expected today who has not checked in yet.
  const day = await apiCall(page, 'checkin.day', {});
  const waiting = day.entries.filter((e) => e.group === 'expected' && e.status === 'scheduled');
  expect(waiting.length).toBeGreaterThan(1);
  const kioskDriver = waiting[0]!;
  const { token } = await apiCall(page, 'tokens.create', { name: 'Kiosk – front door', role: 'kiosk' });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`/kiosk#token=${token}`);
  await phone.getByLabel('Transporter ID').fill(kioskDriver.transporterId.toLowerCase());
  await phone.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(phone.getByRole('status')).toContainText(kioskDriver.name);
  await expect(phone.getByRole('status')).toContainText(/Checked in/);
  await screenshot(phone, 'kiosk');
  // The desk's board shows it at once (the `changed` event), without a reload.
  await expect(roster.locator(`[data-driver="${kioskDriver.driverId}"]`)).toContainText(/Checked in|Late/);
  // The kiosk token reaches nothing else.
  const denied = await phone.request.post('/api/roster.list', { data: {}, headers: { Authorization: `Bearer ${token}` } });
  expect(denied.status()).toBe(403);
  await phone.close();

  // Bulk: everyone expected who is not in yet, ticked; one confirm.
  await page.getByRole('button', { name: 'Check in arrivals…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Check in arrivals' });
  const list = dialog.getByRole('list', { name: 'Drivers to check in' });
  await expect(list.getByRole('checkbox').first()).toBeVisible();
  const ticked = await list.getByRole('checkbox', { checked: true }).count();
  expect(ticked).toBe(waiting.length - 1);
  // Space toggles the focused driver off and on again.
  await list.getByRole('checkbox').first().focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('button', { name: `Check in ${ticked - 1} drivers` })).toBeVisible();
  await page.keyboard.press('Space');
  await screenshot(page, 'board-bulk-checkin');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/checkin.bulk'));
  await dialog.getByRole('button', { name: `Check in ${ticked} drivers` }).click();
  expect((await saved).status()).toBe(200);
  await expect(dialog).toHaveCount(0);
  const after = await apiCall(page, 'checkin.day', {});
  expect(after.entries.filter((e) => e.group === 'expected' && e.status === 'scheduled')).toEqual([]);
});

test('the week’s schedule: keyboard grid, undo, optimal fill preview', async ({ page }) => {
  await openConsole(page, 'schedule');
  const grid = page.getByRole('grid', { name: 'Week schedule' });
  await expect(grid).toBeVisible();
  // Next week, and wait for its days (a key pressed while the grid still shows this week writes this week's cell).
  const weekOf = page.getByText(/^Week of \d{4}-\d{2}-\d{2}$/);
  const next = addDays((await weekOf.innerText()).slice(-10), 7);
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(weekOf).toHaveText(`Week of ${next}`);
  await expect(grid.getByRole('columnheader').nth(1)).toContainText(next.slice(5));
  await expect(grid.getByRole('gridcell').first()).toBeVisible();
  await grid.focus();
  const first = grid.getByRole('gridcell').first();
  const before = (await first.innerText()).trim();
  const target = before === 'P' ? 'R' : 'P';
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/schedule.set'));
  await page.keyboard.press(target.toLowerCase());
  expect((await saved).status()).toBe(200);
  await expect(first).toHaveText(target);
  const undone = page.waitForResponse((r) => r.url().endsWith('/api/schedule.set'));
  await page.keyboard.press('Control+z');
  expect((await undone).status()).toBe(200);
  await expect(first).toHaveText(before);
  await page.getByRole('button', { name: 'Fill the week…' }).click();
  await expect(page.getByRole('region', { name: 'Fill preview' })).toContainText('Optimal fill');
  await screenshot(page, 'schedule');
  await page.getByRole('button', { name: 'Cancel' }).click();
});
