import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS_DIR, apiCall, settledPaint } from './helpers';
import { startOwnServer, type OwnServer } from './own-server';

/**
 * The live map end to end: a console served with its own ingest port, the simulator driving the
 * demo station's vans against it, markers that move, a selected van's trail, and — after the pings
 * stop — a stale flag. Staleness is measured against the page's clock, so the test fast-forwards
 * the browser's clock (Playwright's clock API) by 11 minutes instead of waiting 10.
 *
 * This spec starts its own `serve --demo` (not the config's webServer) because it needs to know
 * the ingest port and the database the simulator reads its devices from.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = SCREENSHOTS_DIR;
const TOKEN = 'map-e2e-token';

let server: OwnServer;
let base = '';
let ingestPort = 0;
let dbPath = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({ token: TOKEN, demo: true, name: 'map' });
  ({ base, ingestPort, dbPath } = server);
});

test.afterAll(async () => {
  await server?.stop();
});

function simulate(seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/cli.ts',
        'simulate',
        '--target',
        `http://127.0.0.1:${ingestPort}`,
        '--db',
        dbPath,
        '--devices',
        '40',
        '--rate',
        '2',
        '--seconds',
        String(seconds),
        '--wave-gap',
        '1',
        '--json',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    p.stdout!.on('data', (c) => (out += String(c)));
    p.stderr!.on('data', (c) => (err += String(c)));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`simulate exited ${code}: ${err}`))));
  });
}


test('live map: markers move, a van’s trail, a stale flag after pings stop', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.install();
  await page.goto(`${base}/#token=${TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/map'));
  await expect(page.getByRole('heading', { name: 'Map', level: 1 })).toBeVisible();
  // The demo's phones are parked at the station; the desk is offline, so the basemap says so.
  await expect(page.getByTestId('van-count')).toContainText(/[1-9]\d* devices reporting/);
  await expect(page.getByTestId('basemap-offline')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.leaflet-control-scale')).toBeVisible();

  const before = await apiCall(page, 'positions.latest', {}, { base, token: TOKEN });
  const canvas = page.locator('.leaflet-overlay-pane canvas').first();
  await expect(canvas).toBeVisible();

  const sim = simulate(40);
  // Markers move: positions change on the desk…
  let after: typeof before = [];
  const movedNow = () =>
    after.filter((a) => {
      const b = before.find((x) => x.deviceId === a.deviceId);
      return b && (b.lat !== a.lat || b.lon !== a.lon);
    });
  await expect
    .poll(
      async () => {
        after = await apiCall(page, 'positions.latest', {}, { base, token: TOKEN });
        return movedNow().length;
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBeGreaterThan(10);
  const moved = movedNow();
  // …and the map's canvas repaints them.
  const shotA = await canvas.screenshot();
  await expect.poll(async () => Buffer.compare(shotA, await canvas.screenshot()), { timeout: 30_000 }).not.toBe(0);

  // Select a van from the Vans list: it flies there, the card shows its trail growing.
  await page.getByRole('tab', { name: /Vans/ }).click();
  // Prefer a van whose route launched (left the geofence after its wave): only such a van can go stale.
  const launched = moved.filter((a) => after.find((x) => x.deviceId === a.deviceId)?.launchedAt);
  const movedDevice = (launched[0] ?? moved[0]!).deviceId;
  const m = after.find((a) => a.deviceId === movedDevice)!;
  const label = m.routeCode ?? m.vanName ?? m.identifier;
  await page.getByRole('textbox', { name: 'Find a van' }).fill(label);
  await page.getByTestId('van-list').getByRole('button').filter({ hasText: label }).first().click();
  await expect(page.getByTestId('van-card')).toBeVisible();
  const name = (await page.getByTestId('van-card').locator('strong').textContent())!;
  expect(name).toBe(label);
  await expect
    .poll(async () => Number((await page.getByTestId('trail-points').textContent())!.split(' ')[0]), { timeout: 15_000 })
    .toBeGreaterThan(3);
  expect(await page.locator('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas').count()).toBeGreaterThan(0);
  // Wait until several vans are out on the road, then take the screenshot.
  await expect
    .poll(async () => Number(await page.locator('.legend-item[data-state="on_road"] b').textContent()), { timeout: 30_000 })
    .toBeGreaterThan(5);
  await settledPaint(page);
  await page.screenshot({ path: path.join(shots, 'map.png') });

  // Pings stop when the simulator ends; 11 minutes later (page clock) the vans out on their routes
  // are stale — and a van whose route has not launched (before its wave) is at the station, never stale.
  const summary = JSON.parse(await sim) as { stored: number; sent: number };
  expect(summary.stored).toBeGreaterThan(100);
  expect(summary.stored).toBe(summary.sent);
  await page.getByRole('tab', { name: /Flags/ }).click();
  await page.clock.fastForward('11:00');
  const out = (await apiCall(page, 'positions.latest', {}, { base, token: TOKEN })).find((p) => p.deviceId === movedDevice)!;
  if (!out.launchedAt) {
    await expect(page.getByTestId('flag-list').locator('button[data-kind="stale"]').filter({ hasText: name })).toHaveCount(0);
    return;
  }
  const staleFlag = page.getByTestId('flag-list').locator('button[data-kind="stale"]').filter({ hasText: name });
  await expect(staleFlag).toBeVisible({ timeout: 10_000 });
  await expect(staleFlag).toContainText(/No ping for 1[01] min/);
  // Click the flag: the van is selected.
  await staleFlag.click();
  await expect(page.getByTestId('van-card')).toContainText('Stale');
  await page.screenshot({ path: path.join(shots, 'map-stale.png') });
  expect(movedDevice).toBeGreaterThan(0);
});
