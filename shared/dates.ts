/**
 * The clock. Everything that reasons about "now" or "today" takes a Clock so tests can fix time.
 * Dates and times at the station (station date of an instant, day start/end, wave times, DST)
 * live in `shared/station-time.ts`.
 */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });
