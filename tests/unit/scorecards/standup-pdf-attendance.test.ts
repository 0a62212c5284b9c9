import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import { seedDemo } from '../../../electron/services/demo/seed';
import { addDays } from '../../../shared/station-time';

/** The stand-up PDF's text, whitespace collapsed (pdftotext wraps long lines). */
async function pdfText(desk: ReturnType<typeof testDesk>): Promise<string> {
  const pdf = await call(desk.ctx, 'standup.pdf', {});
  const file = path.join(tempDir(), pdf.fileName);
  fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('stand-up PDF: attendance', () => {
  it("prints yesterday's attendance as the stand-up answers it: expected, checked in, call-outs, no-shows, late", async () => {
    // The demo's yesterday: a schedule, check-ins, a call-out most days (testDesk's clock: 2026-11-26).
    const desk = testDesk();
    try {
      seedDemo(desk.ctx, { seed: 1 });
      const summary = await call(desk.ctx, 'standup.summary', {});
      const a = summary.yesterday.attendance!;
      expect(a).not.toBeNull();
      // The answer itself, against the records (so the PDF's figures are right, not merely the same).
      const yesterday = addDays(summary.date, -1);
      const q = (sql: string) => Number((desk.opened.sqlite.prepare(sql).get(yesterday) as { n: number }).n);
      expect(a.expected).toBe(q(`SELECT count(*) n FROM schedule_days WHERE date = ? AND state = 'working'`));
      expect(a.checkedIn).toBe(q(`SELECT count(*) n FROM driver_days WHERE date = ? AND checked_in_at IS NOT NULL`));
      expect(a.callOuts).toBe(q(`SELECT count(*) n FROM driver_days WHERE date = ? AND status = 'called_out'`));
      expect(a.noShows).toBe(q(`SELECT count(*) n FROM driver_days WHERE date = ? AND status = 'no_show'`));
      expect(a.checkedIn).toBeGreaterThan(0);

      const text = await pdfText(desk);
      expect(text).toContain(`Call-outs: ${a.callOuts} (of ${a.expected} scheduled)`);
      expect(text).toContain(`No-shows: ${a.noShows}`);
      expect(text).toContain(`Late check-ins: ${a.late} (of ${a.checkedIn} checked in)`);
    } finally {
      desk.close();
    }
  }, 120_000);

  it('says "no data yet" rather than printing zeros when yesterday has no records', async () => {
    const desk = testDesk();
    try {
      expect((await call(desk.ctx, 'standup.summary', {})).yesterday.attendance).toBeNull();
      const text = await pdfText(desk);
      expect(text).toContain('Call-outs: — (no data yet)');
      expect(text).toContain('Late check-ins: — (no data yet)');
    } finally {
      desk.close();
    }
  });
});
