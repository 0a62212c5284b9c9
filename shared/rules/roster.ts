/**
 * The roster's rules: when a driver's licence (and DOT medical card) stops counting. The board
 * refuses an expired licence and warns about one running out within the window; the roster's
 * chips and counts say the same thing with the same window (board setting `licenceExpiringDays`).
 */
import { expiryState, expiryStatus, type ExpiryState, type ExpiryStatus } from '../expiry';

/** The part of the station's settings these rules read (board settings `limits`). */
export interface LicenceWindow {
  /** A licence or medical card running out within this many days is flagged. */
  licenceExpiringDays: number;
}

/** A licence (or DOT medical card) on `date`: expired, expiring within the window, or valid; null when no date is on file. */
export function licenceStatus(expiresOn: string | null | undefined, date: string, window: LicenceWindow): ExpiryStatus | null {
  return expiryStatus(expiresOn, date, window.licenceExpiringDays);
}

/** The same rule for hot loops: `windowEnd` is `expiryWindowEnd(date, licenceExpiringDays)`, computed once. */
export function licenceState(expiresOn: string, date: string, windowEnd: string): ExpiryState {
  return expiryState(expiresOn, date, windowEnd);
}

/** Roster counts: drivers who can still drive (not terminated, not archived) with a licence expiring / expired. */
export function licenceCounts(
  drivers: readonly { licenceExpiry: string | null; status: string; archivedAt: string | null }[],
  date: string,
  window: LicenceWindow,
): { expiring: number; expired: number } {
  let expiring = 0;
  let expired = 0;
  for (const d of drivers) {
    if (d.archivedAt || d.status === 'terminated') continue;
    const s = licenceStatus(d.licenceExpiry, date, window)?.state;
    if (s === 'expiring') expiring++;
    else if (s === 'expired') expired++;
  }
  return { expiring, expired };
}
