import { expect, test } from '@playwright/test';
import { openConsole } from './helpers';

/**
 * Scale check for the console's tables. It adds 3,000 drivers to the shared e2e database, so this
 * file is named to run LAST (Playwright runs files in name order with one worker); keep it so.
 */

test('thousands of drivers stay smooth: 3,000 imported, virtualized rows, quick search', async ({ page }) => {
  await openConsole(page, 'roster');
  await expect(page.getByRole('table', { name: 'Drivers' }).locator('tbody tr[data-row-id]').first()).toBeVisible();
  // One import call through the API (the same path the file picker uses) adds 3,000 drivers.
  const header = 'Name and ID,TransporterID,Position,Qualifications,ID expiration,Personal Phone Number,Work Phone Number,Email,Status';
  const lines = Array.from({ length: 3000 }, (_, i) => {
    const tid = `APERF${String(i).padStart(9, '0')}`;
    return `Perf Driver ${i} (${tid}),${tid},Delivery Associate,"CDV, EDV",2028-01-${String((i % 28) + 1).padStart(2, '0')},(253) 555-${String(i % 10000).padStart(4, '0')},,perf${i}@example.com,ACTIVE`;
  });
  const result = await page.evaluate(async (content) => {
    const token = sessionStorage.getItem('desk.token');
    const res = await fetch('/api/roster.import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ fileName: 'perf.csv', content, dryRun: false }),
    });
    return (await res.json()) as { ok: boolean; data?: { added: string[] } };
  }, [header, ...lines].join('\n'));
  expect(result.ok).toBe(true);
  expect(result.data?.added.length).toBe(3000);

  const table = page.getByRole('table', { name: 'Drivers' });
  await page.reload();
  const t0 = Date.now();
  await expect(page.locator('.dt-count')).toHaveText(/^30\d\d drivers$/);
  await expect(table.locator('tbody tr[data-row-id]').first()).toBeVisible();
  const renderMs = Date.now() - t0;
  const domRows = await table.locator('tbody tr[data-row-id]').count();
  expect(domRows).toBeLessThan(80); // virtualized: only what is on screen (+ overscan) is in the DOM

  // End jumps to the last row; typing a search narrows 3,000+ rows at once
  await table.locator('tbody tr[data-row-id]').first().click();
  await page.keyboard.press('Escape');
  await page.locator('.dt-scroll').focus();
  await page.keyboard.press('End');
  await expect(table.locator('tbody tr.active')).toBeVisible();
  // Time the search inside the page (input event → count updated on screen), not Playwright's polling.
  const searchMs = await page.evaluate(async () => {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Search drivers"]')!;
    const count = document.querySelector('.dt-count')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const t = performance.now();
    setValue.call(input, 'Perf Driver 2999');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise<void>((resolve) => {
      const check = () => (/^1 of/.test(count.textContent ?? '') ? resolve() : requestAnimationFrame(check));
      check();
    });
    return Math.round(performance.now() - t);
  });
  await expect(page.locator('.dt-count')).toHaveText(/^1 of 30\d\d drivers$/);
  console.log(`[e2e perf] 3,0xx drivers: table visible in ${renderMs} ms after reload, ${domRows} rows in the DOM, search narrowed in ${searchMs} ms`);
  expect(searchMs).toBeLessThan(1500); // generous: CI machines are slow and shared
});
