import { eq } from 'drizzle-orm';
import { driverDays } from '../../db/schema';
import type { ReadDb } from '../context';
import { reportByOf, scheduleOfDay } from '../schedule/day';
import { isLate } from '../../../shared/rules/schedule/states';
import type { StandupAttendance } from '../../../shared/contract/scorecards';

/**
 * A day's attendance for the stand-up, from the schedule's expected list and the check-in records:
 * call-outs and no-shows as recorded; late = a check-in after the driver's report time (the one rule
 * check-in itself uses, `reportByOf`: their wave, else the day's first, minus `reportBeforeWaveMin`)
 * or a driver marked late. Null when the day has neither a schedule nor any record: nothing to say.
 */
export function attendanceOf(db: ReadDb, date: string): StandupAttendance | null {
  const schedule = scheduleOfDay(db, date);
  const records = db.select({ driverId: driverDays.driverId, status: driverDays.status, at: driverDays.checkedInAt }).from(driverDays).where(eq(driverDays.date, date)).all();
  if (!schedule.hasSchedule && records.length === 0) return null;
  const byDriver = new Map(records.map((r) => [r.driverId, r]));
  let checkedIn = 0;
  let callOuts = 0;
  let noShows = 0;
  let late = 0;
  for (const r of records) {
    if (r.status === 'called_out') callOuts++;
    else if (r.status === 'no_show') noShows++;
    if (r.at) checkedIn++;
    if (r.status === 'late' || (r.at && isLate(new Date(r.at), reportByOf(db, date, r.driverId)))) late++;
  }
  let expected: number | null = null;
  let unrecorded: number | null = null;
  if (schedule.hasSchedule) {
    const working = [...schedule.states].filter(([, state]) => state === 'working').map(([id]) => id);
    expected = working.length;
    unrecorded = working.filter((id) => {
      const r = byDriver.get(id);
      return !r || (!r.at && r.status !== 'called_out' && r.status !== 'no_show' && r.status !== 'late');
    }).length;
  }
  return { hasSchedule: schedule.hasSchedule, expected, checkedIn, callOuts, noShows, late, unrecorded };
}
