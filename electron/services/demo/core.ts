/**
 * The demo station's core data: station, drivers, vans, devices, six weeks of routes with
 * assignments and check-ins, and today's morning (routes published, drivers arriving, the first
 * wave partly assigned). Everything is drawn from a seeded PRNG and dated relative to the
 * station's today, so the same seed and the same today give the same station.
 *
 * History is generated the way a dispatcher would build it, day by day: new hires get ride-alongs
 * and nursery routes, then every route is given a qualified driver and a fitting ready van,
 * respecting the working-hours limits of DOMAIN.md (≤ 10 h on duty a day incl. 1 h station
 * time, ≤ 60 h in any 7 days, ≥ 10 h rest, ≤ 5 consecutive work days in history so that today
 * can still be a 6th), one route per driver and per van per day.
 */
import { assignments, devices, driverDays, drivers, routes, station, vans } from '../../db/schema';
import type { Db } from '../../db/open';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { addDays } from '../../../shared/dates';
import { localTimeToInstant, zonedParts, zoneOffsetMinutes } from '../../../shared/local-time';
import type { Rng } from '../../../shared/random';
import { withCheckDigit } from '../../../shared/vin';
import {
  QUALIFICATION_FOR_VAN,
  SERVICE_TYPE_VANS,
  type DayStatus,
  type OwnershipType,
  type Qualification,
  type RouteStatus,
  type ServiceType,
  type VanStatus,
  type VanType,
} from '../../../shared/domain';
import { FIRST_NAMES, LAST_NAMES } from './names';

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
/** Drivers report this long before their wave. */
const REPORT_BEFORE_WAVE_MIN = 30;
/** Working-hours limits the history respects (DOMAIN.md defaults). */
const LIMITS = { stationMin: 60, maxDailyMin: 600, maxWeeklyMin: 3600, maxRunHistory: 5, maxRunToday: 6 };
/** Routes on a full day by weekday (Sun…Sat); history ramps up to this (peak season). */
const ROUTES_BY_WEEKDAY = [33, 39, 40, 41, 40, 40, 37];

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

type Stage = 'RA' | 'L1' | 'L2' | 'L3' | null;

interface DriverPlan {
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

interface VanPlan {
  id: number;
  name: string;
  type: VanType;
  make: string;
  model: string;
  year: number;
  vin: string;
  plate: string;
  plateState: string;
  ownership: OwnershipType;
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

interface RoutePlan {
  id: number;
  day: number;
  date: string;
  code: string;
  serviceType: ServiceType;
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

/**
 * Bulk insert through one prepared statement (several times faster than building a query per
 * chunk). Keys are the table's TypeScript column names; JSON columns get JSON text, booleans 0/1.
 */
function insertRows<T extends SQLiteTable>(db: Db, table: T, rows: T['$inferInsert'][]): void {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]!);
  const sql = `INSERT INTO "${getTableName(table)}" (${keys.map((k) => `"${columns[k]!.name}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
  const stmt = db.$client.prepare(sql);
  for (const row of rows) {
    stmt.run(
      keys.map((k) => {
        const v = (row as Record<string, unknown>)[k];
        return typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : (v ?? null);
      }),
    );
  }
}

const TID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const YEAR_CODE: Record<number, string> = { 2016: 'G', 2017: 'H', 2018: 'J', 2019: 'K', 2020: 'L', 2021: 'M', 2022: 'N', 2023: 'P', 2024: 'R', 2025: 'S', 2026: 'T' };

/** A van model and how its VINs are built: WMI (3) + descriptor (5) + check + year + plant + serial. */
interface ModelSpec {
  make: string;
  model: string;
  wmi: string;
  vds: string;
  plant: string;
  years: [number, number];
}
const M = {
  edv700: { make: 'Rivian', model: 'EDV 700', wmi: '7FC', vds: 'EDVA7', plant: 'N', years: [2022, 2024] },
  edv500: { make: 'Rivian', model: 'EDV 500', wmi: '7FC', vds: 'EDVA5', plant: 'N', years: [2023, 2024] },
  transit250: { make: 'Ford', model: 'Transit 250 HR', wmi: '1FT', vds: 'BR2C8', plant: 'K', years: [2021, 2023] },
  transit350: { make: 'Ford', model: 'Transit 350 HR', wmi: '1FT', vds: 'BW3X8', plant: 'K', years: [2021, 2023] },
  promaster2500: { make: 'Ram', model: 'ProMaster 2500', wmi: '3C6', vds: 'LRVDG', plant: 'E', years: [2020, 2022] },
  promaster3500: { make: 'Ram', model: 'ProMaster 3500', wmi: '3C6', vds: 'MRVHG', plant: 'E', years: [2021, 2022] },
  sprinter: { make: 'Mercedes-Benz', model: 'Sprinter 2500', wmi: 'W1Y', vds: '4ECHY', plant: 'P', years: [2021, 2022] },
  mt45: { make: 'Freightliner', model: 'MT45 step van', wmi: '4UZ', vds: 'AB2BS', plant: 'C', years: [2016, 2019] },
  rentTransit: { make: 'Ford', model: 'Transit 250', wmi: '1FT', vds: 'BR1Y8', plant: 'K', years: [2024, 2025] },
  rentPromaster: { make: 'Ram', model: 'ProMaster 2500', wmi: '3C6', vds: 'LRVDG', plant: 'E', years: [2024, 2024] },
} satisfies Record<string, ModelSpec>;

/** Per service type: planned duration choices (min), stops, packages per stop, miles. */
const ROUTE_SHAPE: Record<ServiceType, { durations: number[]; stops: [number, number]; ppsMin: number; ppsMax: number; pkgs: [number, number]; miles: [number, number] }> = {
  'Standard Parcel': { durations: [480, 510, 525, 540, 540], stops: [150, 220], ppsMin: 1.4, ppsMax: 1.8, pkgs: [220, 380], miles: [32, 85] },
  'Standard Parcel - Large Van': { durations: [525, 540], stops: [165, 220], ppsMin: 1.6, ppsMax: 1.9, pkgs: [280, 380], miles: [38, 88] },
  'Standard Parcel - Extra Large Van': { durations: [510, 540], stops: [120, 170], ppsMin: 2.2, ppsMax: 2.6, pkgs: [300, 420], miles: [24, 55] },
  'Standard Parcel Step Van': { durations: [510, 525, 540], stops: [120, 175], ppsMin: 2.1, ppsMax: 2.5, pkgs: [300, 420], miles: [22, 52] },
  'Standard Parcel Electric': { durations: [465, 480, 510, 525, 540], stops: [150, 210], ppsMin: 1.4, ppsMax: 1.75, pkgs: [220, 360], miles: [28, 78] },
  'Nursery Route Level 1': { durations: [300], stops: [60, 90], ppsMin: 1.3, ppsMax: 1.5, pkgs: [80, 130], miles: [18, 32] },
  'Nursery Route Level 2': { durations: [390], stops: [100, 130], ppsMin: 1.35, ppsMax: 1.55, pkgs: [140, 190], miles: [22, 40] },
  'Nursery Route Level 3': { durations: [450], stops: [130, 160], ppsMin: 1.4, ppsMax: 1.6, pkgs: [190, 240], miles: [26, 48] },
  'Ride Along': { durations: [540], stops: [0, 0], ppsMin: 0, ppsMax: 0, pkgs: [0, 0], miles: [0, 0] },
};

const STAGE_SERVICE: Record<Exclude<Stage, null>, ServiceType> = {
  RA: 'Ride Along',
  L1: 'Nursery Route Level 1',
  L2: 'Nursery Route Level 2',
  L3: 'Nursery Route Level 3',
};
/** A new hire's programme by days since hire: ride-alongs, then nursery levels 1–3, then regular. */
function stageOf(daysSinceHire: number): Stage {
  if (daysSinceHire < 3) return 'RA';
  if (daysSinceHire < 10) return 'L1';
  if (daysSinceHire < 17) return 'L2';
  if (daysSinceHire < 24) return 'L3';
  return null;
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** IMEI-like 15-digit identifier with a Luhn check digit. */
function imei(rng: Rng): string {
  const body = '86' + rng.chars('0123456789', 12);
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(body[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

export function seedCore(db: Db, rng: Rng, today: string, now: Date): CoreSummary {
  const tz = DEMO_STATION.timeZone;
  const stamp = now.toISOString();
  // Day index → date and → the zone's offset that day (from 04:00 on, clear of DST switches at 02:00).
  const dateCache = new Map<number, string>();
  const dateOf = (d: number) => {
    let s = dateCache.get(d);
    if (s === undefined) dateCache.set(d, (s = addDays(today, d)));
    return s;
  };
  const offsetCache = new Map<number, number>();
  const localIso = (d: number, minutes: number) => {
    if (minutes < 240) return localTimeToInstant(dateOf(d), minutes, tz).toISOString();
    let off = offsetCache.get(d);
    if (off === undefined) offsetCache.set(d, (off = zoneOffsetMinutes(localTimeToInstant(dateOf(d), 720, tz), tz)));
    return new Date(Date.parse(`${dateOf(d)}T00:00:00Z`) + (minutes - off) * 60_000).toISOString();
  };
  const todayWd = weekday(today);

  // ------------------------------------------------------------------ vans
  const vanRng = rng.fork('vans');
  const vanPlans: VanPlan[] = [];
  const usedSerials = new Set<string>();
  const usedPlates = new Set<string>();
  const plate = (prefix: string) => {
    for (;;) {
      const p = prefix === 'C' ? `C${vanRng.int(10000, 99999)}${vanRng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 1)}` : `${vanRng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 3)}${vanRng.int(1000, 9999)}`;
      if (!usedPlates.has(p)) {
        usedPlates.add(p);
        return p;
      }
    }
  };
  const addVan = (type: VanType, name: string, spec: ModelSpec, extra: Partial<VanPlan> = {}) => {
    const year = vanRng.int(spec.years[0], spec.years[1]);
    let serial: string;
    do serial = String(vanRng.int(100000, 999999));
    while (usedSerials.has(spec.wmi + serial));
    usedSerials.add(spec.wmi + serial);
    const vin = withCheckDigit(`${spec.wmi}${spec.vds}0${YEAR_CODE[year]}${spec.plant}${serial}`);
    const age = 2026 - year;
    const odometer =
      type === 'EDV' ? vanRng.int(4000, 9000) * (age + 1) : type === 'STEP_VAN' ? vanRng.int(90000, 150000) + age * 6000 : type === 'RENTAL' ? vanRng.int(6000, 24000) : vanRng.int(22000, 30000) * (age + 1);
    const v: VanPlan = {
      id: vanPlans.length + 1,
      name,
      type,
      make: spec.make,
      model: spec.model,
      year,
      vin,
      plate: type === 'RENTAL' ? '' : plate('C'),
      plateState: 'WA',
      ownership: type === 'RENTAL' ? 'rental' : type === 'STEP_VAN' ? 'owned' : 'leased',
      ownershipEndDate: null,
      odometer,
      status: 'in_service',
      statusReason: '',
      usableRangeMi: null,
      stateOfChargePct: null,
      chargingBay: '',
      notes: '',
      fromDay: -10_000,
      untilDay: 10_000,
      phoneId: 0,
      ...extra,
    };
    vanPlans.push(v);
    return v;
  };
  const pad2 = (n: number) => String(n).padStart(2, '0');
  for (let i = 1; i <= 16; i++) {
    const spec = i <= 12 ? M.edv700 : M.edv500;
    addVan('EDV', `EDV-${pad2(i)}`, spec, {
      usableRangeMi: spec === M.edv700 ? vanRng.int(150, 161) : vanRng.int(148, 158),
      stateOfChargePct: vanRng.int(72, 100),
      chargingBay: `CB-${pad2(i)}`,
    });
  }
  const cdvModels = [M.transit250, M.transit250, M.transit250, M.transit250, M.transit250, M.transit350, M.transit350, M.transit350, M.promaster2500, M.promaster2500, M.promaster2500, M.promaster2500, M.promaster3500, M.promaster3500, M.sprinter, M.sprinter, M.sprinter];
  cdvModels.forEach((spec, i) => addVan('CDV', `CDV-${pad2(i + 1)}`, spec, i % 4 === 3 ? { ownership: 'owned' } : {}));
  for (let i = 1; i <= 5; i++) addVan('STEP_VAN', `STEP-${pad2(i)}`, M.mt45);
  const rentalEnds = [6, 13, 26, 41, 55, 70, 84];
  const rentalProviders = ['Enterprise Truck Rental', 'Merchants Fleet', 'Ryder', 'Enterprise Truck Rental', 'Merchants Fleet', 'U-Haul Business', 'Enterprise Truck Rental'];
  const rentalStates = ['WA', 'WA', 'OR', 'WA', 'ID', 'WA', 'AZ'];
  for (let i = 1; i <= 7; i++) {
    const fromDay = i <= 4 ? -10_000 : -20 + (i - 5) * 3;
    addVan('RENTAL', `RNT-${pad2(i)}`, i % 2 === 1 ? M.rentTransit : M.rentPromaster, {
      plateState: rentalStates[i - 1]!,
      ownershipEndDate: addDays(today, rentalEnds[i - 1]!),
      notes: `Peak rental from ${rentalProviders[i - 1]}; return by the end date`,
      fromDay,
    });
  }
  for (const v of vanPlans) if (!v.plate) v.plate = plate('R');

  // A few vans not ready today, each with its story.
  const byName = (n: string) => vanPlans.find((v) => v.name === n)!;
  const grounded = byName('EDV-07');
  Object.assign(grounded, { status: 'grounded', statusReason: 'Brake warning light on pre-trip DVIR; Rivian service visit booked', untilDay: 0 });
  const inShop = byName('CDV-11');
  Object.assign(inShop, { status: 'in_shop', statusReason: `Transmission slipping; at Kent Ford Commercial, expected back ${addDays(today, 2)}`, untilDay: -3 });
  const oos = byName('STEP-04');
  Object.assign(oos, { status: 'out_of_service', statusReason: `Rear-end collision on ${addDays(today, -19)}; frame damage, awaiting the insurance adjuster`, untilDay: -19 });
  byName('EDV-03').stateOfChargePct = 24; // below the 30 % attention line
  byName('EDV-12').stateOfChargePct = 46; // may not cover a long route
  byName('EDV-14').notes = 'Charger CB-14 trips its breaker now and then; check the charge before launch';

  // ------------------------------------------------------------------ devices
  const devRng = rng.fork('devices');
  const deviceRows: (typeof devices.$inferInsert)[] = [];
  const workNumbers = devRng.shuffle([...Array(100).keys()]);
  vanPlans.forEach((v, i) => {
    v.phoneId = deviceRows.length + 1;
    deviceRows.push({
      id: v.phoneId,
      identifier: `dsk-phone-${String(i + 1).padStart(3, '0')}`,
      kind: 'phone',
      label: `Route phone ${pad2(i + 1)}`,
      phoneNumber: `(206) 555-01${pad2(workNumbers[i]!)}`,
      vanId: v.id,
      createdAt: stamp,
    });
  });
  const trackerVans = [...vanPlans.filter((v) => v.type === 'STEP_VAN'), ...devRng.sample(vanPlans.filter((v) => v.type === 'CDV'), 8)].sort((a, b) => a.id - b.id);
  for (const v of trackerVans) {
    deviceRows.push({ id: deviceRows.length + 1, identifier: imei(devRng), kind: 'tracker', label: `OBD tracker ${v.name}`, phoneNumber: '', vanId: v.id, createdAt: stamp });
  }
  for (let i = 0; i < 3; i++) {
    const n = vanPlans.length + i + 1;
    deviceRows.push({
      id: deviceRows.length + 1,
      identifier: `dsk-phone-${String(n).padStart(3, '0')}`,
      kind: 'phone',
      label: `Spare phone ${i + 1}`,
      phoneNumber: `(206) 555-01${pad2(workNumbers[n - 1]!)}`,
      vanId: null,
      createdAt: stamp,
    });
  }

  // ------------------------------------------------------------------ drivers
  const drvRng = rng.fork('drivers');
  const N_DRIVERS = 54;
  const firsts = drvRng.shuffle(FIRST_NAMES);
  const lasts = drvRng.shuffle(LAST_NAMES);
  const personalNumbers = drvRng.shuffle([...Array(100).keys()]);
  const usedTids = new Set<string>();
  const plans: DriverPlan[] = [];
  for (let i = 0; i < N_DRIVERS; i++) {
    let tid: string;
    do tid = 'A' + drvRng.chars(TID_ALPHABET, 13);
    while (usedTids.has(tid));
    usedTids.add(tid);
    plans.push({
      id: i + 1,
      first: firsts[i % firsts.length]!,
      last: lasts[(i * 7) % lasts.length]!,
      transporterId: tid,
      quals: new Set(),
      hireDay: -drvRng.weighted<number>([
        [drvRng.int(60, 365), 4],
        [drvRng.int(366, 1095), 4],
        [drvRng.int(1096, 1900), 2],
      ]),
      stopDay: null,
      licenceExpiry: addDays(today, drvRng.int(45, 1600)),
      newHire: false,
      offDays: new Set([drvRng.int(0, 6)]),
      preferred: [],
      usualVanId: null,
      duty: new Map(),
      codes: new Map(),
    });
  }
  // Roles by position in a shuffled order, so the counts are exact and the people vary by seed.
  const order = drvRng.shuffle(plans);
  const newHires = order.slice(0, 4);
  [2, 8, 15, 22].forEach((ago, i) => {
    const p = newHires[i]!;
    p.newHire = true;
    p.hireDay = -ago;
    // Two fixed days off a week, placed so that today falls mid-run.
    p.offDays = new Set([(todayWd + 2 + i) % 7, (todayWd + 3 + i) % 7]);
    if (ago < 3) p.offDays = new Set(); // brand new: rides along every day so far
  });
  const onLeave = [order[4]!, order[5]!];
  onLeave[0]!.stopDay = -9;
  onLeave[1]!.stopDay = -23;
  const terminated = order[6]!;
  terminated.stopDay = -16;
  const expired = order[7]!;
  expired.licenceExpiry = addDays(today, -3);
  [4, 11, 19, 27].forEach((days, i) => (order[8 + i]!.licenceExpiry = addDays(today, days)));
  // Experienced drivers (not the new hires): qualifications.
  const veterans = drvRng.shuffle(order.slice(4));
  veterans.forEach((p, j) => {
    if (j < 9) p.quals.add('STEP_VAN').add('DOT').add('CDV');
    if (j >= 9 && j < 12) p.quals.add('EDV'); // EDV-only drivers
    else p.quals.add('CDV');
    if (j < 9 ? drvRng.chance(0.45) : drvRng.chance(0.7)) p.quals.add('EDV');
    if (j >= 40 && j < 43) p.quals.add('HELPER');
  });
  // Trainers: four seasoned, active drivers.
  const trainerPool = veterans.filter((p) => p.stopDay === null && p !== expired && p.hireDay <= -400);
  for (const p of trainerPool.slice(0, 4)) p.quals.add('TRAINER').add('EDV');
  newHires.forEach((p, i) => {
    p.quals.add('CDV');
    if (i % 2 === 0) p.quals.add('EDV');
  });
  const canDrive = (p: DriverPlan, t: VanType) => p.quals.has(QUALIFICATION_FOR_VAN[t]);

  // Usual vans: about 32 regulars keep "their" van.
  const regulars = veterans.filter((p) => p !== terminated);
  const freeForUsual = new Set(vanPlans.filter((v) => v.type !== 'RENTAL' && v !== oos).map((v) => v.id));
  for (const p of drvRng.sample(regulars, 32)) {
    const options = vanPlans.filter((v) => freeForUsual.has(v.id) && canDrive(p, v.type));
    const pref = options.filter((v) => (p.quals.has('STEP_VAN') ? v.type === 'STEP_VAN' : p.quals.has('EDV') ? v.type === 'EDV' : true));
    const pickFrom = pref.length > 0 ? pref : options;
    if (pickFrom.length === 0) continue;
    const v = drvRng.pick(pickFrom);
    p.usualVanId = v.id;
    freeForUsual.delete(v.id);
  }

  // ------------------------------------------------------------------ route codes
  const codeRng = rng.fork('codes');
  const numbers = codeRng.shuffle([...Array(50).keys()].map((n) => n + 10));
  const pools = {
    electric: numbers.slice(0, 12).map((n) => `CX${n}`),
    large: numbers.slice(12, 16).map((n) => `CX${n}`),
    standard: numbers.slice(16, 44).map((n) => `CX${n}`),
    step: ['CX61', 'CX62', 'CX63', 'CX64'],
    xl: ['CX65'],
    nursery: ['CX81', 'CX82', 'CX83', 'CX84'],
    rideAlong: ['CX91', 'CX92'],
  };
  for (const p of plans) {
    const own: string[] = [];
    if (p.quals.has('STEP_VAN')) own.push(codeRng.pick(pools.step));
    if (p.quals.has('EDV')) own.push(codeRng.pick(pools.electric));
    own.push(codeRng.pick(pools.standard));
    if (codeRng.chance(0.4)) own.push(codeRng.pick(pools.standard));
    p.preferred = own;
  }

  // ------------------------------------------------------------------ scheduling helpers
  const runBefore = (p: DriverPlan, d: number) => {
    let run = 0;
    while (p.duty.has(d - 1 - run)) run++;
    return run;
  };
  const weekBefore = (p: DriverPlan, d: number) => {
    let sum = 0;
    for (let k = 1; k <= 6; k++) sum += p.duty.get(d - k) ?? 0;
    return sum;
  };
  const dates = new Map<number, string>();
  for (let d = -HISTORY_DAYS - 7; d <= 7; d++) dates.set(d, dateOf(d));
  const workable = (p: DriverPlan, d: number) =>
    p.hireDay <= d && (p.stopDay === null || d < p.stopDay) && p.licenceExpiry >= dates.get(d)!;
  const fits = (p: DriverPlan, d: number, dutyMin: number) =>
    dutyMin <= LIMITS.maxDailyMin && weekBefore(p, d) + dutyMin <= LIMITS.maxWeeklyMin && runBefore(p, d) < (d === 0 ? LIMITS.maxRunToday : LIMITS.maxRunHistory);
  const vanUsable = (v: VanPlan, d: number) => v.fromDay <= d && d < v.untilDay;

  const ownerOf = new Map(plans.filter((p) => p.usualVanId !== null).map((p) => [p.usualVanId!, p] as const));
  const dayRng = rng.fork('days');
  const routePlans: RoutePlan[] = [];
  const dayStatusRows: (typeof driverDays.$inferInsert)[] = [];
  let todayPlan: { routes: RoutePlan[]; extras: DriverPlan[] } = { routes: [], extras: [] };

  const makeRoute = (r: Rng, d: number, code: string, serviceType: ServiceType): RoutePlan => {
    const shape = ROUTE_SHAPE[serviceType];
    const ride = serviceType === 'Ride Along';
    const stops = ride ? null : r.int(shape.stops[0], shape.stops[1]);
    const packages = stops == null ? null : Math.max(shape.pkgs[0], Math.min(shape.pkgs[1], Math.round(stops * r.float(shape.ppsMin, shape.ppsMax))));
    return {
      id: 0,
      day: d,
      date: dateOf(d),
      code,
      serviceType,
      wave: '',
      staging: '',
      durationMin: r.pick(shape.durations),
      stops,
      packages,
      distanceMi: ride ? null : Math.round(r.float(shape.miles[0], shape.miles[1]) * 10) / 10,
      notes: '',
      driver: null,
      van: null,
    };
  };

  /** Plan one day: its routes and (for every route) a driver and van, like a dispatcher would. */
  const planDay = (d: number): { routes: RoutePlan[]; extras: DriverPlan[] } => {
    const r = dayRng.fork(d);
    const date = dateOf(d);
    const wd = weekday(date);
    const level = d === 0 ? 1 : 0.8 + (0.13 * (d + HISTORY_DAYS)) / (HISTORY_DAYS - 1);
    const total = d === 0 ? ROUTES_BY_WEEKDAY[wd]! : Math.round(ROUTES_BY_WEEKDAY[wd]! * level) + r.int(-1, 1);
    const busyDrivers = new Set<DriverPlan>();
    const busyVans = new Set<VanPlan>();
    const dayRoutes: RoutePlan[] = [];

    const freeVanFor = (p: DriverPlan, st: ServiceType): VanPlan | null => {
      const allowed = SERVICE_TYPE_VANS[st].filter((t) => canDrive(p, t));
      const free = vanPlans.filter((v) => allowed.includes(v.type) && vanUsable(v, d) && !busyVans.has(v));
      if (free.length === 0) return null;
      const usual = free.find((v) => v.id === p.usualVanId);
      if (usual) return usual;
      // Prefer vans nobody calls their own; EDVs first for ordinary routes (cheaper per mile).
      const unowned = free.filter((v) => {
        const owner = ownerOf.get(v.id);
        return !owner || owner === p || busyDrivers.has(owner);
      });
      const pool = unowned.length > 0 ? unowned : free;
      const weight = (t: VanType) => (t === 'EDV' ? 3 : t === 'CDV' ? 2 : 1);
      const type = r.weighted(([...new Set(pool.map((v) => v.type))] as VanType[]).map((t) => [t, weight(t)] as const));
      return r.pick(pool.filter((v) => v.type === type));
    };

    // New hires first: their ride-along or nursery route.
    let nurseryIdx = 0;
    let rideIdx = 0;
    for (const p of newHires) {
      if (!workable(p, d) || p.offDays.has(wd)) continue;
      const stage = stageOf(d - p.hireDay);
      if (!stage) continue;
      const st = STAGE_SERVICE[stage];
      const route = makeRoute(r, d, stage === 'RA' ? pools.rideAlong[rideIdx++]! : pools.nursery[nurseryIdx++]!, st);
      if (!fits(p, d, route.durationMin + LIMITS.stationMin)) continue;
      route.stage = stage;
      route.driver = p;
      busyDrivers.add(p);
      if (stage !== 'RA') {
        const v = freeVanFor(p, st);
        if (!v) continue;
        route.van = v;
        busyVans.add(v);
      }
      dayRoutes.push(route);
    }

    // The day's regular routes by service type, the scarce van types first.
    const m = total - dayRoutes.length;
    const stepReady = vanPlans.filter((v) => v.type === 'STEP_VAN' && vanUsable(v, d)).length;
    const edvReady = vanPlans.filter((v) => v.type === 'EDV' && vanUsable(v, d)).length;
    const nStep = Math.min(stepReady, Math.round(m * 0.085));
    const nXl = nStep >= 3 && r.chance(0.5) ? 1 : 0;
    const nElectric = Math.min(edvReady - 2, Math.round(m * 0.28));
    const nLarge = Math.round(m * 0.08);
    const nStandard = m - nStep - nElectric - nLarge;
    const specs: [string, ServiceType][] = [
      ...r.sample(pools.xl, nXl).map((c) => [c, 'Standard Parcel - Extra Large Van'] as [string, ServiceType]),
      ...r.sample(pools.step, nStep - nXl).map((c) => [c, 'Standard Parcel Step Van'] as [string, ServiceType]),
      ...r.sample(pools.electric, nElectric).map((c) => [c, 'Standard Parcel Electric'] as [string, ServiceType]),
      ...r.sample(pools.large, nLarge).map((c) => [c, 'Standard Parcel - Large Van'] as [string, ServiceType]),
      ...r.sample(pools.standard, nStandard).map((c) => [c, 'Standard Parcel'] as [string, ServiceType]),
    ];
    for (const [code, st] of specs) {
      const route = makeRoute(r, d, code, st);
      const dutyMin = route.durationMin + LIMITS.stationMin;
      const freeTypes = SERVICE_TYPE_VANS[st].filter((t) => vanPlans.some((v) => v.type === t && vanUsable(v, d) && !busyVans.has(v)));
      let best: DriverPlan | null = null;
      let bestScore = -Infinity;
      for (const p of plans) {
        if (p.newHire && stageOf(d - p.hireDay) !== null) continue;
        if (busyDrivers.has(p) || !workable(p, d) || !fits(p, d, dutyMin)) continue;
        if (!freeTypes.some((t) => canDrive(p, t))) continue;
        let recent = 0;
        for (let k = 1; k <= 6; k++) if (p.duty.has(d - k)) recent++;
        let score = r.float(0, 2.5) - 1.6 * recent;
        if (p.offDays.has(wd)) score -= 4;
        if (p.preferred.includes(code)) score += 3;
        for (let k = 1; k <= 7; k++) if (p.codes.get(d - k) === code) score += 1 / k;
        // Keep step-van drivers for step routes when there are ordinary drivers to spare.
        if (p.quals.has('STEP_VAN') && !st.includes('Step') && !st.includes('Extra Large')) score -= 0.8;
        if (score > bestScore) {
          bestScore = score;
          best = p;
        }
      }
      if (best) {
        const v = freeVanFor(best, st);
        if (v) {
          route.driver = best;
          route.van = v;
          busyDrivers.add(best);
          busyVans.add(v);
        }
      }
      dayRoutes.push(route);
    }

    // Waves and staging: step vans load first, nursery routes last (the trainer briefs them).
    const rank = (rp: RoutePlan) => (rp.serviceType.includes('Step') || rp.serviceType.includes('Extra') ? 0 : rp.stage ? 2 : 1);
    const ordered = r.shuffle(dayRoutes).sort((a, b) => rank(a) - rank(b));
    const perWave = Math.ceil(ordered.length / WAVES.length);
    ordered.forEach((rp, i) => {
      const w = Math.min(WAVES.length - 1, Math.floor(i / perWave));
      rp.wave = WAVES[w]!;
    });
    for (let w = 0; w < WAVES.length; w++) {
      const inWave = ordered.filter((rp) => rp.wave === WAVES[w]).sort((a, b) => Number(a.code.slice(2)) - Number(b.code.slice(2)));
      inWave.forEach((rp, i) => (rp.staging = `STG.${'ABC'[w]}${i + 1}`));
    }
    // Ride-alongs ride with a trainer who drives that day.
    for (const rp of dayRoutes.filter((x) => x.stage === 'RA')) {
      const host = dayRoutes.find((x) => x.driver?.quals.has('TRAINER') && x.van && x.van.type !== 'STEP_VAN');
      if (host && d < 0) {
        rp.notes = `Rides with ${host.driver!.first} ${host.driver!.last} on ${host.code}`;
        rp.wave = host.wave;
        rp.staging = host.staging;
      } else rp.notes = 'Ride-along: pair with a trainer';
    }
    for (const rp of dayRoutes) {
      if (rp.stage && rp.stage !== 'RA') rp.notes = `Nursery ${rp.stage.replace('L', 'level ')} for a new driver`;
    }
    // Book the duty so later days see it.
    for (const rp of dayRoutes) {
      if (!rp.driver) continue;
      rp.driver.duty.set(d, rp.durationMin + LIMITS.stationMin);
      rp.driver.codes.set(d, rp.code);
    }
    // Drivers who were also available: the dispatcher's spares (some call out).
    const extras = r
      .shuffle(plans.filter((p) => !busyDrivers.has(p) && workable(p, d) && runBefore(p, d) < LIMITS.maxRunHistory && !p.offDays.has(wd) && !p.newHire))
      .slice(0, d === 0 ? 4 : r.int(0, 3));
    const stagingKey = (rp: RoutePlan) => rp.wave + rp.staging.slice(0, 5) + rp.staging.slice(5).padStart(3, '0');
    dayRoutes.sort((a, b) => (stagingKey(a) < stagingKey(b) ? -1 : stagingKey(a) > stagingKey(b) ? 1 : 0));
    return { routes: dayRoutes, extras };
  };

  for (let d = -HISTORY_DAYS; d <= 0; d++) {
    const plan = planDay(d);
    const r = dayRng.fork(`status-${d}`);
    if (d < 0) {
      for (const rp of plan.routes) {
        if (!rp.driver) {
          rp.notes = 'Not covered: short-staffed (Amazon reassigned the route)';
          continue;
        }
        const wave = Number(rp.wave.slice(0, 2)) * 60 + Number(rp.wave.slice(3));
        const report = wave - REPORT_BEFORE_WAVE_MIN;
        const late = r.chance(0.05);
        const checkIn = late ? report + r.int(6, 35) : report - r.int(0, 25);
        const launch = Math.max(wave + r.int(0, 9), checkIn + 20);
        const lateReturn = r.chance(0.12);
        const back = launch + rp.durationMin + (lateReturn ? r.int(35, 110) : Math.round(r.normal(-12, 14, -50, 25)));
        rp.launchedAt = localIso(d, launch);
        rp.returnedAt = localIso(d, back);
        dayStatusRows.push({ driverId: rp.driver.id, date: rp.date, status: late ? 'late' : 'checked_in', checkedInAt: localIso(d, checkIn), note: '', updatedAt: localIso(d, checkIn) });
      }
      plan.extras.forEach((p, i) => {
        const status: DayStatus = i === 0 && r.chance(0.85) ? 'called_out' : i === 1 && r.chance(0.3) ? 'no_show' : 'off';
        if (status === 'off') return;
        const note = status === 'called_out' ? r.pick(['Sick', 'Family emergency', 'Car trouble', 'Child care fell through']) : 'Did not show, no call';
        dayStatusRows.push({ driverId: p.id, date: dateOf(d), status, checkedInAt: null, note, updatedAt: localIso(d, 9 * 60 + r.int(0, 50)) });
      });
    } else {
      todayPlan = plan;
    }
    routePlans.push(...plan.routes);
  }

  // ------------------------------------------------------------------ today
  // The morning in progress: drivers arriving; wave 1 partly assigned; the rest is the board's job.
  const tr = dayRng.fork('today');
  const nowLocal = zonedParts(now, tz).minutes;
  const arrivedBy = (planned: number, i: number) => Math.max(1, Math.min(planned, nowLocal - 1 - i * 2));
  const todayDrivers = new Map<DriverPlan, { status: DayStatus; at: number | null; note: string }>();
  const planned = todayPlan.routes.filter((rp) => rp.driver);
  planned.forEach((rp, i) => {
    const wave = Number(rp.wave.slice(0, 2)) * 60 + Number(rp.wave.slice(3));
    const report = wave - REPORT_BEFORE_WAVE_MIN;
    const roll = tr.next();
    if (rp.wave === WAVES[0] || roll < 0.55) {
      const late = roll > 0.94;
      todayDrivers.set(rp.driver!, { status: late ? 'late' : 'checked_in', at: arrivedBy(late ? report + tr.int(5, 20) : report - tr.int(0, 30), i), note: late ? 'Traffic on SR 167' : '' });
    } else todayDrivers.set(rp.driver!, { status: 'scheduled', at: null, note: '' });
  });
  todayPlan.extras.forEach((p, i) => {
    if (i === 0) todayDrivers.set(p, { status: 'called_out', at: null, note: 'Sick, called dispatch at 06:10' });
    else todayDrivers.set(p, { status: i === 1 ? 'checked_in' : 'scheduled', at: i === 1 ? arrivedBy(9 * 60 + 20, 40) : null, note: 'Standby' });
  });
  if (!todayDrivers.has(expired)) todayDrivers.set(expired, { status: 'scheduled', at: null, note: 'Licence renewal pending at the DOL' });
  for (const p of onLeave) todayDrivers.set(p, { status: 'off', at: null, note: 'On leave' });
  for (const p of plans) {
    if (todayDrivers.has(p) || !workable(p, 0) || p === terminated) continue;
    todayDrivers.set(p, { status: 'off', at: null, note: runBefore(p, 0) >= LIMITS.maxRunHistory ? 'Rest day after 5 in a row' : '' });
  }
  for (const [p, s] of todayDrivers) {
    dayStatusRows.push({ driverId: p.id, date: today, status: s.status, checkedInAt: s.at == null ? null : localIso(0, s.at), note: s.note, updatedAt: s.at == null ? stamp : localIso(0, s.at) });
  }
  // Keep wave 1's plan for drivers who have checked in (up to 12); unassign everything else.
  let kept = 0;
  for (const rp of todayPlan.routes) {
    const s = rp.driver ? todayDrivers.get(rp.driver) : undefined;
    const keep = rp.wave === WAVES[0] && s?.status === 'checked_in' && rp.stage !== 'RA' && kept < 12;
    if (keep) kept++;
    else {
      rp.driver = null;
      rp.van = null;
    }
  }
  for (const p of plans) p.duty.delete(0);

  // ------------------------------------------------------------------ odometers from the miles driven
  for (const rp of routePlans) if (rp.van && rp.distanceMi && rp.day < 0) rp.van.odometer += Math.round(rp.distanceMi * 1.04 + 6);

  // ------------------------------------------------------------------ write
  insertRows(db, station, [{ ...DEMO_STATION }]);
  insertRows(
    db,
    vans,
    vanPlans.map((v) => ({
      id: v.id,
      name: v.name,
      vin: v.vin,
      plate: v.plate,
      plateState: v.plateState,
      make: v.make,
      model: v.model,
      year: v.year,
      type: v.type,
      ownership: v.ownership,
      ownershipEndDate: v.ownershipEndDate,
      odometerMi: v.odometer,
      status: v.status,
      statusReason: v.statusReason,
      usableRangeMi: v.usableRangeMi,
      stateOfChargePct: v.stateOfChargePct,
      chargingBay: v.chargingBay,
      notes: v.notes,
      createdAt: stamp,
      updatedAt: stamp,
    })),
  );
  insertRows(db, devices, deviceRows);

  const emailOf = (p: DriverPlan) => `${p.first}.${p.last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.net';
  const driverRows = plans.map((p) => {
    const seniorDot = p.quals.has('DOT');
    return {
      id: p.id,
      transporterId: p.transporterId,
      name: `${p.first} ${p.last}`,
      phone: `(253) 555-01${pad2(personalNumbers[p.id - 1]!)}`,
      workPhone: '',
      email: emailOf(p),
      licenceNumber: 'WDL' + drvRng.chars('ABCDEFGHJKLMNPRSTUVWXYZ0123456789', 9),
      licenceExpiry: p.licenceExpiry,
      dotMedicalExpiry: seniorDot ? addDays(today, drvRng.int(40, 700)) : null,
      hireDate: addDays(today, p.hireDay),
      status: p === terminated ? ('terminated' as const) : onLeave.includes(p) ? ('on_leave' as const) : ('active' as const),
      position: p.quals.has('TRAINER') ? 'Driver Trainer' : 'Delivery Associate',
      qualifications: (['CDV', 'EDV', 'STEP_VAN', 'TRAINER', 'DOT', 'HELPER'] as const).filter((q) => p.quals.has(q)),
      usualVanId: p === terminated ? null : p.usualVanId,
      notes:
        p === terminated
          ? `Separated on ${addDays(today, p.stopDay!)}`
          : onLeave.includes(p)
            ? `On leave since ${addDays(today, p.stopDay!)}`
            : p.newHire
              ? `New hire: ride-alongs, then nursery routes until ${addDays(today, p.hireDay + 24)}`
              : '',
      createdAt: stamp,
      updatedAt: stamp,
    };
  });
  // One DOT medical card runs out within the month.
  const dotHolders = driverRows.filter((d) => d.dotMedicalExpiry && d.status === 'active');
  if (dotHolders[0]) dotHolders[0].dotMedicalExpiry = addDays(today, 16);
  insertRows(db, drivers, driverRows);

  routePlans.forEach((rp, i) => (rp.id = i + 1));
  const routeRows = routePlans.map((rp) => {
    const status: RouteStatus = rp.day < 0 ? (rp.driver ? 'returned' : 'cancelled') : rp.driver ? 'assigned' : 'planned';
    return {
      id: rp.id,
      date: rp.date,
      code: rp.code,
      wave: rp.wave,
      staging: rp.staging,
      serviceType: rp.serviceType,
      plannedDurationMin: rp.durationMin,
      stops: rp.stops,
      packages: rp.packages,
      plannedDistanceMi: rp.distanceMi,
      vanType: null,
      notes: rp.notes,
      status,
      launchedAt: rp.launchedAt ?? null,
      returnedAt: rp.returnedAt ?? null,
      createdAt: stamp,
      updatedAt: stamp,
    };
  });
  insertRows(db, routes, routeRows);

  const asgRng = rng.fork('assigned-at');
  const assignmentRows = routePlans
    .filter((rp) => rp.driver)
    .map((rp, i) => ({
      id: i + 1,
      routeId: rp.id,
      date: rp.date,
      driverId: rp.driver!.id,
      vanId: rp.van?.id ?? null,
      deviceId: rp.van?.phoneId ?? null,
      pinned: false,
      assignedBy: 'desk',
      assignedAt: rp.day < 0 ? localIso(rp.day, 7 * 60 + asgRng.int(0, 140)) : localIso(0, Math.max(1, Math.min(9 * 60 + 30, nowLocal - 5))),
      overrideReason: null,
    }));
  insertRows(db, assignments, assignmentRows);
  insertRows(db, driverDays, dayStatusRows);

  return {
    station: DEMO_STATION.code,
    today,
    drivers: driverRows.length,
    vans: vanPlans.length,
    devices: deviceRows.length,
    routes: routeRows.length,
    routesToday: routeRows.filter((r) => r.date === today).length,
    assignments: assignmentRows.length,
    assignmentsToday: assignmentRows.filter((a) => a.date === today).length,
    days: new Set(routeRows.map((r) => r.date)).size,
    driverDays: dayStatusRows.length,
  };
}

