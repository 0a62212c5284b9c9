import { describe, expect, it } from 'vitest';
import { parseHash, hrefFor } from '../../../renderer/router';
import { expiryStatus, expiryWords } from '../../../shared/expiry';
import { issuesByField } from '../../../renderer/components/Form';
import { ApiError } from '../../../renderer/api/client';

describe('hash router', () => {
  it('parses screen and param', () => {
    expect(parseHash('#/roster')).toEqual({ screen: 'roster', param: undefined, rest: [] });
    expect(parseHash('#/driver/12')).toEqual({ screen: 'driver', param: '12', rest: ['12'] });
    expect(parseHash('#/fleet/devices/x%20y')).toEqual({ screen: 'fleet', param: 'devices', rest: ['devices', 'x y'] });
  });
  it('treats empty and token fragments as no screen', () => {
    expect(parseHash('').screen).toBe('');
    expect(parseHash('#').screen).toBe('');
    expect(parseHash('#token=abc').screen).toBe('');
  });
  it('survives malformed escapes', () => {
    expect(parseHash('#/roster/%E0%A4%A').param).toBe('%E0%A4%A');
  });
  it('builds hrefs that parse back', () => {
    expect(hrefFor('driver', 12)).toBe('#/driver/12');
    expect(parseHash(hrefFor('fleet', 'a/b')).param).toBe('a/b');
  });
});

describe('expiry chips (the words of the shared rule, shared/expiry.ts)', () => {
  const today = '2026-11-26';
  const chip = (date: string | null, from = today, warnDays = 14) => {
    const s = expiryStatus(date, from, warnDays);
    return s && s.state !== 'valid' ? `${s.state}: ${expiryWords(s)}` : null;
  };
  it('says expired, today (still valid today), soon, or nothing', () => {
    expect(chip('2026-11-23')).toBe('expired: expired 3 days ago');
    expect(chip('2026-11-25')).toBe('expired: expired yesterday');
    expect(chip('2026-11-26')).toBe('expiring: expires today');
    expect(chip('2026-11-27')).toBe('expiring: expires tomorrow');
    expect(chip('2026-12-10')).toBe('expiring: expires in 14 days');
    expect(chip('2026-12-11')).toBeNull();
    expect(chip(null)).toBeNull();
  });
  it('counts across daylight-saving changes and year ends in whole days', () => {
    expect(chip('2027-01-02', '2026-12-30')).toBe('expiring: expires in 3 days');
    expect(chip('2027-03-15', '2027-03-10')).toBe('expiring: expires in 5 days');
  });
});

describe('server field errors', () => {
  it('maps issue paths to the first message per top-level field', () => {
    const err = new ApiError({
      code: 'VALIDATION',
      message: 'Invalid input',
      details: {
        issues: [
          { path: 'vin', message: 'VIN check digit (position 9) should be 8, not 1' },
          { path: 'vin', message: 'second' },
          { path: 'qualifications.0', message: 'bad value' },
        ],
      },
    });
    expect(issuesByField(err)).toEqual({ vin: 'VIN check digit (position 9) should be 8, not 1', qualifications: 'bad value' });
  });
  it('gives nothing for other errors', () => {
    expect(issuesByField(new Error('x'))).toEqual({});
    expect(issuesByField(new ApiError({ code: 'CONFLICT', message: 'taken' }))).toEqual({});
  });
});
