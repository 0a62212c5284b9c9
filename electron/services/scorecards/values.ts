import type { Parsed } from '../../import/values';
import { METRICS, type MetricKey } from '../../../shared/rules/scorecards/tiers';

/**
 * Scorecard cell values: `99.2%`, `0.992`, `1,204`, `-`, empty, `Coming Soon` (and N/A) — the last
 * three are "no value" (null), never zero. Percent metrics are stored 0–100: a bare number ≤ 1 is a
 * fraction (0.992 → 99.2).
 */
const NO_VALUE = new Set(['', '-', '–', '—', 'coming soon', 'n/a', 'na', 'null', 'none']);

export const isNoValue = (raw: string) => NO_VALUE.has(raw.trim().toLowerCase().replace(/\s+/g, ' '));

export function parseMetricValue(metric: MetricKey, raw: string): Parsed<number | null> {
  if (isNoValue(raw)) return { value: null };
  const def = METRICS[metric];
  let s = raw.trim().replace(/,/g, '').replace(/\s+/g, '');
  const hasPct = s.endsWith('%');
  if (hasPct) s = s.slice(0, -1);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return { error: `"${raw.slice(0, 40)}" is not a number` };
  let n = Number(s);
  if (!Number.isFinite(n)) return { error: `"${raw.slice(0, 40)}" is not a number` };
  if (n < 0) return { error: `${raw.trim()} cannot be negative` };
  switch (def.unit) {
    case 'pct':
      if (!hasPct && n <= 1) n = n * 100;
      if (n > 100) return { error: `${raw.trim()} is not a percentage (0–100%)` };
      return { value: Math.round(n * 1000) / 1000 };
    case 'count':
      if (hasPct || !Number.isInteger(n)) return { error: `"${raw.slice(0, 40)}" is not a whole number` };
      return { value: n };
    case 'score':
      if (hasPct || n > 1000) return { error: `${raw.trim()} is not a safe-driving score (0–850)` };
      return { value: n };
    default:
      return { value: n };
  }
}
