import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN, openConsole, SCREENSHOTS_DIR } from './helpers';
import { csvText, dspOverviewDashboard, scorecardPdf } from '../fixtures/amazon';
import { addWeeks } from '../../shared/rules/scorecards/weeks';

/**
 * Stand-up & scorecards against `serve --demo`: import a week's scorecard (preview first), see the
 * tier counts change on the stand-up, open a Poor driver, accept the suggested plan, record the
 * driver's acknowledgement, export the stand-up PDF and read its text, and take the screenshots.
 */
const shots = SCREENSHOTS_DIR;

async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.querySelectorAll('.main, .main *').forEach((el) => el.scrollTop > 0 && (el.scrollTop = 0)));
  await page.screenshot({ path: path.join(shots, `${name}.png`), animations: 'disabled', caret: 'hide', style: '.toasts { display: none !important; }' });
}

async function apiCall<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/${channel}`, { data: input, headers: { Authorization: `Bearer ${E2E_TOKEN}` } });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
  return body.data;
}

test('import a scorecard, stand-up tier counts change, coach a Poor driver, export the PDF', async ({ page }) => {
  test.setTimeout(120_000);
  await openConsole(page, 'standup');
  const counts = page.getByTestId('tier-counts');
  await expect(counts).toBeVisible();
  const before = Number(await page.getByTestId('tier-count-Poor').textContent());
  const summary = await apiCall<{ scorecard: { week: string } }>(page, 'standup.summary', {});
  await screenshot(page, 'standup');

  // A new week: 12 demo drivers, 4 of them Poor (the first two were not Poor the week before).
  const roster = await apiCall<{ id: number; name: string; transporterId: string; status: string }[]>(page, 'roster.list', {});
  const active = roster.filter((d) => d.status === 'active').slice(0, 12);
  const [y, w] = summary.scorecard.week.split('-W').map(Number) as [number, number];
  const week = `${y}-W${String(w + 1).padStart(2, '0')}`;
  const poor = active.slice(0, 4);
  const rows = active.map((d, i) =>
    i < 4
      ? `${i + 1},${d.name},${d.transporterId},Poor,"1,010",SER,640,2.4,5.2,1.1,2.5,0.9,"5,200",0,95.1%,2100,91.0%,Coming Soon,3000,950`
      : `${i + 1},${d.name},${d.transporterId},${i % 2 ? 'Fantastic Plus' : 'Great'},1204,,845,0,0,0,0,0,0,0,99.8%,0,99.6%,-,0,1100`,
  );
  const csv = ['#,Name,Transporter ID,Overall Tier,Delivered,Key Focus Area,Fico Score,Seatbelt Off Rate,Speeding Event Rate,Distractions Rate,Following Distance Rate,Sign/Signal Violations Rate,CDF DPMO,CED,DCR,DSB,POD,PSB,DSB DNR,POD Opps.', ...rows].join('\n');

  await page.getByRole('tab', { name: 'Scorecards & at risk' }).click();
  await page.getByRole('button', { name: 'Import scorecard…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import weekly scorecard' });
  await dialog.getByLabel('Week (only when the file does not say)').fill(week);
  await dialog.locator('input[type=file]').setInputFiles({ name: `DA_Current_Week_${week}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = dialog.getByTestId('scorecard-preview');
  await expect(preview).toContainText('12 rows');
  await screenshot(page, 'standup-import-preview');
  await dialog.getByRole('button', { name: 'Import 12 rows' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByRole('tab', { name: 'Stand-up' }).click();
  await expect(page.getByTestId('tier-count-Poor')).toHaveText('4');
  expect(before).not.toBe(4);
  await expect(page.getByTestId('tier-count-Fantastic+')).toHaveText('4');

  // Open a Poor driver from the at-risk list on the stand-up.
  const driver = poor[0]!;
  await page.locator('.su-atrisk').getByRole('link', { name: driver.name }).first().click();
  const dp = page.getByTestId('driver-page');
  await expect(dp.getByRole('heading', { name: driver.name, level: 1 })).toBeVisible();
  const plan = dp.locator('.plan-card').filter({ hasText: 'Speeding 5.2 was Poor' });
  await expect(plan).toBeVisible();
  await plan.getByRole('button', { name: 'Accept…' }).click();
  const accept = page.getByRole('dialog', { name: `Accept plan — ${driver.name}` });
  await accept.getByLabel('Owner').fill('Maria Lopez (ops manager)');
  await accept.getByRole('button', { name: 'Accept plan' }).click();
  await expect(plan.locator('.chip').first()).toHaveText(/Accepted/);
  await plan.getByRole('button', { name: 'Acknowledge…' }).click();
  const ack = page.getByRole('dialog', { name: `Acknowledgement — ${driver.name}` });
  await ack.getByLabel('How the driver acknowledged the plan').fill('Signed at the 1:1 with Maria');
  await ack.getByRole('button', { name: 'Record acknowledgement' }).click();
  await expect(plan.locator('.chip').first()).toHaveText(/Acknowledged/);
  await expect(plan).toContainText('Signed at the 1:1 with Maria');
  await expect(plan).toContainText('Maria Lopez (ops manager)');
  await screenshot(page, 'driver');

  // Export the stand-up as PDF and read it.
  await page.evaluate(() => (window.location.hash = '#/standup'));
  await expect(page.getByTestId('tier-counts')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'standup-pdf-')), download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^standup-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Daily stand-up');
  expect(text).toContain('Safety topic of the day');
  expect(text).toMatch(/Poor 4/);
  expect(text).toContain(driver.name);
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
});

test('Amazon’s files: the dashboard CSV (title row, unknown column) and the scorecard PDF; Amazon’s tier beside each value', async ({ page }) => {
  test.setTimeout(180_000);
  await openConsole(page, 'standup');
  // Weeks long before the demo's history, so the stand-up's latest week stays the demo's.
  const latest = (await apiCall<{ scorecard: { week: string } }>(page, 'standup.summary', {})).scorecard.week;
  const week = addWeeks(latest, -40);
  const next = addWeeks(latest, -39);
  const roster = (await apiCall<{ name: string; transporterId: string; status: string }[]>(page, 'roster.list', {})).filter((d) => d.status === 'active').slice(0, 12);
  // The dashboard as Amazon writes it, for the demo's drivers, with a title row above and a column the desk does not know.
  const f = dspOverviewDashboard({ seed: 91, das: roster.length, week });
  const h = f.grid[0]!;
  const grid = f.grid.map((r, i) => {
    const row = [...r];
    if (i > 0) [row[h.indexOf('Delivery Associate ')], row[h.indexOf('Transporter ID')]] = [roster[i - 1]!.name, roster[i - 1]!.transporterId];
    return [...row, i === 0 ? 'Region' : 'West'];
  });
  const csv = `DSP Overview Dashboard — ACME DSE4\r\n${csvText(grid)}`;

  await page.getByRole('tab', { name: 'Scorecards & at risk' }).click();
  await page.getByRole('button', { name: 'Import scorecard…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import weekly scorecard' });
  await dialog.locator('input[type=file]').setInputFiles({ name: f.fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const read = dialog.getByTestId('scorecard-read');
  await expect(read).toContainText("Amazon's DSP Overview Dashboard");
  await expect(read).toContainText('week from the file name');
  const notes = dialog.getByTestId('import-notes');
  await expect(notes).toContainText('Skipped: 1 title row');
  await expect(notes).toContainText('Columns not imported: Region');
  await screenshot(page, 'scorecard-import-dashboard');
  await dialog.getByRole('button', { name: `Import ${roster.length} rows` }).click();
  await expect(dialog).toHaveCount(0);
  const table = page.getByRole('table', { name: `Scorecard ${week}` });
  await expect(table.locator('.tier-mini').first()).toBeVisible();
  await expect(table.locator('.tier-mini[title^="Amazon\'s tier"]').first()).toBeVisible();
  await screenshot(page, 'scorecards-amazon-tier');

  // The scorecard PDF for the week after: page 1 for the station, the DA table across pages.
  const pdf = await scorecardPdf({ seed: 92, das: 40, week: Number(next.slice(6)), year: Number(next.slice(0, 4)) });
  await page.getByRole('button', { name: 'Import scorecard…' }).click();
  await dialog.locator('input[type=file]').setInputFiles({ name: pdf.fileName, mimeType: 'application/pdf', buffer: pdf.bytes });
  // The first PDF loads pdfjs-dist in the server: seconds on a busy machine.
  await expect(read).toContainText("Amazon's scorecard PDF", { timeout: 60_000 });
  await expect(read).toContainText('Station standing 79.2');
  await expect(dialog.getByTestId('scorecard-preview')).toContainText('40 rows');
  await screenshot(page, 'scorecard-import-pdf');
  await dialog.getByRole('button', { name: 'Import 40 rows' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Station scorecard' })).toContainText('Coming Soon (not scored)');
  await expect(page.locator('#sc-week')).toHaveValue(next);
  await screenshot(page, 'scorecards-station');
});

test('an owner token sees the stand-up, scorecards and a driver read-only', async ({ page }) => {
  const owner = await apiCall<{ token: string }>(page, 'tokens.create', { name: `owner e2e ${Date.now()}`, role: 'owner' });
  await page.goto(`/#token=${owner.token}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/standup'));
  await expect(page.getByTestId('tier-counts')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export PDF' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pick another topic' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Scorecards & at risk' }).click();
  await expect(page.getByTestId('at-risk')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import scorecard…' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Coaching' }).click();
  await expect(page.locator('.plan-card').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Accept…|Acknowledge…|Close…|Dismiss/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Training & incidents' }).click();
  await expect(page.getByTestId('incidents')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record incident' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Topics & courses' }).click();
  await expect(page.getByRole('region', { name: 'Safety topics' })).toContainText('Backing up: GOAL');
  await expect(page.getByRole('button', { name: /Add topic|Add course|Archive/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Training & incidents' }).click();
  await page.locator('.plan-card a, [data-testid=incidents] a').first().click();
  await expect(page.getByTestId('driver-page')).toBeVisible();
  await expect(page.locator('.plan-actions button')).toHaveCount(0);
});
