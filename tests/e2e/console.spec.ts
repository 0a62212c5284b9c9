import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN, openConsole, SCREENSHOTS_DIR, vinWithCheckDigit } from './helpers';

/**
 * The console against `serve --demo`: every screen opens, the roster searches, a driver is added,
 * a bad VIN shows its field error, a van is archived, the roster imports from a CSV, and the
 * screenshots for the README are taken.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = SCREENSHOTS_DIR;
const fixture = (name: string) => path.join(root, 'tests', 'fixtures', name);

async function screenshot(page: Page, name: string) {
  // Let fonts, lazy chunks and the virtualized rows settle; hide the caret and animations.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(shots, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test('every screen in the navigation opens, with Alt shortcuts and the status bar', async ({ page }) => {
  await openConsole(page);
  const nav = page.getByRole('navigation', { name: 'Screens' });
  for (const label of ['Board', 'Map', 'Fleet', 'Stand-up', 'Roster', 'Settings']) {
    await nav.getByRole('link', { name: label, exact: false }).first().click();
    await expect(nav.getByRole('link', { name: label }).first()).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('.main')).not.toBeEmpty();
    await expect(page.getByRole('alert').filter({ hasText: 'hit a problem' })).toHaveCount(0);
  }
  // Alt+5 → Roster, Alt+3 → Fleet
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Alt+5');
  await expect(page).toHaveURL(/#\/roster$/);
  await expect(page.getByRole('heading', { name: 'Roster', level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+3');
  await expect(page).toHaveURL(/#\/fleet$/);
  // ? opens the shortcut help, Esc closes it
  await page.getByRole('heading', { name: 'Fleet', level: 1 }).click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // status bar: connection, database file, version
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status.getByTestId('connection')).toHaveText('Live');
  await expect(status).toContainText(/Database: .+\.db/);
  await expect(status).toContainText(/Dispatch Desk v\d+\.\d+\.\d+/);
});

test('without a token the console asks for one; a wrong token is refused, the right one opens it', async ({ page }) => {
  await page.goto('/');
  const field = page.getByLabel('Access token');
  await expect(field).toBeVisible();
  await field.fill('not-the-token');
  await page.getByRole('button', { name: 'Open the desk' }).click();
  await expect(page.getByText('That token was not accepted')).toBeVisible();
  await field.fill(E2E_TOKEN);
  await page.getByRole('button', { name: 'Open the desk' }).click();
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
});

test('roster: search, keyboard navigation, add a driver with field errors, screenshot', async ({ page }) => {
  await openConsole(page, 'roster');
  const table = page.getByRole('table', { name: 'Drivers' });
  await expect(table.locator('tbody tr[data-row-id]').first()).toBeVisible();
  const total = await page.locator('.dt-count').innerText();
  expect(Number(total.split(' ')[0])).toBeGreaterThanOrEqual(40);
  await screenshot(page, 'roster');

  // search by part of a name: every visible row contains it
  const firstName = (await table.locator('tbody tr[data-row-id] td').first().innerText()).split(' ')[0]!;
  await page.getByRole('searchbox', { name: 'Search drivers' }).fill(firstName);
  await expect(page.locator('.dt-count')).toContainText(' of ');
  for (const row of await table.locator('tbody tr[data-row-id]').all()) await expect(row).toContainText(firstName);
  await page.getByRole('searchbox', { name: 'Search drivers' }).fill('zzzz-nobody');
  await expect(page.getByText('No drivers match')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search drivers' }).fill('');

  // keyboard: ↓ from the search box into the table, Enter opens the driver
  await page.getByRole('searchbox', { name: 'Search drivers' }).press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page).toHaveURL(/#\/roster\/\d+$/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // add a driver: a bad transporter ID is refused beside its field, then fixed
  await page.getByRole('button', { name: 'Add driver' }).click();
  const drawer = page.getByRole('dialog', { name: 'Add driver' });
  await drawer.getByLabel('Name').fill('Zora Test-Driver');
  await drawer.getByLabel('Transporter ID').fill('bad id!');
  await drawer.getByLabel('Phone', { exact: true }).fill('(253) 555-0100');
  await drawer.getByLabel('Licence expiry').fill('2027-06-30');
  await drawer.getByLabel('EDV').check();
  await drawer.getByLabel('CDV').check();
  await drawer.getByRole('button', { name: 'Add driver' }).click();
  await expect(drawer.locator('.field-error')).toContainText('Amazon transporter ID');
  await expect(drawer.getByLabel('Transporter ID')).toHaveAttribute('aria-invalid', 'true');
  await drawer.getByLabel('Transporter ID').fill('AZORA1TEST2E2E');
  await drawer.getByRole('button', { name: 'Add driver' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Zora Test-Driver added' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search drivers' }).fill('AZORA1TEST2E2E');
  await expect(table.locator('tbody tr[data-row-id]')).toHaveCount(1);
  await expect(table.locator('tbody tr[data-row-id]')).toContainText('Zora Test-Driver');
  await expect(table.locator('tbody tr[data-row-id]')).toContainText('EDV');
});

test('roster: column visibility and per-column filter', async ({ page }) => {
  await openConsole(page, 'roster');
  const table = page.getByRole('table', { name: 'Drivers' });
  await expect(table.locator('tbody tr[data-row-id]').first()).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Email' })).toHaveCount(0);
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByRole('menu', { name: 'Show columns' }).getByLabel('Email').check();
  await expect(table.getByRole('columnheader', { name: 'Email' })).toHaveCount(1);
  await page.getByRole('menu', { name: 'Show columns' }).getByLabel('Email').uncheck();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByLabel('Filter Status').selectOption('on_leave');
  const rows = table.locator('tbody tr[data-row-id]');
  const n = await rows.count();
  for (let i = 0; i < n; i++) await expect(rows.nth(i)).toContainText('On leave');
});

test('roster import: preview with row errors, then preview and import a good file', async ({ page }) => {
  await openConsole(page, 'roster');
  await expect(page.getByRole('table', { name: 'Drivers' }).locator('tbody tr[data-row-id]').first()).toBeVisible();
  const picker = page.getByLabel('Import roster…');

  await picker.setInputFiles(fixture('associates-bad.csv'));
  const bad = page.getByRole('dialog', { name: 'Import roster' });
  await expect(bad.getByRole('table', { name: 'Import errors' })).toContainText('ID expiration');
  await expect(bad.getByRole('table', { name: 'Import errors' })).toContainText('TransporterID');
  // Confirm stays disabled, names no number, and says why.
  await expect(bad.getByRole('button', { name: /^Import \d+/ })).toHaveCount(0);
  await expect(bad.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await expect(bad.locator('.import-blocked')).toContainText(/Fix the \d+ problems in the file first/);
  await page.screenshot({ path: path.join(shots, 'roster-import-errors.png') });
  await page.keyboard.press('Escape'); // Esc closes
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await picker.setInputFiles(fixture('associates.csv'));
  const good = page.getByRole('dialog', { name: 'Import roster' });
  await expect(good.getByTestId('import-counts')).toContainText('3Added');
  // The names come from the service's dry run (the file's "Name and ID" without the ID).
  await expect(good.getByTestId('import-preview')).toContainText('Okonkwo');
  const confirm = good.getByRole('button', { name: 'Import 3 drivers' });
  await expect(confirm).toBeFocused();
  await page.screenshot({ path: path.join(shots, 'roster-import.png') });
  await page.keyboard.press('Enter'); // Enter confirms when allowed
  await expect(page.getByRole('status').filter({ hasText: 'Roster imported: 3 added' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search drivers' }).fill('Okonkwo');
  await expect(page.getByRole('table', { name: 'Drivers' }).locator('tbody tr[data-row-id]')).toContainText('A3K9ZP2Q7XW1LM');
});

test('fleet: bad VIN shows a field error, a van is added, archived and restored with undo', async ({ page }) => {
  await openConsole(page, 'fleet');
  const table = page.getByRole('table', { name: 'Vans' });
  await expect(table.locator('tbody tr[data-row-id]').first()).toBeVisible();
  await screenshot(page, 'fleet');

  await page.getByRole('button', { name: 'Add van' }).click();
  const drawer = page.getByRole('dialog', { name: 'Add van' });
  const good = vinWithCheckDigit('1FTBW3XM0PKE2E2E5');
  const wrong = good.slice(0, 8) + (good[8] === '1' ? '2' : '1') + good.slice(9);
  await drawer.getByLabel('Van name / number').fill('E2E 901');
  await drawer.getByLabel('VIN').fill(wrong);
  await drawer.getByLabel('Class').selectOption('electric_van');
  await drawer.getByRole('button', { name: 'Add van' }).click();
  await expect(drawer.locator('.field-error')).toContainText('VIN check digit');
  await expect(drawer.getByLabel('VIN')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: path.join(shots, 'fleet-vin-error.png') });
  await drawer.getByLabel('VIN').fill('1FTBW3XM0PKE2EIO5');
  await drawer.getByRole('button', { name: 'Add van' }).click();
  await expect(drawer.locator('.field-error')).toContainText('I, O or Q');
  await drawer.getByLabel('VIN').fill(good);
  await drawer.getByRole('button', { name: 'Add van' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // archive it: confirm, gone from the list, undo brings it back
  const search = page.getByRole('searchbox', { name: 'Search vans' });
  await search.fill('E2E 901');
  await expect(table.locator('tbody tr[data-row-id]')).toHaveCount(1);
  await table.locator('tbody tr[data-row-id]').first().click();
  await page.getByRole('button', { name: 'Archive van' }).click();
  await page.getByRole('dialog', { name: /Archive van E2E 901/ }).getByRole('button', { name: 'Archive van' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Van E2E 901 archived' })).toBeVisible();
  await expect(table.locator('tbody tr[data-row-id]')).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'Van E2E 901 archived' }).getByRole('button', { name: 'Undo' }).click();
  await expect(table.locator('tbody tr[data-row-id]')).toHaveCount(1);

  // archive for good this time and find it under "Show archived"
  await table.locator('tbody tr[data-row-id]').first().click();
  await page.getByRole('button', { name: 'Archive van' }).click();
  await page.getByRole('dialog', { name: /Archive van/ }).getByRole('button', { name: 'Archive van' }).click();
  await expect(table.locator('tbody tr[data-row-id]')).toHaveCount(0);
  await page.getByLabel('Show archived').check();
  await expect(table.locator('tbody tr[data-row-id]')).toContainText('Archived');
});

test('fleet devices: list devices and link one to a van', async ({ page }) => {
  await openConsole(page, 'fleet/devices');
  const table = page.getByRole('table', { name: 'Devices' });
  await page.getByRole('button', { name: 'Add device' }).click();
  const dlg = page.getByRole('dialog', { name: 'Add device' });
  await dlg.getByLabel('Identifier').fill('e2e-phone-77');
  const vanOption = await dlg.getByLabel('Linked van').locator('option').nth(1).innerText();
  await dlg.getByLabel('Linked van').selectOption({ index: 1 });
  await dlg.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: `e2e-phone-77 linked to ${vanOption}` })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('e2e-phone-77');
  await expect(table.locator('tbody tr[data-row-id]')).toContainText(vanOption);
});

test('settings: station, database file, create and revoke an owner token; README screenshot', async ({ page }) => {
  await openConsole(page, 'settings');
  await expect(page.getByRole('heading', { name: 'Station' })).toBeVisible();
  await expect(page.getByTestId('db-path')).toContainText(/\.db$/);
  await page.getByRole('button', { name: 'Create owner token' }).click();
  const dlg = page.getByRole('dialog', { name: 'Create owner token' });
  await dlg.getByLabel('Who is it for?').fill('Owner Dana');
  await dlg.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByRole('dialog', { name: 'Token for Owner Dana' });
  const token = (await shown.getByTestId('new-token').innerText()).trim();
  expect(token.length).toBeGreaterThan(20);
  await expect(shown).toContainText('shown only once');
  await shown.getByRole('button', { name: 'Done' }).click();
  const tokens = page.getByRole('table', { name: 'Access tokens' });
  await expect(tokens).toContainText('Owner Dana');
  await screenshot(page, 'settings');

  // the owner token opens a read-only console: badge shown, write controls hidden
  const owner = await page.context().browser()!.newPage({ viewport: { width: 1440, height: 900 } });
  await owner.goto(`${new URL(page.url()).origin}/#token=${token}`);
  await expect(owner.getByText(/Read-only · Owner Dana/)).toBeVisible();
  await owner.evaluate(() => (window.location.hash = '#/roster'));
  await expect(owner.getByRole('table', { name: 'Drivers' }).locator('tbody tr[data-row-id]').first()).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Add driver' })).toHaveCount(0);
  await expect(owner.getByLabel('Import roster…')).toHaveCount(0);
  await owner.close();

  await tokens.getByRole('row', { name: /Owner Dana/ }).getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog', { name: /Revoke/ }).getByRole('button', { name: 'Revoke token' }).click();
  await expect(tokens.getByRole('row', { name: /Owner Dana/ })).toContainText('Revoked');
});

test('README screenshot: the roster of the demo station at 1440×900', { tag: '@readme' }, async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openConsole(page, 'roster');
  await expect(page.getByRole('table', { name: 'Drivers' }).locator('tbody tr[data-row-id]').first()).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText('Live');
  await page.waitForLoadState('networkidle');
  // `npm run screenshots` copies this one to docs/screenshot.png (the README's picture).
  await page.screenshot({ path: path.join(shots, 'readme-roster.png'), animations: 'disabled', caret: 'hide' });
});
