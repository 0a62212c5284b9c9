import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openConsole, SCREENSHOTS_DIR, vinWithCheckDigit } from './helpers';
import { fleetVehiclesExport } from '../fixtures/amazon';

/**
 * Readiness against `serve --demo`: the wall grid with the demo's grounded / in-shop / attention
 * vans, a failing DVIR entered from the keyboard turns a ready van's tile grounded with its reason,
 * the defect is marked repaired and the van released from the drawer, and the tile is ready again.
 */
const shots = SCREENSHOTS_DIR;

async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(shots, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

const tile = (page: Page, name: string) => page.getByTestId(`tile-${name}`);

test('readiness grid: failing DVIR grounds a van, repair and release bring it back', async ({ page }) => {
  await openConsole(page, 'readiness');
  await expect(page.getByRole('heading', { name: 'Readiness', level: 1 })).toBeVisible();
  const grid = page.getByTestId('readiness-grid');
  await expect(grid).toBeVisible();
  // The demo's stories: a van grounded by today's failed DVIR, one in the shop, one out of service.
  await expect(tile(page, 'EDV-07').getByTestId('tile-status')).toHaveText('Grounded');
  await expect(tile(page, 'EDV-07')).toContainText('Dashboard warning lights failed on pre-trip DVIR');
  await expect(tile(page, 'CDV-11').getByTestId('tile-status')).toHaveText('In shop');
  await expect(tile(page, 'STEP-04').getByTestId('tile-status')).toHaveText('Out of service');
  await expect(page.getByTestId('count-grounded')).toContainText(/[1-9]/);
  await screenshot(page, 'readiness');

  // Pick a ready CDV for the test.
  const target = 'CDV-02';
  await expect(tile(page, target).getByTestId('tile-status')).toHaveText(/Ready|Attention/);

  // Keyboard-first DVIR: D opens it, F fails brakes (note), A passes the rest, Enter saves.
  await page.getByRole('heading', { name: 'Readiness', level: 1 }).click();
  await page.keyboard.press('d');
  const dialog = page.getByRole('dialog', { name: 'Enter DVIR' });
  await expect(dialog).toBeVisible();
  const vanSelect = dialog.getByLabel('Van', { exact: true });
  await vanSelect.selectOption({ value: (await vanSelect.locator('option', { hasText: `${target} (` }).getAttribute('value'))! });
  await dialog.getByLabel('Inspector').fill('Jordan Ellis');
  await dialog.getByTestId('dvir-brakes').focus();
  await page.keyboard.press('f');
  await expect(dialog.getByLabel('Brakes note')).toBeFocused();
  await page.keyboard.type('Pedal soft, pulls left');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('dvir-steering')).toBeFocused();
  await page.keyboard.press('a');
  await expect(dialog).toContainText('18/18 marked, 1 failed');
  await screenshot(page, 'readiness-dvir');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await expect(tile(page, target).getByTestId('tile-status')).toHaveText('Grounded');
  await expect(tile(page, target)).toContainText('Brakes failed on pre-trip DVIR: Pedal soft, pulls left');

  // Drawer: mark the defect repaired, then release the van.
  await tile(page, target).click();
  const drawer = page.getByRole('dialog').filter({ has: page.getByTestId('van-drawer') });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText('DEFECT_CRITICAL');
  const defect = drawer.locator('.rd-defect').filter({ hasText: 'Pedal soft' });
  await defect.getByRole('button', { name: 'Mark repaired' }).click();
  const repair = page.getByRole('dialog', { name: 'Mark repaired' });
  await repair.getByLabel('What was done').fill('Bled brake lines, replaced front pads');
  await repair.getByLabel('Cost ($)').fill('286.50');
  await repair.getByLabel('Invoice reference').fill('VFS-7781');
  await repair.getByRole('button', { name: 'Save' }).click();
  await expect(repair).toBeHidden();
  await expect(drawer).toContainText('AWAITING_RELEASE');
  await screenshot(page, 'readiness-drawer');

  await drawer.getByTestId('release-van').click();
  const release = page.getByRole('dialog', { name: `Release ${target} to service` });
  await release.getByLabel('Note').fill('Road tested');
  await release.getByRole('button', { name: 'Save' }).click();
  await expect(release).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(tile(page, target).getByTestId('tile-status')).toHaveText(/Ready|Attention/);
  await expect(tile(page, target)).not.toContainText('Brakes failed');

  // PM schedules and thresholds are editable: brake inspection for step vans every 12,000 mi.
  await page.getByRole('button', { name: 'PM schedules' }).click();
  const pm = page.getByRole('dialog', { name: 'Preventive maintenance and thresholds' });
  await expect(pm.getByRole('table', { name: 'PM schedules' })).toBeVisible();
  const miles = pm.getByLabel('step_van Brake inspection miles');
  await expect(miles).toHaveValue('15000');
  await miles.fill('12000');
  await miles.locator('xpath=ancestor::tr').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Step van brake inspection saved.')).toBeVisible();
  await screenshot(page, 'readiness-pm');
  // Put it back: later specs share this demo database.
  await miles.fill('15000');
  await miles.locator('xpath=ancestor::tr').getByRole('button', { name: 'Save' }).click();
  await expect(miles.locator('xpath=ancestor::tr').getByRole('button', { name: 'Save' })).toBeDisabled();
  await pm.getByRole('button', { name: 'Close' }).click();
  await expect(pm).toBeHidden();

  // Import vans: the one import dialog with the service's dry run; a bad VIN is a row error and
  // confirm stays disabled with its reason; a clean file previews the van by name.
  await page.getByRole('button', { name: 'Import vans' }).click();
  const imp = page.getByRole('dialog', { name: 'Import vans' });
  const good = vinWithCheckDigit('1FTBW3XM0PKE7E2E5');
  const bad = good.slice(0, 8) + (good[8] === '1' ? '2' : '1') + good.slice(9);
  const sheet = (vin: string) => Buffer.from(`VIN,Van,Plate,Type\n${vin},E2E-IMP-1,E2E1234,CDV\n`);
  await imp.locator('input[type=file]').setInputFiles({ name: 'vans.csv', mimeType: 'text/csv', buffer: sheet(bad) });
  await expect(imp.getByRole('table', { name: 'Import errors' })).toContainText('check digit');
  await expect(imp.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await expect(imp.locator('.import-blocked')).toContainText('Fix the 1 problem in the file first');
  await screenshot(page, 'readiness-import-errors');
  await imp.locator('input[type=file]').setInputFiles({ name: 'vans.csv', mimeType: 'text/csv', buffer: sheet(good) });
  await expect(imp.getByTestId('import-counts')).toContainText('1Added');
  await expect(imp.getByTestId('import-preview')).toContainText('E2E-IMP-1');
  // Amazon's fleet export as it comes: the vans as read (class, plate, ownership), the duplicate
  // vehicleName as a warning naming its row, and the columns the import does not read.
  const fleet = await fleetVehiclesExport({ seed: 7, vans: 12 });
  await imp.locator('input[type=file]').setInputFiles({ name: fleet.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(fleet.bytes) });
  const asRead = imp.getByRole('table', { name: 'Vans as read' });
  await expect(asRead.locator('tbody tr')).toHaveCount(12);
  const dupRows = fleet.vans.filter((v) => v.vehicleName === fleet.duplicateName).map((v) => v.rowNumber);
  await expect(imp.getByTestId('import-warnings')).toContainText(`row ${dupRows[1]}`);
  await expect(imp.getByTestId('import-warnings')).toContainText('vehicleName');
  await expect(imp.getByTestId('import-notes')).toContainText('Columns not imported: vehicleGroup');
  await expect(imp.getByRole('button', { name: 'Import 12 vans' })).toBeEnabled();
  await screenshot(page, 'readiness-import-fleet-export');
  await page.keyboard.press('Escape'); // nothing imported
  await expect(imp).toBeHidden();
  await expect(tile(page, 'E2E-IMP-1')).toHaveCount(0);

  // The table view shows the same vans.
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByRole('table', { name: 'Van readiness' })).toBeVisible();
  await page.getByRole('button', { name: 'Tiles' }).click();
});
