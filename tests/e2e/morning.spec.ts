import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS_DIR, apiCall, settledPaint } from './helpers';
import { startOwnServer, type OwnServer } from './own-server';
import type { BoardView } from '../../shared/contract/board';

/**
 * Issue 13, the dispatcher's morning on a demo station of its own: a fresh 40-route sheet to a
 * printed load-out, counting every dispatcher action (README "Morning board" states the count);
 * a van grounded after assignment puts its route in conflict on the counts bar and the row, the
 * load-out refuses to print, auto-assign repairs only that route; the picker acts only on a
 * settled verdict; Tomorrow and Alt+←/→ move the day. Screenshots at 1366×768.
 */
test.describe.configure({ mode: 'serial' });

const TOKEN = 'morning-e2e-token';
let server: OwnServer;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startOwnServer({ token: TOKEN, demo: true, name: 'morning' });
});
test.afterAll(async () => server?.stop());

const api = <K extends Parameters<typeof apiCall>[1]>(page: Page, channel: K, input: Parameters<typeof apiCall<K>>[2]) => apiCall(page, channel, input, { base: server.base, token: TOKEN });

async function open(page: Page) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${server.base}/#token=${TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/board'));
  await expect(page.getByTestId('counts-bar')).toContainText('Routes');
}

async function shot(page: Page, name: string) {
  await settledPaint(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** Is the element entirely inside the 1366×768 window (no scrolling needed to see it)? */
async function inWindow(page: Page, selector: ReturnType<Page['locator']>) {
  const box = await selector.boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width;
}

/**
 * A realistic 40-route sheet for a day, in the demo fleet's mix (electric, standard,
 * large, step van, nursery), with gate codes in the notes.
 */
function sheet40(): string {
  const rows = ['Route Code,Wave,Staging Location,Service Type,Route Duration,Stops,Packages,Distance,Notes'];
  const mix = [
    ...Array(14).fill('Standard Parcel Electric'),
    ...Array(19).fill('Standard Parcel'),
    ...Array(2).fill('Standard Parcel - Large Van'), // the demo fleet's large cargo vans
    ...Array(3).fill('Standard Parcel Step Van - US'),
    ...Array(2).fill('Nursery Route Level 2'),
  ];
  mix.forEach((service, i) => {
    const wave = ['10:05', '10:25', '10:45'][i % 3]!;
    const minutes = 300 + ((i * 37) % 240); // 5 h … 8 h 59
    const miles = service.includes('Electric') ? 28 + ((i * 7) % 45) : 20 + ((i * 11) % 70);
    const notes = i % 5 === 0 ? `Gate code #${4000 + i}` : '';
    rows.push(`MX${i + 1},${wave},STG.${'ABC'[i % 3]}${Math.floor(i / 3) + 1},${service},${minutes},${150 + (i % 60)},${220 + (i % 150)},${miles} mi,${notes}`);
  });
  return rows.join('\n');
}

/**
 * Check-in, kept apart from the count. Drivers check themselves in at the kiosk on the morning
 * itself (`/kiosk`, a kiosk token; check-in for any day but today is refused), which is no
 * dispatcher action; and a driver not here yet is a state, not a warning, so nothing waits on it.
 * The sheet here is tomorrow's (the evening before, as the dispatcher had it): no one can
 * check in for it today. With the board's bulk check-in instead of the kiosk this is the
 * dispatcher's "Check in arrivals…" + confirm on the morning (2 actions).
 */
async function driversCheckThemselvesIn(page: Page, date: string, today: string): Promise<number> {
  if (date !== today) return 0; // tomorrow morning, at the kiosk
  const list = await api(page, 'checkin.list', { date });
  for (const e of list.filter((x) => x.status === 'scheduled')) await api(page, 'checkin.set', { date, driverId: e.driverId, status: 'checked_in' });
  return 0; // dispatcher actions
}

/**
 * The week before (not the morning): the schedule puts enough drivers on the day for a 40-route
 * sheet — everyone who has not asked for the day off or taken PTO works (the demo's own schedule is
 * sized to its usual 33–41 routes).
 */
async function scheduleFor40(page: Page, date: string) {
  const week = await api(page, 'schedule.week', { weekStart: date });
  const col = week.days.findIndex((d) => d.date === date);
  const cells = week.drivers
    .filter((d) => !['requested_off', 'pto', 'working'].includes(d.cells[col] ?? ''))
    .map((d) => ({ driverId: d.driverId, date, state: 'working' as const }));
  if (cells.length) await api(page, 'schedule.set', { cells });
}

test('the morning: fresh 40-route sheet → printed load-out in ≤ 8 dispatcher actions, 0 warnings @count', async ({ page }) => {
  test.setTimeout(240_000);
  await open(page);
  const today = await page.getByLabel('Board date').inputValue();
  const actions: string[] = [];
  const act = async (what: string, fn: () => Promise<unknown>) => {
    actions.push(what);
    await fn();
  };
  // 1. Tomorrow's board.
  await act('Tomorrow', () => page.getByRole('button', { name: 'Tomorrow' }).click());
  const date = await page.getByLabel('Board date').inputValue();
  expect(date > today).toBe(true);
  await expect(page.locator('.dt-empty')).toContainText('No routes for this day yet');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-morning-')), `routes-${date}.csv`);
  fs.writeFileSync(file, sheet40());
  await scheduleFor40(page, date);

  // 2–3. Import the sheet: the button, then the file.
  const chooser = page.waitForEvent('filechooser');
  await act('Import route sheet', () => page.getByRole('button', { name: 'Import route sheet' }).click());
  await act('choose the file', async () => (await chooser).setFiles(file));
  // 4. Confirm.
  await act('Import 40 routes', () => page.getByRole('button', { name: 'Import 40 routes' }).click());
  await expect(page.getByTestId('board-row-count')).toHaveText('40 routes');

  actions.push(...Array(await driversCheckThemselvesIn(page, date, today)).fill('check-in'));

  // 5. Auto-assign, 6. Apply: an ordinary day carries no warning, so Apply needs no reason.
  await act('Auto-assign', () => page.getByRole('button', { name: /^Auto-assign/ }).click());
  const dialog = page.getByTestId('autoassign');
  await expect(dialog.locator('tr.proposal').first()).toBeVisible();
  const plan = await api(page, 'board.autoAssign', { date, apply: false });
  expect(plan.uncovered).toEqual([]);
  await expect(dialog.locator('tr.proposal')).toHaveCount(40);
  expect(plan.proposals.filter((p) => p.flags.length > 0).map((p) => `${p.routeCode}: ${p.flags.map((f) => f.message).join('; ')}`)).toEqual([]);
  const apply = page.getByTestId('apply-proposals');
  await expect(apply).toBeEnabled();
  expect(await inWindow(page, apply), 'Apply is visible at 1366×768').toBe(true);
  await shot(page, 'morning-autoassign-1366x768');
  await act('Apply 40 assignments', () => apply.click());
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('counts-bar')).toContainText('Every route assigned');

  // 7. Print the load-out.
  const downloading = page.waitForEvent('download');
  await act('Load-out PDF', () => page.getByRole('button', { name: 'Load-out PDF' }).click());
  const download = await downloading;
  const pdf = path.join(path.dirname(file), download.suggestedFilename());
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  for (const code of ['MX1', 'MX20', 'MX40']) expect(text).toContain(code);
  expect(text).toContain('Gate code #4000');
  expect(text).not.toContain('NOT READY');
  await shot(page, 'morning-assigned');

  // The measured count, for the README.
  console.log(`MORNING ACTIONS ${actions.length}: ${actions.join(' → ')}`);
  expect(actions.length).toBeLessThanOrEqual(8);
});

test('a van grounded after assignment: conflict on the counts bar and the row, the load-out refuses, auto-assign repairs only that route', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const date = await page.getByLabel('Board date').inputValue();
  let view: BoardView = await api(page, 'board.list', { date });
  const victim = view.routes.find((r) => r.van && r.assignment && r.status === 'assigned')!;
  expect(victim, 'an assigned route with a van').toBeTruthy();
  // The van fails its pre-trip DVIR (brakes): grounded at dawn, after it was assigned.
  await api(page, 'fleet.inspect', { vanId: victim.van!.id, inspector: 'Dawn shift', items: [{ itemCode: 'brakes', passed: false, note: 'grinding' }] });
  const row = page.locator(`tr.board-row[data-route="${victim.code}"]`);
  await expect(row).toContainText('Not ready — reassign');
  await expect(row).toContainText('Van not ready');
  const bar = page.getByTestId('counts-bar');
  await expect(bar).toContainText('1 route in conflict');
  await expect(bar).not.toContainText('Every route assigned');
  await row.scrollIntoViewIfNeeded();
  await shot(page, 'morning-grounded-after-assignment');

  // The load-out refuses, naming the route and why.
  await page.getByRole('button', { name: 'Load-out PDF' }).click();
  const refused = page.getByTestId('loadout-refused');
  await expect(refused).toContainText(victim.code);
  await expect(refused).toContainText(`${victim.van!.name} is grounded`);
  await shot(page, 'morning-loadout-refused');

  // Repair: a tighter day limit (8 h 30) makes some proposals carry a warning, so the dialog must
  // show its override field and say why Apply is off — at 1366×768, without scrolling.
  await api(page, 'board.setLimits', { maxDailyHours: 8.5 });
  await page.getByRole('button', { name: 'Repair with auto-assign' }).click();
  const dialog = page.getByTestId('autoassign');
  await expect(dialog.getByTestId('repairs')).toContainText(victim.code);
  const before = view.routes.filter((r) => r.assignment && r.id !== victim.id);
  const proposals = dialog.locator('tr.proposal');
  await expect(proposals.first()).toBeVisible();
  // Re-planned: the broken route and the open ones; no good assignment is touched.
  const proposed = await proposals.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-route')));
  expect(proposed).toContain(victim.code);
  for (const r of before) expect(proposed, r.code).not.toContain(r.code);
  const reason = page.getByLabel(/Reason to override the warnings/);
  const apply = page.getByTestId('apply-proposals');
  if (await reason.count()) {
    await expect(apply).toBeDisabled();
    await expect(page.getByTestId('apply-why')).toContainText('Give a reason');
    expect(await inWindow(page, reason)).toBe(true);
    await reason.fill('e2e: reviewed');
  }
  expect(await inWindow(page, apply)).toBe(true);
  await shot(page, 'morning-repair-1366x768');
  await apply.click();
  await expect(dialog).toHaveCount(0);
  await expect(bar).not.toContainText('in conflict');
  view = await api(page, 'board.list', { date });
  expect(view.counts.conflicts).toBe(0);
  for (const r of before) expect(view.routes.find((x) => x.id === r.id)!.assignment, r.code).toMatchObject({ id: r.assignment!.id, driverId: r.assignment!.driverId, vanId: r.assignment!.vanId });
  await api(page, 'board.setLimits', { maxDailyHours: 10 });
});

test('the picker acts only on a settled verdict; Tomorrow and Alt+←/→ move the day', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const today = await page.getByLabel('Board date').inputValue();
  await page.getByRole('button', { name: 'Tomorrow' }).click();
  const tomorrow = await page.getByLabel('Board date').inputValue();
  expect(tomorrow > today).toBe(true);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByLabel('Board date')).toHaveValue(today);
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.getByLabel('Board date')).toHaveValue(tomorrow);

  // Tomorrow's board: one open route; hold the rule checks back, Enter must not pick.
  await api(page, 'routes.import', { fileName: 'r.csv', content: 'Route Code,Wave,Service Type,Route Duration\nTX1,10:05,Standard Parcel,10h', date: tomorrow, dryRun: false });
  const row = page.locator('tr.board-row[data-route="TX1"]');
  await expect(row).toContainText('10 h 00');
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/api/board.check', async (route) => {
    await gate;
    await route.continue();
  });
  await row.locator('td').first().click();
  await page.getByRole('grid', { name: 'Routes of the day' }).focus();
  await page.keyboard.press('Enter');
  const picker = page.locator('.picker');
  await expect(picker.locator('.picker-item').first()).toContainText('checking…');
  await page.keyboard.press('Enter');
  await expect(picker.locator('.picker-hint')).toContainText('Still checking');
  await expect(picker.locator('.picker-note')).toHaveCount(0); // still step 1: nothing was picked
  release();
  await expect(picker.locator('.picker-item').filter({ hasText: 'checking…' })).toHaveCount(0);
  // A 10-hour route: 10 h 45 on duty, in words and in full.
  await expect(picker.locator('.picker-item').first()).toContainText('Too many hours on duty today: 10 h 45 on duty');
  await expect(picker.locator('.picker-hint')).toHaveCount(0); // the hint goes once the verdict is in
  await shot(page, 'morning-picker-verdicts');
  await page.keyboard.press('Enter');
  await expect(picker.locator('.picker-note')).toContainText('Step 2 of 2');
  await page.keyboard.press('Escape');
  await page.unroute('**/api/board.check');
});

test('Settings → Board rules: every limit with its default, validated beside the field', async ({ page }) => {
  await open(page);
  await page.evaluate(() => (window.location.hash = '#/settings'));
  const rules = page.getByRole('region', { name: 'Board rules' });
  await expect(rules).toBeVisible();
  const preTrip = rules.getByLabel('Pre-trip and load-out (min)');
  await expect(preTrip).toHaveValue('30');
  await expect(rules.getByLabel('Return and post-trip (min)')).toHaveValue('15');
  await expect(rules.getByLabel('EV range: planned distance ×', { exact: true })).toHaveValue('1.2');
  await preTrip.fill('500');
  await rules.getByRole('button', { name: 'Save board rules' }).click();
  await expect(rules).toContainText('at most 240 min'); // in words, beside the field
  await rules.scrollIntoViewIfNeeded();
  await shot(page, 'morning-settings-board-rules');
  expect((await api(page, 'board.limits', {})).preTripMin).toBe(30); // nothing saved
  await preTrip.fill('25');
  await rules.getByRole('button', { name: 'Save board rules' }).click();
  await expect.poll(async () => (await api(page, 'board.limits', {})).preTripMin).toBe(25);
  await api(page, 'board.setLimits', { preTripMin: 30 });
});
