import type { PdfCell, PdfLine } from '../../import/pdf';
import type { Tier } from '../../../shared/domain';
import { parseTier, type StationMetric, type StationScorecard } from '../../../shared/rules/scorecards/tiers';

/**
 * Page 1 of Amazon's scorecard PDF: the station's week. "Overall Standing: 79.2 | Fantastic", then
 * per category its metrics as label and value ("812 | Fantastic", "99.21% | Fantastic", "Coming
 * Soon" = not scored, "None"), and beside them "Recommended Focus Areas" and "Top Drivers".
 * Only the metrics DOMAIN.md lists are read; any other label is listed, never guessed at.
 */
export const STATION_CATEGORIES: Record<string, readonly string[]> = {
  'Safety and Compliance': ['On-Road Safety Score', 'Safe Driving Metric', 'Seatbelt-Off Rate', 'Speeding Event Rate', 'Sign/Signal Violations Rate', 'Distractions Rate', 'Following Distance Rate', 'Working Device', 'Breach of Contract', 'Comprehensive Audit (CAS)'],
  'Delivery Quality': ['Customer Delivery Experience', 'Delivery Completion Rate', 'Delivery Success Behaviors', 'Photo-On-Delivery Acceptance Rate', 'Customer Delivery Feedback DPMO', 'Customer Escalation Defect DPMO'],
  'Pickup Quality': ['Pickup Success Behaviors'],
  Team: ['High Performers Share', 'Low Performers Share', 'High / Low Performers Share', 'Tenured Workforce'],
};

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const LABELS = new Map(Object.entries(STATION_CATEGORIES).flatMap(([cat, labels]) => labels.map((l) => [norm(l), { category: cat, label: l }] as const)));
const CATEGORY_NAMES = new Set(Object.keys(STATION_CATEGORIES).map(norm));
const SIDE_HEADINGS = ['Recommended Focus Areas', 'Top Drivers'];

export interface StationPage {
  overall: { score: number; tier: Tier } | null;
  station: StationScorecard;
  /** Page-1 lines that look like a metric but whose label the desk does not know. */
  unknown: string[];
  errors: string[];
}

export function readStationPage(lines: readonly PdfLine[]): StationPage {
  const out: StationPage = { overall: null, station: { metrics: [], focusAreas: [], topDrivers: [] }, unknown: [], errors: [] };
  const side = sideColumn(lines);
  let inCategories = false;
  for (const line of lines) {
    const whole = line.cells.map((c) => c.text).join(' ');
    const overall = /Overall Standing\s*:?\s*(.*)$/i.exec(whole);
    if (overall) {
      const m = /^(\d+(?:\.\d+)?)\s*\|\s*(.+)$/.exec(overall[1]!.trim());
      const tier = m ? parseTier(m[2]!) : undefined;
      if (!m || !tier || Number(m[1]) > 100) out.errors.push(`page 1: "${whole.slice(0, 80)}" is not an overall standing (score | Poor, Fair, Great, Fantastic or Fantastic Plus)`);
      else out.overall = { score: Number(m[1]), tier };
      continue;
    }
    const left = line.cells.filter((c) => side === null || c.x0 < side - 3);
    if (left.length === 1 && CATEGORY_NAMES.has(norm(left[0]!.text))) inCategories = true;
    if (left.length !== 2) continue;
    const [label, value] = left as [PdfCell, PdfCell];
    const known = LABELS.get(norm(label.text));
    if (!known) {
      if (inCategories) out.unknown.push(`${label.text}: ${value.text}`);
      continue;
    }
    const metric = stationMetric(known.category, known.label, value.text);
    if ('error' in metric) out.errors.push(`page 1, ${known.label}: ${metric.error}`);
    else out.station.metrics.push(metric);
  }
  out.station.focusAreas = sideList(lines, SIDE_HEADINGS[0]!);
  out.station.topDrivers = sideList(lines, SIDE_HEADINGS[1]!);
  return out;
}

/** "812 | Fantastic", "99.21% | Fantastic", "Great", "32.0%", "Coming Soon", "None". */
function stationMetric(category: string, label: string, text: string): StationMetric | { error: string } {
  const base = { category, label, text, value: null, tier: null, comingSoon: false };
  if (/^coming\s+soon$/i.test(text)) return { ...base, comingSoon: true };
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length > 2) return { error: `"${text}" is not a value | tier` };
  let value: number | null = null;
  let tier: Tier | null = null;
  for (const p of parts) {
    const n = /^(\d+(?:[.,]\d+)*)\s*%?$/.exec(p);
    if (n) {
      if (value !== null) return { error: `"${text}" has two values` };
      value = Number(n[1]!.replace(/,/g, ''));
      continue;
    }
    const t = parseTier(p);
    if (t) tier = t;
    else if (parts.length === 2) return { error: `"${p}" is not a tier (Poor, Fair, Great, Fantastic, Fantastic Plus)` };
  }
  return { ...base, value, tier };
}

/** The x where the side column (focus areas, top drivers) starts, when there is one. */
function sideColumn(lines: readonly PdfLine[]): number | null {
  for (const l of lines) for (const c of l.cells) if (SIDE_HEADINGS.some((h) => norm(h) === norm(c.text))) return c.x0;
  return null;
}

/** The numbered entries under a side heading: "1. Speeding Event Rate" → "Speeding Event Rate". */
function sideList(lines: readonly PdfLine[], heading: string): string[] {
  const out: string[] = [];
  let x: number | null = null;
  for (const l of lines) {
    if (x === null) {
      const h = l.cells.find((c) => norm(c.text) === norm(heading));
      if (h) x = h.x0;
      continue;
    }
    const c = l.cells.find((c) => Math.abs(c.x0 - x!) <= 12);
    if (!c) continue;
    const m = /^\d+\.\s*(.+)$/.exec(c.text);
    if (!m) break;
    out.push(m[1]!);
  }
  return out;
}
