import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
// The seam to the station-time maths (shared/station-time.ts).
import { addDays, dayStart, stationDate } from '../../shared/station-time';

/** The station's calendar date (YYYY-MM-DD) at `instant`. */
export const stationDateAt = (instant: Date, timeZone: string): string => stationDate(instant, timeZone);
/** The instant the station's day `date` begins (its midnight, DST handled). */
export const stationDayStart = (date: string, timeZone: string): Date => dayStart(date, timeZone);

/** The station's clock: the desk's time, read through this page's ticking clock. */
export interface StationClock {
  timeZone: string;
  /** Milliseconds to add to this page's `Date.now()` to get the desk's time (measured from `app.info`). */
  skewMs: number;
}

/** Milliseconds from `nowMs` (desk time) to the station's next midnight. */
export function msToNextStationMidnight(nowMs: number, timeZone: string): number {
  const today = stationDateAt(new Date(nowMs), timeZone);
  return stationDayStart(addDays(today, 1), timeZone).getTime() - nowMs;
}

/** The clock skew the answer of `app.info` implies: desk time minus page time when the answer arrived. */
export function skewFrom(serverNow: string | undefined, pageNowMs: number): number {
  const t = serverNow ? Date.parse(serverNow) : NaN;
  return Number.isNaN(t) ? 0 : t - pageNowMs;
}

// Longest wait setTimeout keeps (2^31 − 1 ms ≈ 24.8 days); a day is far shorter, but be safe.
const MAX_TIMEOUT = 2_147_483_647;

const TodayContext = createContext<string | null>(null);
const SkewContext = createContext(0);

/**
 * Keeps the console's "today" on the station's clock: the date in the station's time zone, moved
 * on by a timer set to the station's next midnight (re-armed each day; no polling), and checked
 * again when the page becomes visible (a sleeping laptop's timers run late).
 */
export function StationDayProvider({ clock, children }: { clock: StationClock; children: ReactNode }) {
  const { timeZone, skewMs } = clock;
  const [today, setToday] = useState(() => stationDateAt(new Date(Date.now() + skewMs), timeZone));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      const now = Date.now() + skewMs;
      setToday(stationDateAt(new Date(now), timeZone));
      // +1 ms: wake just after midnight, so the date read then is already the new day.
      timer = setTimeout(arm, Math.min(msToNextStationMidnight(now, timeZone) + 1, MAX_TIMEOUT));
    };
    arm();
    const onVisible = () => document.visibilityState === 'visible' && arm();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [timeZone, skewMs]);
  return (
    <SkewContext.Provider value={skewMs}>
      <TodayContext.Provider value={today}>{children}</TodayContext.Provider>
    </SkewContext.Provider>
  );
}

/** The desk's time now (epoch ms): this page's clock plus the skew measured from `app.info` (a client's clock may be off). */
export function useDeskNow(): number {
  return Date.now() + useContext(SkewContext);
}

/** Today's date at the station (YYYY-MM-DD); re-renders the caller when the station's day changes. */
export function useToday(): string {
  const today = useContext(TodayContext);
  if (today === null) throw new Error('useToday needs a StationDayProvider above it (the console shell provides one)');
  return today;
}

/**
 * A day the user may change that otherwise follows today: `[date, setDate]`, where `date` is the
 * station's today until another day is picked (picking today again follows it once more). A screen
 * left open overnight moves on to the new day by itself; a day picked on purpose stays.
 */
export function useDayFollowingToday(): [string, (date: string) => void] {
  const today = useToday();
  const [picked, setPicked] = useState<string | null>(null);
  return [picked ?? today, (date: string) => setPicked(date === today ? null : date)];
}
