import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { apiCall, openConsole, settledPaint, SCREENSHOTS_DIR } from './helpers';
import { addDays } from '../../shared/station-time';

/**
 * The stand-up in front of the drivers (`#/standup/huddle`) against `serve --demo`: no at-risk
 * driver is named anywhere on the page (the owner's stand-up still lists them), and yesterday's
 * call-outs, no-shows and late check-ins are the counts of the day's check-in records.
 */
const stat = (page: Page, label: string) => page.getByTestId('huddle').locator('.su-stat', { has: page.locator('.su-l', { hasText: new RegExp(`^${label}$`) }) }).locator('.su-v');

test('the huddle names no at-risk driver; yesterday’s attendance equals the schedule’s records', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openConsole(page, 'standup/huddle');
  const huddle = page.getByTestId('huddle');
  await expect(huddle.getByRole('heading', { name: 'Team huddle' })).toBeVisible();
  await expect(huddle.getByTestId('tier-counts')).toBeVisible();

  // The demo's scorecards put drivers at risk; the owner's view names them.
  const summary = await apiCall(page, 'standup.summary', {});
  const atRisk = summary.atRisk.map((a) => a.name);
  expect(atRisk.length).toBeGreaterThan(0);
  const shown = await huddle.innerText();
  for (const name of atRisk) expect(shown, `${name} is at risk`).not.toContain(name);
  for (const p of summary.plansDueToday) expect(shown).not.toContain(p.finding);
  expect(shown).not.toMatch(/at risk/i);
  // …while recognitions are there (the huddle is not simply empty of names).
  const recognised = summary.scorecard!.recognitions.filter((r) => !atRisk.includes(r.name));
  expect(recognised.length).toBeGreaterThan(0);
  await expect(huddle.getByRole('region', { name: 'Recognitions' })).toContainText(recognised[0]!.name);

  // Yesterday's attendance = the records of that day (the board's check-in list).
  const info = await apiCall(page, 'app.info', {});
  const yesterday = await apiCall(page, 'checkin.list', { date: addDays(info.today, -1) });
  const count = (status: string) => String(yesterday.filter((e) => e.status === status).length);
  expect(yesterday.some((e) => e.status === 'called_out' || e.status === 'late')).toBe(true);
  await expect(stat(page, 'Call-outs')).toHaveText(count('called_out'));
  await expect(stat(page, 'No-shows')).toHaveText(count('no_show'));
  await expect(stat(page, 'Late check-ins')).toHaveText(count('late'));

  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'standup-huddle.png'), animations: 'disabled', caret: 'hide' });
  // As projected (1080p).
  await page.setViewportSize({ width: 1920, height: 1080 });
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'standup-huddle-1080p.png'), animations: 'disabled', caret: 'hide' });
  // The owner's and manager's stand-up still lists who is at risk.
  await page.getByRole('tab', { name: 'Stand-up', exact: true }).click();
  await expect(page.getByTestId('standup')).toContainText(atRisk[0]!);
});
