import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareObjectives, objectiveOf, prefixCaps, solveFill, type FillDay, type FillDriver, type FillLimits, type FillRole } from '../../../shared/rules/schedule/fill';
import type { Qualification } from '../../../shared/domain';

const QS: Qualification[] = ['STEP_VAN', 'EDV'];

/**
 * Brute force: every driver × day takes one role (off, standby, an ordinary route, a qualified
 * route for a qualification the driver has); a plan is valid when no day has more of a role than
 * its slots and each driver keeps the rules read DIRECTLY (7-day windows with last week's hours,
 * runs with last week's tail, days per week) — not through the prefix caps the flow uses.
 */
function bruteForce(drivers: FillDriver[], days: FillDay[], limits: FillLimits) {
  const L = days.length;
  const options = (d: FillDriver, k: number): FillRole[] => {
    if (!d.available[k]) return ['off'];
    const out: FillRole[] = ['off', { work: null }];
    if (days[k]!.standby > 0) out.push('standby');
    for (const q of QS) if ((days[k]!.needs[q] ?? 0) > 0 && d.qualifications.includes(q)) out.push({ work: q });
    return out;
  };
  const ordinary = (day: FillDay) => Math.max(0, day.routes - QS.reduce((s, q) => s + (day.needs[q] ?? 0), 0));
  const keepsRules = (d: FillDriver, row: FillRole[]) => {
    const on = row.map((r) => r !== 'off');
    if (on.filter(Boolean).length > d.maxDays) return false;
    // Hours in every 7-day window ending in the week that holds a planned day (last week's own
    // excess is not the plan's doing).
    for (let k = 0; k < L; k++) {
      let h = 0;
      let planned = 0;
      for (let j = k - 6; j <= k; j++) {
        if (j < 0) h += d.hoursBefore[-j - 1] ?? 0;
        else if (on[j]) {
          h += limits.shiftHours;
          planned++;
        }
      }
      if (planned > 0 && h > limits.maxWeeklyHours + 1e-9) return false;
    }
    // Runs, counting last week's tail.
    let run = d.runBefore;
    for (let k = 0; k < L; k++) {
      run = on[k] ? run + 1 : 0;
      if (run > limits.maxConsecutiveDays) return false;
    }
    return true;
  };
  let best: ReturnType<typeof objectiveOf> | null = null;
  const rows: FillRole[][] = drivers.map(() => []);
  const rec = (i: number) => {
    if (i === drivers.length) {
      for (let k = 0; k < L; k++) {
        const col = rows.map((r) => r[k]!);
        if (col.filter((r) => r === 'standby').length > days[k]!.standby) return;
        if (col.filter((r) => typeof r === 'object' && r.work === null).length > ordinary(days[k]!)) return;
        for (const q of QS) if (col.filter((r) => typeof r === 'object' && r.work === q).length > (days[k]!.needs[q] ?? 0)) return;
      }
      const o = objectiveOf(drivers, days, rows);
      if (!best || compareObjectives(o, best) < 0) best = o;
      return;
    }
    const d = drivers[i]!;
    const choose = (k: number) => {
      if (k === L) {
        if (keepsRules(d, rows[i]!)) rec(i + 1);
        return;
      }
      for (const r of options(d, k)) {
        rows[i]![k] = r;
        choose(k + 1);
      }
      rows[i]!.length = k;
    };
    choose(0);
  };
  rec(0);
  return best!;
}

const limitsArb = fc.record({
  shiftHours: fc.constantFrom(8, 10, 12),
  minRestHours: fc.constant(10),
  maxWeeklyHours: fc.constantFrom(24, 30, 60),
  maxConsecutiveDays: fc.integer({ min: 2, max: 4 }),
});

const instanceArb = fc.integer({ min: 1, max: 3 }).chain((L) =>
  fc.record({
    limits: limitsArb,
    days: fc.array(
      fc.record({
        weekday: fc.integer({ min: 0, max: 6 }),
        routes: fc.integer({ min: 0, max: 3 }),
        standby: fc.integer({ min: 0, max: 1 }),
        needs: fc.record({ STEP_VAN: fc.integer({ min: 0, max: 1 }), EDV: fc.integer({ min: 0, max: 2 }) }),
      }),
      { minLength: L, maxLength: L },
    ),
    drivers: fc.array(
      fc.record({
        id: fc.nat(),
        qualifications: fc.subarray(['STEP_VAN', 'EDV', 'CDV'] as Qualification[]),
        preferredDays: fc.subarray([0, 1, 2, 3, 4, 5, 6]),
        maxDays: fc.integer({ min: 0, max: 3 }),
        available: fc.array(fc.constantFrom(true, true, true, false), { minLength: L, maxLength: L }),
        runBefore: fc.integer({ min: 0, max: 4 }),
        hoursBefore: fc.array(fc.constantFrom(0, 0, 8, 10, 12), { minLength: 6, maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

describe('schedule fill: exact (min-cost flow) against brute force', () => {
  it('finds the same optimum as trying every plan on small weeks', () => {
    fc.assert(
      fc.property(instanceArb, ({ limits, days, drivers }) => {
        fc.pre(limits.maxConsecutiveDays >= days.length - 1);
        const plan = solveFill(drivers, days, limits);
        const best = bruteForce(drivers, days, limits);
        expect(plan.objective).toEqual(best);
      }),
      { numRuns: 1000 },
    );
  });

  it('a week of L days with a limit of L−1 consecutive days never schedules all L (found by the property)', () => {
    const limits = { shiftHours: 8, minRestHours: 10, maxWeeklyHours: 24, maxConsecutiveDays: 2 };
    const driver: FillDriver = { id: 0, qualifications: ['STEP_VAN'], preferredDays: [], maxDays: 3, available: [true, true, true], runBefore: 0, hoursBefore: [0, 0, 0, 0, 0, 0] };
    const day = (routes: number, stepVan: number): FillDay => ({ weekday: 0, routes, standby: 0, needs: { STEP_VAN: stepVan, EDV: 0 } });
    const plan = solveFill([driver], [day(0, 1), day(1, 0), day(0, 1)], limits);
    expect(plan.roles[0]!.filter((r) => r !== 'off')).toHaveLength(2);
    expect(plan.objective).toMatchObject({ qualified: 2, routes: 2 });
  });

  it('fills the qualified slots before ordinary ones, ordinary before standby, preferred days first', () => {
    const d = (id: number, quals: Qualification[], preferredDays: number[]): FillDriver => ({ id, qualifications: quals, preferredDays, maxDays: 1, available: [true], runBefore: 0, hoursBefore: [0, 0, 0, 0, 0, 0] });
    const limits = { shiftHours: 10, minRestHours: 10, maxWeeklyHours: 60, maxConsecutiveDays: 6 };
    const plan = solveFill([d(1, ['EDV'], []), d(2, [], [1]), d(3, [], [])], [{ weekday: 1, routes: 2, standby: 1, needs: { STEP_VAN: 1 } }], limits);
    // Nobody has step-van: ordinary slot (1) goes to driver 2 (preferred Monday), standby to one of the others.
    expect(plan.objective).toMatchObject({ qualified: 0, routes: 1, standby: 1 });
    expect(plan.roles[1]![0]).toEqual({ work: null });
  });
});

describe('the limits as capacities on the week’s prefixes', () => {
  const base: FillDriver = { id: 1, qualifications: [], preferredDays: [], maxDays: 7, available: Array(7).fill(true), runBefore: 0, hoursBefore: [0, 0, 0, 0, 0, 0] };
  const limits = { shiftHours: 10, minRestHours: 10, maxWeeklyHours: 60, maxConsecutiveDays: 6 };

  it('6 consecutive days: a fresh week allows 6 of 7; after a 5-day run, Sunday and Monday not both', () => {
    expect(prefixCaps(base, 7, limits)[6]).toBe(6);
    expect(prefixCaps({ ...base, runBefore: 5 }, 7, limits).slice(0, 2)).toEqual([1, 1]);
    expect(prefixCaps({ ...base, runBefore: 6 }, 7, limits)[0]).toBe(0);
  });

  it('60 h in 7 days: 50 h in the six days before leaves one 10 h shift on Sunday; 51 h leaves none', () => {
    expect(prefixCaps({ ...base, hoursBefore: [10, 10, 10, 10, 10, 0] }, 7, limits)[0]).toBe(1);
    expect(prefixCaps({ ...base, hoursBefore: [10, 10, 10, 10, 10, 1] }, 7, limits)[0]).toBe(0);
  });
});
