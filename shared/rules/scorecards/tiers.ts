/**
 * Scorecard tiers as pure functions (no database): the driver metrics of Amazon's "DA Current Week
 * Performance" table, the default thresholds that map each metric to a tier (editable per week —
 * Amazon changes them), a driver's overall tier, and the at-risk ranking with reasons in words.
 */
import { TIERS, type Tier } from '../../domain';

export type MetricUnit = 'count' | 'pct' | 'dpmo' | 'rate' | 'score';

export interface MetricDef {
  key: MetricKey;
  /** Canonical column header in Amazon's DA table. */
  label: string;
  /** Short name for tables and charts. */
  short: string;
  unit: MetricUnit;
  /** Which direction is better; null = not rated (counts). */
  better: 'higher' | 'lower' | null;
  safety: boolean;
  /** Plain words for coaching findings. */
  words: string;
}

export const METRIC_KEYS = [
  'delivered',
  'fico',
  'seatbelt',
  'speeding',
  'distractions',
  'followingDistance',
  'signSignal',
  'cdfDpmo',
  'ced',
  'dcr',
  'dsb',
  'pod',
  'psb',
  'dsbDnr',
  'podOpps',
  'cc',
  'dvic',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export const METRICS: Record<MetricKey, MetricDef> = {
  delivered: { key: 'delivered', label: 'Delivered', short: 'Delivered', unit: 'count', better: null, safety: false, words: 'packages delivered' },
  fico: { key: 'fico', label: 'Fico Score', short: 'FICO', unit: 'score', better: 'higher', safety: true, words: 'safe-driving (FICO) score' },
  seatbelt: { key: 'seatbelt', label: 'Seatbelt Off Rate', short: 'Seatbelt', unit: 'rate', better: 'lower', safety: true, words: 'seatbelt-off events' },
  speeding: { key: 'speeding', label: 'Speeding Event Rate', short: 'Speeding', unit: 'rate', better: 'lower', safety: true, words: 'speeding events' },
  distractions: { key: 'distractions', label: 'Distractions Rate', short: 'Distractions', unit: 'rate', better: 'lower', safety: true, words: 'distraction events (phone use, looking away)' },
  followingDistance: { key: 'followingDistance', label: 'Following Distance Rate', short: 'Following dist.', unit: 'rate', better: 'lower', safety: true, words: 'following-distance events' },
  signSignal: { key: 'signSignal', label: 'Sign/Signal Violations Rate', short: 'Sign/Signal', unit: 'rate', better: 'lower', safety: true, words: 'stop-sign and signal violations' },
  cdfDpmo: { key: 'cdfDpmo', label: 'CDF DPMO', short: 'CDF DPMO', unit: 'dpmo', better: 'lower', safety: false, words: 'negative customer delivery feedback' },
  ced: { key: 'ced', label: 'CED', short: 'CED', unit: 'dpmo', better: 'lower', safety: false, words: 'customer escalation defects' },
  dcr: { key: 'dcr', label: 'DCR', short: 'DCR', unit: 'pct', better: 'higher', safety: false, words: 'delivery completion rate' },
  dsb: { key: 'dsb', label: 'DSB', short: 'DSB', unit: 'dpmo', better: 'lower', safety: false, words: 'delivery success behaviour defects' },
  pod: { key: 'pod', label: 'POD', short: 'POD', unit: 'pct', better: 'higher', safety: false, words: 'photo-on-delivery acceptance' },
  psb: { key: 'psb', label: 'PSB', short: 'PSB', unit: 'dpmo', better: 'lower', safety: false, words: 'pickup success behaviour defects' },
  dsbDnr: { key: 'dsbDnr', label: 'DSB DNR', short: 'DNR DPMO', unit: 'dpmo', better: 'lower', safety: false, words: 'delivered-not-received defects' },
  podOpps: { key: 'podOpps', label: 'POD Opps.', short: 'POD opps', unit: 'count', better: null, safety: false, words: 'photo-on-delivery opportunities' },
  cc: { key: 'cc', label: 'CC', short: 'CC', unit: 'pct', better: 'higher', safety: false, words: 'contact compliance' },
  // Older exports only; Amazon published no DA thresholds for it, so it is shown and never tiered.
  dvic: { key: 'dvic', label: 'DVIC Compliance', short: 'DVIC', unit: 'pct', better: null, safety: false, words: 'DVIC (pre-trip inspection) compliance' },
};

export type RatedMetric = Exclude<MetricKey, 'delivered' | 'podOpps' | 'dvic'>;
export const RATED_METRICS = METRIC_KEYS.filter((k): k is RatedMetric => METRICS[k].better !== null);
export const SAFETY_RATES: MetricKey[] = ['seatbelt', 'speeding', 'distractions', 'followingDistance', 'signSignal'];

/**
 * Per metric, the boundary of each tier above Poor: for "higher is better" the minimum value, for
 * "lower is better" the maximum value. A value that meets `fantasticPlus` is Fantastic+, else
 * `fantastic` → Fantastic, `great` → Great, `fair` → Fair, otherwise Poor.
 */
export interface TierBounds {
  fantasticPlus: number;
  fantastic: number;
  great: number;
  fair: number;
}
export type Thresholds = Partial<Record<MetricKey, TierBounds>>;

/**
 * Defaults (documented in README): approximations of Amazon's 2025 DA targets. Percentages are
 * 0–100; DPMO per million; safety rates are events per 100 trips; FICO 0–850.
 */
export const DEFAULT_THRESHOLDS: Record<RatedMetric, TierBounds> = {
  fico: { fantasticPlus: 830, fantastic: 800, great: 750, fair: 700 },
  seatbelt: { fantasticPlus: 0, fantastic: 0.5, great: 1, fair: 2 },
  speeding: { fantasticPlus: 0, fantastic: 1, great: 2, fair: 4 },
  distractions: { fantasticPlus: 0, fantastic: 0.5, great: 1, fair: 2 },
  followingDistance: { fantasticPlus: 0, fantastic: 0.5, great: 1, fair: 2 },
  signSignal: { fantasticPlus: 0, fantastic: 0.5, great: 1, fair: 2 },
  cdfDpmo: { fantasticPlus: 1000, fantastic: 1800, great: 3000, fair: 4500 },
  ced: { fantasticPlus: 0, fantastic: 100, great: 500, fair: 1000 },
  dcr: { fantasticPlus: 99.5, fantastic: 98.5, great: 97.5, fair: 96 },
  dsb: { fantasticPlus: 200, fantastic: 440, great: 1000, fair: 1500 },
  pod: { fantasticPlus: 99.5, fantastic: 98, great: 96, fair: 93 },
  psb: { fantasticPlus: 0, fantastic: 200, great: 500, fair: 1000 },
  dsbDnr: { fantasticPlus: 600, fantastic: 1100, great: 1600, fair: 2500 },
  cc: { fantasticPlus: 99, fantastic: 98, great: 95, fair: 90 },
};

/** Metrics whose lowest tier is a driver's overall tier when the file has none (setting). */
export const DEFAULT_KEY_METRICS: MetricKey[] = ['fico', 'seatbelt', 'speeding', 'distractions', 'followingDistance', 'signSignal', 'dcr', 'dsb', 'pod', 'cdfDpmo'];

export type MetricValues = Partial<Record<MetricKey, number | null>>;

export const tierRank = (t: Tier) => TIERS.indexOf(t);
export const lowestTier = (ts: Tier[]): Tier | null => (ts.length === 0 ? null : ts.reduce((a, b) => (tierRank(b) < tierRank(a) ? b : a)));
export const isLowTier = (t: Tier | null | undefined) => t === 'Poor' || t === 'Fair';

/** Effective thresholds: defaults, then the station's settings, then the week's own. */
export function mergeThresholds(...layers: (Thresholds | null | undefined)[]): Record<string, TierBounds> {
  const out: Record<string, TierBounds> = { ...DEFAULT_THRESHOLDS };
  for (const layer of layers) if (layer) for (const [k, v] of Object.entries(layer)) if (v) out[k] = { ...out[k]!, ...v };
  return out;
}

/** One metric value → tier, or null when there is no value or the metric is not rated. */
export function metricTier(metric: MetricKey, value: number | null | undefined, thresholds: Record<string, TierBounds> = DEFAULT_THRESHOLDS): Tier | null {
  if (value == null || !Number.isFinite(value)) return null;
  const def = METRICS[metric];
  const b = thresholds[metric];
  if (!def.better || !b) return null;
  const meets = def.better === 'higher' ? (limit: number) => value >= limit : (limit: number) => value <= limit;
  if (meets(b.fantasticPlus)) return 'Fantastic+';
  if (meets(b.fantastic)) return 'Fantastic';
  if (meets(b.great)) return 'Great';
  if (meets(b.fair)) return 'Fair';
  return 'Poor';
}

export function metricTiers(values: MetricValues, thresholds: Record<string, TierBounds> = DEFAULT_THRESHOLDS): Partial<Record<MetricKey, Tier>> {
  const out: Partial<Record<MetricKey, Tier>> = {};
  for (const k of RATED_METRICS) {
    const t = metricTier(k, values[k], thresholds);
    if (t) out[k] = t;
  }
  return out;
}

/** Amazon's own verdict on one metric, as the file gives it beside the value (null = not in the file). */
export interface AmazonMetric {
  tier: Tier | null;
  /** Amazon's 0–100 points for the metric (the dashboard's "FICO Score" is this, not the FICO value). */
  score: number | null;
  /** The dashboard's "… Weight Applied". */
  weight: number | null;
}
export type AmazonMetrics = Partial<Record<MetricKey, AmazonMetric>>;

/** One line of the scorecard PDF's page 1 (the station's week). */
export interface StationMetric {
  category: string;
  label: string;
  /** As printed: "812 | Fantastic", "Coming Soon", "None". */
  text: string;
  value: number | null;
  tier: Tier | null;
  /** "Coming Soon": not scored this week. */
  comingSoon: boolean;
}
export interface StationScorecard {
  metrics: StationMetric[];
  focusAreas: string[];
  topDrivers: string[];
}

export type TierSource = 'amazon' | 'thresholds';

/**
 * Each rated metric's tier: Amazon's own where the file gave it (it is the one that counts), else
 * the one our thresholds give the value. `source` says which, so the console can say it.
 */
export function effectiveMetricTiers(
  values: MetricValues,
  amazon: AmazonMetrics | null | undefined,
  thresholds: Record<string, TierBounds> = DEFAULT_THRESHOLDS,
): { tiers: Partial<Record<MetricKey, Tier>>; source: Partial<Record<MetricKey, TierSource>> } {
  const tiers: Partial<Record<MetricKey, Tier>> = {};
  const source: Partial<Record<MetricKey, TierSource>> = {};
  for (const k of RATED_METRICS) {
    const a = amazon?.[k]?.tier;
    const t = a ?? metricTier(k, values[k], thresholds);
    if (!t) continue;
    tiers[k] = t;
    source[k] = a ? 'amazon' : 'thresholds';
  }
  return { tiers, source };
}

/**
 * A driver's overall tier for a week: the file's own `Overall Tier` when present; otherwise the
 * lowest tier among the key metrics that have a value (Amazon's own tier for a metric where the
 * file gave it); null when nothing is known.
 */
export function overallTier(
  fileTier: Tier | null | undefined,
  values: MetricValues,
  thresholds: Record<string, TierBounds> = DEFAULT_THRESHOLDS,
  keyMetrics: MetricKey[] = DEFAULT_KEY_METRICS,
  amazon?: AmazonMetrics | null,
): Tier | null {
  if (fileTier) return fileTier;
  const ts: Tier[] = [];
  for (const k of keyMetrics) {
    const t = amazon?.[k]?.tier ?? metricTier(k, values[k], thresholds);
    if (t) ts.push(t);
  }
  return lowestTier(ts);
}

/** Tier words as written in files: "Fantastic Plus", "Fantastic+", "fantastic plus", "GREAT". */
export function parseTier(raw: string): Tier | null | undefined {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '' || s === '-' || s === 'coming soon' || s === 'n/a' || s === 'na') return null;
  if (s === 'fantastic plus' || s === 'fantastic+' || s === 'fantasticplus' || s === 'fantastic +') return 'Fantastic+';
  const t = TIERS.find((x) => x.toLowerCase() === s);
  return t ?? undefined;
}

/** Format a metric value for people: "99.2%", "1,204", "0.35". */
export function formatMetric(metric: MetricKey, value: number | null | undefined): string {
  if (value == null) return '—';
  const u = METRICS[metric].unit;
  if (u === 'pct') return `${(Math.round(value * 100) / 100).toFixed(value % 1 === 0 ? 0 : 1)}%`;
  if (u === 'count' || u === 'dpmo' || u === 'score') return Math.round(value).toLocaleString('en-US');
  return String(Math.round(value * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// At risk

export interface DriverWeek {
  week: string;
  tier: Tier | null;
  values: MetricValues;
}

export interface AtRiskReason {
  code: 'TIER_FELL' | 'LOW_TWO_WEEKS' | 'SAFETY_ROSE';
  message: string;
  weight: number;
}

export interface AtRiskEntry {
  driverId: number;
  name: string;
  transporterId: string;
  tier: Tier | null;
  previousTier: Tier | null;
  score: number;
  reasons: AtRiskReason[];
  /** All reasons joined, for tables and CSV. */
  reason: string;
}

/**
 * Why a driver is at risk, from their weeks newest first (`weeks[0]` = the latest scorecard week;
 * `weeks[1]` must be the week before it to compare — gaps are not compared).
 */
/** A safety rate must rise at least this much (events per 100 trips) to count; FICO must fall 20 points. */
export const SAFETY_RISE_MIN = 0.25;

export function atRiskReasons(weeks: DriverWeek[], isPreviousWeek: (latest: string, other: string) => boolean = () => true): AtRiskReason[] {
  const out: AtRiskReason[] = [];
  const cur = weeks[0];
  const prev = weeks[1] && cur && isPreviousWeek(cur.week, weeks[1].week) ? weeks[1] : undefined;
  if (!cur || !prev) return out;
  if (cur.tier && prev.tier && tierRank(cur.tier) < tierRank(prev.tier)) {
    const steps = tierRank(prev.tier) - tierRank(cur.tier);
    out.push({ code: 'TIER_FELL', message: `Tier fell from ${prev.tier} to ${cur.tier}`, weight: 3 * steps + (cur.tier === 'Poor' ? 2 : 0) });
  }
  if (isLowTier(cur.tier) && isLowTier(prev.tier)) {
    out.push({
      code: 'LOW_TWO_WEEKS',
      message: `${cur.tier === prev.tier ? cur.tier : 'Fair or Poor'} two weeks running (${prev.tier}, then ${cur.tier})`,
      weight: 4 + (cur.tier === 'Poor' ? 2 : 0) + (prev.tier === 'Poor' ? 1 : 0),
    });
  }
  const rose: string[] = [];
  let w = 0;
  for (const k of SAFETY_RATES) {
    const a = prev.values[k];
    const b = cur.values[k];
    if (a != null && b != null && b - a >= SAFETY_RISE_MIN) {
      rose.push(`${METRICS[k].short.toLowerCase()} ${formatMetric(k, a)} → ${formatMetric(k, b)}`);
      w += 1.5 + Math.min(3, b - a);
    }
  }
  const fa = prev.values.fico;
  const fb = cur.values.fico;
  if (fa != null && fb != null && fa - fb >= 20) {
    rose.push(`FICO ${Math.round(fa)} → ${Math.round(fb)}`);
    w += 1.5 + Math.min(3, (fa - fb) / 20);
  }
  if (rose.length > 0) out.push({ code: 'SAFETY_ROSE', message: `Safety events rose: ${rose.join(', ')}`, weight: Math.round(w * 10) / 10 });
  return out;
}

/** Rank drivers at risk: highest weight first, then the lower tier, then name. */
export function rankAtRisk(
  drivers: { driverId: number; name: string; transporterId: string; weeks: DriverWeek[] }[],
  isPreviousWeek?: (latest: string, other: string) => boolean,
): AtRiskEntry[] {
  const out: AtRiskEntry[] = [];
  for (const d of drivers) {
    const reasons = atRiskReasons(d.weeks, isPreviousWeek);
    if (reasons.length === 0) continue;
    const score = Math.round(reasons.reduce((s, r) => s + r.weight, 0) * 10) / 10;
    out.push({
      driverId: d.driverId,
      name: d.name,
      transporterId: d.transporterId,
      tier: d.weeks[0]?.tier ?? null,
      previousTier: d.weeks[1]?.tier ?? null,
      score,
      reasons,
      reason: reasons.map((r) => r.message).join('; '),
    });
  }
  const rank = (t: Tier | null) => (t ? tierRank(t) : 99);
  return out.sort((a, b) => b.score - a.score || rank(a.tier) - rank(b.tier) || a.name.localeCompare(b.name));
}
