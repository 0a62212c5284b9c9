import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFileKind } from '../../../electron/import/reader';
import { scorecardPdf } from '../../fixtures/amazon';

/** poppler's pdftotext, when installed (TOOLCHAIN.md), checks what the fixture says; the reader itself is part 2. */
const pdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function pageTexts(bytes: Buffer, pages: number): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pdf-'));
  try {
    const file = path.join(dir, 'scorecard.pdf');
    fs.writeFileSync(file, bytes);
    return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('scorecard PDF fixture', () => {
  it('is a PDF by its bytes, named as Amazon names it, the same bytes for the same seed', async () => {
    const a = await scorecardPdf({ seed: 5, das: 30 });
    const b = await scorecardPdf({ seed: 5, das: 30 });
    expect(detectFileKind(a.bytes)).toBe('pdf');
    expect(a.fileName).toBe('US_ACME_DSE4_Week47_2026_en_DSPScorecard.pdf');
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.pages).toBe(1 + Math.ceil(30 / a.rowsPerPage));
  });

  it.skipIf(!pdftotext)('says on page 1 the overall standing, the metrics, focus areas and top drivers; the DA table spans pages with its header on each', async () => {
    const f = await scorecardPdf({ seed: 6, das: 60 });
    const pages = pageTexts(f.bytes, f.pages);
    expect(pages[0]).toContain('Overall Standing: 79.2 | Fantastic');
    for (const m of f.metrics) expect(pages[0]).toMatch(new RegExp(`${m.label.replace(/[()/]/g, '.')}\\s+${m.value.replace(/[|]/g, '\\|')}`));
    expect(pages[0]!.match(/Coming Soon/g)).toHaveLength(f.metrics.filter((m) => m.value === 'Coming Soon').length);
    for (const d of [...f.focusAreas, ...f.topDrivers]) expect(pages[0]).toContain(d);
    for (let p = 1; p < f.pages; p++) {
      expect(pages[p]).toContain('DA Current Week Performance');
      expect(pages[p]!.match(/Transporter ID/g)).toHaveLength(1);
      expect(pages[p]).toMatch(/Seatbelt Off[\s\S]*Rate/);
    }
    f.rows.forEach((r, i) => expect(pages[f.pageOf[i]! - 1]).toContain(r.values['Transporter ID']));
  });
});
