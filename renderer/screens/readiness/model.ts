import type { ReadinessStatus } from '../../../shared/rules/fleet/readiness';
import type { Tone } from '../../components/StatusChip';

export const STATUS_ORDER: ReadinessStatus[] = ['grounded', 'in-shop', 'out-of-service', 'attention', 'ready'];

export const STATUS_TONE: Record<ReadinessStatus, Tone> = {
  ready: 'ok',
  attention: 'warn',
  grounded: 'bad',
  'in-shop': 'info',
  'out-of-service': 'neutral',
};

export const miles = (n: number | null | undefined) => (n == null ? '—' : `${Math.round(n).toLocaleString('en-US')} mi`);

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
