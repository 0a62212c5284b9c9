import { describe, expect, it } from 'vitest';
import { scheduleNotes, type DayShift } from '../../../shared/rules/schedule/limits';
import { addDays } from '../../../shared/station-time';

const WEEK = Array.from({ length: 7 }, (_, k) => addDays('2026-11-29', k)); // Sunday–Saturday
const LIMITS = { minRestHours: 10, maxConsecutiveDays: 6, maxWeeklyHours: 60, overtimeHours: 40 };
const shift = (date: string, start: string, hours: number): DayShift => {
  const s = Number(start.slice(0, 2)) * 60 + Number(start.slice(3));
  return { date, startMin: s, endMin: s + Math.round(hours * 60) };
};
const rules = (shifts: DayShift[]) => scheduleNotes(shifts, WEEK, LIMITS).map((n) => n.rule);

describe('schedule limits at their edges', () => {
  it('rest between shifts: 10:00 is enough, 9:59 is not', () => {
    // Monday 08:00–22:00 (14 h); Tuesday at 08:00 leaves exactly 10 h, at 07:59 leaves 9:59.
    expect(rules([shift(WEEK[1]!, '08:00', 14), shift(WEEK[2]!, '08:00', 8)])).not.toContain('REST_BETWEEN_SHIFTS');
    const notes = scheduleNotes([shift(WEEK[1]!, '08:00', 14), shift(WEEK[2]!, '07:59', 8)], WEEK, LIMITS);
    expect(notes.find((n) => n.rule === 'REST_BETWEEN_SHIFTS')).toMatchObject({ severity: 'warning', date: WEEK[2], message: expect.stringMatching(/9\.98 h off/) });
  });

  it('6 consecutive days are fine, the 7th is not (last week’s days count)', () => {
    expect(rules(WEEK.slice(0, 6).map((d) => shift(d, '09:00', 8)))).not.toContain('CONSECUTIVE_DAYS');
    const seven = [shift(addDays(WEEK[0]!, -1), '09:00', 8), ...WEEK.slice(0, 6).map((d) => shift(d, '09:00', 8))];
    expect(scheduleNotes(seven, WEEK, LIMITS).find((n) => n.rule === 'CONSECUTIVE_DAYS')).toMatchObject({ date: WEEK[5] });
  });

  it('60 h in 7 days is the limit; a minute more is over (windows reaching into last week too)', () => {
    const sixty = WEEK.slice(0, 6).map((d) => shift(d, '08:00', 10));
    expect(rules(sixty)).not.toContain('WEEKLY_HOURS');
    const over = [...sixty.slice(0, 5), shift(WEEK[5]!, '08:00', 10 + 1 / 60)];
    expect(rules(over)).toContain('WEEKLY_HOURS');
    const crossing = [shift(addDays(WEEK[0]!, -2), '08:00', 11), ...WEEK.slice(0, 5).map((d) => shift(d, '08:00', 10))];
    expect(rules(crossing)).toContain('WEEKLY_HOURS');
  });

  it('overtime: 40 h is none, over 40 h is information (not a warning)', () => {
    expect(rules(WEEK.slice(1, 5).map((d) => shift(d, '08:00', 10)))).not.toContain('OVERTIME');
    const notes = scheduleNotes([...WEEK.slice(1, 5).map((d) => shift(d, '08:00', 10)), shift(WEEK[5]!, '08:00', 0.5)], WEEK, LIMITS);
    expect(notes).toEqual([{ rule: 'OVERTIME', severity: 'info', date: null, message: '0.5 h overtime (40.5 h in the week, over 40 h)' }]);
  });
});
