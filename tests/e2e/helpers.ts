import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

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

/** A VIN with the right check digit in position 9 (ISO 3779). */
export { withCheckDigit as vinWithCheckDigit } from '../../shared/vin';
