import { z } from 'zod';
import { TIERS, type Tier } from '../domain';
import { INCIDENT_SEVERITIES, INCIDENT_STATUSES, INCIDENT_TYPES, PLAN_STATUSES, type IncidentSeverity, type IncidentStatus, type IncidentType, type PlanStatus } from '../rules/scorecards/coaching';
import { METRIC_KEYS, type AmazonMetrics, type AtRiskEntry, type MetricKey, type StationScorecard, type TierBounds, type TierSource } from '../rules/scorecards/tiers';
import { isValidWeek } from '../rules/scorecards/weeks';
import { TRAINING_DUE_DAYS, type TrainingState } from '../rules/scorecards/training';
import { channel } from './define';
import { fileInput, id, idInput, isoDate, optionalDate, requiredText, shortText, type ImportIssue, type ImportReadSummary } from './common';

// Weekly scorecards, tiers, at-risk list, coaching plans, training, incidents and the stand-up.

export const weekInput = z.string().trim().refine(isValidWeek, { message: 'must be a scorecard week as YYYY-Www (e.g. 2026-W47)' });
const tierInput = z.enum(TIERS);

export type TierCounts = Record<Tier, number>;

export interface ScorecardPreviewRow {
  row: number;
  transporterId: string;
  name: string;
  driverId: number | null;
  fileTier: Tier | null;
  tier: Tier | null;
  keyFocusArea: string;
  values: Partial<Record<MetricKey, number | null>>;
  /** The week of this row (a trailing-six-week dashboard holds several). */
  week: string;
  /** Amazon's Overall Score (0–100) where the file gives it. */
  overallScore: number | null;
  /** High/Low Performer Status as written ('' = none). */
  performer: string;
  /** Amazon's own tier / score / weight per metric, beside the values. */
  amazon: AmazonMetrics;
}

/** One scorecard week an import writes (a trailing-six-week dashboard writes six). */
export interface ScorecardImportWeek {
  week: string;
  drivers: number;
  tiers: TierCounts;
  replaces: boolean;
}

export interface ScorecardImportResult {
  ok: boolean;
  dryRun: boolean;
  week: string;
  drivers: number;
  unknownDrivers: { row: number; transporterId: string; name: string }[];
  errors: ImportIssue[];
  tiers: TierCounts;
  /** True when a week already existed and was (or would be) replaced. */
  replaces: boolean;
  rows: ScorecardPreviewRow[];
  /** Plans suggested by the import (0 on a dry run). */
  suggestedPlans: number;
  /** Every week the file holds, oldest first (`week` is the newest: the file's own week). */
  weeks: ScorecardImportWeek[];
  /** Where the week came from: "the file name", "the Week column", "row 1 (title)", "the week given". */
  weekFrom: string | null;
  /** What the file was: an export id (dsp-overview-dashboard, da-current-week, da-trailing-6-week) or scorecard-pdf. */
  source: { id: string; name: string } | null;
  /** How the file was read: header, columns used, ignored columns, skipped rows (null when unreadable). */
  read: ImportReadSummary | null;
  /** The scorecard PDF's page 1: the station's overall standing and category metrics. */
  station: (StationScorecard & { overall: { score: number; tier: Tier } | null; unknown: string[] }) | null;
}

export interface ScorecardWeekSummary {
  week: string;
  startDate: string;
  endDate: string;
  companyScore: number | null;
  companyTier: Tier | null;
  drivers: number;
  tiers: TierCounts;
  fileName: string | null;
  importedAt: string | null;
  /** What the week was imported from (export id or scorecard-pdf); null before this was recorded. */
  source: string | null;
  /** The scorecard PDF's page 1, when the week came from the PDF. */
  station: StationScorecard | null;
}

export interface ScorecardRow {
  id: number;
  week: string;
  driverId: number | null;
  row: number;
  transporterId: string;
  name: string;
  fileTier: Tier | null;
  tier: Tier | null;
  keyFocusArea: string;
  values: Partial<Record<MetricKey, number | null>>;
  /** Each metric's tier: Amazon's own where the file gave it, else from the thresholds (see tierSource). */
  metricTiers: Partial<Record<MetricKey, Tier>>;
  tierSource: Partial<Record<MetricKey, TierSource>>;
  overallScore: number | null;
  performer: string;
  amazon: AmazonMetrics;
}

export interface ThresholdsView {
  week: string | null;
  /** Effective bounds (defaults ← station settings ← week). */
  thresholds: Record<string, TierBounds>;
  defaults: Record<string, TierBounds>;
  keyMetrics: MetricKey[];
}

export interface CoachingPlan {
  id: number;
  driverId: number;
  driverName: string;
  week: string | null;
  metric: string | null;
  incidentId: number | null;
  /** A rescue cited as evidence (rescues.list). */
  rescueId: number | null;
  finding: string;
  target: string;
  actions: string[];
  owner: string;
  dueDate: string | null;
  status: PlanStatus;
  acknowledgedAt: string | null;
  acknowledgement: string;
  followUpResult: string;
  closedAt: string | null;
  escalatedAt: string | null;
  escalationReason: string;
  createdAt: string;
  updatedAt: string;
  /** Open and past its due date at the station's today. */
  overdue: boolean;
}

export interface TrainingCourse {
  id: number;
  name: string;
  validityDays: number | null;
  mandatory: boolean;
  archivedAt: string | null;
}

export type { TrainingState };
export interface TrainingRecord {
  id: number;
  driverId: number;
  driverName: string;
  courseId: number;
  courseName: string;
  mandatory: boolean;
  completedOn: string;
  expiresOn: string | null;
  notes: string;
  state: TrainingState;
}
/** Per driver × course: the latest record's state, and mandatory courses never taken. */
export interface TrainingStatusEntry {
  driverId: number;
  driverName: string;
  courseId: number;
  courseName: string;
  mandatory: boolean;
  completedOn: string | null;
  expiresOn: string | null;
  state: TrainingState;
}

export interface Incident {
  id: number;
  type: IncidentType;
  date: string;
  driverId: number | null;
  driverName: string | null;
  vanId: number | null;
  vanName: string | null;
  routeId: number | null;
  routeCode: string | null;
  severity: IncidentSeverity;
  description: string;
  status: IncidentStatus;
  planId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface SafetyTopic {
  id: number;
  title: string;
  body: string;
  archivedAt: string | null;
  lastShown: string | null;
}

export interface DriverWeekView {
  week: string;
  tier: Tier | null;
  fileTier: Tier | null;
  keyFocusArea: string;
  values: Partial<Record<MetricKey, number | null>>;
  metricTiers: Partial<Record<MetricKey, Tier>>;
  tierSource: Partial<Record<MetricKey, TierSource>>;
  thresholds: Record<string, TierBounds>;
}

export interface DriverPage {
  driver: { id: number; name: string; transporterId: string; status: string; hireDate: string | null; qualifications: string[] };
  weeks: DriverWeekView[];
  incidents: Incident[];
  plans: CoachingPlan[];
  training: TrainingStatusEntry[];
  routes: { date: string; code: string; serviceType: string; packages: number | null; launchedAt: string | null; returnedAt: string | null; hours: number | null }[];
  /** Sum of hours on routes with both launch and return times, last 28 days. */
  hours28d: number | null;
  routes28d: number;
  atRisk: AtRiskEntry | null;
}

export interface StandupYesterday {
  date: string;
  /** null = "no data yet" for that source. */
  routesPlanned: number | null;
  routesRun: number | null;
  packages: number | null;
  returnsOnTime: number | null;
  returnsLate: number | null;
  returned: number | null;
  rescues: number | null;
  /** Rescues of the 7 days ending with this one, oldest first (null: no progress and no rescue that day). */
  rescuesTrend: { date: string; rescues: number | null }[];
  incidents: number | null;
  /** Who came, from the day's schedule and check-in records (`attendance`); null when nothing was recorded that day. */
  attendance: StandupAttendance | null;
  notes: string[];
}

/**
 * A day's attendance from the schedule and the check-in records: call-outs and no-shows as
 * recorded; late = checked in after the report time (the driver's wave, else the day's first
 * wave, minus the schedule's `reportBeforeWaveMin` — the rule check-in itself uses), or marked late.
 */
export interface StandupAttendance {
  /** Whether the day had a schedule (without one every active driver was expected). */
  hasSchedule: boolean;
  /** Drivers the schedule had working that day (null without a schedule). */
  expected: number | null;
  /** Drivers with a recorded check-in. */
  checkedIn: number;
  callOuts: number;
  noShows: number;
  late: number;
  /** Expected drivers with no check-in, call-out or no-show recorded (null without a schedule). */
  unrecorded: number | null;
}

/**
 * The stand-up in front of the drivers (`standup.huddle`): the team's figures, the safety topic and
 * recognitions — never one driver's at-risk metrics, coaching plans or expired training (those stay
 * in `standup.summary`, the owner's and manager's view). Drivers on the at-risk list are not named here
 * at all, not even in a recognition.
 */
export interface StandupHuddle {
  date: string;
  yesterday: StandupYesterday;
  topic: StandupTopic | null;
  scorecard: (StandupTeamScore & {
    /** Fantastic+ this week, with the run of weeks in a row. */
    recognitions: { name: string; weeksFantasticPlus: number }[];
    /** Drivers who moved up a tier since last week. */
    movedUp: { name: string; from: Tier | null; to: Tier | null }[];
  }) | null;
  /** Team counts only: how many drivers have training due this week / a mandatory course to renew. */
  trainingDue: number;
  groundedVans: { vanId: number; name: string; status: string; reason: string }[];
}

/** The latest scorecard's team figures: the company's standing and the tier counts, with last week's. */
export interface StandupTeamScore {
  week: string;
  companyScore: number | null;
  companyTier: Tier | null;
  previousCompanyScore: number | null;
  tiers: TierCounts;
  previousTiers: TierCounts | null;
  drivers: number;
}

export interface StandupMover {
  driverId: number | null;
  name: string;
  from: Tier | null;
  to: Tier | null;
}

export interface StandupTopic {
  id: number;
  title: string;
  body: string;
  recorded: boolean;
}

export interface StandupSummary {
  date: string;
  yesterday: StandupYesterday;
  scorecard: (StandupTeamScore & {
    moversUp: StandupMover[];
    moversDown: StandupMover[];
    recognitions: { driverId: number | null; name: string; weeksFantasticPlus: number }[];
  }) | null;
  atRisk: AtRiskEntry[];
  /**
   * The safety topic for the day: the recorded one, or (`recorded: false`) the one the library
   * would pick — reading the stand-up never records it; `standup.recordTopic` does.
   */
  topic: StandupTopic | null;
  topicHistory: { date: string; title: string }[];
  plansDueToday: CoachingPlan[];
  trainingDueThisWeek: TrainingStatusEntry[];
  trainingExpired: TrainingStatusEntry[];
  groundedVans: { vanId: number; name: string; status: string; reason: string }[];
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

const metricKey = z.enum(METRIC_KEYS);
const bounds = z.strictObject({ fantasticPlus: z.number(), fantastic: z.number(), great: z.number(), fair: z.number() });
const actions = z.array(requiredText(120)).max(10);
const planFields = {
  finding: requiredText(500),
  target: shortText(300).default(''),
  actions: actions.default([]),
  owner: shortText(80).default(''),
  dueDate: optionalDate,
};

export const scorecardChannels = {
  'scorecards.import': channel<ScorecardImportResult>()({
    input: fileInput.extend({
      /** Optional when the file says its week (name, title or Week column); must agree when given. */
      week: weekInput.optional(),
      dryRun: z.boolean().default(true),
      companyScore: z.number().min(0).max(100).nullable().optional(),
      companyTier: tierInput.nullable().optional(),
    }),
    access: 'write',
    summary: "Import Amazon's scorecard: DSP Overview Dashboard CSV (one or six weeks), DA table (CSV/XLSX), or the scorecard PDF; the week from the file; dry run previews; all or nothing; replaces each week",
  }),
  'scorecards.weeks': channel<ScorecardWeekSummary[]>()({
    input: z.strictObject({ limit: z.number().int().min(1).max(260).default(60) }).default({ limit: 60 }),
    access: 'read',
    summary: 'Imported scorecard weeks, newest first, with company standing and tier counts',
  }),
  'scorecards.week': channel<{ week: ScorecardWeekSummary; rows: ScorecardRow[] }>()({
    input: z.strictObject({ week: weekInput }),
    access: 'read',
    summary: "One week's driver rows with each metric's tier",
  }),
  'scorecards.setCompany': channel<ScorecardWeekSummary>()({
    input: z.strictObject({ week: weekInput, companyScore: z.number().min(0).max(100).nullable(), companyTier: tierInput.nullable() }),
    access: 'write',
    summary: "Enter the company's weekly overall standing (score and tier)",
  }),
  'scorecards.thresholds': channel<ThresholdsView>()({
    input: z.strictObject({ week: weekInput.optional() }).default({}),
    access: 'read',
    summary: 'Tier thresholds in effect (for a week, or the station defaults)',
  }),
  'scorecards.setThresholds': channel<ThresholdsView>()({
    input: z.strictObject({ week: weekInput.nullable(), thresholds: z.partialRecord(metricKey, bounds), keyMetrics: z.array(metricKey).min(1).optional() }),
    access: 'write',
    summary: "Edit tier thresholds for one week (or, week null, the station defaults); recomputes that week's tiers",
  }),
  'scorecards.atRisk': channel<AtRiskEntry[]>()({
    input: z.strictObject({ week: weekInput.optional() }).default({}),
    access: 'read',
    summary: 'Drivers at risk (tier fell, Fair/Poor two weeks, safety rates rose), ranked, with reasons',
  }),
  'scorecards.atRiskCsv': channel<ExportFile>()({
    input: z.strictObject({ week: weekInput.optional() }).default({}),
    access: 'read',
    summary: 'The at-risk list as CSV',
  }),
  'scorecards.driver': channel<DriverPage>()({
    input: z.strictObject({ driverId: id, weeks: z.number().int().min(6).max(52).default(13) }),
    access: 'read',
    summary: "A driver's page: weeks, incidents, plans, training, routes driven and hours",
  }),

  'coaching.list': channel<CoachingPlan[]>()({
    input: z.strictObject({ status: z.enum(PLAN_STATUSES).optional(), driverId: id.optional(), open: z.boolean().optional() }).default({}),
    access: 'read',
    summary: 'Coaching action plans, filtered by status or driver',
  }),
  'coaching.create': channel<CoachingPlan>()({
    input: z.strictObject({ driverId: id, week: weekInput.nullable().optional(), metric: metricKey.nullable().optional(), incidentId: id.nullable().optional(), rescueId: id.nullable().optional(), ...planFields }),
    access: 'write',
    summary: 'Write an action plan (accepted at once)',
  }),
  'coaching.update': channel<CoachingPlan>()({
    input: z.strictObject({
      id,
      finding: requiredText(500).optional(),
      target: shortText(300).optional(),
      actions: actions.optional(),
      owner: shortText(80).optional(),
      dueDate: optionalDate,
      followUpResult: shortText(1000).optional(),
    }),
    access: 'write',
    summary: 'Edit a plan (finding, target, actions, owner, due date, follow-up)',
  }),
  'coaching.suggest': channel<{ created: number; escalated: number }>()({
    input: z.strictObject({ week: weekInput.optional() }).default({}),
    access: 'write',
    summary: 'Suggest plans for every Fair/Poor metric of a week and every incident without one; escalate failing plans',
  }),
  'coaching.accept': channel<CoachingPlan>()({
    input: z.strictObject({ id, target: shortText(300).optional(), actions: actions.optional(), owner: shortText(80).optional(), dueDate: optionalDate, finding: requiredText(500).optional() }),
    access: 'write',
    summary: 'Accept a suggested plan (optionally edited)',
  }),
  'coaching.dismiss': channel<CoachingPlan>()({
    input: z.strictObject({ id, reason: shortText(300).default('') }),
    access: 'write',
    summary: 'Dismiss a suggested plan',
  }),
  'coaching.acknowledge': channel<CoachingPlan>()({
    input: z.strictObject({ id, acknowledgement: shortText(500).default('Acknowledged by the driver'), at: isoDate.optional() }),
    access: 'write',
    summary: "Record the driver's acknowledgement of a plan",
  }),
  'coaching.close': channel<CoachingPlan>()({
    input: z.strictObject({ id, followUpResult: requiredText(1000) }),
    access: 'write',
    summary: 'Close a plan with its follow-up result',
  }),
  'coaching.review': channel<{ escalated: number }>()({
    input: z.strictObject({}).default({}),
    access: 'write',
    summary: 'Escalate plans still failing after their due date or the next scorecard',
  }),

  'training.courses': channel<TrainingCourse[]>()({
    input: z.strictObject({ includeArchived: z.boolean().optional() }).default({}),
    access: 'read',
    summary: 'Training courses with validity and whether mandatory',
  }),
  'training.upsertCourse': channel<TrainingCourse>()({
    input: z.strictObject({ id: id.optional(), name: requiredText(120), validityDays: z.number().int().min(1).max(3650).nullable().default(null), mandatory: z.boolean().default(false), archived: z.boolean().optional() }),
    access: 'write',
    summary: 'Create or edit a training course',
  }),
  'training.list': channel<TrainingRecord[]>()({
    input: z.strictObject({ driverId: id.optional() }).default({}),
    access: 'read',
    summary: 'Training records, newest first',
  }),
  'training.status': channel<TrainingStatusEntry[]>()({
    input: z.strictObject({ driverId: id.optional(), dueWithinDays: z.number().int().min(0).max(365).default(TRAINING_DUE_DAYS) }).default({ dueWithinDays: TRAINING_DUE_DAYS }),
    access: 'read',
    summary: `Per driver and course: valid, due within N days (${TRAINING_DUE_DAYS}), expired, or mandatory and missing`,
  }),
  'training.record': channel<TrainingRecord>()({
    input: z.strictObject({ driverId: id, courseId: id, completedOn: isoDate, notes: shortText(500).default('') }),
    access: 'write',
    summary: 'Record a completed training (expiry from the course validity)',
  }),
  'training.deleteRecord': channel<{ id: number }>()({
    input: idInput,
    access: 'write',
    summary: 'Remove a training record entered by mistake',
  }),

  'incidents.list': channel<Incident[]>()({
    input: z.strictObject({ driverId: id.optional(), from: isoDate.optional(), to: isoDate.optional(), status: z.enum(INCIDENT_STATUSES).optional() }).default({}),
    access: 'read',
    summary: 'Incidents, newest first',
  }),
  'incidents.create': channel<Incident & { suggestedPlanId: number | null }>()({
    input: z.strictObject({
      type: z.enum(INCIDENT_TYPES),
      date: isoDate,
      driverId: id.nullable().default(null),
      vanId: id.nullable().default(null),
      routeId: id.nullable().default(null),
      severity: z.enum(INCIDENT_SEVERITIES).default('low'),
      description: shortText(2000).default(''),
      status: z.enum(INCIDENT_STATUSES).default('open'),
    }),
    access: 'write',
    summary: 'Quick entry of an incident; suggests a coaching plan when a driver is named',
  }),
  'incidents.update': channel<Incident>()({
    input: z.strictObject({
      id,
      type: z.enum(INCIDENT_TYPES).optional(),
      date: isoDate.optional(),
      driverId: id.nullable().optional(),
      vanId: id.nullable().optional(),
      routeId: id.nullable().optional(),
      severity: z.enum(INCIDENT_SEVERITIES).optional(),
      description: shortText(2000).optional(),
      status: z.enum(INCIDENT_STATUSES).optional(),
      planId: id.nullable().optional(),
    }),
    access: 'write',
    summary: 'Edit an incident (status, linked plan…)',
  }),

  'standup.summary': channel<StandupSummary>()({
    input: z.strictObject({ date: isoDate.optional() }).default({}),
    access: 'read',
    summary: "The morning stand-up: yesterday, latest scorecard, topic of the day, plans due, training due, grounded vans",
  }),
  'standup.huddle': channel<StandupHuddle>()({
    input: z.strictObject({ date: isoDate.optional() }).default({}),
    access: 'read',
    summary: "The stand-up in front of the drivers: team figures, yesterday's attendance, the safety topic and recognitions — no driver's at-risk metrics",
  }),
  'standup.pdf': channel<ExportFile>()({
    input: z.strictObject({ date: isoDate.optional() }).default({}),
    access: 'read',
    summary: 'The stand-up as a one-page PDF',
  }),
  'standup.topics': channel<SafetyTopic[]>()({
    input: z.strictObject({ includeArchived: z.boolean().optional() }).default({}),
    access: 'read',
    summary: 'The safety topic library with when each was last shown',
  }),
  'standup.upsertTopic': channel<SafetyTopic>()({
    input: z.strictObject({ id: id.optional(), title: requiredText(120), body: shortText(1000).default(''), archived: z.boolean().optional() }),
    access: 'write',
    summary: 'Add or edit a safety topic',
  }),
  'standup.setTopic': channel<{ date: string; topicId: number }>()({
    input: z.strictObject({ date: isoDate, topicId: id }),
    access: 'write',
    summary: "Choose the safety topic for a day (recorded in the history)",
  }),
  'standup.recordTopic': channel<StandupTopic | null>()({
    input: z.strictObject({ date: isoDate.optional() }).default({}),
    access: 'write',
    summary: "Record today's safety topic as shown (the computed pick, unless one is recorded already); the stand-up screen calls it when it shows the topic",
  }),
};
