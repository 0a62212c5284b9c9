import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayEnd,
  dayStart,
  daysBetween,
  formatStationDateTime,
  formatStationTime,
  stationClock,
  stationDate,
  stationInstant,
  stationMinutes,
  zoneOffsetMinutes,
} from '../../../shared/station-time';

// Station time in America/Los_Angeles around both 2026 DST changes:
// spring forward 2026-03-08 02:00 PST (10:00Z) → 03:00 PDT; fall back 2026-11-01 02:00 PDT (09:00Z) → 01:00 PST.
const LA = 'America/Los_Angeles';
const iso = (d: Date) => d.toISOString();

describe('station date of an instant', () => {
  it('changes at the station midnight, not at UTC midnight', () => {
    expect(stationDate(new Date('2026-03-08T07:59:59Z'), LA)).toBe('2026-03-07');
    expect(stationDate(new Date('2026-03-08T08:00:00Z'), LA)).toBe('2026-03-08');
    // After the change, midnight is at 07:00Z.
    expect(stationDate(new Date('2026-03-09T06:59:59Z'), LA)).toBe('2026-03-08');
    expect(stationDate(new Date('2026-03-09T07:00:00Z'), LA)).toBe('2026-03-09');
    expect(stationDate(new Date('2026-11-02T07:59:59Z'), LA)).toBe('2026-11-01');
    expect(stationDate(new Date('2026-11-02T08:00:00Z'), LA)).toBe('2026-11-02');
  });

  it('reads the wall clock on both sides of each change', () => {
    expect(stationClock(new Date('2026-03-08T09:59:00Z'), LA)).toEqual({ date: '2026-03-08', minutes: 119, seconds: 0 });
    expect(stationClock(new Date('2026-03-08T10:00:00Z'), LA)).toEqual({ date: '2026-03-08', minutes: 180, seconds: 0 });
    // 01:30 happens twice on 2026-11-01.
    expect(stationMinutes(new Date('2026-11-01T08:30:00Z'), LA)).toBe(90);
    expect(stationMinutes(new Date('2026-11-01T09:30:00Z'), LA)).toBe(90);
    expect(zoneOffsetMinutes(new Date('2026-11-01T08:30:00Z'), LA)).toBe(-420);
    expect(zoneOffsetMinutes(new Date('2026-11-01T09:30:00Z'), LA)).toBe(-480);
  });
});

describe('station day as instants', () => {
  it('the spring-forward day is 23 hours, the fall-back day 25', () => {
    expect(iso(dayStart('2026-03-08', LA))).toBe('2026-03-08T08:00:00.000Z');
    expect(iso(dayEnd('2026-03-08', LA))).toBe('2026-03-09T07:00:00.000Z');
    expect(iso(dayStart('2026-11-01', LA))).toBe('2026-11-01T07:00:00.000Z');
    expect(iso(dayEnd('2026-11-01', LA))).toBe('2026-11-02T08:00:00.000Z');
    expect((dayEnd('2026-03-08', LA).getTime() - dayStart('2026-03-08', LA).getTime()) / 3_600_000).toBe(23);
    expect((dayEnd('2026-11-01', LA).getTime() - dayStart('2026-11-01', LA).getTime()) / 3_600_000).toBe(25);
    expect(dayEnd('2026-03-07', LA)).toEqual(dayStart('2026-03-08', LA));
  });
});

describe('wave time on a date → instant', () => {
  it('is exact on ordinary days, in PST and in PDT', () => {
    expect(iso(stationInstant('2026-01-15', '10:20', LA))).toBe('2026-01-15T18:20:00.000Z');
    expect(iso(stationInstant('2026-07-15', '10:20', LA))).toBe('2026-07-15T17:20:00.000Z');
    expect(iso(stationInstant('2026-07-15', 620, LA))).toBe('2026-07-15T17:20:00.000Z');
  });

  it('on the spring-forward day: before, after, and a time in the gap moves forward by the gap', () => {
    expect(iso(stationInstant('2026-03-08', '01:59', LA))).toBe('2026-03-08T09:59:00.000Z');
    expect(iso(stationInstant('2026-03-08', '03:00', LA))).toBe('2026-03-08T10:00:00.000Z');
    expect(iso(stationInstant('2026-03-08', '02:30', LA))).toBe('2026-03-08T10:30:00.000Z'); // reads 03:30 PDT
    expect(iso(stationInstant('2026-03-08', '10:20', LA))).toBe('2026-03-08T17:20:00.000Z');
  });

  it('on the fall-back day: the repeated hour is its first occurrence', () => {
    expect(iso(stationInstant('2026-11-01', '00:30', LA))).toBe('2026-11-01T07:30:00.000Z');
    expect(iso(stationInstant('2026-11-01', '01:30', LA))).toBe('2026-11-01T08:30:00.000Z');
    expect(iso(stationInstant('2026-11-01', '02:00', LA))).toBe('2026-11-01T10:00:00.000Z');
    expect(iso(stationInstant('2026-11-01', '10:20', LA))).toBe('2026-11-01T18:20:00.000Z');
  });

  it('round-trips every quarter hour of both change days (except the gap)', () => {
    for (const date of ['2026-03-08', '2026-11-01']) {
      for (let m = 0; m < 1440; m += 15) {
        if (date === '2026-03-08' && m >= 120 && m < 180) continue;
        expect(stationClock(stationInstant(date, m, LA), LA)).toEqual({ date, minutes: m, seconds: 0 });
      }
    }
  });

  it('works east of UTC and on half-hour zones', () => {
    expect(iso(stationInstant('2026-06-01', '00:15', 'Asia/Kolkata'))).toBe('2026-05-31T18:45:00.000Z');
    expect(stationDate(new Date('2026-05-31T18:45:00Z'), 'Asia/Kolkata')).toBe('2026-06-01');
    expect(iso(stationInstant('2026-06-01', '07:00', 'UTC'))).toBe('2026-06-01T07:00:00.000Z');
  });
});

describe('calendar days and formatting', () => {
  it('adds calendar days across DST changes and month ends', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
  });

  it('formats in station time', () => {
    expect(formatStationTime(new Date('2026-11-01T09:30:00Z'), LA)).toBe('01:30');
    expect(formatStationTime(new Date('2026-11-27T07:40:00Z'), LA)).toBe('23:40');
    expect(formatStationDateTime(new Date('2026-11-27T08:30:00Z'), LA)).toBe('2026-11-27 00:30');
  });
});
