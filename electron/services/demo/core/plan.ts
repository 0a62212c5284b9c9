/** What the demo's steps share: the station, its rhythm, the plans they fill in, and its calendar. */
import { addDays, stationInstant, zoneOffsetMinutes } from '../../../../shared/station-time';
import type { OwnershipType, Qualification, VanClass, VanStatus } from '../../../../shared/domain';
import { DEFAULT_BOARD_LIMITS, dutyMinutes } from '../../../../shared/rules/board';
import { DEFAULT_SCHEDULE_SETTINGS } from '../../../../shared/rules/schedule/settings';

export const DEMO_STATION = {
  id: 1,
  name: 'DSE4 Kent Valley',
  code: 'DSE4',
  dspCode: 'RNLG',
  // Kent Valley industrial area (warehouses along 68th Ave S), Kent, WA.
  lat: 47.40236,
  lon: -122.24412,
  timeZone: 'America/Los_Angeles',
  geofenceM: 300,
  address: '68th Ave S & S 208th St, Kent, WA 98032',
} as const;

export const HISTORY_DAYS = 42;
export const WAVES = ['10:05', '10:25', '10:45'] as const;
/** Drivers report this long before their wave (the schedule's default report time). */
export const REPORT_BEFORE_WAVE_MIN = DEFAULT_SCHEDULE_SETTINGS.reportBeforeWaveMin;
/**
 * Working-hours limits the history respects: the board's defaults (DOMAIN.md), so the history is
 * what the board itself would have allowed. The consecutive-day runs stay shorter so today can
 * still be a 6th day.
 */
export const LIMITS = {
  maxDailyMin: DEFAULT_BOARD_LIMITS.maxDailyHours * 60,
  maxWeeklyMin: DEFAULT_BOARD_LIMITS.maxWeeklyHours * 60,
  maxRunHistory: DEFAULT_BOARD_LIMITS.maxConsecutiveDays - 1,
  maxRunToday: DEFAULT_BOARD_LIMITS.maxConsecutiveDays,
};
/** A route's day on duty as the board counts it: pre-trip and load-out (30) + the route + return (15). */
export const demoDutyMin = (routeMin: number): number => dutyMinutes(routeMin, DEFAULT_BOARD_LIMITS);
/** Routes on a full day by weekday (Sun…Sat); history ramps up to this (peak season). */
export const ROUTES_BY_WEEKDAY = [33, 39, 40, 41, 40, 40, 37];

export interface CoreSummary {
  station: string;
  today: string;
  drivers: number;
  vans: number;
  devices: number;
  routes: number;
  routesToday: number;
  assignments: number;
  assignmentsToday: number;
  /** Calendar days with routes (history + today). */
  days: number;
  driverDays: number;
}

export type Stage = 'RA' | 'L1' | 'L2' | 'L3' | null;

export interface DriverPlan {
  id: number;
  first: string;
  last: string;
  transporterId: string;
  quals: Set<Qualification>;
  /** Day index (0 = today, negative = past) from which the driver works. */
  hireDay: number;
  /** Day index from which the driver no longer works (leave start or separation). */
  stopDay: number | null;
  licenceExpiry: string;
  newHire: boolean;
  offDays: Set<number>;
  preferred: string[];
  usualVanId: number | null;
  /** Duty minutes per worked day index. */
  duty: Map<number, number>;
  codes: Map<number, string>;
}

/** The service types the demo's routes carry, written as Amazon writes them. */
export const DEMO_SERVICE = {
  standard: 'Standard Parcel Medium Van',
  large: 'Standard Parcel - Large Van',
  xl: 'Standard Parcel - Extra Large Van - US',
  step: 'Standard Parcel Step Van - US',
  electric: 'Standard Parcel Electric - Rivian MEDIUM',
  electricHelper: 'Standard Parcel Electric - Rivian MEDIUM with Helper',
  nursery1: 'Nursery Route Level 1',
  nursery2: 'Nursery Route Level 2',
  nursery3: 'Nursery Route Level 3',
  rideAlong: 'Ride Along',
} as const;
export type DemoServiceType = (typeof DEMO_SERVICE)[keyof typeof DEMO_SERVICE];

export interface VanPlan {
  id: number;
  name: string;
  vanClass: VanClass;
  electric: boolean;
  make: string;
  model: string;
  subModel: string;
  year: number;
  vin: string;
  plate: string;
  plateState: string;
  ownership: OwnershipType;
  provider: string;
  ownershipEndDate: string | null;
  odometer: number;
  status: VanStatus;
  statusReason: string;
  usableRangeMi: number | null;
  stateOfChargePct: number | null;
  chargingBay: string;
  notes: string;
  /** Usable on day index d when fromDay ≤ d < untilDay. */
  fromDay: number;
  untilDay: number;
  phoneId: number;
}

export interface RoutePlan {
  id: number;
  day: number;
  date: string;
  code: string;
  serviceType: DemoServiceType;
  wave: string;
  staging: string;
  durationMin: number;
  stops: number | null;
  packages: number | null;
  distanceMi: number | null;
  notes: string;
  driver: DriverPlan | null;
  van: VanPlan | null;
  stage?: Stage;
  launchedAt?: string;
  returnedAt?: string;
}

export const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
export const pad2 = (n: number) => String(n).padStart(2, '0');

/** Day index (0 = today, negative = past) → date, and minutes after local midnight that day → instant (ISO). */
export interface DemoCalendar {
  dateOf(d: number): string;
  localIso(d: number, minutes: number): string;
}

export function demoCalendar(today: string, tz: string): DemoCalendar {
  // Day index → date and → the zone's offset that day (from 04:00 on, clear of DST switches at 02:00).
  const dateCache = new Map<number, string>();
  const dateOf = (d: number) => {
    let s = dateCache.get(d);
    if (s === undefined) dateCache.set(d, (s = addDays(today, d)));
    return s;
  };
  const offsetCache = new Map<number, number>();
  const localIso = (d: number, minutes: number) => {
    if (minutes < 240) return stationInstant(dateOf(d), minutes, tz).toISOString();
    let off = offsetCache.get(d);
    if (off === undefined) offsetCache.set(d, (off = zoneOffsetMinutes(stationInstant(dateOf(d), 720, tz), tz)));
    return new Date(Date.parse(`${dateOf(d)}T00:00:00Z`) + (minutes - off) * 60_000).toISOString();
  };
  return { dateOf, localIso };
}
