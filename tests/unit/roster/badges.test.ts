/**
 * The badge sheet (`roster.badges`): the PDF is rendered to pixels with poppler's pdftoppm and each
 * badge's QR code is read back with the kiosk's own decoder — it must give the driver's transporter ID.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, testDesk, type TestDesk } from '../../helpers/context';
import { call, dispatch } from '../../../electron/services/dispatch';
import { BADGE_LAYOUT, BADGES_PER_PAGE, badgeOrigin } from '../../../electron/services/roster/badges';
import { decodeBadge } from '../../../renderer/kiosk/qr';

let desk: TestDesk;
afterEach(() => desk?.close());

const DPI = 144;
const pt = (v: number) => Math.round((v * DPI) / 72);

/** Write the sheet to disk and render every page to a PNG. */
function render(base64: string): { pages: PNG[]; text: string } {
  const dir = tempDir('badges-');
  const file = path.join(dir, 'badges.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', file, path.join(dir, 'page')]);
  const pngs = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  return { pages: pngs.map((f) => PNG.sync.read(fs.readFileSync(path.join(dir, f)))), text: execFileSync('pdftotext', ['-raw', file, '-']).toString() };
}

/** The pixels of the n-th card on a page, handed to the kiosk's decoder. */
function decodeCard(page: PNG, n: number): string | null {
  const { x, y } = badgeOrigin(n);
  const [x0, y0, w, h] = [pt(x), pt(y), pt(BADGE_LAYOUT.card.width), pt(BADGE_LAYOUT.card.height)];
  const out = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const from = ((y0 + row) * page.width + x0) * 4;
    out.set(page.data.subarray(from, from + w * 4), row * w * 4);
  }
  return decodeBadge(out, w, h);
}

const PEOPLE: [string, string][] = [
  ['A2KX7Q9M4T1B3C', 'Amara Okonkwo-Delacroix'],
  ['B7ZP3L0QW8E5RT', 'Bao Nguyễn'],
  ['C1D2E3F4G5H6J7', 'Chiara Rossi'],
  ['D9Y8X7W6V5U4T3', 'Dmitri Chen'],
  ['E0E0E0E0E0E0E0', 'Émile Zola'],
  ['F5G6H7J8K9L0M1', 'Fatima Al-Sayed'],
  ['G2H3J4K5L6M7N8', 'Grace Kim'],
  ['H8J9K0L1M2N3P4', 'Hiro Tanaka'],
  ['J4K5L6M7N8P9Q0', 'Jonas Berg'],
];

describe('roster.badges', () => {
  it("every badge's QR code decodes (with the kiosk's decoder) to that driver's transporter ID; names and IDs print", async () => {
    desk = testDesk();
    for (const [transporterId, name] of PEOPLE) await call(desk.ctx, 'roster.upsert', { transporterId, name });
    const gone = await call(desk.ctx, 'roster.upsert', { transporterId: 'ZZZZ999999ZZZZ', name: 'Zed Former', status: 'terminated' });
    const sheet = await call(desk.ctx, 'roster.badges', {});
    expect(sheet).toMatchObject({ mimeType: 'application/pdf', badges: PEOPLE.length, pages: 2 });
    expect(sheet.fileName).toMatch(/^badges-.*\.pdf$/);
    const { pages, text } = render(sheet.base64);
    expect(pages).toHaveLength(2);
    // In name order, 8 a page: decode each card where the layout puts it.
    const byName = [...PEOPLE].sort((a, b) => a[1].localeCompare(b[1], undefined, { sensitivity: 'base' }));
    byName.forEach(([tid], i) => expect(decodeCard(pages[Math.floor(i / BADGES_PER_PAGE)]!, i), `card ${i}`).toBe(tid));
    for (const [tid, name] of PEOPLE) {
      expect(text).toContain(tid);
      expect(text.replace(/\s+/g, ' ')).toContain(name);
    }
    expect(text).not.toContain('Zed Former'); // only active drivers by default
    // Asking for one driver (any status) prints that badge alone.
    const one = await call(desk.ctx, 'roster.badges', { driverIds: [gone.id] });
    expect(one.badges).toBe(1);
    expect(decodeCard(render(one.base64).pages[0]!, 0)).toBe('ZZZZ999999ZZZZ');
  });

  it('refuses unknown drivers and an ID the kiosk could not read; owners may print', async () => {
    desk = testDesk();
    const d = await call(desk.ctx, 'roster.upsert', { transporterId: 'A2KX7Q9M4T1B3C', name: 'Amara Okonkwo' });
    const missing = await dispatch(desk.ctx, 'roster.badges', { driverIds: [d.id, 999] });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A legacy row the roster's rule would refuse today (written past the contract).
    desk.opened.sqlite.prepare(`UPDATE drivers SET transporter_id = 'A2-KX7' WHERE id = ?`).run(d.id);
    const bad = await dispatch(desk.ctx, 'roster.badges', {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!bad.ok && bad.error.message).toMatch(/Amara Okonkwo.*A2-KX7/);
    desk.opened.sqlite.prepare(`UPDATE drivers SET transporter_id = 'A2KX7Q9M4T1B3C' WHERE id = ?`).run(d.id);
    expect((await call(desk.as({ name: 'Owner', role: 'owner' }), 'roster.badges', {})).badges).toBe(1);
  });
});
