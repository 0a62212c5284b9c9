import type { driverDays } from '../../../db/schema';
import type { Rng } from '../../../../shared/random';
import type { DayStatus } from '../../../../shared/domain';
import type { DemoPeople } from './drivers';
import type { DayPlan, DutyRules } from './schedule';
import { LIMITS, REPORT_BEFORE_WAVE_MIN, WAVES, type DemoCalendar, type DriverPlan } from './plan';

/**
 * The morning in progress: drivers arriving; wave 1 partly assigned; the rest is the board's job.
 * Adds today's day statuses to `dayStatusRows` and unassigns today's routes the desk has not done yet.
 */
export function planToday(
  tr: Rng,
  nowLocal: number,
  today: string,
  stamp: string,
  { localIso }: DemoCalendar,
  todayPlan: DayPlan,
  { plans, onLeave, terminated, expired }: DemoPeople,
  { runBefore, workable }: DutyRules,
  dayStatusRows: (typeof driverDays.$inferInsert)[],
): void {
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
}
