import { addDays, daysBetween } from '../../../shared/station-time';
import type { WriteContext } from '../context';
import { stationToday } from '../station/station';
import { getScheduleSettings } from './settings';
import { forecastOf, hhmmMin, scheduleBetween, scheduleDrivers, scheduleLimits, shiftsAround, targetsOf, weekDates, writeCells } from './week';
import { fillRefusal, solveFill, type FillDay, type FillDriver } from '../../../shared/rules/schedule/fill';
import { weekStartOf } from '../../../shared/rules/schedule/settings';
import { LOCKED_STATES, type ScheduleState } from '../../../shared/rules/schedule/states';
import { conflict } from '../../../shared/errors';
import type { ScheduleCellChange, ScheduleFillResult } from '../../../shared/contract/schedule';
import type { Qualification } from '../../../shared/domain';

/**
 * Fill a week (the days from today on; earlier days of the week count as history) with the exact
 * min-cost flow of shared/rules/schedule/fill.ts; `apply:false` answers the plan and keeps nothing.
 * Requested off and PTO are never changed; every other cell of an active driver is set.
 */
export function fillWeek(w: WriteContext, input: { weekStart: string; apply: boolean }): ScheduleFillResult {
  const t0 = performance.now();
  const today = stationToday(w.db, w.clock);
  const weekStart = weekStartOf(input.weekStart);
  const dates = weekDates(weekStart).filter((d) => d >= today);
  if (dates.length === 0) throw conflict(`The week of ${weekStart} is over; only days from today (${today}) on can be filled`);
  const settings = getScheduleSettings(w.db);
  const limits = scheduleLimits(w.db, settings);
  const fillLimits = { shiftHours: settings.shiftHours, minRestHours: limits.minRestHours, maxWeeklyHours: limits.maxWeeklyHours, maxConsecutiveDays: limits.maxConsecutiveDays };
  const forecast = forecastOf(w.db, dates, settings);
  const days: FillDay[] = forecast.map((f) => ({ weekday: f.weekday, routes: f.routes, standby: f.standby, needs: f.needs }));
  const refusal = fillRefusal(days, fillLimits);
  if (refusal) throw conflict(`The fill cannot plan this week exactly: ${refusal}`);

  const first = dates[0]!;
  const targets = targetsOf(w.db, settings);
  const current = scheduleBetween(w.db, weekStart, addDays(weekStart, 6));
  // History: what the 6 days before the first planned day hold (driven routes; today on, the schedule).
  const shifts = shiftsAround(w.db, addDays(first, -7), addDays(first, -1), today, settings);
  const list = scheduleDrivers(w.db);
  const start = hhmmMin(settings.shiftStart);
  const fillDrivers: FillDriver[] = list.map((d) => {
    const t = targets.get(d.id) ?? targets.fallback;
    const mine = current.get(d.id);
    // Days of this week before the first planned day already count against the week's targets.
    const earlier = weekDates(weekStart).filter((x) => x < first && (mine?.get(x) === 'working' || mine?.get(x) === 'standby')).length;
    const byDate = new Map((shifts.get(d.id) ?? []).map((s) => [s.date, s]));
    let runBefore = 0;
    while (byDate.has(addDays(first, -1 - runBefore))) runBefore++;
    const hoursBefore = Array.from({ length: 6 }, (_, j) => {
      const s = byDate.get(addDays(first, -1 - j));
      return s ? (s.endMin - s.startMin) / 60 : 0;
    });
    const last = [...byDate.values()].sort((a, b) => (a.date < b.date ? 1 : -1))[0];
    const restOk = !last || daysBetween(last.date, first) * 1440 + start - last.endMin >= limits.minRestHours * 60;
    return {
      id: d.id,
      qualifications: d.qualifications,
      preferredDays: t.preferredDays,
      maxDays: Math.max(0, Math.min(t.daysPerWeek, Math.floor(t.hoursPerWeek / settings.shiftHours + 1e-9)) - earlier),
      available: dates.map((date, k) => {
        const state = mine?.get(date);
        if (state && LOCKED_STATES.includes(state)) return false;
        if (d.licenceExpiry && d.licenceExpiry < date) return false;
        if (d.hireDate && d.hireDate > date) return false;
        return k > 0 || restOk;
      }),
      runBefore,
      hoursBefore,
    };
  });
  const plan = solveFill(fillDrivers, days, fillLimits);

  const changes: ScheduleCellChange[] = [];
  list.forEach((d, i) => {
    dates.forEach((date, k) => {
      const now = current.get(d.id)?.get(date) ?? null;
      if (now && LOCKED_STATES.includes(now)) return;
      const role = plan.roles[i]![k]!;
      const state: ScheduleState = role === 'off' ? 'off' : role === 'standby' ? 'standby' : 'working';
      if (state !== now) changes.push({ driverId: d.id, date, state });
    });
  });
  const coverage = forecast.map((f, k) => {
    const needs: Partial<Record<Qualification, { wanted: number; covered: number }>> = {};
    for (const [q, wanted] of Object.entries(f.needs) as [Qualification, number][]) {
      needs[q] = { wanted, covered: plan.roles.filter((r) => typeof r[k] === 'object' && (r[k] as { work: Qualification | null }).work === q).length };
    }
    return {
      date: f.date,
      forecast: f.routes,
      working: plan.roles.filter((r) => typeof r[k] === 'object').length,
      needs,
      standby: plan.roles.filter((r) => r[k] === 'standby').length,
      standbyWanted: f.standby,
    };
  });
  const written = input.apply && changes.length > 0 ? writeCells(w, changes) : { changed: 0, undo: [] };
  return {
    weekStart,
    applied: input.apply,
    changes,
    ...written,
    objective: {
      qualifiedCovered: plan.objective.qualified,
      routesCovered: plan.objective.routes,
      standbyCovered: plan.objective.standby,
      offTargetDays: plan.objective.offTarget,
      balance: plan.objective.balance,
    },
    coverage,
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}
