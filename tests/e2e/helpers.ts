import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import type { Channel, Input, Output } from '../../shared/contract';

export const E2E_TOKEN = process.env.DESK_E2E_TOKEN ?? 'e2e-token';

/**
 * Where the e2e screenshots go: test-results/screenshots/ (ignored by git; look at them after a run),
 * or DESK_SCREENSHOTS_DIR. Tests never write tracked files: `npm run screenshots` copies the README's
 * pictures from here into docs/.
 */
export const SCREENSHOTS_DIR = process.env.DESK_SCREENSHOTS_DIR ?? fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

/** Open the served console with the e2e token, then go to a screen (`roster`, `fleet/devices`…). */
export async function openConsole(page: Page, screen?: string): Promise<void> {
  await page.goto(`/#token=${E2E_TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  if (screen) await page.evaluate((s) => (window.location.hash = `#/${s}`), screen);
}

/** Call a channel over HTTP as the desk (or with `token`), typed by the contract; fails the test on an error answer. */
export async function apiCall<K extends Channel>(page: Page, channel: K, input: Input<K>, opts: { base?: string; token?: string } = {}): Promise<Output<K>> {
  const res = await page.request.post(`${opts.base ?? ''}/api/${channel}`, { data: input, headers: { Authorization: `Bearer ${opts.token ?? E2E_TOKEN}` } });
  const body = (await res.json()) as { ok: boolean; data: Output<K>; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.data;
}

/** Wait until web fonts are in and two frames have painted, so a screenshot shows the settled page. */
export async function settledPaint(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))));
}

/** A VIN with the right check digit in position 9 (ISO 3779). */
export { withCheckDigit as vinWithCheckDigit } from '../../shared/vin';
