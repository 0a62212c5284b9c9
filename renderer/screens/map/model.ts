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

export function timeAt(iso: string, tz: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
