import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, test } from '@playwright/test';
import { apiCall, openConsole, settledPaint, SCREENSHOTS_DIR } from './helpers';
import { decodeBadge } from '../../renderer/kiosk/qr';

/**
 * Setting up the kiosk from the console: a kiosk token made in Settings (role picker) shows the
 * kiosk link and its QR code — which decodes to that link and opens the check-in page —, the
 * example token name "Owner – Dana" (en dash) passes its own check, and Roster → Print badges saves
 * a PDF whose QR codes the kiosk's decoder reads as transporter IDs.
 */
const decodePng = (png: Buffer) => {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
};

test('Settings: an owner token named “Owner – Dana” and a kiosk token with its link and QR code', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openConsole(page, 'settings');
  await page.getByRole('button', { name: 'Create owner token' }).click();
  let dlg = page.getByRole('dialog', { name: 'Create owner token' });
  await expect(dlg.getByLabel('Who is it for?')).toHaveAttribute('placeholder', 'e.g. Owner – Dana');
  await dlg.getByLabel('Who is it for?').fill('Owner – Dana');
  await dlg.getByRole('button', { name: 'Create token' }).click();
  let shown = page.getByRole('dialog', { name: 'Token for Owner – Dana' });
  await expect(shown.getByTestId('new-token')).toBeVisible();
  await expect(shown.getByTestId('kiosk-qr')).toHaveCount(0);
  await shown.getByRole('button', { name: 'Done' }).click();
  const tokens = page.getByRole('table', { name: 'Access tokens' });
  await expect(tokens.getByRole('row', { name: /Owner – Dana/ })).toContainText('Owner (read-only)');

  // A kiosk token: the role picker, then the link to open on the tablet and its QR code.
  await page.getByRole('button', { name: 'Create kiosk token' }).click();
  dlg = page.getByRole('dialog', { name: /^Create (kiosk|owner) token$/ });
  await expect(page.getByRole('dialog', { name: 'Create kiosk token' })).toBeVisible();
  await expect(dlg.getByRole('radio', { name: 'Kiosk (check-in only)' })).toBeChecked();
  await dlg.getByRole('radio', { name: 'Owner (read-only)' }).check();
  await expect(page.getByRole('dialog', { name: 'Create owner token' })).toBeVisible();
  await dlg.getByRole('radio', { name: 'Kiosk (check-in only)' }).check();
  await dlg.getByLabel('Where is the kiosk?').fill('Kiosk – loading dock');
  await dlg.getByRole('button', { name: 'Create token' }).click();
  shown = page.getByRole('dialog', { name: 'Token for Kiosk – loading dock' });
  const token = (await shown.getByTestId('new-token').innerText()).trim();
  const url = (await shown.getByTestId('token-url').innerText()).trim();
  const origin = new URL(page.url()).origin;
  expect(url).toBe(`${origin}/kiosk#token=${token}`);
  const qr = shown.getByTestId('kiosk-qr');
  await expect(qr).toBeVisible();
  expect(decodePng(await qr.screenshot())).toBe(url);
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'settings-kiosk-token.png'), animations: 'disabled', caret: 'hide' });
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(tokens.getByRole('row', { name: /Kiosk – loading dock/ })).toContainText('Kiosk (check-in only)');

  // The link opens the check-in page with that token (loopback here; a tablet on the LAN in the station).
  const kiosk = await page.context().browser()!.newPage({ viewport: { width: 390, height: 844 } });
  await kiosk.goto(url);
  const roster = await apiCall(page, 'roster.list', {});
  const someone = roster.find((d) => d.status === 'active')!;
  await kiosk.getByLabel(/transporter ID/i).fill(someone.transporterId);
  await kiosk.keyboard.press('Enter');
  await expect(kiosk.getByText(someone.name)).toBeVisible();
  await kiosk.close();
});

test('Roster → Print badges: a PDF whose QR codes the kiosk reads as transporter IDs', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openConsole(page, 'roster');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Print badges' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^badges-.*\.pdf$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-badges-'));
  const file = path.join(dir, 'badges.pdf');
  await download.saveAs(file);
  await expect(page.getByText(/Badge sheet saved: \d+ badges on \d+ pages/)).toBeVisible();

  const active = (await apiCall(page, 'roster.list', {})).filter((d) => d.status === 'active');
  const text = execFileSync('pdftotext', ['-raw', file, '-']).toString();
  for (const d of active) expect(text).toContain(d.transporterId);
  // Page 1 as the printer sees it; the first card's QR code (top left) read by the kiosk's decoder.
  execFileSync('pdftoppm', ['-r', '110', '-png', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
  const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
  fs.copyFileSync(path.join(dir, png), path.join(SCREENSHOTS_DIR, 'badges.png'));
  const img = PNG.sync.read(fs.readFileSync(path.join(dir, png)));
  const half = { w: Math.floor(img.width / 2), h: Math.floor(img.height * 0.29) };
  const crop = new Uint8ClampedArray(half.w * half.h * 4);
  for (let y = 0; y < half.h; y++) crop.set(img.data.subarray(y * img.width * 4, (y * img.width + half.w) * 4), y * half.w * 4);
  const first = [...active].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }))[0]!;
  expect(decodeBadge(crop, half.w, half.h)).toBe(first.transporterId);
  fs.rmSync(dir, { recursive: true, force: true });
});
