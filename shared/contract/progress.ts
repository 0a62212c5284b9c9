import { z } from 'zod';
import { channel } from './define';
import { fileInput, id, isoDate, shortText, type ImportIssue, type ImportReadSummary } from './common';
import type { DropTarget, PaceStatus, ProgressSettings } from '../rules/progress';

export type { PaceStatus, ProgressSettings } from '../rules/progress';

/** One route's progress at the latest snapshot, with the figures behind its verdict. Instants ISO UTC. */
export interface RouteProgress {
  routeCode: string;
  routeId: number | null;
  driverId: number | null;
  driverName: string;
  /** Everyone Amazon lists on the route (driver first, then helpers or rescuers). */
  people: { transporterId: string; name: string }[];
  progress: string;
  status: PaceStatus;
  stopsDone: number | null;
  stopsTotal: number | null;
  stopsLeft: number | null;
  /** Stops per hour on the road (null until judged). */
  pace: number | null;
  plannedPace: number | null;
  hoursOnRoad: number;
  launchAt: string;
  launchFrom: 'geofence' | 'wave';
  projectedFinish: string | null;
  plannedEnd: string;
  /** Latest end of deliveries in the on-duty day. */
  limitEnd: string;
  /** Past the earlier of planned end and limit (negative = slack); null when not projected. */
  minutesLate: number | null;
  misses: ('plan' | 'limit')[];
  why: string;
}

/** The behind list's entry, as the import answers it. */
export interface BehindRoute {
  routeCode: string;
  driverName: string;
  stopsDone: number | null;
  stopsTotal: number | null;
  projectedFinish: string | null;
  minutesLate: number | null;
}

export interface ProgressLatest {
  date: string;
  /** No snapshot for the date yet: null and empty lists. */
  snapshotId: number | null;
  asOf: string | null;
  fileName: string | null;
  /** Imports of the date so far (history kept). */
  snapshots: number;
  settings: ProgressSettings;
  routes: RouteProgress[];
  /** Behind, latest first by lateness (routes with no stops done after the first hour first). */
  behind: RouteProgress[];
}

export interface RecordedRescue {
  id: number;
  date: string;
  routeCode: string;
  fromDriverId: number | null;
  fromDriverName: string | null;
  toDriverId: number;
  toDriverName: string;
  stops: number | null;
  at: string;
  source: 'manual' | 'cortex';
  note: string;
}

/** `progress.recognise`: the known export a file is (null: none), and where a drop on the board sends it, with why. */
export interface ProgressRecognised {
  export: string | null;
  name: string | null;
  target: DropTarget;
  reason: string;
}

export interface ProgressImportResult {
  ok: boolean;
  date: string;
  asOf: string | null;
  asOfFrom: 'file-name' | 'given' | null;
  /** Our routes in the file. */
  routes: number;
  /** Of those, routes matched to the desk's routes of the date. */
  updated: number;
  skippedOtherDsp: number;
  skippedBlankCode: number;
  /** Planned durations filled from Cortex's Route Duration (the desk had only the default). */
  durationsFilled: string[];
  /** Routes marked returned because Cortex says Complete and the geofence had not seen the van back. */
  returned: string[];
  behind: BehindRoute[];
  /** Rescues found in the list (a second transporter ID on a route that has no helper seat). */
  rescues: { routeCode: string; fromName: string; toName: string; toTransporterId: string; recorded: 'new' | 'already' | 'not-in-roster' }[];
  snapshotId: number | null;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  read: ImportReadSummary | null;
}

/** One candidate to take stops from a behind route. */
export interface RescueCandidate {
  driverId: number;
  name: string;
  kind: 'finished' | 'ahead' | 'on_pace' | 'standby';
  routeCode: string | null;
  vanName: string | null;
  /** Km to the behind van (null: a position is unknown — ranked lower, never left out). */
  distanceKm: number | null;
  stops: number;
  travelMin: number;
  doneAt: string;
  limitEnd: string;
  slackMin: number;
  /** On-duty minutes left at the snapshot. */
  dutyLeftMin: number;
  fits: boolean;
  vanFits: boolean;
  arithmetic: string;
  notes: string[];
}

export interface RescueSuggestion {
  date: string;
  routeCode: string;
  asOf: string | null;
  route: RouteProgress | null;
  /** Why there is no suggestion (not behind, no snapshot…); null when candidates were ranked. */
  refusal: string | null;
  candidates: RescueCandidate[];
}

/** One route at the close of the day. */
export interface CloseRoute {
  routeId: number;
  routeCode: string;
  driverName: string | null;
  vanName: string | null;
  progress: string | null;
  complete: boolean;
  stopsDone: number | null;
  stopsTotal: number | null;
  launchedAt: string | null;
  returnedAt: string | null;
  /** geofence: the van entered the station; cortex: the list said Complete first; null: not back. */
  returnedBy: 'geofence' | 'cortex' | null;
  rtsPackages: number | null;
  dvirDone: boolean;
  /** A post-trip DVIR is on file for the van on the date (from the inspections). */
  dvirOnFile: boolean;
  phoneReturned: boolean;
  keysReturned: boolean;
  /** Still out: not returned, and launched by the geofence or In progress in the latest Cortex list. */
  out: boolean;
}

export interface CloseOfDay {
  date: string;
  asOf: string | null;
  routes: CloseRoute[];
  totals: { routes: number; complete: number; returned: number; out: number; rtsPackages: number | null; dvirDone: number; phonesReturned: number; keysReturned: number };
  stillOut: { routeCode: string; driverName: string | null; vanName: string | null }[];
}

export interface CloseReportFile {
  fileName: string;
  mimeType: string;
  base64: string;
  rows: number;
}

const optDate = isoDate.optional();
const routeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{1,20}$/, 'must be a route code');
const minutes = (lo: number, hi: number) => z.number().int().min(lo, `must be at least ${lo}`).max(hi, `must be at most ${hi}`);

export const progressSettingsInput = z.strictObject({
  marginMin: minutes(0, 240).optional(),
  minOnRoadMin: minutes(0, 240).optional(),
  travelKph: z.number().min(5).max(120).optional(),
  unknownTravelMin: minutes(0, 240).optional(),
});

export const progressChannels = {
  'progress.import': channel<ProgressImportResult>()({
    input: fileInput.extend({ date: optDate, at: z.string().datetime({ offset: true }).optional() }),
    access: 'write',
    summary:
      "Import Amazon's Cortex route list as a progress snapshot (as-of from the file name, else `at`): routes by code, drivers by transporter ID, other DSPs skipped and counted; answers the behind list and the rescues found",
  }),
  'progress.recognise': channel<ProgressRecognised>()({
    input: fileInput,
    access: 'read',
    summary: "Which known export a file is, by the table reader's signatures (null when none), and where a file dropped on the board goes: `target` routes (a Day of Ops plan; a Cortex list with no route started), progress (a Cortex list with routes under way) or ask, with the `reason`",
  }),
  'progress.latest': channel<ProgressLatest>()({
    input: z.strictObject({ date: optDate }),
    access: 'read',
    summary: "A date's latest progress snapshot: every route's pace and verdict, and the behind list by lateness",
  }),
  'progress.settings': channel<ProgressSettings>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Progress settings: behind margin, minutes on road before pace is judged, rescue travel speed and assumed travel time',
  }),
  'progress.setSettings': channel<ProgressSettings>()({
    input: progressSettingsInput,
    access: 'write',
    summary: 'Change the progress settings (audited)',
  }),
  'rescues.suggest': channel<RescueSuggestion>()({
    input: z.strictObject({ date: optDate, routeCode }),
    access: 'read',
    summary: 'Rank rescuers for a behind route: finished, ahead or on-pace drivers with slack and standbys, nearer first where positions are known, with the stops to take and the arithmetic',
  }),
  'rescues.record': channel<RecordedRescue>()({
    input: z.strictObject({
      date: optDate,
      routeCode,
      toDriverId: id,
      stops: z.number().int().min(1).max(500).nullable().default(null),
      at: z.string().datetime({ offset: true }).optional(),
      note: shortText(500).default(''),
    }),
    access: 'write',
    summary: 'Record a rescue: stops of a route handed to another driver (audited; the stand-up counts it)',
  }),
  'rescues.list': channel<RecordedRescue[]>()({
    input: z.strictObject({ from: isoDate, to: isoDate }),
    access: 'read',
    summary: 'Rescues recorded between two dates (inclusive), by hand or from the Cortex list',
  }),
  'close.day': channel<CloseOfDay>()({
    input: z.strictObject({ date: optDate }),
    access: 'read',
    summary: 'Close of the day: every route complete or not, RTS packages, vans back, post-trip DVIR, phones and keys returned, who is still out',
  }),
  'close.set': channel<CloseRoute>()({
    input: z.strictObject({
      routeId: id,
      rtsPackages: z.number().int().min(0).max(2000).nullable().optional(),
      dvirDone: z.boolean().optional(),
      phoneReturned: z.boolean().optional(),
      keysReturned: z.boolean().optional(),
    }),
    access: 'write',
    summary: "Tick a route's close-of-day checks (post-trip DVIR, phone, keys) or enter its RTS packages (audited)",
  }),
  'close.report': channel<CloseReportFile>()({
    input: z.strictObject({ date: optDate, format: z.enum(['pdf', 'csv']).default('pdf') }),
    access: 'read',
    summary: 'End-of-shift report of a date as PDF or CSV (station time)',
  }),
};
