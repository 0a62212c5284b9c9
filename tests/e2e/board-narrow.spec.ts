import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openConsole, settledPaint, SCREENSHOTS_DIR } from './helpers';

/**
 * The board at 1366 × 768 (a common dispatch laptop): the Van and Device cells show their whole
 * value (van name and class tag, device label), and any cell whose text is cut carries the full
 * value in its tooltip.
 */
test('board at 1366×768: Van and Device cells are not cut; a cut cell has its full text as a tooltip', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openConsole(page, 'board');
  const rows = page.locator('tr[data-route]');
  await expect(rows.first()).toBeVisible();
  const van = page.locator('td[data-cell$="-van"]:not(.empty)').first();
  await expect(van).toBeVisible();
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'board-1366.png'), animations: 'disabled', caret: 'hide' });
  // Every assigned Van cell and every Device cell on screen: nothing overflows its box…
  const cut = await page.evaluate(() => {
    const out: string[] = [];
    const cells = [...document.querySelectorAll<HTMLElement>('td[data-cell$="-van"]:not(.empty), td[data-col="device"]')];
    for (const td of cells) {
      const overflow = td.scrollWidth > td.clientWidth + 1 || [...td.querySelectorAll<HTMLElement>('*')].some((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow === 'hidden');
      if (overflow && !(td.title || td.querySelector('[title]'))) out.push(td.innerText);
      else if (overflow) out.push(`(cut, with tooltip) ${td.innerText}`);
    }
    return { checked: cells.length, cut: out };
  });
  expect(cut.checked).toBeGreaterThan(5);
  expect(cut.cut).toEqual([]);
  // The whole table fits beside the side panel (no column pushed out of view), and a cut Service or
  // Van class cell carries its full text as a tooltip.
  const fit = await page.evaluate(() => {
    const scroll = document.querySelector<HTMLElement>('.board-scroll')!;
    const noTip = [...document.querySelectorAll<HTMLElement>('tr[data-route] td')].filter((td) => td.scrollWidth > td.clientWidth + 1 && !td.title && !td.querySelector('[title]'));
    return { table: scroll.querySelector('table')!.offsetWidth, room: scroll.clientWidth, noTip: noTip.map((td) => td.innerText) };
  });
  expect(fit.table).toBeLessThanOrEqual(fit.room);
  expect(fit.noTip).toEqual([]);
});
