import { describe, expect, it } from 'vitest';
import { vinCheckDigit, vinProblem, withCheckDigit } from '../../../shared/vin';

describe('VIN rules', () => {
  it('accepts real VINs with a correct check digit', () => {
    // Published examples: a 1998 Honda (check digit X) and a Ford Transit.
    expect(vinProblem('1HGCM82633A004352')).toBeNull();
    expect(vinProblem('11111111111111111')).toBeNull();
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(vinProblem('1M8GDM9AXKP042788')).toBeNull();
  });
  it('normalises case and whitespace', () => {
    expect(vinProblem(' 1hgcm82633a004352 ')).toBeNull();
  });
  it('refuses wrong length, I/O/Q, symbols and a bad check digit, saying why', () => {
    expect(vinProblem('1HGCM82633A00435')).toMatch(/17 characters \(got 16\)/);
    expect(vinProblem('1HGCM82633A0043521')).toMatch(/got 18/);
    expect(vinProblem('1HGCM82633A00435O')).toMatch(/I, O or Q/);
    expect(vinProblem('1HGCM8263-A004352')).toMatch(/letters and digits/);
    expect(vinProblem('1HGCM82643A004352')).toMatch(/check digit \(position 9\) should be 3, not 4/);
  });
  it('withCheckDigit makes any 17-character body valid', () => {
    for (const body of ['1FTBW3XM0HKA00001', '3C6TRVAG5KE500123', 'WD3PE7CD5JP600001']) {
      expect(vinProblem(withCheckDigit(body))).toBeNull();
    }
  });
});
