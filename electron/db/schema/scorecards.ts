import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Tier } from '../../../shared/domain';
import type { AmazonMetrics, StationScorecard, Thresholds } from '../../../shared/rules/scorecards/tiers';
import type { IncidentSeverity, IncidentStatus, IncidentType, PlanStatus } from '../../../shared/rules/scorecards/coaching';
import { drivers, routes, vans } from './core';

// Weekly scorecards, coaching action plans, training, incidents and the stand-up's safety topics.
// Metric columns are nullable: null means "no value in the file" (`-`, empty, `Coming Soon`), never 0.

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const scorecardWeeks = sqliteTable('scorecard_weeks', {
  /** YYYY-Www (Sunday–Saturday, see shared/rules/weeks.ts). */
  week: text('week').primaryKey(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  /** Company overall standing, e.g. 79.2, and its tier; entered or imported. */
  companyScore: real('company_score'),
  companyTier: text('company_tier').$type<Tier>(),
  /** This week's tier thresholds (overrides on the station defaults); null = defaults. */
  thresholds: text('thresholds', { mode: 'json' }).$type<Thresholds>(),
  fileName: text('file_name'),
  /** What the file was: an export id (dsp-overview-dashboard, da-current-week, …) or scorecard-pdf. */
  source: text('source'),
  /** The scorecard PDF's page 1 for the station: category metrics, focus areas, top drivers. */
  station: text('station', { mode: 'json' }).$type<StationScorecard>(),
  importedAt: text('imported_at'),
  importedBy: text('imported_by'),
  updatedAt: text('updated_at').notNull().default(now),
});

export const scorecardRows = sqliteTable(
  'scorecard_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    week: text('week')
      .notNull()
      .references(() => scorecardWeeks.week, { onDelete: 'cascade' }),
    /** Null when the row's driver is not on the roster (kept and listed, not dropped). */
    driverId: integer('driver_id').references(() => drivers.id, { onDelete: 'set null' }),
    row: integer('row').notNull(),
    transporterId: text('transporter_id').notNull().default(''),
    name: text('name').notNull().default(''),
    /** The file's own Overall Tier / Overall Standing. */
    fileTier: text('file_tier').$type<Tier>(),
    /** The tier used everywhere: fileTier, else the lowest of the key metrics' tiers. */
    tier: text('tier').$type<Tier>(),
    keyFocusArea: text('key_focus_area').notNull().default(''),
    delivered: integer('delivered'),
    fico: real('fico'),
    seatbelt: real('seatbelt'),
    speeding: real('speeding'),
    distractions: real('distractions'),
    followingDistance: real('following_distance'),
    signSignal: real('sign_signal'),
    cdfDpmo: real('cdf_dpmo'),
    ced: real('ced'),
    dcr: real('dcr'),
    dsb: real('dsb'),
    pod: real('pod'),
    psb: real('psb'),
    dsbDnr: real('dsb_dnr'),
    podOpps: integer('pod_opps'),
    cc: real('cc'),
    dvic: real('dvic'),
    /** Amazon's own Overall Score (0–100 points) where the file gives it. */
    overallScore: real('overall_score'),
    /** "High Performer" / "Low Performer" as the file writes it; '' when none. */
    performer: text('performer').notNull().default(''),
    /** Amazon's own tier, 0–100 score and weight per metric, beside the values (dashboard, PDF). */
    amazon: text('amazon', { mode: 'json' }).$type<AmazonMetrics>(),
  },
  (t) => [index('scorecard_rows_week_idx').on(t.week), index('scorecard_rows_driver_idx').on(t.driverId, t.week)],
);


export const coachingPlans = sqliteTable(
  'coaching_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    driverId: integer('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    /** The scorecard week that triggered it (metric plans). */
    week: text('week'),
    metric: text('metric'),
    incidentId: integer('incident_id'),
    /** A rescue the plan cites as evidence (the driver was rescued, or rescued someone). */
    rescueId: integer('rescue_id'),
    finding: text('finding').notNull(),
    target: text('target').notNull().default(''),
    actions: text('actions', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    owner: text('owner').notNull().default(''),
    dueDate: text('due_date'),
    status: text('status').$type<PlanStatus>().notNull().default('suggested'),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgement: text('acknowledgement').notNull().default(''),
    followUpResult: text('follow_up_result').notNull().default(''),
    closedAt: text('closed_at'),
    escalatedAt: text('escalated_at'),
    escalationReason: text('escalation_reason').notNull().default(''),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('coaching_plans_driver_idx').on(t.driverId),
    index('coaching_plans_status_idx').on(t.status, t.dueDate),
    index('coaching_plans_incident_idx').on(t.incidentId),
  ],
);

export const trainingCourses = sqliteTable(
  'training_courses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Days a completion stays valid; null = once, never expires. */
    validityDays: integer('validity_days'),
    mandatory: integer('mandatory', { mode: 'boolean' }).notNull().default(false),
    archivedAt: text('archived_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('training_courses_name_uq').on(t.name)],
);

export const trainingRecords = sqliteTable(
  'training_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    driverId: integer('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    completedOn: text('completed_on').notNull(),
    /** completedOn + validity at the time of entry; null = never expires. */
    expiresOn: text('expires_on'),
    notes: text('notes').notNull().default(''),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('training_records_driver_idx').on(t.driverId, t.courseId), index('training_records_expiry_idx').on(t.expiresOn)],
);


export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type').$type<IncidentType>().notNull(),
    date: text('date').notNull(),
    driverId: integer('driver_id').references(() => drivers.id, { onDelete: 'set null' }),
    vanId: integer('van_id').references(() => vans.id, { onDelete: 'set null' }),
    routeId: integer('route_id').references(() => routes.id, { onDelete: 'set null' }),
    severity: text('severity').$type<IncidentSeverity>().notNull().default('low'),
    description: text('description').notNull().default(''),
    status: text('status').$type<IncidentStatus>().notNull().default('open'),
    planId: integer('plan_id'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('incidents_date_idx').on(t.date), index('incidents_driver_idx').on(t.driverId, t.date)],
);

export const safetyTopics = sqliteTable('safety_topics', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  archivedAt: text('archived_at'),
  createdAt: text('created_at').notNull().default(now),
});

export const safetyTopicHistory = sqliteTable('safety_topic_history', {
  /** Station-local date the topic was (or will be) shown. */
  date: text('date').primaryKey(),
  topicId: integer('topic_id')
    .notNull()
    .references(() => safetyTopics.id, { onDelete: 'cascade' }),
});
