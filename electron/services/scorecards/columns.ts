import type { ColumnSpec, ColumnSpecs, ExportId } from '../../import/reader';
import type { MetricKey } from '../../../shared/rules/scorecards/tiers';

/**
 * The columns of every scorecard file the desk reads (DOMAIN.md "Weekly scorecard"), as specs for
 * the one table reader. Two specs, because the same words mean different things:
 * - the DA table (Current Week / Trailing 6-Week, as CSV, XLSX or the PDF itself, and older
 *   exports): its `Fico Score` is the 0–850 value;
 * - the DSP Overview Dashboard: a value / Tier / Score triplet per metric, where `FICO Metric` is
 *   the 0–850 value and `FICO Score` is Amazon's 0–100 points.
 * The reader picks the dashboard spec when it recognises the dashboard by its headers.
 */

/** Metrics the dashboard gives as value / Tier / Score / Weight Applied. */
export const DASHBOARD_METRICS = ['fico', 'speeding', 'seatbelt', 'distractions', 'signSignal', 'followingDistance', 'cdfDpmo', 'ced', 'dcr', 'dsb', 'pod', 'psb'] as const satisfies readonly MetricKey[];
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number];

export type AmazonPart = 'Tier' | 'Score' | 'Weight';
export type AmazonField = `${DashboardMetric}${AmazonPart}`;
export type ScorecardField = MetricKey | AmazonField | 'week' | 'rank' | 'name' | 'transporterId' | 'overallTier' | 'overallScore' | 'performer' | 'keyFocusArea';

const col = (label: string, ...aliases: string[]): ColumnSpec => ({ label, aliases });

/** The DA table: Amazon's headers first, then those of older exports and DSPs' own sheets. */
export const TABLE_COLUMNS: ColumnSpecs<ScorecardField> = {
  week: col('Week'),
  rank: col('#'),
  name: col('Name', 'Delivery Associate', 'Driver', 'Driver Name', 'DA Name', 'DA'),
  transporterId: col('Transporter ID', 'DA Transporter ID', 'TID', 'TransporterID', 'Transporter'),
  overallTier: col('Overall Tier', 'Overall Standing', 'Tier', 'Standing'),
  overallScore: col('Overall Score'),
  performer: col('High/Low Performer Status', 'Performer Status', 'High/Low Performer'),
  delivered: col('Delivered', 'Packages Delivered', 'Delivered Packages'),
  keyFocusArea: col('Key Focus Area', 'Focus Area', 'Recommended Focus Area'),
  fico: col('Fico Score', 'FICO', 'Safe Driving Score', 'Safe Driving Metric'),
  seatbelt: col('Seatbelt Off Rate', 'Seatbelt-Off Rate', 'Seatbelt Off', 'SOR'),
  speeding: col('Speeding Event Rate', 'Speeding Rate', 'Speeding', 'SER'),
  distractions: col('Distractions Rate', 'Distraction Rate', 'Distractions'),
  followingDistance: col('Following Distance Rate', 'Following Distance'),
  signSignal: col('Sign/Signal Violations Rate', 'Sign Signal Violations Rate', 'Sign/Signal Violations', 'Sign/Signal Rate'),
  cdfDpmo: col('CDF DPMO', 'CDF', 'Customer Delivery Feedback DPMO'),
  ced: col('CED', 'CE', 'CED DPMO', 'Customer Escalation Defect'),
  dcr: col('DCR', 'Delivery Completion Rate'),
  dsb: col('DSB', 'DSB DPMO', 'Delivery Success Behaviors'),
  pod: col('POD', 'Photo On Delivery', 'Photo-On-Delivery Acceptance Rate', 'POD Acceptance'),
  psb: col('PSB', 'PSB DPMO', 'Pickup Success Behaviors'),
  dsbDnr: col('DSB DNR', 'DNR DPMO', 'DNR', 'DSB DNR DPMO'),
  podOpps: col('POD Opps.', 'POD Opportunities', 'POD Opps'),
  cc: col('CC', 'Contact Compliance'),
  dvic: col('DVIC Compliance', 'DVIC', 'DVIC Compliance Rate'),
};

/** The dashboard's value, Tier, Score and Weight Applied headers per metric. */
const DASHBOARD_HEADERS: Record<DashboardMetric, { value: string[]; tier: string; score: string; weight: string }> = {
  fico: { value: ['FICO Metric'], tier: 'FICO Tier', score: 'FICO Score', weight: 'FICO Metric Weight Applied' },
  speeding: { value: ['Speeding Event Rate (per trip)', 'Speeding Event Rate'], tier: 'Speeding Event Rate Tier', score: 'Speeding Event Rate Score', weight: 'Speeding Event Rate Weight Applied' },
  seatbelt: { value: ['Seatbelt-Off Rate (per trip)', 'Seatbelt-Off Rate'], tier: 'Seatbelt-Off Rate Tier', score: 'Seatbelt-Off Rate Score', weight: 'Seatbelt-Off Rate Weight Applied' },
  distractions: { value: ['Distractions Rate (per trip)', 'Distractions Rate'], tier: 'Distractions Rate Tier', score: 'Distractions Rate Score', weight: 'Distractions Rate Weight Applied' },
  signSignal: { value: ['Sign/ Signal Violations Rate (per trip)', 'Sign/Signal Violations Rate'], tier: 'Sign/ Signal Violations Rate Tier', score: 'Sign/ Signal Violations Rate Score', weight: 'Sign/ Signal Violations Rate Weight Applied' },
  followingDistance: { value: ['Following Distance Rate (per trip)', 'Following Distance Rate'], tier: 'Following Distance Rate Tier', score: 'Following Distance Rate Score', weight: 'Following Distance Rate Weight Applied' },
  cdfDpmo: { value: ['CDF DPMO'], tier: 'CDF DPMO Tier', score: 'CDF DPMO Score', weight: 'CDF DPMO Weight Applied' },
  ced: { value: ['CED'], tier: 'CED Tier', score: 'CED Score', weight: 'CED Weight Applied' },
  dcr: { value: ['DCR'], tier: 'DCR Tier', score: 'DCR Score', weight: 'DCR Weight Applied' },
  dsb: { value: ['DSB', 'DSB DPMO'], tier: 'DSB DPMO Tier', score: 'DSB DPMO Score', weight: 'DSB DPMO Weight Applied' },
  pod: { value: ['POD'], tier: 'POD Tier', score: 'POD Score', weight: 'POD Weight Applied' },
  psb: { value: ['PSB'], tier: 'PSB Tier', score: 'PSB Score', weight: 'PSB Weight Applied' },
};

/** The DSP Overview Dashboard (one week or trailing six weeks). No alias of FICO's value is "FICO Score". */
export const DASHBOARD_COLUMNS: ColumnSpecs<ScorecardField> = (() => {
  const spec: Partial<Record<ScorecardField, ColumnSpec>> = {
    week: col('Week'),
    name: col('Delivery Associate', 'Name'),
    transporterId: { ...col('Transporter ID'), required: true },
    overallTier: col('Overall Standing'),
    overallScore: col('Overall Score'),
    delivered: col('Packages Delivered'),
  };
  for (const m of DASHBOARD_METRICS) {
    const h = DASHBOARD_HEADERS[m];
    spec[m] = col(h.value[0]!, ...h.value.slice(1));
    spec[`${m}Tier`] = col(h.tier);
    spec[`${m}Score`] = col(h.score);
    spec[`${m}Weight`] = col(h.weight);
  }
  return spec;
})();

/** What the scorecard importer reads; any other known export is refused by name. */
export const SCORECARD_EXPORTS: readonly ExportId[] = ['dsp-overview-dashboard', 'da-current-week', 'da-trailing-6-week'];

/**
 * Headers only the dashboard has. Read with the table spec (a cut-down dashboard the reader did not
 * recognise), its "FICO Score" would be taken for the 0–850 value: such a file is refused instead.
 */
export const DASHBOARD_ONLY_HEADERS = ['FICO Metric', 'FICO Tier', 'DSB DPMO Tier', 'Overall Score'];
