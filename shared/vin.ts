/**
 * VIN rules of ISO 3779 / 49 CFR 565: 17 characters, letters and digits without I, O or Q, and a
 * check digit at position 9 computed from transliterated values and positional weights.
 */
const TRANSLIT: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

function charValue(c: string): number | undefined {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  return TRANSLIT[c];
}

/** The check digit ('0'–'9' or 'X') a 17-character VIN should carry; undefined if it has bad characters. */
export function vinCheckDigit(vin: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(vin[i] ?? '');
    if (v === undefined) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function normalizeVin(vin: string): string {
  return vin.trim().toUpperCase();
}

/** Why a VIN is invalid, in words, or null when it is valid. Input is normalised first. */
export function vinProblem(raw: string): string | null {
  const vin = normalizeVin(raw);
  if (vin.length !== 17) return `VIN must be 17 characters (got ${vin.length})`;
  if (/[IOQ]/.test(vin)) return 'VIN cannot contain the letters I, O or Q';
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return 'VIN may only contain letters and digits';
  const expected = vinCheckDigit(vin);
  if (expected !== vin[8]) return `VIN check digit (position 9) should be ${expected}, not ${vin[8]}`;
  return null;
}

/** Fill position 9 with the right check digit: handy for building demo and test VINs. */
export function withCheckDigit(vin17: string): string {
  const v = normalizeVin(vin17);
  const d = vinCheckDigit(v.slice(0, 8) + '0' + v.slice(9));
  if (d === undefined) throw new Error(`Cannot compute a check digit for ${vin17}`);
  return v.slice(0, 8) + d + v.slice(9);
}
