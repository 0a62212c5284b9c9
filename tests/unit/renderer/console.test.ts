import { describe, expect, it } from 'vitest';
import { parseHash, hrefFor } from '../../../renderer/router';
import { expiryInfo } from '../../../renderer/components/StatusChip';
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

describe('expiry chips', () => {
  const today = '2026-11-26';
  it('says expired, today, soon, or nothing', () => {
    expect(expiryInfo('2026-11-23', today)).toEqual({ tone: 'bad', text: 'expired 3 days ago' });
    expect(expiryInfo('2026-11-25', today)).toEqual({ tone: 'bad', text: 'expired yesterday' });
    expect(expiryInfo('2026-11-26', today)).toEqual({ tone: 'bad', text: 'expires today' });
    expect(expiryInfo('2026-11-27', today)).toEqual({ tone: 'warn', text: 'expires tomorrow' });
    expect(expiryInfo('2026-12-15', today)).toEqual({ tone: 'warn', text: 'expires in 19 days' });
    expect(expiryInfo('2026-12-26', today)).toEqual({ tone: 'warn', text: 'expires in 30 days' });
    expect(expiryInfo('2026-12-27', today)).toBeNull();
    expect(expiryInfo(null, today)).toBeNull();
    expect(expiryInfo('2026-12-05', today, 7)).toBeNull();
  });
  it('counts across daylight-saving changes and year ends in whole days', () => {
    expect(expiryInfo('2027-01-02', '2026-12-30')?.text).toBe('expires in 3 days');
    expect(expiryInfo('2027-03-15', '2027-03-10')?.text).toBe('expires in 5 days');
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
