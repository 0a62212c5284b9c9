import { z } from 'zod';
import { DAY_STATUSES, VAN_CLASSES, type DayStatus, type Qualification, type RouteStatus, type Tier, type VanClass } from '../domain';
import type { ReadinessReason, ReadinessStatus } from '../rules/fleet/readiness';
import { SERVICE_TAGS, type ServiceTag, type ServiceTypeRules } from '../rules/fleet/service-types';
import type { PreTripFact } from './fleet';
import { channel } from './define';
import type { ExpectedGroup, ScheduleState } from '../rules/schedule/states';
import { MIN_REASON_CHARS } from '../rules/reason';
import { fileInput, id, isoDate, shortText, type ImportIssue, type ImportReadSummary } from './common';

/**
 * The morning assignment board (issue 4): route-sheet import, check-in, the board itself, its
 * rules (hard conflicts refuse, soft ones need an override reason), optimal auto-assign and the
 * load-out sheet. Every board write answers with `undo`: pass it to `board.restore` to put the
 * routes back as they were (and `board.restore` answers with its own `undo`, i.e. redo).
 */

// ---------------------------------------------------------------- rules

/** The board's working limits (settings key `board`; defaults in shared/rules/board.ts from DOMAIN.md). */
export interface BoardLimits {
  /** Max on-duty hours per day (planned duration + pre-trip + return). */
  maxDailyHours: number;
  /** Pre-trip inspection and load-out before the wave (minutes, DOMAIN.md 30). */
  preTripMin: number;
  /** Return and post-trip after the route (minutes, DOMAIN.md 15). */
  postTripMin: number;
  /** preTripMin + postTripMin (derived, read-only: older readers use it). */
  stationTimeMin: number;
  /** Min hours off between two shifts. */
  minRestHours: number;
  /** Max on-duty hours in any 7 consecutive days. */
  maxWeeklyHours: number;
  /** On-duty hours in the 7 days ending with the route's day above which the driver is on overtime (information, never a warning). */
  overtimeWeeklyHours: number;
  /** Max consecutive work days. */
  maxConsecutiveDays: number;
  /** Licence expiring within this many days → warning. */
  licenceExpiringDays: number;
  /** A maintenance item warns when it falls due within the route's planned distance + this margin (miles), or on the route's date. */
  vanDueMarginMi: number;
  /** EV: the range expected at the wave must reach planned distance × this factor + evRangeMarginMi. */
  evRangeFactor: number;
  /** EV: miles added on top of planned distance × evRangeFactor. */
  evRangeMarginMi: number;
  /** EV: percentage points of charge a van at a charging bay gains per night (capped at full). */
  overnightChargePct: number;
}

export type RuleSeverity = 'hard' | 'soft';

/** Codes of the board rules (shared/rules/board.ts). Other areas may add driver warnings with their own codes. */
export const HARD_RULES = [
  'DRIVER_DOUBLE_BOOKED',
  'VAN_DOUBLE_BOOKED',
  'DEVICE_DOUBLE_BOOKED',
  'VAN_REQUIRED',
  'VAN_NOT_READY',
  'DRIVER_NOT_QUALIFIED',
  /** The van's class is not one the route's service type accepts (code kept from before van classes). */
  'VAN_TYPE_MISMATCH',
  'LICENCE_EXPIRED',
  'DRIVER_UNAVAILABLE',
] as const;
export const SOFT_RULES = [
  'DAILY_HOURS',
  'WEEKLY_HOURS',
  'REST_BETWEEN_SHIFTS',
  'CONSECUTIVE_DAYS',
  'LICENCE_EXPIRING',
  'EV_RANGE',
  'VAN_ATTENTION',
] as const;
export type HardRule = (typeof HARD_RULES)[number];
export type SoftRule = (typeof SOFT_RULES)[number];
/** Known codes plus any code a driver-warning source adds (e.g. TRAINING_EXPIRED). */
export type BoardRuleCode = HardRule | SoftRule | (string & {});

/** One broken rule: the same shape as `details.conflicts[]` of a 409 answer. */
export interface BoardConflict {
  rule: BoardRuleCode;
  message: string;
  severity: RuleSeverity;
}

// ---------------------------------------------------------------- board rows

/** The stored assignment of one route (what `board.restore` puts back). */
export interface AssignmentState {
  driverId: number;
  vanId: number | null;
  deviceId: number | null;
  pinned: boolean;
  overrideReason: string | null;
}

export interface BoardAssignment extends AssignmentState {
  id: number;
  routeId: number;
  assignedBy: string;
  assignedAt: string;
}

export interface BoardRoute {
  id: number;
  date: string;
  code: string;
  /** HH:MM, 24 h. */
  wave: string;
  staging: string;
  /** As Amazon writes it ("Standard Parcel - Extra Large Van - US"); read by the station's keyword rules. */
  serviceType: string;
  plannedDurationMin: number;
  stops: number | null;
  packages: number | null;
  plannedDistanceMi: number | null;
  /** The sheet's own van type column as written (overrides the service type), or null. */
  vanType: string | null;
  /** Van classes that may serve this route, first choice first (from vanType or the service type). */
  allowedVanClasses: VanClass[];
  /** Helper seat, ride-along, nursery level: what the service type says besides van classes. */
  serviceTags: ServiceTag[];
  /** False when no rule knows the service type (the board reads it like its closest match). */
  serviceTypeKnown: boolean;
  notes: string;
  status: RouteStatus;
  /** When the van came back to the station (RTS), ISO instant; the board shows it as a chip. */
  returnedAt?: string | null;
  assignment: BoardAssignment | null;
  driver: { id: number; name: string; transporterId: string } | null;
  van: { id: number; name: string; vanClass: VanClass; electric: boolean } | null;
  device: { id: number; identifier: string; label: string } | null;
  /** The assigned van's pre-trip inspection of the day (null: none yet, or no van). */
  preTrip: PreTripFact | null;
  /** Rules the current assignment breaks today (empty when unassigned or clean). */
  conflicts: BoardConflict[];
  /**
   * The current assignment breaks a hard rule now (a van grounded or a driver made unavailable
   * after it was made): the route is not ready — the counts bar counts it, the load-out refuses
   * to print it, auto-assign offers to re-plan it.
   */
  inConflict: boolean;
  /** The assigned driver has checked in (false = "not here yet", a state, not a warning); null without a driver. */
  driverHere: boolean | null;
}

export interface BoardDriver {
  id: number;
  name: string;
  transporterId: string;
  qualifications: Qualification[];
  dayStatus: DayStatus;
  checkedInAt: string | null;
  /** On-duty hours (planned duration + station time) in the 6 days before the date. */
  hoursThisWeek: number;
  licenceExpiry: string | null;
  usualVanId: number | null;
  /** Scorecard tier when known (scorecards area), else null. */
  tier: Tier | null;
  /** Driver-level warnings from other areas (e.g. expired mandatory training) and licence notes. */
  warnings: BoardConflict[];
  /** The route this driver is on that day, if any. */
  assignedRouteId: number | null;
  /** When the driver's first pre-trip inspection of the day was done (matched by DA), or null. */
  preTripAt: string | null;
}

export interface BoardVan {
  id: number;
  name: string;
  vanClass: VanClass;
  electric: boolean;
  readiness: ReadinessStatus;
  readinessReasons: ReadinessReason[];
  stateOfChargePct: number | null;
  usableRangeMi: number | null;
  /** state of charge × usable range, when both are known. */
  rangeMi: number | null;
  /** Charge expected at the day's wave (today's charge + overnight charging at the bay, capped at full). */
  waveChargePct: number | null;
  /** Range expected at the day's wave (what the EV_RANGE rule judges). */
  waveRangeMi: number | null;
  chargingBay: string;
  /** The device linked to the van (given to the driver with it), if any. */
  deviceId: number | null;
  assignedRouteId: number | null;
  /** The van's pre-trip inspection of the day, or null: nobody has done one yet. */
  preTrip: PreTripFact | null;
}

export interface BoardCounts {
  routes: number;
  assigned: number;
  unassigned: number;
  /** Assigned routes whose assignment breaks a hard rule now (not ready: reassign). */
  conflicts: number;
  /** Active drivers not called out / off / no-show, assigned or not. */
  availableDrivers: number;
  checkedIn: number;
  /** Vans whose readiness is ready or attention, assigned or not. */
  readyVans: number;
  /** Unassigned available drivers / unassigned ready vans (the side panels). */
  freeDrivers: number;
  freeVans: number;
}

export interface BoardView {
  date: string;
  station: { code: string; name: string; dspCode: string } | null;
  counts: BoardCounts;
  routes: BoardRoute[];
  /** Available drivers without a route (side panel), sorted by name. */
  availableDrivers: BoardDriver[];
  /** Ready (or attention) vans without a route (side panel), sorted by name. */
  readyVans: BoardVan[];
}

// ---------------------------------------------------------------- writes and undo

export interface RestoreState {
  routeId: number;
  /** null = the route had no assignment. */
  assignment: AssignmentState | null;
}
/** Input of `board.restore`; every board write returns one as `undo`. */
export interface RestoreInput {
  states: RestoreState[];
}

export interface BoardWriteResult {
  /** The routes this write touched, as the board shows them now. */
  routes: BoardRoute[];
  /** Soft conflicts that were overridden (saved with the reason). */
  overridden: BoardConflict[];
  undo: RestoreInput;
}

export interface CheckResult {
  ok: boolean;
  hard: boolean;
  soft: boolean;
  conflicts: BoardConflict[];
}

// ---------------------------------------------------------------- check-in

export interface CheckinEntry {
  driverId: number;
  name: string;
  transporterId: string;
  status: DayStatus;
  checkedInAt: string | null;
  /** The reason of a call-out, no-show or late arrival, or any note. */
  note: string;
  /** When the status was recorded (the server's clock), or null when never set. */
  statusAt: string | null;
  /** The driver's state on the schedule that day (null = not on it). */
  scheduled: ScheduleState | null;
  /** Expected (working, or every active driver when the day has no schedule), standby, or not expected. */
  group: ExpectedGroup;
  assignedRouteId: number | null;
  assignedRouteCode: string | null;
}

export interface CheckinSetResult {
  entry: CheckinEntry;
  /** What it was before (pass back to checkin.set to undo). */
  previous: { status: DayStatus; checkedInAt: string | null; note: string };
}

// ---------------------------------------------------------------- auto-assign

export interface CostPart {
  label: string;
  cost: number;
}

export interface ProposalAlternative {
  driverId: number;
  driverName: string;
  vanId: number | null;
  vanName: string | null;
  cost: number;
  note: string;
}

export interface Proposal {
  routeId: number;
  routeCode: string;
  driverId: number;
  driverName: string;
  vanId: number | null;
  vanName: string | null;
  deviceId: number | null;
  cost: number;
  costParts: CostPart[];
  /** Soft rules this choice breaks (it carries a penalty); applying needs an override reason. */
  flags: BoardConflict[];
  /** "Why this driver / van", one sentence each. */
  explanation: string[];
  /** The next best drivers (and their vans) for this route, by cost. */
  alternatives: ProposalAlternative[];
}

export interface AutoAssignResult {
  date: string;
  applied: boolean;
  /**
   * Routes whose assignment broke a hard rule (a van grounded, a driver made unavailable after it
   * was made): re-planned with the open routes; their proposals replace the broken assignment.
   */
  repaired: { routeId: number; routeCode: string; reason: string }[];
  proposals: Proposal[];
  /** Routes left without a proposal and why. */
  uncovered: { routeId: number; routeCode: string; reason: string }[];
  /** Routes kept as they are (already assigned or pinned). */
  kept: number;
  covered: number;
  totalCost: number;
  ms: number;
  /** Proposals not applied because they carry soft flags and no override reason was given. */
  skipped: { routeId: number; routeCode: string; flags: BoardConflict[] }[];
  /** When applied: restores the previous state. */
  undo: RestoreInput | null;
}

// ---------------------------------------------------------------- import

/** One route of an import preview: as the row reads, and what would happen to it. */
export interface RouteImportRow {
  row: number;
  code: string;
  wave: string;
  staging: string;
  serviceType: string;
  /** Van classes the service type (or the sheet's van type) allows, first choice first. */
  vanClasses: VanClass[];
  serviceTags: ServiceTag[];
  plannedDurationMin: number;
  /** True when the sheet gave no duration and the default was used. */
  durationDefaulted: boolean;
  stops: number | null;
  packages: number | null;
  zones: number | null;
  plannedDistanceMi: number | null;
  action: 'add' | 'change' | 'same';
  /** Cortex list: the people Amazon has on the route (driver first, then helpers or rescuers). */
  people: { transporterId: string; name: string; driverId: number | null }[];
}

/** Cortex list: what the import does with the drivers Amazon has on the routes. */
export interface CortexDriverOutcome {
  routeCode: string;
  transporterId: string;
  name: string;
  driverId: number | null;
  /** assigned: put on the route (no van yet); kept: already on it; helper: a second person (helper or rescuer), noted only; not-in-roster; other-route: the board has them elsewhere; route-taken: the board has someone else on it. */
  outcome: 'assigned' | 'kept' | 'helper' | 'not-in-roster' | 'other-route' | 'route-taken';
  note: string;
}

export interface RouteImportResult {
  ok: boolean;
  dryRun: boolean;
  date: string;
  /** day-of-ops: Amazon's plan; cortex: Amazon's Cortex route list; route-sheet: any other sheet. */
  source: 'route-sheet' | 'day-of-ops' | 'cortex';
  /** Data rows in the sheet (other DSPs' and blank-code rows included; title, legend, total rows not). */
  routes: number;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** Rows of other DSPs, skipped. */
  skippedOtherDsp: number;
  /** Rows without a route code (Amazon's plan has some), skipped. */
  skippedBlankCode: number;
  /** Assignments kept after re-import, and those dropped because they became invalid. */
  keptAssignments: number;
  droppedAssignments: { routeCode: string; driverName: string; reason: string }[];
  /** Cortex list: the drivers Amazon has on each route and what the import does with them. */
  drivers: CortexDriverOutcome[];
  errors: ImportIssue[];
  /** Read, but worth a look: unknown service types (with the closest match), defaults used … */
  warnings: ImportIssue[];
  /** The routes as read (first 200). */
  preview: RouteImportRow[];
  /** How the file was read: sheet, header row, skipped rows by kind, ignored columns. */
  read: ImportReadSummary | null;
}

/** The settings route sheets are read with: our DSP short code and the service-type rules. */
export interface RouteSettings {
  /** Our DSP short code (board setting, else the station's); rows of other DSPs are skipped. */
  dspCode: string;
  /** Where dspCode comes from. */
  dspCodeFrom: 'settings' | 'station' | 'none';
  serviceTypes: ServiceTypeRules;
  /** The DOMAIN.md defaults, for "reset". */
  defaults: ServiceTypeRules;
}

export interface LoadoutFile {
  fileName: string;
  mimeType: string;
  base64: string;
  rows: number;
}

/** A load-out printed anyway: the routes it printed as "NOT READY — reassign". */
export interface LoadoutAnywayFile extends LoadoutFile {
  notReady: string[];
}

// ---------------------------------------------------------------- inputs

const optDate = isoDate.optional();
const override = z.strictObject({ reason: z.string().trim().min(MIN_REASON_CHARS, `give a reason (at least ${MIN_REASON_CHARS} characters)`).max(500) });
const assignmentState = z.strictObject({
  driverId: id,
  vanId: id.nullable(),
  deviceId: id.nullable(),
  pinned: z.boolean(),
  overrideReason: z.string().max(500).nullable(),
});

/** A limit in words: "at most 240 min" beside the field, not the validator's phrasing. */
const limit = (min: number, max: number, unit: string, int = false) => {
  const n = z.number({ error: `a number of ${unit}` }).min(min, `at least ${min} ${unit}`).max(max, `at most ${max} ${unit}`);
  return (int ? n.int(`whole ${unit}`) : n).optional();
};

/** Every editable board limit, each optional; ranges a station could really use. */
export const boardLimitsInput = z.strictObject({
  maxDailyHours: limit(1, 24, 'h'),
  preTripMin: limit(0, 240, 'min', true),
  postTripMin: limit(0, 240, 'min', true),
  minRestHours: limit(0, 24, 'h'),
  maxWeeklyHours: limit(1, 168, 'h'),
  overtimeWeeklyHours: limit(1, 168, 'h'),
  maxConsecutiveDays: limit(1, 14, 'days', true),
  licenceExpiringDays: limit(0, 365, 'days', true),
  vanDueMarginMi: limit(0, 1000, 'mi'),
  evRangeFactor: limit(1, 3, '×'),
  evRangeMarginMi: limit(0, 200, 'mi'),
  overnightChargePct: limit(0, 100, '%'),
});

export const routeImportInput = fileInput.extend({ date: isoDate, dryRun: z.boolean().default(true) });

const keyword = z.string().trim().min(1, 'is empty').max(60);
export const serviceTypeRulesInput = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        label: z.string().trim().min(1, 'is required').max(60),
        keywords: z.array(keyword).min(1, 'needs at least one keyword').max(20),
        classes: z.array(z.enum(VAN_CLASSES)).max(VAN_CLASSES.length).refine((c) => new Set(c).size === c.length, 'lists a van class twice'),
        tag: z.enum(SERVICE_TAGS).nullable(),
        example: z.string().trim().max(120).default(''),
      }),
    )
    .max(100),
  defaultClasses: z.array(z.enum(VAN_CLASSES)).min(1, 'pick at least one van class').max(VAN_CLASSES.length),
});

export const boardChannels = {
  'routes.import': channel<RouteImportResult>()({
    input: routeImportInput,
    access: 'write',
    summary: 'Import a route sheet (CSV/XLSX) for a date; all or nothing; re-import updates by route code',
  }),
  'board.list': channel<BoardView>()({
    input: z.strictObject({ date: optDate }).default({}),
    access: 'read',
    summary: 'The board of a date (default today at the station): routes, assignments, conflicts, counts, free drivers and vans',
  }),
  'board.check': channel<CheckResult>()({
    input: z.strictObject({ routeId: id, driverId: id.optional(), vanId: id.nullable().optional(), deviceId: id.nullable().optional() }),
    access: 'read',
    summary: 'Dry-run the rules for a driver and/or van on a route (instant feedback)',
  }),
  'board.assign': channel<BoardWriteResult>()({
    input: z.strictObject({
      routeId: id,
      driverId: id,
      vanId: id.nullable().optional(),
      deviceId: id.nullable().optional(),
      pinned: z.boolean().optional(),
      override: override.optional(),
    }),
    access: 'write',
    summary: 'Assign driver + van (+ device) to a route; hard conflicts → 409; soft → 409 unless override.reason',
  }),
  'board.unassign': channel<BoardWriteResult>()({
    input: z.strictObject({ routeId: id }),
    access: 'write',
    summary: 'Remove the assignment of a route',
  }),
  'board.swap': channel<BoardWriteResult>()({
    input: z.strictObject({ routeIdA: id, routeIdB: id, override: override.optional() }),
    access: 'write',
    summary: 'Swap the drivers of two routes (vans stay); rules as for assign',
  }),
  'board.pin': channel<BoardWriteResult>()({
    input: z.strictObject({ routeId: id, pinned: z.boolean().default(true) }),
    access: 'write',
    summary: 'Pin (or unpin) an assignment so auto-assign keeps it',
  }),
  'board.restore': channel<BoardWriteResult>()({
    input: z.strictObject({
      states: z.array(z.strictObject({ routeId: id, assignment: assignmentState.nullable() })).min(1).max(2000),
    }),
    access: 'write',
    summary: 'Put routes back to a prior assignment state (undo/redo); hard conflicts → 409',
  }),
  'board.autoAssign': channel<AutoAssignResult>()({
    input: z.strictObject({
      date: optDate,
      apply: z.boolean().default(false),
      routeIds: z.array(id).max(5000).optional(),
      override: override.optional(),
      /** Re-plan routes whose assignment is in conflict (default true); good assignments are never touched. */
      repair: z.boolean().default(true),
    }),
    access: 'write',
    summary: 'Optimal proposals (max routes covered, then min cost) for unassigned routes and routes in conflict (repair); apply:true saves them',
  }),
  'board.applyProposals': channel<BoardWriteResult>()({
    input: z.strictObject({
      date: optDate,
      proposals: z
        .array(z.strictObject({ routeId: id, driverId: id, vanId: id.nullable().optional(), deviceId: id.nullable().optional() }))
        .min(1)
        .max(5000),
      override: override.optional(),
    }),
    access: 'write',
    summary: 'Accept auto-assign proposals (all or some) in one transaction; soft flags need override.reason',
  }),
  'board.limits': channel<BoardLimits>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: "The station's board limits (settings key board: working hours, licence warning window, EV margin), merged over the defaults",
  }),
  'board.setLimits': channel<BoardLimits>()({
    input: boardLimitsInput,
    access: 'write',
    summary: 'Change the board limits (working hours, pre-trip/return, overtime line, van due margin, EV range and overnight charge); answers them all',
  }),
  'board.routeSettings': channel<RouteSettings>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'How route sheets are read: our DSP short code and the service-type keyword rules (service type → van classes)',
  }),
  'board.setRouteSettings': channel<RouteSettings>()({
    input: z.strictObject({
      dspCode: z.string().trim().max(12).regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only').optional(),
      serviceTypes: serviceTypeRulesInput.optional(),
      /** Put the DOMAIN.md default rules back. */
      resetServiceTypes: z.boolean().optional(),
    }),
    access: 'write',
    summary: 'Change our DSP short code and/or the service-type keyword rules',
  }),
  'checkin.list': channel<CheckinEntry[]>()({
    input: z.strictObject({ date: optDate }).default({}),
    access: 'read',
    summary: "Every active driver's day status for a date (default today)",
  }),
  'checkin.set': channel<CheckinSetResult>()({
    input: z
      .strictObject({
      date: optDate,
      /** The driver, by id (the desk) or by transporter ID (the kiosk). */
      driverId: id.optional(),
      transporterId: shortText(40).optional(),
      status: z.enum(DAY_STATUSES),
      /** ISO instant of the check-in; default now (for checked_in / late). */
      at: z.string().datetime({ offset: true }).optional(),
      note: shortText(300).optional(),
    })
      .refine((v) => (v.driverId === undefined) !== (v.transporterId === undefined), { message: 'give driverId or transporterId (one of them)', path: ['driverId'] }),
    access: 'write',
    summary: "Set a driver's day status (checked in / late at the server's time — today only; called out and no-show need a reason)",
  }),
  'board.loadout': channel<LoadoutFile>()({
    input: z.strictObject({ date: optDate, format: z.enum(['pdf', 'csv']).default('pdf') }),
    access: 'read',
    summary:
      'Load-out sheet of a date (a page per wave: staging, route, service type, driver and phone, helper or trainer, van with EV charge and bay, device, notes) as PDF or CSV; 409 naming the routes while any assignment breaks a hard rule',
  }),
  'board.loadoutAnyway': channel<LoadoutAnywayFile>()({
    input: z.strictObject({ date: optDate, format: z.enum(['pdf', 'csv']).default('pdf'), reason: override.shape.reason }),
    access: 'write',
    summary: 'Print the load-out although routes are in conflict (audited with the reason); those routes print as NOT READY — reassign',
  }),
};
