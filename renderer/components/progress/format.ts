import type { RouteProgress } from '../../../shared/contract/progress';

/** "HH:MM" at the station (24 h). */
export function stationHm(iso: string | null | undefined, tz: string | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** The verdict in words (status is never shown by colour alone). */
export function lateWords(r: Pick<RouteProgress, 'status' | 'minutesLate' | 'misses'>): string {
  if (r.status === 'no_stops') return 'no stops done';
  if (r.minutesLate == null) return '';
  const what = r.misses.length === 2 ? 'plan and limit' : r.misses[0] === 'limit' ? 'on-duty limit' : 'plan';
  return r.minutesLate > 0 ? `${r.minutesLate} min past ${what}` : `${-r.minutesLate} min to spare`;
}

export const STATUS_WORDS: Record<RouteProgress['status'], string> = {
  behind: 'Behind',
  no_stops: 'No stops',
  on_pace: 'On pace',
  complete: 'Complete',
  not_started: 'Not started',
  not_judged: 'Not judged',
};
