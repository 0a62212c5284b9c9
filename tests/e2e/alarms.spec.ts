import http from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS_DIR, apiCall, settledPaint } from './helpers';
import { startOwnServer, type OwnServer } from './own-server';
import { writeMbtiles } from '../helpers/tiles';
import { tempDir } from '../helpers/context';

/**
 * A phone presses SOS (`alarm=sos` over the real ingest port): the red flag shows on the map (a
 * red ring with its words and the alarm bar) and on the board until a dispatcher acknowledges it;
 * then the map with a local MBTiles file of the delivery area (built here) as its basemap — streets
 * without internet.
 */
const TOKEN = 'alarms-e2e-token';
let server: OwnServer;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({ token: TOKEN, demo: true, name: 'alarms' });
});
test.afterAll(async () => {
  await server?.stop();
});

function ping(query: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${server.ingestPort}/?${query}`, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      })
      .on('error', reject);
  });
}

test('SOS: a red flag with its words on the map and the board until acknowledged; the map on a local tile file', async ({ page }) => {
  test.setTimeout(180_000);
  const opts = { base: server.base, token: TOKEN };
  await page.goto(`${server.base}/#token=${TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();

  // A local tile file of the station's area, chosen in the map settings.
  const live = await apiCall(page, 'telematics.live', {}, opts);
  const st = live.station!;
  const file = path.join(tempDir('desk-e2e-tiles-'), 'delivery-area.mbtiles');
  writeMbtiles(file, { lat: st.lat, lon: st.lon, radiusDeg: 0.06, minZoom: 11, maxZoom: 15 });
  await apiCall(page, 'telematics.updateSettings', { localTiles: file, mapLabels: 'route' }, opts);

  // A phone on a van presses SOS a little north of the station.
  const phone = live.positions.find((p) => p.vanId !== null && p.routeCode)!;
  expect(await ping(`id=${encodeURIComponent(phone.identifier)}&lat=${st.lat + 0.006}&lon=${st.lon + 0.004}&speed=0&batt=61&alarm=sos`)).toBe(200);

  await page.evaluate(() => (window.location.hash = '#/map'));
  await expect(page.getByRole('heading', { name: 'Map', level: 1 })).toBeVisible();
  const bar = page.getByTestId('alarm-bar');
  const sos = bar.locator('.alarm-row.urgent[data-kind="sos"]');
  await expect(sos).toBeVisible({ timeout: 20_000 });
  await expect(sos).toContainText('SOS');
  await expect(sos).toContainText(phone.routeCode!);
  // The demo's ordinary alarm sits below it, quiet.
  await expect(bar.locator('.alarm-row:not(.urgent)[data-kind="lowBattery"]')).toContainText('Low battery');
  await sos.getByRole('button', { name: 'Show on map' }).click();
  await expect(page.locator('.leaflet-tooltip.alarm-label')).toContainText(`SOS · ${phone.routeCode}`);
  // The local tiles drew the streets: no offline badge.
  await expect.poll(() => page.locator('.local-tiles img').count(), { timeout: 20_000 }).toBeGreaterThan(3);
  await expect(page.getByTestId('basemap-offline')).toHaveCount(0);
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'map-sos.png') });

  // The board shows the same red flag.
  await page.evaluate(() => (window.location.hash = '#/board'));
  await expect(page.getByRole('heading', { name: 'Board', level: 1 })).toBeVisible();
  await expect(page.getByTestId('alarm-bar').locator('.alarm-row.urgent[data-kind="sos"]')).toBeVisible();
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'board-sos.png') });

  // Acknowledged: the flag goes, who and when are kept.
  await page.getByTestId('alarm-bar').locator('.alarm-row.urgent').getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByTestId('alarm-bar').locator('.alarm-row.urgent')).toHaveCount(0);
  const history = await apiCall(page, 'telematics.alarms', { sinceDays: 1 }, opts);
  expect(history.find((a) => a.kind === 'sos')).toMatchObject({ acknowledgedBy: expect.any(String), acknowledgedAt: expect.any(String) });

  // The map on the local tile file, zoomed in on the station, labels by van name.
  await apiCall(page, 'telematics.updateSettings', { mapLabels: 'van' }, opts);
  await page.evaluate(() => (window.location.hash = '#/map'));
  await expect(page.getByRole('button', { name: 'Van name' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('tab', { name: /Vans/ }).click();
  await page.getByTestId('van-list').getByRole('button').first().click();
  await expect(page.getByTestId('van-card-driver')).toBeVisible();
  await expect.poll(() => page.locator('.local-tiles img').count(), { timeout: 20_000 }).toBeGreaterThan(3);
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'map-local-tiles.png') });
});
