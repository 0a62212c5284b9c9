import { addDays, daysBetween, isValidDate } from './station-time';

/**
 * A date that runs out (driver licence, DOT medical card, van registration, rental return): one rule
 * for every room. Valid through its expiry day; expired from the day after; "expiring" when it runs
 * out within the warning window (the window's days come from the station's settings).
 */
export type ExpiryState = 'valid' | 'expiring' | 'expired';

export interface ExpiryStatus {
  state: ExpiryState;
  /** Days from `date` to the expiry (0 = runs out today, negative = already past). */
  days: number;
}

/** The last day that still counts as "expiring" when checked on `date` with a `warnDays` window. */
export const expiryWindowEnd = (date: string, warnDays: number): string => addDays(date, warnDays);

/**
 * The state of `expiresOn` on `date` given the window's last day (`expiryWindowEnd`): string
 * comparisons only, for hot loops (the board checks every driver against every route).
 */
export function expiryState(expiresOn: string, date: string, windowEnd: string): ExpiryState {
  if (expiresOn < date) return 'expired';
  if (expiresOn <= windowEnd) return 'expiring';
  return 'valid';
}

/** The status of `expiresOn` on `date`; null when there is no (valid) date to judge. */
export function expiryStatus(expiresOn: string | null | undefined, date: string, warnDays: number): ExpiryStatus | null {
  if (!expiresOn || !isValidDate(expiresOn) || !isValidDate(date)) return null;
  return { state: expiryState(expiresOn, date, expiryWindowEnd(date, warnDays)), days: daysBetween(date, expiresOn) };
}

/** Plain words for a status: "expired 3 days ago", "expires today", "expires in 12 days". */
export function expiryWords(s: ExpiryStatus): string {
  if (s.days < -1) return `expired ${-s.days} days ago`;
  if (s.days === -1) return 'expired yesterday';
  if (s.days === 0) return 'expires today';
  if (s.days === 1) return 'expires tomorrow';
  return `expires in ${s.days} days`;
}
