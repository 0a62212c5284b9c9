import { z } from 'zod';
import { QUALIFICATIONS, type Qualification } from '../domain';
import { SCHEDULE_STATES, type ExpectedGroup, type ScheduleState } from '../rules/schedule/states';
import { channel } from './define';
import { hhmm, id, isoDate, shortText } from './common';
import type { CheckinEntry } from './board';

/**
 * The week's schedule (issue 13): who works which day, each driver's targets, the route forecast,
 * an optimal fill; the day's expected list and check-in without typing (bulk, kiosk).
 */

// ---------------------------------------------------------------- settings

/** The forecast of one weekday (used where no route sheet has been imported for the date). */
export interface WeekdayForecast {
  routes: number;
  standby: number;
  /** Routes that need a qualification (e.g. step-van or EV routes): at least this many drivers with it. */
  needs: Partial<Record<Qualification, number>>;
}

export interface ScheduleSettings {
  /** On-duty hours a scheduled working (or standby) day counts for the limits and the week's hours. */
  shiftHours: number;
  /** When a scheduled shift starts (report time), HH:MM at the station; rest between shifts is measured from it. */
  shiftStart: string;
  /** A check-in after the driver's wave minus this many minutes is late. */
  reportBeforeWaveMin: number;
  /** Hours in a week (Sunday–Saturday) above which hours are overtime (information). */
  overtimeHours: number;
  /** Targets of a driver with none of their own. */
  defaultDaysPerWeek: number;
  defaultHoursPerWeek: number;
  /** Sunday … Saturday. */
  forecast: WeekdayForecast[];
}

// ---------------------------------------------------------------- the week

export interface DriverTargets {
  /** Preferred weekdays, 0 = Sunday … 6 = Saturday. */
  preferredDays: number[];
  daysPerWeek: number;
  hoursPerWeek: number;
  /** False when the driver has no targets of their own (the station's defaults apply). */
  own: boolean;
}

export interface ScheduleRuleNote {
  rule: 'REST_BETWEEN_SHIFTS' | 'CONSECUTIVE_DAYS' | 'WEEKLY_HOURS' | 'OVERTIME' | 'TARGET_DAYS' | 'TARGET_HOURS';
  /** information (overtime) or a warning (a limit broken). */
  severity: 'info' | 'warning';
  date: string | null;
  message: string;
}

export interface ScheduleDriverRow {
  driverId: number;
  name: string;
  transporterId: string;
  qualifications: Qualification[];
  targets: DriverTargets;
  /** One per day of the week; null = not on the schedule that day. */
  cells: (ScheduleState | null)[];
  workingDays: number;
  standbyDays: number;
  /** Working days × shift hours. */
  hours: number;
  overtimeHours: number;
  notes: ScheduleRuleNote[];
}

export interface ScheduleDayColumn {
  date: string;
  weekday: number;
  /** Routes to cover: the imported route sheet's count where one exists, else the weekday forecast. */
  forecast: number;
  forecastSource: 'route sheet' | 'weekday forecast';
  standbyWanted: number;
  needs: Partial<Record<Qualification, number>>;
  working: number;
  standby: number;
  /** Working drivers per qualification. */
  qualified: Partial<Record<Qualification, number>>;
  /** Any schedule row on this date. */
  hasSchedule: boolean;
}

export interface ScheduleWeek {
  weekStart: string;
  days: ScheduleDayColumn[];
  drivers: ScheduleDriverRow[];
  settings: ScheduleSettings;
}

export interface ScheduleCellChange {
  driverId: number;
  date: string;
  /** null = remove the driver from the schedule that day. */
  state: ScheduleState | null;
}

export interface ScheduleWriteResult {
  changed: number;
  /** Pass to schedule.set to put the cells back. */
  undo: ScheduleCellChange[];
}

export interface ScheduleFillResult extends ScheduleWriteResult {
  weekStart: string;
  applied: boolean;
  /** The proposed cells that differ from the schedule as it is. */
  changes: ScheduleCellChange[];
  objective: FillObjectiveSummary;
  /** Per day: routes covered of the forecast, needs covered, standbys. */
  coverage: { date: string; forecast: number; working: number; needs: Partial<Record<Qualification, { wanted: number; covered: number }>>; standby: number; standbyWanted: number }[];
  ms: number;
}

export interface FillObjectiveSummary {
  /** Qualified slots (the mix) covered, then other route slots, then standbys. */
  qualifiedCovered: number;
  routesCovered: number;
  standbyCovered: number;
  /** Scheduled days (working or standby) that are not a preferred weekday of the driver. */
  offTargetDays: number;
  /** Σ n(n+1)/2 over drivers of their scheduled days n: smaller = more even. */
  balance: number;
}

// ---------------------------------------------------------------- the day's check-in

export interface CheckinDay {
  date: string;
  /** The station's today (check-in is only possible on that date). */
  today: string;
  hasSchedule: boolean;
  /** Said on the board when there is no schedule for the date. */
  notice: string | null;
  counts: Record<ExpectedGroup, number>;
  entries: CheckinEntry[];
}

export interface BulkCheckinResult {
  date: string;
  checkedIn: CheckinEntry[];
  /** Drivers already checked in (left as they were). */
  already: number;
  /** Pass each back to checkin.set (status, note) to undo. */
  previous: { driverId: number; status: CheckinEntry['status']; checkedInAt: string | null; note: string }[];
}

export interface KioskLookup {
  station: string;
  /** The station's time zone (the kiosk shows times there). */
  timeZone: string;
  date: string;
  name: string;
  status: CheckinEntry['status'];
  checkedInAt: string | null;
  /** Expected today (working), standby, or not on today's schedule. */
  group: ExpectedGroup;
}

// ---------------------------------------------------------------- inputs

const weekday = z.number().int().min(0).max(6);
const forecastInput = z.strictObject({
  routes: z.number().int().min(0).max(2000),
  standby: z.number().int().min(0).max(500),
  needs: z.partialRecord(z.enum(QUALIFICATIONS), z.number().int().min(0).max(2000)).default({}),
});
const cellChange = z.strictObject({ driverId: id, date: isoDate, state: z.enum(SCHEDULE_STATES).nullable() });

export const scheduleSettingsInput = z.strictObject({
  shiftHours: z.number().min(1).max(14).optional(),
  shiftStart: hhmm.optional(),
  reportBeforeWaveMin: z.number().int().min(0).max(240).optional(),
  overtimeHours: z.number().min(1).max(80).optional(),
  defaultDaysPerWeek: z.number().int().min(0).max(7).optional(),
  defaultHoursPerWeek: z.number().min(0).max(84).optional(),
  forecast: z.array(forecastInput).length(7).optional(),
});

export const scheduleChannels = {
  'schedule.week': channel<ScheduleWeek>()({
    input: z.strictObject({ weekStart: isoDate.optional() }).default({}),
    access: 'read',
    summary: "The week's schedule (Sunday–Saturday containing weekStart, default this week): drivers × days, targets, hours, overtime, forecast per day",
  }),
  'schedule.set': channel<ScheduleWriteResult>()({
    input: z.strictObject({ cells: z.array(cellChange).min(1).max(5000) }),
    access: 'write',
    summary: 'Set schedule cells (working, standby, off, requested off, PTO; null removes); answers the undo',
  }),
  'schedule.copyWeek': channel<ScheduleWriteResult>()({
    input: z.strictObject({ from: isoDate, to: isoDate }),
    access: 'write',
    summary: "Copy a week's schedule onto another week (requested off and PTO on the target week are kept)",
  }),
  'schedule.fill': channel<ScheduleFillResult>()({
    input: z.strictObject({ weekStart: isoDate, apply: z.boolean().default(false) }),
    access: 'write',
    summary: 'Optimal fill of a week from availability to the forecast (exact min-cost flow); apply:false previews and keeps nothing',
  }),
  'schedule.settings': channel<ScheduleSettings>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: "The schedule's settings: shift length and start, late rule, overtime, default targets, forecast per weekday",
  }),
  'schedule.setSettings': channel<ScheduleSettings>()({
    input: scheduleSettingsInput,
    access: 'write',
    summary: "Change the schedule's settings (only the fields given)",
  }),
  'schedule.setTargets': channel<DriverTargets>()({
    input: z.strictObject({
      driverId: id,
      preferredDays: z.array(weekday).max(7),
      daysPerWeek: z.number().int().min(0).max(7),
      hoursPerWeek: z.number().min(0).max(84),
    }),
    access: 'write',
    summary: "Set a driver's targets: preferred weekdays, days and hours per week",
  }),
  'checkin.day': channel<CheckinDay>()({
    input: z.strictObject({ date: isoDate.optional() }).default({}),
    access: 'read',
    summary: "The day's expected list from the schedule: expected, standby, not expected, with day statuses; says when there is no schedule",
  }),
  'checkin.bulk': channel<BulkCheckinResult>()({
    input: z.strictObject({ date: isoDate.optional(), driverIds: z.array(id).min(1).max(2000) }),
    access: 'write',
    summary: "Check in many drivers at once at the station's time (today only)",
  }),
  'kiosk.lookup': channel<KioskLookup>()({
    input: z.strictObject({ transporterId: shortText(40).min(1, 'is required') }),
    access: 'read',
    summary: "The kiosk: one driver by transporter ID → name and today's status (kiosk tokens may call this and checkin.set only)",
  }),
};
