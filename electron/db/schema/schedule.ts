import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { drivers } from './core';
import type { ScheduleState } from '../../../shared/rules/schedule/states';

// The week's schedule (issue 13): who works which day, and each driver's targets.

/** One driver's planned state on one date: working, standby, off, requested off, PTO. No row = not on the schedule. */
export const scheduleDays = sqliteTable(
  'schedule_days',
  {
    driverId: integer('driver_id')
      .notNull()
      .references(() => drivers.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    state: text('state').$type<ScheduleState>().notNull(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.driverId, t.date] }), index('schedule_days_date_idx').on(t.date)],
);

/** A driver's targets for the schedule: preferred weekdays, days and hours per week. No row = the station's defaults. */
export const scheduleTargets = sqliteTable('schedule_targets', {
  driverId: integer('driver_id')
    .primaryKey()
    .references(() => drivers.id, { onDelete: 'cascade' }),
  /** Preferred weekdays, 0 = Sunday … 6 = Saturday. */
  preferredDays: text('preferred_days', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
  daysPerWeek: integer('days_per_week').notNull(),
  hoursPerWeek: real('hours_per_week').notNull(),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});
