import { addDays } from '../../../../shared/station-time';
import type { Rng } from '../../../../shared/random';
import { missingQualifications, type VanKind } from '../../../../shared/rules/fleet/classes';
import { FIRST_NAMES, LAST_NAMES } from '../names';
import { weekday, type DriverPlan, type VanPlan } from './plan';

const TID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
export const canDrive = (p: DriverPlan, v: VanKind) => missingQualifications([...p.quals], v).length === 0;

/** The drivers, and the ones with a story (new hires, on leave, separated, an expired licence). */
export interface DemoPeople {
  plans: DriverPlan[];
  newHires: DriverPlan[];
  onLeave: DriverPlan[];
  terminated: DriverPlan;
  expired: DriverPlan;
  personalNumbers: number[];
}

/** 54 drivers with qualifications, days off, usual vans and licences (`drvRng` goes on to the write step). */
export function planDrivers(drvRng: Rng, today: string, vanPlans: VanPlan[], oos: VanPlan): DemoPeople {
  const todayWd = weekday(today);
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

  // Usual vans: about 32 regulars keep "their" van.
  const regulars = veterans.filter((p) => p !== terminated);
  const freeForUsual = new Set(vanPlans.filter((v) => v.ownership !== 'rental' && v !== oos).map((v) => v.id));
  for (const p of drvRng.sample(regulars, 32)) {
    const options = vanPlans.filter((v) => freeForUsual.has(v.id) && canDrive(p, v));
    const pref = options.filter((v) => (p.quals.has('STEP_VAN') ? v.vanClass === 'step_van' : p.quals.has('EDV') ? v.electric : true));
    const pickFrom = pref.length > 0 ? pref : options;
    if (pickFrom.length === 0) continue;
    const v = drvRng.pick(pickFrom);
    p.usualVanId = v.id;
    freeForUsual.delete(v.id);
  }
  return { plans, newHires, onLeave, terminated, expired, personalNumbers };
}
