/**
 * The demo station's core data: station, drivers, vans, devices, six weeks of routes with
 * assignments and check-ins, and today's morning (routes published, drivers arriving, the first
 * wave partly assigned). Everything is drawn from a seeded PRNG and dated relative to the
 * station's today, so the same seed and the same today give the same station.
 *
 * History is generated the way a dispatcher would build it, day by day: new hires get ride-alongs
 * and nursery routes, then every route is given a qualified driver and a fitting ready van,
 * respecting the board's working-hours limits (DOMAIN.md): ≤ 10 h on duty a day, counted as the
 * board does (30 min pre-trip + the route + 15 min return), ≤ 60 h in any 7 days, ≥ 10 h rest,
 * ≤ 5 consecutive work days in history so that today can still be a 6th; one route per driver
 * and per van per day.
 */
import type { WriteDb } from '../../context';
import { stationClock } from '../../../../shared/station-time';
import type { Rng } from '../../../../shared/random';
import { DEMO_STATION, demoCalendar, type CoreSummary } from './plan';
import { planVans } from './vans';
import { planDevices } from './devices';
import { planDrivers } from './drivers';
import { dutyRules, planSchedule } from './schedule';
import { planToday } from './today';
import { writeCore } from './write';
import { planWeekSchedule } from './week-schedule';
import { scheduleDays, scheduleTargets } from '../../../db/schema';

export { DEMO_STATION, HISTORY_DAYS, WAVES, type CoreSummary } from './plan';

/** Plan the station step by step (each step on its own PRNG stream), then write it in bulk. */
export function seedCore(db: WriteDb, rng: Rng, today: string, now: Date): CoreSummary {
  const tz = DEMO_STATION.timeZone;
  const stamp = now.toISOString();
  const calendar = demoCalendar(today, tz);
  const { vanPlans, oos } = planVans(rng.fork('vans'), today);
  const deviceRows = planDevices(rng.fork('devices'), vanPlans, stamp);
  const drvRng = rng.fork('drivers');
  const people = planDrivers(drvRng, today, vanPlans, oos);
  const rules = dutyRules(calendar.dateOf);
  const dayRng = rng.fork('days');
  const { routePlans, dayStatusRows, todayPlan } = planSchedule(rng.fork('codes'), dayRng, calendar, vanPlans, people, rules);
  const week = planWeekSchedule(rng.fork('week-schedule'), calendar, routePlans, todayPlan, dayStatusRows, people);
  const nowLocal = stationClock(now, tz).minutes;
  planToday(dayRng.fork('today'), nowLocal, today, stamp, calendar, todayPlan, people, rules, dayStatusRows);

  // Odometers grow by the miles the history drove.
  for (const rp of routePlans) if (rp.van && rp.distanceMi && rp.day < 0) rp.van.odometer += Math.round(rp.distanceMi * 1.04 + 6);

  const summary = writeCore(db, drvRng, rng.fork('assigned-at'), { today, stamp, nowLocal, calendar, vanPlans, deviceRows, people, routePlans, dayStatusRows });
  for (let i = 0; i < week.scheduleRows.length; i += 500) db.insert(scheduleDays).values(week.scheduleRows.slice(i, i + 500)).run();
  db.insert(scheduleTargets).values(week.targetRows).run();
  return summary;
}
