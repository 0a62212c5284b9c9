/**
 * The week's optimal fill: which drivers work (and stand by) which day, exactly optimal for a stated
 * objective, as one min-cost flow (shared/solver/min-cost-flow.ts).
 *
 * Model. Days 0…L−1 (L ≤ 7, a Sunday–Saturday week). Each day d has route slots: `needs[q]` slots
 * that need qualification q (step-van, EV routes…) and `routes − Σ needs` ordinary slots, plus
 * `standby` standby slots. A driver fills at most one slot a day, a qualified slot only with the
 * qualification, and only on days they are available (not requested off / PTO, active, licence
 * valid, 10 h rest after last week's last shift). Every scheduled day (working or standby) counts
 * `shiftHours` on duty, at the same report time, so the limits become capacities on the prefixes
 * of the week (a laminar family, hence a flow):
 * - at most `cap` days in the week: min(days per week, ⌊hours per week / shiftHours⌋);
 * - 60 h in any 7 consecutive days: the window ending on day k holds last week's hours on days
 *   k−6…−1 plus shiftHours × (days scheduled in 0…k) → a cap on the prefix 0…k;
 * - 6 consecutive days: with a run of t days before Sunday, days 0…(6−t) cannot all be worked →
 *   a cap of 6−t on that prefix; with maxConsecutiveDays ≥ L−1 the only run inside the week that
 *   can break the limit is the whole week, so the week's cap is at most maxConsecutiveDays (a
 *   smaller limit is refused, it is not a prefix family);
 * - 10 h rest between two scheduled days holds when 24 − shiftHours ≥ minRestHours (else refused).
 *
 * Objective, lexicographic (each tier outweighs everything after it, exact integer weights):
 * 1. most qualified slots covered (the mix), 2. most route slots covered in all (the forecast),
 * 3. most standby slots covered, 4. fewest scheduled days off the driver's preferred weekdays,
 * 5. hours balanced: least Σ n(n+1)/2 over drivers' scheduled days n (each added day costs more).
 */
import { FlowNetwork } from '../../solver/min-cost-flow';
import type { Qualification } from '../../domain';

export interface FillDriver {
  id: number;
  qualifications: readonly Qualification[];
  /** Weekday numbers (0 = Sunday) per day index are compared with `FillDay.weekday`. */
  preferredDays: readonly number[];
  /** Most days scheduled this week (targets: days, hours). */
  maxDays: number;
  /** Per day index: may be scheduled that day. */
  available: readonly boolean[];
  /** Consecutive days worked right before day 0. */
  runBefore: number;
  /** On-duty hours on the days before day 0: index 0 = the day before, … index 5 = six days before. */
  hoursBefore: readonly number[];
}

export interface FillDay {
  weekday: number;
  routes: number;
  standby: number;
  needs: Partial<Record<Qualification, number>>;
}

export interface FillLimits {
  shiftHours: number;
  minRestHours: number;
  maxWeeklyHours: number;
  maxConsecutiveDays: number;
}

export type FillRole = 'off' | 'standby' | { work: Qualification | null };

export interface FillObjective {
  qualified: number;
  routes: number;
  standby: number;
  offTarget: number;
  balance: number;
}

export interface FillPlan {
  /** roles[driver index][day index]. */
  roles: FillRole[][];
  objective: FillObjective;
}

/** Compare two objectives: negative when `a` is better. */
export function compareObjectives(a: FillObjective, b: FillObjective): number {
  return b.qualified - a.qualified || b.routes - a.routes || b.standby - a.standby || a.offTarget - b.offTarget || a.balance - b.balance;
}

/** Refusals: the model would not be exact (or the input makes no sense). */
export function fillRefusal(days: readonly FillDay[], limits: FillLimits): string | null {
  if (days.length > 7) return 'the fill plans one week (at most 7 days) at a time';
  if (24 - limits.shiftHours < limits.minRestHours) return `a ${limits.shiftHours} h shift every day leaves less than ${limits.minRestHours} h rest; shorten the shift length`;
  if (limits.maxConsecutiveDays < days.length - 1) return `a limit of ${limits.maxConsecutiveDays} consecutive days is below what the fill models (${days.length - 1})`;
  return null;
}

/** Per driver: the cap on days scheduled within days 0…k, for each k. */
export function prefixCaps(d: FillDriver, L: number, limits: FillLimits): number[] {
  const caps: number[] = [];
  for (let k = 0; k < L; k++) {
    let cap = k + 1;
    // The 7-day window ending on day k reaches back to day k−6: last week's days 1…6−k before day 0.
    let before = 0;
    for (let j = 0; j < 6 - k; j++) before += d.hoursBefore[j] ?? 0;
    cap = Math.min(cap, Math.max(0, Math.floor((limits.maxWeeklyHours - before) / limits.shiftHours + 1e-9)));
    // A run that continues last week's: days 0…m with m = maxConsecutive − runBefore cannot all be worked.
    if (d.runBefore > 0 && k === limits.maxConsecutiveDays - d.runBefore) cap = Math.min(cap, k);
    if (d.runBefore > limits.maxConsecutiveDays - 1 && k === 0) cap = 0;
    caps.push(cap);
  }
  // Every day of the week worked is a run of L: over the limit when maxConsecutiveDays = L−1.
  caps[L - 1] = Math.min(caps[L - 1]!, d.maxDays, limits.maxConsecutiveDays);
  // A prefix never holds more than a longer one allows.
  for (let k = L - 2; k >= 0; k--) caps[k] = Math.min(caps[k]!, caps[k + 1]!);
  return caps;
}

export function solveFill(drivers: readonly FillDriver[], days: readonly FillDay[], limits: FillLimits): FillPlan {
  const refusal = fillRefusal(days, limits);
  if (refusal) throw new Error(refusal);
  const L = days.length;
  const N = drivers.length;
  const caps = drivers.map((d) => prefixCaps(d, L, limits));
  const quals = [...new Set(days.flatMap((day) => Object.keys(day.needs) as Qualification[]))];
  const needOf = (day: FillDay, q: Qualification) => Math.max(0, day.needs[q] ?? 0);
  const ordinary = days.map((day) => Math.max(0, day.routes - quals.reduce((s, q) => s + needOf(day, q), 0)));

  // Exact lexicographic weights from the instance's own bounds.
  const balanceMax = caps.reduce((s, c) => s + (c[L - 1]! * (c[L - 1]! + 1)) / 2, 0);
  const P = balanceMax + 1;
  const secondary = P * N * L + balanceMax;
  const W3 = secondary + 1;
  const standbyMax = days.reduce((s, d) => s + d.standby, 0);
  const W2 = W3 * standbyMax + secondary + 1;
  const ordinaryMax = ordinary.reduce((s, x) => s + x, 0);
  const W1 = W2 * ordinaryMax + W3 * standbyMax + secondary + 1;
  if (W1 * N * L > Number.MAX_SAFE_INTEGER / 4) throw new Error('the week is too large for exact integer weights');

  // Nodes: source, sink, chain D[i][k], cells C[i][d], per day: qualified Q[d][q], ordinary G[d], standby B[d].
  let next = 2;
  const chain = drivers.map(() => days.map(() => next++));
  const cell = drivers.map(() => days.map(() => next++));
  const qNode = days.map(() => quals.map(() => next++));
  const gNode = days.map(() => next++);
  const bNode = days.map(() => next++);
  const net = new FlowNetwork(next);
  const S = 0;
  const T = 1;
  type Edge = { e: number; role: FillRole };
  const roleEdges: Edge[][][] = drivers.map(() => days.map(() => []));
  drivers.forEach((d, i) => {
    const c = caps[i]!;
    for (let unit = 1; unit <= c[L - 1]!; unit++) net.addEdge(S, chain[i]![L - 1]!, 1, unit);
    for (let k = L - 1; k >= 1; k--) net.addEdge(chain[i]![k]!, chain[i]![k - 1]!, c[k - 1]!, 0);
    days.forEach((day, k) => {
      if (!d.available[k]) return;
      net.addEdge(chain[i]![k]!, cell[i]![k]!, 1, 0);
      const pref = d.preferredDays.includes(day.weekday) ? 0 : P;
      quals.forEach((q, qi) => {
        if (needOf(day, q) > 0 && d.qualifications.includes(q)) roleEdges[i]![k]!.push({ e: net.addEdge(cell[i]![k]!, qNode[k]![qi]!, 1, pref - W1), role: { work: q } });
      });
      if (ordinary[k]! > 0) roleEdges[i]![k]!.push({ e: net.addEdge(cell[i]![k]!, gNode[k]!, 1, pref - W2), role: { work: null } });
      if (day.standby > 0) roleEdges[i]![k]!.push({ e: net.addEdge(cell[i]![k]!, bNode[k]!, 1, pref - W3), role: 'standby' });
    });
  });
  days.forEach((day, k) => {
    quals.forEach((q, qi) => net.addEdge(qNode[k]![qi]!, T, needOf(day, q), 0));
    net.addEdge(gNode[k]!, T, ordinary[k]!, 0);
    net.addEdge(bNode[k]!, T, day.standby, 0);
  });
  net.minCostFlow(S, T);

  const roles: FillRole[][] = drivers.map((_, i) => days.map((_, k) => roleEdges[i]![k]!.find((r) => net.flowOn(r.e) > 0)?.role ?? 'off'));
  return { roles, objective: objectiveOf(drivers, days, roles) };
}

/** The objective of a plan, counted directly (the tests' brute force uses the same count). */
export function objectiveOf(drivers: readonly FillDriver[], days: readonly FillDay[], roles: readonly (readonly FillRole[])[]): FillObjective {
  const o: FillObjective = { qualified: 0, routes: 0, standby: 0, offTarget: 0, balance: 0 };
  drivers.forEach((d, i) => {
    let n = 0;
    days.forEach((day, k) => {
      const r = roles[i]![k]!;
      if (r === 'off') return;
      n++;
      if (!d.preferredDays.includes(day.weekday)) o.offTarget++;
      if (r === 'standby') o.standby++;
      else {
        o.routes++;
        if (r.work) o.qualified++;
      }
    });
    o.balance += (n * (n + 1)) / 2;
  });
  return o;
}
