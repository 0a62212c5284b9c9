import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_TOKEN, SCREENSHOTS_DIR, apiCall, openConsole, settledPaint } from './helpers';
import type { Qualification } from '../../shared/domain';
import { missingQualifications } from '../../shared/rules/fleet/classes';
import type { BoardRoute, BoardView } from '../../shared/contract/board';
import { dayOfOpsPlan } from '../fixtures/amazon';

/**
 * The morning board against `serve --demo`, on tomorrow's (empty) board: a broken route sheet shows
 * every error, a good one imports by file picker, drivers check in with one key, a route is
 * assigned by keyboard, an unqualified driver is refused with its rule, drag and drop starts an
 * assignment, auto-assign is previewed and accepted, undo/redo and swap work, a second console
 * sees the changes live, and the load-out PDF has the routes. Screenshots into test-results/screenshots.
 */
test.describe.configure({ mode: 'serial' });

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = SCREENSHOTS_DIR;
const fixture = (name: string) => path.join(root, 'tests', 'fixtures', name);

async function screenshot(page: Page, name: string) {
  await settledPaint(page);
  await page.screenshot({ path: path.join(shots, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

const addDay = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Open the board on tomorrow's date (an empty board in a fresh demo database). */
async function openBoard(page: Page): Promise<string> {
  await openConsole(page, 'board');
  const dateInput = page.getByLabel('Board date');
  await expect(dateInput).toHaveValue(/\d{4}-\d{2}-\d{2}/);
  const tomorrow = addDay(await dateInput.inputValue(), 1);
  await dateInput.fill(tomorrow);
  await expect(page.getByTestId('counts-bar')).toContainText('Routes');
  return tomorrow;
}

/** Two assigned routes whose drivers may trade places: each is qualified for the other route's van. */
function swappablePair(view: BoardView, quals: Map<number, Qualification[]>): [BoardRoute, BoardRoute] {
  const fits = (driverId: number, van: BoardRoute['van']) => !van || missingQualifications(quals.get(driverId) ?? [], van).length === 0;
  const assigned = view.routes.filter((r) => r.driver);
  for (const a of assigned) for (const b of assigned) if (a.id < b.id && fits(a.driver!.id, b.van) && fits(b.driver!.id, a.van)) return [a, b];
  throw new Error('no two assigned routes whose drivers may swap: the board changed');
}

const row = (page: Page, code: string) => page.locator(`tr.board-row[data-route="${code}"]`);
const count = async (page: Page, label: string) => {
  const item = page.getByTestId('counts-bar').locator('.count-item').filter({ has: page.locator('.count-l', { hasText: new RegExp(`^${label}`) }) });
  return Number(await item.locator('.count-v').innerText());
};

/** Wait until every visible candidate has its rule verdict, then the index of the first one matching. */
async function candidateIndex(page: Page, want: (text: string) => boolean): Promise<number> {
  const picker = page.locator('.picker');
  await expect(picker).toBeVisible();
  await expect(picker.locator('.picker-item').first()).toBeVisible();
  // verdicts arrive for the candidates in view (the first dozen)
  await expect(picker.locator('.picker-item').first().locator('.pick-verdict .chip')).toBeVisible();
  await expect(picker.locator('.picker-item').filter({ hasText: 'checking…' })).toHaveCount(0);
  const texts = (await picker.locator('.picker-item').allInnerTexts()).slice(0, 12);
  return texts.findIndex(want);
}
const notRefused = (t: string) => !/Refused/.test(t) && !/Not qualified/.test(t);

async function pickIndex(page: Page, i: number) {
  for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/**
 * Wait for a board write to land: a success toast, or the override dialog (soft conflicts: give a
 * reason, which goes to the audit log), or a refusal. Returns which.
 */
async function settle(page: Page, toast: RegExp): Promise<'saved' | 'refused'> {
  const ok = page.locator('.toast.ok').filter({ hasText: toast });
  const override = page.getByTestId('override');
  const refusal = page.getByTestId('refusal');
  await expect(ok.or(override).or(refusal).first()).toBeVisible();
  if (await refusal.isVisible()) return 'refused';
  if (await override.isVisible()) {
    await page.getByLabel('Reason (goes to the audit log)').fill('e2e: reviewed the warnings');
    await page.getByRole('button', { name: 'Override and save' }).click();
    await expect(override).toHaveCount(0);
    await expect(ok.or(refusal).first()).toBeVisible();
    if (await refusal.isVisible()) return 'refused';
  }
  return 'saved';
}

async function grid(page: Page): Promise<Locator> {
  const g = page.getByRole('grid', { name: 'Routes of the day' });
  await g.focus();
  return g;
}

test('board: import, check-in, keyboard assignment, refusal, auto-assign, undo, swap, load-out', async ({ page, context }) => {
  test.setTimeout(240_000);
  const date = await openBoard(page);
  await expect(page.locator('.dt-empty')).toContainText('No routes for this day yet');

  // ------------------------------------------ Amazon's Day of Ops plan: previewed as read, not imported
  const plan = await dayOfOpsPlan({ seed: 3, ourDsp: 'RNLG', routes: 12, titleAbove: true });
  let chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import route sheet' }).click();
  await (await chooser).setFiles({ name: plan.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(plan.bytes) });
  const planPreview = page.getByTestId('import-preview');
  const others = plan.routes.filter((r) => r.dsp !== 'RNLG').length;
  const blanks = plan.routes.filter((r) => r.dsp === 'RNLG' && r.code === '').length;
  await expect(planPreview).toContainText(`Read as Amazon's Day of Ops plan; rows skipped: ${others} of other DSPs${blanks ? `, ${blanks} without a route code` : ''}.`);
  await expect(planPreview.getByTestId('import-notes')).toContainText('1 title row');
  await expect(planPreview.getByTestId('import-notes')).toContainText('1 total row');
  await expect(planPreview.getByRole('table', { name: 'Routes as read' }).locator('tbody tr')).toHaveCount(12);
  await screenshot(page, 'board-import-day-of-ops');
  await page.keyboard.press('Escape');
  await expect(planPreview).toHaveCount(0);

  // ---------------------------------------------------------------- broken sheet: every error listed
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import route sheet' }).click();
  await (await chooser).setFiles(fixture('route-sheet-broken.csv'));
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  const errors = preview.getByRole('table', { name: 'Import errors' });
  await expect(errors).toBeVisible();
  const errorRows = await errors.locator('tbody tr').allInnerTexts();
  expect(errorRows.length).toBeGreaterThanOrEqual(5);
  const rowsWithErrors = new Set(errorRows.map((t) => Number(t.trim().split(/\s+/)[0])));
  for (const r of [4, 5, 6, 7]) expect(rowsWithErrors, `row ${r} has an error`).toContain(r);
  // A service type no rule knows is a warning with the closest match, not a refusal of the sheet.
  expect(rowsWithErrors).not.toContain(3);
  await expect(preview.getByTestId('import-warnings')).toContainText(/row 3.*Cargo Bike/);
  await expect(preview).toContainText(/nothing will be imported/i);
  await expect(page.getByRole('button', { name: /^Import \d+ routes/ })).toHaveCount(0);
  await screenshot(page, 'board-import-errors');
  await page.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(preview).toHaveCount(0);
  await expect(page.locator('tr.board-row')).toHaveCount(0);

  // ---------------------------------------------------------------- good sheet by file picker
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import route sheet' }).click();
  await (await chooser).setFiles(fixture('route-sheet-good.csv'));
  await expect(preview.getByTestId('import-counts')).toContainText('18');
  await expect(preview).toContainText('CX101');
  await expect(preview).toContainText('Read as a route sheet; rows skipped: 1 of other DSPs');
  await expect(preview.getByRole('table', { name: 'Routes as read' }).locator('tbody tr')).toHaveCount(18);
  await screenshot(page, 'board-import-preview');
  await page.getByRole('button', { name: 'Import 18 routes' }).click();
  await expect(preview).toHaveCount(0);
  await expect(page.getByTestId('board-row-count')).toHaveText('18 routes');
  await expect(page.locator('tr.wave-row')).toHaveCount(3);
  await expect(row(page, 'CX105')).toContainText('9 h 00'); // "9h" in the sheet, in full
  expect(await count(page, 'Routes')).toBe(18);
  expect(await count(page, 'Assigned')).toBe(0);

  // ---------------------------------------------------------------- check-in: today only; a call-out may be recorded ahead
  await page.getByRole('tab', { name: /Check-in/ }).click();
  const roster = page.getByRole('listbox', { name: 'Roster for the day' });
  await roster.locator('.side-item').first().click();
  await expect(roster.locator('.side-item.active')).toHaveCount(1);
  const refusedCheckin = page.waitForResponse((r) => r.url().endsWith('/api/checkin.set'));
  await page.keyboard.press('c'); // tomorrow: nobody can check in yet
  expect((await refusedCheckin).status()).toBe(409);
  await expect(page.locator('.toast').filter({ hasText: /only possible for today/ })).toBeVisible();
  await page.keyboard.press('o'); // a call-out for tomorrow: with a reason
  await page.getByLabel('Reason').fill('Dentist appointment');
  await page.keyboard.press('Enter');
  await expect(roster.locator('.side-item.active')).toContainText('Called out');
  await expect(roster.locator('.side-item.active')).toContainText('Dentist appointment');
  await expect(page.getByLabel('Check-in counts')).toContainText('1 out');
  await screenshot(page, 'board-checkin');
  expect(await count(page, 'Available drivers')).toBeGreaterThan(0);

  // ---------------------------------------------------------------- assign by keyboard: CX101 (first route)
  await grid(page);
  await expect(row(page, 'CX101')).toHaveClass(/active/);
  await page.keyboard.press('Enter');
  // Tomorrow nobody has checked in yet (check-in is for today only): the rules' warnings are overridden below.
  const di = await candidateIndex(page, notRefused);
  expect(di, 'a driver the rules allow').toBeGreaterThanOrEqual(0);
  const driverName = (await page.locator('.picker-item').nth(di).locator('.pick-name').innerText()).trim();
  await screenshot(page, 'board-picker');
  await pickIndex(page, di);
  // step 2: a van for that driver
  await expect(page.locator('.picker-note')).toContainText(`a van for ${driverName}`);
  const vi = await candidateIndex(page, notRefused);
  expect(vi).toBeGreaterThanOrEqual(0);
  await pickIndex(page, vi);
  expect(await settle(page, /^CX101: /)).toBe('saved');
  await expect(row(page, 'CX101')).toContainText(driverName);
  await expect(row(page, 'CX101').locator('.chip').first()).toHaveText(/Assigned|Overridden|Warning/);
  expect(await count(page, 'Assigned')).toBe(1);

  // ---------------------------------------------------------------- a hard conflict is refused with its rule
  await grid(page);
  await page.keyboard.press('ArrowDown'); // CX102
  await page.keyboard.press('ArrowDown'); // CX103, a step-van route
  await expect(row(page, 'CX103')).toHaveClass(/active/);
  await page.keyboard.press('Enter');
  const ui = await candidateIndex(page, (t) => /Not qualified/.test(t));
  expect(ui, 'some free driver is not step-van qualified').toBeGreaterThanOrEqual(0);
  await pickIndex(page, ui);
  await expect(page.locator('.picker-note')).toContainText('Step 2 of 2');
  await candidateIndex(page, () => true);
  await page.keyboard.press('Enter'); // the first step van
  const refusal = page.getByTestId('refusal');
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('Driver not qualified for this van'); // words, never the code
  await expect(refusal).not.toContainText('DRIVER_NOT_QUALIFIED');
  await expect(refusal).toContainText(/not step-van trained/);
  await screenshot(page, 'board-refused');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(refusal).toHaveCount(0);
  await expect(row(page, 'CX103').locator('.chip').first()).toHaveText('Unassigned');

  // Esc in the picker cancels without a change
  await grid(page);
  await page.keyboard.press('Enter');
  await expect(page.locator('.picker')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.picker')).toHaveCount(0);
  expect(await count(page, 'Assigned')).toBe(1);

  // ---------------------------------------------------------------- drag and drop: a van onto a route starts the assignment
  await page.getByRole('tab', { name: /Vans/ }).click();
  const van = page.getByRole('list', { name: 'Ready vans' }).locator('.side-item').first();
  await van.dragTo(row(page, 'CX107'));
  await expect(page.locator('.picker-note')).toContainText('now a driver for');
  await page.keyboard.press('Escape');
  await expect(page.locator('.picker')).toHaveCount(0);

  // ---------------------------------------------------------------- a second console, to see changes arrive live
  const other = await context.newPage();
  await openConsole(other, 'board');
  await other.getByLabel('Board date').fill(date);
  await expect(other.getByTestId('board-row-count')).toHaveText('18 routes');
  await expect(other.locator('tr.board-row[data-route="CX101"]')).toContainText(driverName);

  // ---------------------------------------------------------------- auto-assign: preview, explanation, accept all
  await page.getByRole('button', { name: 'Auto-assign' }).click();
  const auto = page.getByTestId('autoassign');
  await expect(auto).toBeVisible();
  const proposals = auto.locator('tr.proposal');
  await expect(proposals.first()).toBeVisible();
  const nProposals = await proposals.count();
  expect(nProposals).toBeGreaterThan(5);
  await proposals.first().click(); // why + alternatives
  await expect(auto.locator('.proposal-detail')).toContainText('Alternatives');
  await screenshot(page, 'board-autoassign');
  const reason = page.getByLabel(/Reason to override the warnings/);
  if (await reason.isVisible().catch(() => false)) await reason.fill('e2e: warnings reviewed');
  await page.getByTestId('apply-proposals').click();
  expect(await settle(page, /^Auto-assigned/)).toBe('saved');
  await expect(auto).toHaveCount(0);
  const assignedAfterAuto = 1 + nProposals;
  await expect.poll(() => count(page, 'Assigned')).toBe(assignedAfterAuto);
  // …and the other console got it through the change events
  await expect(other.getByTestId('counts-bar').locator('.count-item').nth(1)).toContainText(String(assignedAfterAuto));
  await screenshot(page, 'board');

  // ---------------------------------------------------------------- undo / redo (Ctrl+Z, Ctrl+Shift+Z)
  await grid(page);
  await page.keyboard.press('Control+z');
  await expect.poll(() => count(page, 'Assigned')).toBe(1);
  await expect(row(page, 'CX101')).toContainText(driverName);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => count(page, 'Assigned')).toBe(assignedAfterAuto);

  // ---------------------------------------------------------------- swap the drivers of two routes (S … S), then undo it
  // Two assigned routes whose drivers are each qualified for the other route's van (vans stay with
  // their routes), so no hard rule forbids the swap: it must happen, and undo must put it back.
  const drivers = await apiCall(page, 'roster.list', {});
  const [swapA, swapB] = swappablePair(await apiCall(page, 'board.list', { date }), new Map(drivers.map((d) => [d.id, d.qualifications])));
  const driverOf = async (code: string) => (await apiCall(page, 'board.list', { date })).routes.find((r) => r.code === code)!.driver?.id;
  const rowA = row(page, swapA.code);
  const rowB = row(page, swapB.code);
  await rowA.locator('td').first().click();
  await grid(page);
  await page.keyboard.press('s');
  await expect(page.getByTestId('counts-bar')).toContainText(`Swap: ${swapA.code}`);
  await rowB.locator('td').first().click();
  await grid(page);
  await page.keyboard.press('s');
  expect(await settle(page, /^Swapped drivers/)).toBe('saved');
  await expect(rowA).toContainText(swapB.driver!.name);
  await expect(rowB).toContainText(swapA.driver!.name);
  expect(await driverOf(swapA.code)).toBe(swapB.driver!.id);
  expect(await driverOf(swapB.code)).toBe(swapA.driver!.id);
  await grid(page);
  await page.keyboard.press('Control+z');
  await expect(rowA).toContainText(swapA.driver!.name);
  await expect(rowB).toContainText(swapB.driver!.name);
  await expect.poll(() => driverOf(swapA.code)).toBe(swapA.driver!.id);
  expect(await driverOf(swapB.code)).toBe(swapB.driver!.id);
  const first = row(page, 'CX101');

  // ---------------------------------------------------------------- Delete unassigns, Ctrl+Z brings it back
  await first.locator('td').first().click();
  await grid(page);
  await page.keyboard.press('Delete');
  await expect(first.locator('.chip').first()).toHaveText('Unassigned');
  await page.keyboard.press('Control+z');
  await expect(first).toContainText(driverName);

  // ---------------------------------------------------------------- filter
  await page.getByRole('searchbox', { name: 'Filter routes' }).fill('CX11');
  await expect(page.getByTestId('board-row-count')).toHaveText('9 of 18 routes');
  await page.getByRole('searchbox', { name: 'Filter routes' }).fill('');

  // ---------------------------------------------------------------- load-out PDF: download, check the text
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Load-out PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-loadout-')), download.suggestedFilename());
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  for (const code of ['CX101', 'CX107', 'CX118']) expect(text).toContain(code);
  expect(text).toContain(driverName);
  expect(text).not.toContain('CX900'); // the other DSP's row was never imported
  await other.close();
});

test('board: an owner token sees the board read-only', async ({ page, request }) => {
  const made = await request.post('/api/tokens.create', {
    headers: { Authorization: `Bearer ${E2E_TOKEN}` },
    data: { name: 'e2e board owner', role: 'owner' },
  });
  const body = (await made.json()) as { ok: boolean; data: { token: string } };
  expect(body.ok).toBe(true);
  await page.goto(`/#token=${body.data.token}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/board'));
  await expect(page.getByTestId('counts-bar')).toContainText('Routes');
  await expect(page.locator('tr.board-row').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load-out PDF' })).toBeVisible();
  for (const name of ['Import route sheet', 'Auto-assign', /Undo/, /Swap drivers/]) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await page.getByRole('grid', { name: 'Routes of the day' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.picker')).toHaveCount(0);
});
