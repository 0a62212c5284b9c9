import type { FlagKind, VanState } from '../../../shared/rules/telematics';

/** Marker colours by state; the legend and every list also say the state in words. */
export const STATE_COLOR: Record<VanState, string> = {
  on_road: '#1f5fbf',
  idle: '#d97706',
  stale: '#7b8494',
  at_station: '#0f8b8d',
  returned: '#1d8a45',
};

export const FLAG_TONE: Record<FlagKind, 'bad' | 'warn' | 'neutral' | 'ok'> = {
  speeding: 'bad',
  stale: 'warn',
  idle: 'warn',
  returned: 'ok',
};

export const FLAG_LABEL: Record<FlagKind, string> = {
  speeding: 'Speeding',
  stale: 'Stale',
  idle: 'Idle',
  returned: 'Returned',
};

/** The instant at which `date` (YYYY-MM-DD) starts in time zone `tz`. */
export function startOfLocalDay(date: string, tz: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(t));
    const get = (k: string) => Number(parts.find((p) => p.type === k)?.value ?? 0);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return asUtc - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

export function timeAt(iso: string, tz: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
