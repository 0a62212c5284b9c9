import { describe, expect, it } from 'vitest';
import { msToNextStationMidnight, skewFrom, stationDateAt, stationDayStart } from '../../../renderer/api/stationDay';

/** The console's "today": the station's date, and when the station's next midnight comes (DST included). */
describe('station day (renderer/api/stationDay)', () => {
  const LA = 'America/Los_Angeles';
  const at = (iso: string) => Date.parse(iso);

  it('the date is the station’s, not UTC’s', () => {
    expect(stationDateAt(new Date('2026-11-27T07:59:00Z'), LA)).toBe('2026-11-26'); // 23:59 PST
    expect(stationDateAt(new Date('2026-11-27T08:00:00Z'), LA)).toBe('2026-11-27'); // 00:00 PST
  });

  it('the next midnight is the station’s, a minute away or a whole day away', () => {
    expect(msToNextStationMidnight(at('2026-11-27T07:59:00Z'), LA)).toBe(60_000);
    expect(msToNextStationMidnight(at('2026-11-27T08:00:00Z'), LA)).toBe(24 * 3_600_000);
    expect(stationDayStart('2026-11-27', LA).toISOString()).toBe('2026-11-27T08:00:00.000Z');
  });

  it('days around daylight saving are 23 and 25 hours long', () => {
    // 2026-03-08: clocks go forward at 02:00 PST → the day is 23 h; 2026-11-01: back at 02:00 PDT → 25 h.
    expect(msToNextStationMidnight(stationDayStart('2026-03-08', LA).getTime(), LA)).toBe(23 * 3_600_000);
    expect(msToNextStationMidnight(stationDayStart('2026-11-01', LA).getTime(), LA)).toBe(25 * 3_600_000);
  });

  it('the desk clock skew comes from app.info.now; none when it is missing', () => {
    expect(skewFrom('2026-11-27T08:00:05Z', at('2026-11-27T08:00:00Z'))).toBe(5_000);
    expect(skewFrom(undefined, 123)).toBe(0);
    expect(skewFrom('not a time', 123)).toBe(0);
  });
});
