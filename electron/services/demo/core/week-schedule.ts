import type { driverDays, scheduleDays, scheduleTargets } from '../../../db/schema';
import type { Rng } from '../../../../shared/random';
import type { DemoPeople } from './drivers';
import type { DayPlan } from './schedule';
import type { DemoCalendar, DriverPlan, RoutePlan } from './plan';
import type { ScheduleState } from '../../../../shared/rules/schedule/states';

/**
 * The demo's week schedule, a week back and a week ahead, made the way the station would have
 * made it: whoever drove a day (or called out / did not show) was scheduled working, the day's
 * spares were standbys, drivers on leave are on PTO, everyone else off; today's list is today's
 * plan (so the morning's expected drivers are the ones with routes); the week ahead repeats each
 * driver's week (copy last week) with a few requests off. Targets: each driver's usual days.
 * Call it before `planToday` takes today's unassigned routes away from their drivers.
 */
export function planWeekSchedule(
  r: Rng,
  { dateOf }: DemoCalendar,
  routePlans: readonly RoutePlan[],
  todayPlan: DayPlan,
  dayStatusRows: readonly (typeof driverDays.$inferInsert)[],
  { plans, onLeave, terminated }: DemoPeople,
): { scheduleRows: (typeof scheduleDays.$inferInsert)[]; targetRows: (typeof scheduleTargets.$inferInsert)[] } {
  const state = new Map<string, ScheduleState>();
  const key = (p: { id: number }, d: number) => `${p.id}|${d}`;
  const byId = new Map(plans.map((p) => [p.id, p]));
  for (let d = -7; d <= 0; d++) {
    const date = dateOf(d);
    for (const p of plans) if (p !== terminated) state.set(key(p, d), 'off');
    for (const rp of routePlans) if (rp.day === d && rp.driver) state.set(key(rp.driver, d), 'working');
    for (const row of dayStatusRows) {
      if (row.date !== date || !byId.has(row.driverId)) continue;
      // A call-out or no-show was someone the schedule expected.
      if (row.status === 'called_out' || row.status === 'no_show') state.set(key(byId.get(row.driverId)!, d), 'working');
    }
    for (const p of onLeave) state.set(key(p, d), 'pto');
  }
  for (const p of todayPlan.extras) if (state.get(key(p, 0)) === 'off') state.set(key(p, 0), 'standby');
  // The week ahead: each driver's same weekday a week earlier; a few requests off.
  for (let d = 1; d <= 7; d++) {
    for (const p of plans) {
      if (p === terminated) continue;
      const was = state.get(key(p, d - 7)) ?? 'off';
      state.set(key(p, d), was === 'working' && r.chance(0.04) ? 'requested_off' : was);
    }
  }
  const scheduleRows: (typeof scheduleDays.$inferInsert)[] = [];
  for (const [k, s] of state) {
    const [id, d] = k.split('|').map(Number) as [number, number];
    scheduleRows.push({ driverId: id, date: dateOf(d), state: s });
  }
  const targetRows = plans
    .filter((p: DriverPlan) => p !== terminated)
    .map((p) => {
      const preferredDays = [0, 1, 2, 3, 4, 5, 6].filter((w) => !p.offDays.has(w));
      const daysPerWeek = Math.min(5, preferredDays.length);
      return { driverId: p.id, preferredDays, daysPerWeek, hoursPerWeek: daysPerWeek * 10 };
    });
  return { scheduleRows, targetRows };
}
