import type { Parsed } from '../../import/values';
import type { Tier } from '../../../shared/domain';
import { METRICS, parseTier, type MetricKey } from '../../../shared/rules/scorecards/tiers';

/**
 * Scorecard cell values: `99.2%`, `0.992`, `1,204`, `-`, empty, `Coming Soon` (and N/A) — the last
 * three are "no value" (null), never zero. Percent metrics are stored 0–100: a bare number ≤ 1 is a
 * fraction (0.992 → 99.2). A value outside its metric's range is an error, never clipped: FICO is
 * 0–850, a percentage 0–100 %, DPMO 0–1,000,000, nothing negative.
 */
const PLAIN_RE = /^\d+(?:\.\d+)?$/;
const NO_VALUE = new Set(['', '-', '–', '—', 'coming soon', 'n/a', 'na', 'null', 'none']);

export const isNoValue = (raw: string) => raw === '' || (!PLAIN_RE.test(raw) && NO_VALUE.has(raw.trim().toLowerCase().replace(/\s+/g, ' ')));

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** "1,204" / " 98 % " → { n, pct }; undefined when not a number. */
function readNumber(raw: string): { n: number; pct: boolean } | undefined {
  // Most cells are plain numbers ("0.35", "812"): no clean-up needed.
  if (PLAIN_RE.test(raw)) return { n: Number(raw), pct: false };
  let s = raw.trim().replace(/,/g, '').replace(/\s+/g, '');
  const pct = s.endsWith('%');
  if (pct) s = s.slice(0, -1);
  if (!NUMBER_RE.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? { n, pct } : undefined;
}

const quoted = (raw: string) => `"${raw.trim().slice(0, 40)}"`;

export function parseMetricValue(metric: MetricKey, raw: string): Parsed<number | null> {
  if (isNoValue(raw)) return { value: null };
  const def = METRICS[metric];
  const num = readNumber(raw);
  if (!num) return { error: `${quoted(raw)} is not a number` };
  let { n } = num;
  if (n < 0) return { error: `${raw.trim()} cannot be negative` };
  switch (def.unit) {
    case 'pct':
      if (!num.pct && n <= 1) n = n * 100;
      if (n > 100) return { error: `${raw.trim()} is not a percentage (0–100%)` };
      return { value: Math.round(n * 1000) / 1000 };
    case 'count':
      if (num.pct || !Number.isInteger(n)) return { error: `${quoted(raw)} is not a whole number` };
      return { value: n };
    case 'score':
      if (num.pct || n > 850) return { error: `${raw.trim()} is not a FICO safe-driving score (0–850)` };
      return { value: n };
    case 'dpmo':
      if (num.pct || n > 1_000_000) return { error: `${raw.trim()} is not a DPMO (defects per million, 0–1,000,000)` };
      return { value: n };
    case 'rate':
      if (num.pct) return { error: `${raw.trim()} is not a rate (events per 100 trips)` };
      return { value: n };
  }
}

/** Amazon's 0–100 points (a metric's Score, the Overall Score). */
export function parsePoints(raw: string): Parsed<number | null> {
  if (isNoValue(raw)) return { value: null };
  const num = readNumber(raw);
  if (!num || num.pct) return { error: `${quoted(raw)} is not a score (0–100 points)` };
  if (num.n < 0 || num.n > 100) return { error: `${raw.trim()} is not a score (0–100 points)` };
  return { value: num.n };
}

/** The dashboard's "Weight Applied": a share, written 0.17 or 17%. */
export function parseWeight(raw: string): Parsed<number | null> {
  if (isNoValue(raw)) return { value: null };
  const num = readNumber(raw);
  if (!num) return { error: `${quoted(raw)} is not a weight` };
  const w = num.pct ? num.n / 100 : num.n;
  if (w < 0 || w > 1) return { error: `${raw.trim()} is not a weight (0–1 or 0–100%)` };
  return { value: Math.round(w * 10000) / 10000 };
}

const TIER_NAMES = 'Poor, Fair, Great, Fantastic, Fantastic Plus';
const SCORED_TIER_RE = /^\s*(?:(\d+(?:\.\d+)?)\s*\|\s*)?([a-z][a-z +]*?)\s*(?:\(\s*(\d+(?:\.\d+)?)\s*\))?\s*$/i;

/**
 * A tier cell: "Fantastic Plus", "Fantastic+", and the forms Amazon prints a standing in —
 * "79.2 | Fantastic", "Great (82.1)" — with the score returned beside it. Empty / "-" / "Coming
 * Soon" = no tier (null). Any other word is an error: never the nearest tier.
 */
export function parseTierCell(raw: string): Parsed<{ tier: Tier | null; score: number | null }> {
  const direct = parseTier(raw);
  if (direct !== undefined) return { value: { tier: direct, score: null } };
  const m = SCORED_TIER_RE.exec(raw);
  const tier = m ? parseTier(m[2]!) : undefined;
  if (!m || !tier || (m[1] === undefined && m[3] === undefined)) return { error: `${quoted(raw)} is not a tier (${TIER_NAMES})` };
  const score = Number(m[1] ?? m[3]);
  if (score > 100) return { error: `${quoted(raw)}: ${score} is not a standing score (0–100)` };
  return { value: { tier, score } };
}
