import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { openDatabase, type OpenedDb } from '../../electron/db/open';
import { startHeadOfficeServer, type HeadOfficeServer } from '../../electron/headoffice/server';
import { syncOnce } from '../../electron/headoffice/sync';
import { addHeadOfficeToken } from '../../electron/headoffice/tokens';
import { seedDemo } from '../../electron/services/demo/seed';
import { call } from '../../electron/services/dispatch';
import type { ServiceContext } from '../../electron/services/context';
import type { StandupSummary } from '../../shared/contract/scorecards';
import { fixedClock } from '../../shared/dates';
import { EventBus } from '../../shared/events';
import { STANDUP_GROUPS } from '../../renderer/screens/headoffice/model';
import { freshDatabase, postgresBinaries, startPostgres, type PostgresCluster } from '../helpers/postgres';
import { tempDir } from '../helpers/context';
import { SCREENSHOTS_DIR, settledPaint } from './helpers';

/**
 * The head-office console (issue 15) against a real PostgreSQL, a real head office and three demo
 * stations pushed with syncOnce: the picker lists them, "All stations" shows each station's own
 * stand-up figures, a picked station's roster is its desk's, and nothing offers to write.
 * Skipped (saying so) only where the PostgreSQL binaries are absent.
 */
const OWNER = 'owner-token-e2e';
const STATIONS = [
  { code: 'DSE4', seed: 1 },
  { code: 'DWA6', seed: 2 },
  { code: 'DSE5', seed: 3 },
];
// Away from the vitest head-office suite's 55400–55499, so both can run at once.
const PG_PORTS = process.env.DESK_PG_PORTS ? undefined : { from: 55500, count: 50 };
// One frozen moment for the desks and the head office: the same "today" on both sides, whatever the hour.
const clock = fixedClock(new Date().toISOString());

test.describe.configure({ mode: 'serial' });

let cluster: PostgresCluster | null = null;
let drop: (() => Promise<void>) | null = null;
let ho: HeadOfficeServer;
const desks = new Map<string, { opened: OpenedDb; ctx: ServiceContext }>();

test.beforeAll(async () => {
  test.skip(!postgresBinaries(), 'PostgreSQL binaries are not installed (apt-get install postgresql): the head-office console e2e needs a real PostgreSQL');
  test.setTimeout(600_000);
  cluster = await startPostgres(PG_PORTS);
  const db = await freshDatabase(cluster.url, 'ho_e2e');
  drop = db.drop;
  const built = process.env.DESK_E2E_RENDERER ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  expect(fs.existsSync(path.join(built, 'index.html')), 'npm run build:renderer first').toBe(true);
  ho = await startHeadOfficeServer({ postgres: db.url, ownerToken: OWNER, clock, staticDir: built, keepPositionsDays: 36500 });
  const dir = tempDir('ho-e2e-');
  for (const s of STATIONS) {
    const opened = openDatabase(path.join(dir, `${s.code}.db`));
    const ctx: ServiceContext = { db: opened.db, clock, actor: { name: 'owner', role: 'owner' }, events: new EventBus(), dbPath: opened.path };
    seedDemo({ ...ctx, actor: { name: 'desk', role: 'desk' } }, { seed: s.seed, station: s.code });
    desks.set(s.code, { opened, ctx });
  }
});

test.afterAll(async () => {
  for (const d of desks.values()) d.opened.close();
  await ho?.close();
  await drop?.();
  cluster?.stop();
});

async function openHeadOffice(page: Page, screen = 'standup'): Promise<void> {
  await page.goto(`${ho.url}/#token=${OWNER}`);
  await page.evaluate((s) => (window.location.hash = `#/${s}`), screen);
}

const shot = (page: Page, name: string) => settledPaint(page).then(() => page.screenshot({ path: path.join(SCREENSHOTS_DIR, name) }));

test('a head office nobody pushed to says how to connect a desk', async ({ page }) => {
  await openHeadOffice(page);
  await expect(page.getByTestId('ho-empty')).toContainText('token create --role station');
  await expect(page.getByTestId('ho-empty')).toContainText(`sync --db PATH/TO/station.db --to ${ho.url}`);
  await shot(page, 'headoffice-empty.png');
});

test('three stations: picker, all-stations stand-up equal to each desk, a picked station’s roster, nothing that writes @readme', async ({ page }) => {
  test.setTimeout(600_000);
  for (const s of STATIONS) {
    const { token } = await addHeadOfficeToken(ho.ho.db, s.code, 'station');
    const r = await syncOnce(desks.get(s.code)!.opened.sqlite, { url: ho.url, token, now: () => clock.now() });
    expect(r.pending).toBe(0);
  }
  const reads: { channel: string; body: Record<string, unknown> }[] = [];
  page.on('request', (req) => {
    const m = /\/api\/([\w.]+)$/.exec(req.url());
    if (m && req.method() === 'POST') reads.push({ channel: m[1]!, body: JSON.parse(req.postData() ?? '{}') });
  });

  await openHeadOffice(page);
  const picker = page.getByTestId('station-picker');
  await expect(picker).toContainText('All stations');

  // All stations: each station's row holds its own desk's standup.summary figures.
  const figures = page.locator('section[data-group="yesterday"]');
  await expect(figures.locator('tbody tr')).toHaveCount(STATIONS.length);
  const own = new Map<string, StandupSummary>();
  for (const s of STATIONS) own.set(s.code, await call(desks.get(s.code)!.ctx, 'standup.summary', {}));
  for (const group of STANDUP_GROUPS) {
    const table = page.locator(`section[data-group="${group.id}"]`);
    for (const s of STATIONS) {
      for (const f of group.figures) {
        const want = f.get(own.get(s.code)!);
        await expect(table.locator(`tr[data-station="${s.code}"] td[data-figure="${f.key}"]`), `${s.code} ${f.key}`).toHaveText(want === null ? '—' : want.toLocaleString('en-US'));
      }
    }
  }
  // Open items add up across stations; the total row says so.
  const atRisk = STATIONS.reduce((n, s) => n + own.get(s.code)!.atRisk.length, 0);
  await expect(page.locator('section[data-group="now"] tr[data-station="total"] td[data-figure="atRisk"]')).toHaveText(String(atRisk));
  await shot(page, 'headoffice-standup-all.png');

  // The picker lists every station with its last push and what is pending.
  await picker.click();
  const options = page.getByRole('listbox', { name: 'Stations' }).getByRole('option');
  await expect(options).toHaveCount(STATIONS.length + 1);
  for (const s of STATIONS) await expect(options.filter({ hasText: s.code })).toContainText(/last push .*(just now|min ago).*nothing pending/);
  await shot(page, 'readme-headoffice-picker.png');

  // Keyboard: the second option (the first station by code) with ↓ and Enter.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const first = [...STATIONS].sort((a, b) => a.code.localeCompare(b.code))[0]!.code;
  await expect(picker).toContainText((await call(desks.get(first)!.ctx, 'app.info', {})).station!.name);
  await expect(page.locator('section[data-group="yesterday"] tbody tr')).toHaveCount(1);
  await shot(page, 'headoffice-station-picked.png');

  // The picked station's roster: its desk's drivers, every read carrying the station.
  reads.length = 0;
  await page.evaluate(() => (window.location.hash = '#/roster'));
  const drivers = await call(desks.get(first)!.ctx, 'roster.list', {});
  await expect(page.locator('.dt-count')).toHaveText(`${drivers.length} drivers`);
  await expect(page.locator(`[data-testid="station-states"] [data-station="${first}"]`)).toHaveAttribute('data-count', String(drivers.length));
  expect(reads.length).toBeGreaterThan(0);
  for (const r of reads.filter((x) => x.channel !== 'stations.list')) expect(r.body.station, r.channel).toBe(first);

  // Remembered across reloads.
  await page.reload();
  await expect(picker).toContainText((await call(desks.get(first)!.ctx, 'app.info', {})).station!.name);
  // Screens by keyboard too (Alt+<n>, as on the desk).
  await page.keyboard.press('Alt+1');
  await expect(page.locator('.screen-header h1')).toHaveText('Stand-up');
  await page.keyboard.press('Alt+6');
  await expect(page.locator('.screen-header h1')).toHaveText('Roster');

  // All stations again: one roster table with a Station column.
  await picker.focus();
  await page.keyboard.press('Alt+0');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(picker).toContainText('All stations');
  let total = 0;
  for (const s of STATIONS) total += (await call(desks.get(s.code)!.ctx, 'roster.list', {})).length;
  await expect(page.locator('.dt-count')).toHaveText(`${total} drivers`);
  await expect(page.getByRole('columnheader', { name: 'Station' })).toBeVisible();
  await shot(page, 'readme-headoffice-roster.png');

  // Nothing writes: on every screen, no control that adds, imports, edits or drops files.
  for (const screen of ['standup', 'scorecards', 'coaching', 'incidents', 'readiness', 'roster']) {
    await page.evaluate((s) => (window.location.hash = `#/${s}`), screen);
    await expect(page.locator('.screen-header h1').first()).toBeVisible();
    await settledPaint(page);
    await expect(page.getByRole('button', { name: /add|new|import|edit|save|delete|archive|restore|record|assign|upload|print|dismiss|accept|close/i }), screen).toHaveCount(0);
    await expect(page.locator('input[type=file], [draggable=true], textarea'), screen).toHaveCount(0);
    await shot(page, `headoffice-${screen}.png`);
  }

  // A station whose copy is still arriving shows that in its row, never zeros, and the totals stay empty.
  await ho.ho.pool.query(`UPDATE ho_stations SET snapshot_complete = false WHERE code = 'DWA6'`);
  try {
    await page.evaluate(() => (window.location.hash = '#/standup'));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.locator('section[data-group="yesterday"] tr[data-station="DWA6"]')).toContainText('still arriving');
    await expect(page.locator('section[data-group="yesterday"] tr[data-station="DWA6"] td[data-figure]')).toHaveCount(0);
    await expect(page.locator('section[data-group="now"] tr[data-station="total"] td[data-figure="atRisk"]')).toHaveText('—');
    await expect(page.locator('section[data-group="now"] tr[data-station="total"] td[data-figure="atRisk"]')).toHaveAttribute('title', 'No figures from DWA6');
    await page.evaluate(() => (window.location.hash = '#/roster'));
    await expect(page.locator('[data-testid="station-states"] [data-station="DWA6"]')).toContainText('still arriving');
    await picker.click();
    await expect(options.filter({ hasText: 'DWA6' })).toContainText('copy arriving');
    await shot(page, 'headoffice-station-arriving.png');
    await page.keyboard.press('Escape');
  } finally {
    await ho.ho.pool.query(`UPDATE ho_stations SET snapshot_complete = true WHERE code = 'DWA6'`);
  }

  const writes = reads.filter((r) => !['stations.list', 'standup.summary', 'scorecards.weeks', 'scorecards.atRisk', 'coaching.list', 'incidents.list', 'fleet.readiness', 'roster.list'].includes(r.channel));
  expect(writes, 'the console only reads').toEqual([]);
});
