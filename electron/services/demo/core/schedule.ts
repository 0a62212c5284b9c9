import type { driverDays } from '../../../db/schema';
import type { Rng } from '../../../../shared/random';
import type { DayStatus, VanClass } from '../../../../shared/domain';
import { readServiceType } from '../../../../shared/rules/fleet/service-types';
import { canDrive, type DemoPeople } from './drivers';
import {
  DEMO_SERVICE,
  HISTORY_DAYS,
  LIMITS,
  REPORT_BEFORE_WAVE_MIN,
  demoDutyMin,
  ROUTES_BY_WEEKDAY,
  WAVES,
  weekday,
  type DemoCalendar,
  type DemoServiceType,
  type DriverPlan,
  type RoutePlan,
  type Stage,
  type VanPlan,
} from './plan';

/** Per service type: planned duration choices (min), stops, packages per stop, miles. */
const ROUTE_SHAPE: Record<DemoServiceType, { durations: number[]; stops: [number, number]; ppsMin: number; ppsMax: number; pkgs: [number, number]; miles: [number, number] }> = {
  [DEMO_SERVICE.standard]: { durations: [480, 510, 525, 540, 540], stops: [150, 220], ppsMin: 1.4, ppsMax: 1.8, pkgs: [220, 380], miles: [32, 85] },
  [DEMO_SERVICE.large]: { durations: [525, 540], stops: [165, 220], ppsMin: 1.6, ppsMax: 1.9, pkgs: [280, 380], miles: [38, 88] },
  [DEMO_SERVICE.xl]: { durations: [510, 540], stops: [120, 170], ppsMin: 2.2, ppsMax: 2.6, pkgs: [300, 420], miles: [24, 55] },
  [DEMO_SERVICE.step]: { durations: [510, 525, 540], stops: [120, 175], ppsMin: 2.1, ppsMax: 2.5, pkgs: [300, 420], miles: [22, 52] },
  [DEMO_SERVICE.electric]: { durations: [465, 480, 510, 525, 540], stops: [150, 210], ppsMin: 1.4, ppsMax: 1.75, pkgs: [220, 360], miles: [28, 78] },
  [DEMO_SERVICE.electricHelper]: { durations: [510, 540], stops: [190, 230], ppsMin: 1.5, ppsMax: 1.8, pkgs: [300, 400], miles: [28, 70] },
  [DEMO_SERVICE.nursery1]: { durations: [300], stops: [60, 90], ppsMin: 1.3, ppsMax: 1.5, pkgs: [80, 130], miles: [18, 32] },
  [DEMO_SERVICE.nursery2]: { durations: [390], stops: [100, 130], ppsMin: 1.35, ppsMax: 1.55, pkgs: [140, 190], miles: [22, 40] },
  [DEMO_SERVICE.nursery3]: { durations: [450], stops: [130, 160], ppsMin: 1.4, ppsMax: 1.6, pkgs: [190, 240], miles: [26, 48] },
  [DEMO_SERVICE.rideAlong]: { durations: [540], stops: [0, 0], ppsMin: 0, ppsMax: 0, pkgs: [0, 0], miles: [0, 0] },
};
/** Today's spares: one calls out, the others are the morning's standbys. */
const TODAY_SPARES = 4;
/** Van classes each demo service type accepts, by the default keyword rules (what the board will say). */
const CLASSES = new Map(Object.values(DEMO_SERVICE).map((st) => [st, readServiceType(st).classes] as const));

const STAGE_SERVICE: Record<Exclude<Stage, null>, DemoServiceType> = {
  RA: DEMO_SERVICE.rideAlong,
  L1: DEMO_SERVICE.nursery1,
  L2: DEMO_SERVICE.nursery2,
  L3: DEMO_SERVICE.nursery3,
};
/** A new hire's programme by days since hire: ride-alongs, then nursery levels 1–3, then regular. */
function stageOf(daysSinceHire: number): Stage {
  if (daysSinceHire < 3) return 'RA';
  if (daysSinceHire < 10) return 'L1';
  if (daysSinceHire < 17) return 'L2';
  if (daysSinceHire < 24) return 'L3';
  return null;
}

/** The working-hours rules every planned day keeps (DOMAIN.md limits), over the drivers' booked duty. */
export function dutyRules(dateOf: DemoCalendar['dateOf']) {
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
  return { runBefore, workable, fits, vanUsable };
}
export type DutyRules = ReturnType<typeof dutyRules>;

export interface DayPlan {
  routes: RoutePlan[];
  /** Drivers who were also available: the dispatcher's spares. */
  extras: DriverPlan[];
}

/**
 * Six weeks of history and today's plan, built day by day the way a dispatcher would: new hires
 * on ride-alongs and nursery routes, then every route a qualified driver and a fitting ready van.
 * Past days get their check-ins, launches and returns; today's plan is returned for the morning step.
 */
export function planSchedule(
  codeRng: Rng,
  dayRng: Rng,
  { dateOf, localIso }: DemoCalendar,
  vanPlans: VanPlan[],
  { plans, newHires }: DemoPeople,
  { runBefore, workable, fits, vanUsable }: DutyRules,
): { routePlans: RoutePlan[]; dayStatusRows: (typeof driverDays.$inferInsert)[]; todayPlan: DayPlan } {
  // Route codes: each driver's usual ones.
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

  const ownerOf = new Map(plans.filter((p) => p.usualVanId !== null).map((p) => [p.usualVanId!, p] as const));
  const routePlans: RoutePlan[] = [];
  const dayStatusRows: (typeof driverDays.$inferInsert)[] = [];
  let todayPlan: DayPlan = { routes: [], extras: [] };

  const makeRoute = (r: Rng, d: number, code: string, serviceType: DemoServiceType): RoutePlan => {
    const shape = ROUTE_SHAPE[serviceType];
    const ride = serviceType === DEMO_SERVICE.rideAlong;
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
  const planDay = (d: number): DayPlan => {
    const r = dayRng.fork(d);
    const date = dateOf(d);
    const wd = weekday(date);
    const level = d === 0 ? 1 : 0.8 + (0.13 * (d + HISTORY_DAYS)) / (HISTORY_DAYS - 1);
    const total = d === 0 ? ROUTES_BY_WEEKDAY[wd]! : Math.round(ROUTES_BY_WEEKDAY[wd]! * level) + r.int(-1, 1);
    const busyDrivers = new Set<DriverPlan>();
    const busyVans = new Set<VanPlan>();
    const dayRoutes: RoutePlan[] = [];

    const freeVanFor = (p: DriverPlan, st: DemoServiceType): VanPlan | null => {
      const allowed = CLASSES.get(st)!;
      const free = vanPlans.filter((v) => allowed.includes(v.vanClass) && canDrive(p, v) && vanUsable(v, d) && !busyVans.has(v));
      if (free.length === 0) return null;
      const usual = free.find((v) => v.id === p.usualVanId);
      if (usual) return usual;
      // Prefer vans nobody calls their own, and the route's first-choice class.
      const unowned = free.filter((v) => {
        const owner = ownerOf.get(v.id);
        return !owner || owner === p || busyDrivers.has(owner);
      });
      const pool = unowned.length > 0 ? unowned : free;
      const weight = (c: VanClass) => (c === allowed[0] ? 3 : 1);
      const cls = r.weighted(([...new Set(pool.map((v) => v.vanClass))] as VanClass[]).map((c) => [c, weight(c)] as const));
      return r.pick(pool.filter((v) => v.vanClass === cls));
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
      if (!fits(p, d, demoDutyMin(route.durationMin))) continue;
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
    const stepReady = vanPlans.filter((v) => v.vanClass === 'step_van' && vanUsable(v, d)).length;
    const edvReady = vanPlans.filter((v) => v.vanClass === 'electric_van' && vanUsable(v, d)).length;
    const nStep = Math.min(stepReady, Math.round(m * 0.085));
    const nXl = nStep >= 3 && r.chance(0.5) ? 1 : 0;
    // No more electric routes than electric route codes (a full Wednesday asked for 13 of 12 and lost one).
    const nElectric = Math.min(edvReady - 2, pools.electric.length, Math.round(m * 0.34));
    const nLarge = Math.round(m * 0.08);
    const nStandard = m - nStep - nElectric - nLarge;
    const electricCodes = r.sample(pools.electric, nElectric);
    const specs: [string, DemoServiceType][] = [
      ...r.sample(pools.xl, nXl).map((c) => [c, DEMO_SERVICE.xl] as [string, DemoServiceType]),
      ...r.sample(pools.step, nStep - nXl).map((c) => [c, DEMO_SERVICE.step] as [string, DemoServiceType]),
      // One electric route a day carries a helper.
      ...electricCodes.map((c, i) => [c, i === 0 ? DEMO_SERVICE.electricHelper : DEMO_SERVICE.electric] as [string, DemoServiceType]),
      ...r.sample(pools.large, nLarge).map((c) => [c, DEMO_SERVICE.large] as [string, DemoServiceType]),
      ...r.sample(pools.standard, nStandard).map((c) => [c, DEMO_SERVICE.standard] as [string, DemoServiceType]),
    ];
    for (const [code, st] of specs) {
      const route = makeRoute(r, d, code, st);
      const dutyMin = demoDutyMin(route.durationMin);
      const accepted = CLASSES.get(st)!;
      const freeVans = vanPlans.filter((v) => accepted.includes(v.vanClass) && vanUsable(v, d) && !busyVans.has(v));
      let best: DriverPlan | null = null;
      let bestScore = -Infinity;
      for (const p of plans) {
        if (p.newHire && stageOf(d - p.hireDay) !== null) continue;
        if (busyDrivers.has(p) || !workable(p, d) || !fits(p, d, dutyMin)) continue;
        if (!freeVans.some((v) => canDrive(p, v))) continue;
        let recent = 0;
        for (let k = 1; k <= 6; k++) if (p.duty.has(d - k)) recent++;
        let score = r.float(0, 2.5) - 1.6 * recent;
        if (p.offDays.has(wd)) score -= 4;
        if (p.preferred.includes(code)) score += 3;
        for (let k = 1; k <= 7; k++) if (p.codes.get(d - k) === code) score += 1 / k;
        // Keep step-van drivers for step routes when there are ordinary drivers to spare.
        if (p.quals.has('STEP_VAN') && st !== DEMO_SERVICE.step && st !== DEMO_SERVICE.xl) score -= 0.8;
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
      const host = dayRoutes.find((x) => x.driver?.quals.has('TRAINER') && x.van && x.van.vanClass !== 'step_van');
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
      rp.driver.duty.set(d, demoDutyMin(rp.durationMin));
      rp.driver.codes.set(d, rp.code);
    }
    // Drivers who were also available: the dispatcher's spares (some call out).
    const spare = (p: DriverPlan) => !busyDrivers.has(p) && workable(p, d) && !p.newHire;
    let extras = r.shuffle(plans.filter((p) => spare(p) && runBefore(p, d) < LIMITS.maxRunHistory && !p.offDays.has(wd))).slice(0, d === 0 ? TODAY_SPARES : r.int(0, 3));
    if (d === 0 && extras.length < TODAY_SPARES) {
      // Every weekday has its standbys: on a full day the usual spares are all driving, so the
      // dispatcher asks drivers on their usual day off who could still legally take a route.
      const more = plans.filter((p) => spare(p) && !extras.includes(p) && fits(p, d, demoDutyMin(Math.max(...ROUTE_SHAPE[DEMO_SERVICE.standard].durations))));
      extras = [...extras, ...r.shuffle(more).slice(0, TODAY_SPARES - extras.length)];
    }
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
  return { routePlans, dayStatusRows, todayPlan };
}
