import path from 'node:path';
import { expect, test } from '@playwright/test';
import { apiCall, openConsole, settledPaint, SCREENSHOTS_DIR } from './helpers';

/** Fleet → Devices: the odometer-source checkbox (off by default), saved as an audited write. */
test('a tracker is marked as its van’s odometer source from the device dialog; off by default; audited', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const tracker = (await apiCall(page, 'devices.list', {})).find((d) => d.kind === 'tracker' && d.vanId && !d.odometerSource)!;
  expect(tracker).toBeTruthy();
  await openConsole(page, 'fleet/devices');
  const table = page.getByRole('table', { name: 'Devices' });
  await page.getByRole('searchbox', { name: 'Search devices' }).fill(tracker.identifier);
  const row = table.locator('tbody tr[data-row-id]').first();
  await expect(row).toContainText(tracker.identifier);
  await row.dblclick();
  const dlg = page.getByRole('dialog', { name: `Device ${tracker.identifier}` });
  const box = dlg.getByRole('checkbox', { name: "Its odometer reading is the van's odometer" });
  await expect(box).not.toBeChecked();
  await box.check();
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'fleet-device-odometer.png'), animations: 'disabled', caret: 'hide' });
  await dlg.getByRole('button', { name: 'Save' }).click();
  await expect(dlg).toBeHidden();
  await expect(row).toContainText('Van odometer');
  expect((await apiCall(page, 'devices.list', {})).find((d) => d.id === tracker.id)!.odometerSource).toBe(true);
  const [entry] = await apiCall(page, 'audit.list', { entity: 'device', entityId: String(tracker.id) });
  expect(entry).toMatchObject({ actor: 'desk', action: 'update', before: { odometerSource: false }, after: { odometerSource: true } });
});
