import type { ReadContext, WriteContext } from '../context';
import { bookingsWithout, dateOr, loadBoardFacts, type BoardFacts, type DriverInfo, type VanInfo } from './facts';
import { conflictsFor, enforce } from './check';
import { currentConflicts, isAvailableDriver, routeView } from './view';
import { assignments, routes } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { solveDense } from '../../../shared/solver/assignment';
import { driverConflicts, driverDayConflicts, dutyMinutes, evRangeShort, hasHard, hoursProfile, isHere, softOnly, vanDueForRoute, type HoursProfile, type RouteFacts } from '../../../shared/rules/board';
import { evMilesNeeded } from '../../../shared/rules/fleet/readiness';
import { VAN_CLASSES, type VanClass } from '../../../shared/domain';
import { missingQualifications, vanClassWords, withArticle, type VanKind } from '../../../shared/rules/fleet/classes';
import { isAssignable } from '../../../shared/rules/fleet/readiness';
import { AppError } from '../../../shared/errors';
import type { CostWeights } from './settings';
import type { AutoAssignResult, BoardConflict, BoardWriteResult, CostPart, Proposal, RestoreInput } from '../../../shared/contract/board';

/**
 * Auto-assign: for every open route (no assignment, not cancelled; pinned and existing
 * assignments are kept) propose a driver and a van.
 *
 * A route needs a driver AND a van, which makes the joint problem a 3-dimensional assignment
 * (NP-hard in general). We solve it as two exact, lexicographic stages, each a rectangular
 * min-cost assignment that first maximises the number of covered rows (shared/solver):
 *
 *   Stage 1 — drivers → routes, cost D(r,d) = familiarity + tier + weekly hours + soft penalties.
 *     A cell is allowed only when the driver has no hard conflict with the route AND at least one
 *     free ready van exists whose type the route accepts and the driver is qualified for.
 *   Stage 2 — vans → (route, chosen driver), cost V(r,d,v) = usual van + van type fit + EV range
 *     margin + soft penalties; allowed only when the route accepts the van type, the driver is
 *     qualified for it and the van is ready (or needs attention).
 *   Repair — a route whose driver got no van in stage 2 gives the driver back; stages 1–2 run
 *     again on what is left until nothing changes (at most 4 rounds).
 *
 * Each stage is provably optimal for its own cost (exact solver), so the result is the
 * lexicographic optimum "best drivers first, then the best vans for those drivers" — driver
 * choice dominates van choice by design (familiarity and hours matter more than which van).
 * The coverage is maximal whenever van-class qualifications do not interlock (see README).
 */

/**
 * Van kinds (class × electric) as bits, so "may this driver drive a van this route accepts" is one
 * AND: a route accepts its classes, electric or not; a driver may drive the kinds whose
 * qualifications they hold.
 */
const CLASS_INDEX = new Map(VAN_CLASSES.map((c, i) => [c, i]));
const KINDS: VanKind[] = VAN_CLASSES.flatMap((vanClass) => [false, true].map((electric) => ({ vanClass, electric })));
const kindBit = (v: VanKind) => 1 << (CLASS_INDEX.get(v.vanClass)! * 2 + (v.electric ? 1 : 0));
const vanBit = (v: VanInfo) => kindBit(v.row);
const classesMask = (classes: readonly VanClass[]) => classes.reduce((m, c) => m | kindBit({ vanClass: c, electric: false }) | kindBit({ vanClass: c, electric: true }), 0);
const driverMask = (d: DriverInfo) => KINDS.reduce((m, k) => (missingQualifications(d.row.qualifications, k).length === 0 ? m | kindBit(k) : m), 0);
const classWord = vanClassWords;

interface Ctx {
  f: BoardFacts;
  w: CostWeights;
}

function tierCost(w: CostWeights, d: DriverInfo): number {
  return w.tier[d.tier ?? 'none'] ?? w.tier.none ?? 0;
}

function driverParts(c: Ctx, r: RouteFacts, d: DriverInfo, soft: number): CostPart[] {
  const fam = d.familiarity.get(r.code) ?? 0;
  const parts: CostPart[] = [];
  parts.push({ label: fam > 0 ? `drove ${r.code} ${fam}× recently` : `new to ${r.code}`, cost: Math.max(0, c.w.unfamiliar - c.w.familiarityStep * fam) });
  parts.push({ label: `tier ${d.tier ?? 'none'}`, cost: tierCost(c.w, d) });
  parts.push({ label: `${d.hoursThisWeek} h this week`, cost: round(c.w.weeklyHour * d.hoursThisWeek) });
  if (!isHere(d.facts)) parts.push({ label: 'not here yet', cost: c.w.notHereYet });
  if (soft > 0) parts.push({ label: `${soft} driver warning${soft > 1 ? 's' : ''}`, cost: c.w.softPenalty * soft });
  return parts;
}

function vanParts(c: Ctx, r: RouteFacts, d: DriverInfo, v: VanInfo): { parts: CostPart[]; soft: number } {
  const parts: CostPart[] = [];
  parts.push({ label: d.row.usualVanId === v.row.id ? 'usual van' : 'not the usual van', cost: d.row.usualVanId === v.row.id ? 0 : c.w.notUsualVan });
  const first = r.allowedVanClasses[0];
  if (first && v.row.vanClass !== first) parts.push({ label: `${classWord(v.row.vanClass)} (first choice ${classWord(first)})`, cost: c.w.secondChoiceVanType });
  const ev = evMargin(c, r, v);
  if (ev != null && ev < c.w.evComfortMi) parts.push({ label: `EV margin ${Math.round(ev)} mi`, cost: round(c.w.evMarginPerMi * (c.w.evComfortMi - ev)) });
  const soft = vanSoft(c, r, v);
  if (soft > 0) parts.push({ label: `${soft} van warning${soft > 1 ? 's' : ''}`, cost: c.w.softPenalty * soft });
  return { parts, soft };
}

/** Miles of expected range beyond what the route needs (EV_RANGE's measure); null when not an EV or unknown. */
function evMargin(c: Ctx, r: RouteFacts, v: VanInfo): number | null {
  return v.facts.rangeMi != null && r.plannedDistanceMi != null ? v.facts.rangeMi - evMilesNeeded(r.plannedDistanceMi, c.f.limits) : null;
}

/** Van soft rules for this route: EV range at the wave, attention that falls due before the route ends. */
function vanSoft(c: Ctx, r: RouteFacts, v: VanInfo): number {
  return (evRangeShort(r, v.facts, c.f.limits) ? 1 : 0) + (vanDueForRoute(r, v.facts, c.f.limits).length > 0 ? 1 : 0);
}

/** V(r,d,v) as a number (same terms as vanParts). */
function vanCost(c: Ctx, r: RouteFacts, d: DriverInfo, v: VanInfo): number {
  return round((d.row.usualVanId === v.row.id ? 0 : c.w.notUsualVan) + vanCost0(c, r, v));
}

/** The driver-independent part of V (type fit, EV margin, van warnings). */
function vanCost0(c: Ctx, r: RouteFacts, v: VanInfo): number {
  let cost = 0;
  if (r.allowedVanClasses[0] && v.row.vanClass !== r.allowedVanClasses[0]) cost += c.w.secondChoiceVanType;
  const ev = evMargin(c, r, v);
  if (ev != null && ev < c.w.evComfortMi) cost += round(c.w.evMarginPerMi * (c.w.evComfortMi - ev));
  return round(cost + c.w.softPenalty * vanSoft(c, r, v));
}

const sum = (parts: CostPart[]) => round(parts.reduce((s, p) => s + p.cost, 0));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Stage-1 cost added to rows that are not repairs, so a short day repairs broken routes first. */
const REPAIR_FIRST = 1000;

export interface Plan {
  f: BoardFacts;
  /** Routes in conflict that this plan re-plans (and why they were in conflict). */
  repaired: { routeId: number; routeCode: string; reason: string }[];
  proposals: Proposal[];
  uncovered: AutoAssignResult['uncovered'];
  kept: number;
  ms: number;
}

export function planAutoAssign(ctx: ReadContext, date: string, routeIds?: number[], facts?: BoardFacts, repair = true): Plan {
  const t0 = performance.now();
  const f = facts ?? loadBoardFacts(ctx, date);
  const c: Ctx = { f, w: f.settings.weights };
  const wanted = routeIds ? new Set(routeIds) : null;

  // Open routes: not cancelled, not pinned, no assignment (or explicitly asked for and not pinned).
  // Repair: a route whose assignment breaks a hard rule now (van grounded, driver called out after
  // it was made) is re-planned too, pinned or not — it cannot leave as it is; good ones stay.
  const open: RouteFacts[] = [];
  const repaired: Plan['repaired'] = [];
  let kept = 0;
  for (const r of f.routes) {
    const a = f.assignments.get(r.id);
    if (r.status === 'cancelled' || r.status === 'launched' || r.status === 'returned') continue;
    const broken = repair && a ? currentConflicts(f, r.id).filter((x) => x.severity === 'hard') : [];
    if (broken.length > 0 && (!wanted || wanted.has(r.id))) {
      repaired.push({ routeId: r.id, routeCode: r.code, reason: broken.map((x) => x.message).join('; ') });
      open.push(f.routeFacts.get(r.id)!);
      continue;
    }
    const asked = wanted ? wanted.has(r.id) : !a;
    if (a && (a.pinned || !asked)) {
      kept++;
      continue;
    }
    if (!asked) continue;
    open.push(f.routeFacts.get(r.id)!);
  }
  // Repairs come first: every other row costs a constant more in stage 1 (the same for the whole
  // row, so it changes which rows are covered when drivers are short, never who is best for a row).
  const repairIds = new Set(repaired.map((x) => x.routeId));
  const offsetOf = (routeId: number) => (repairIds.size > 0 && !repairIds.has(routeId) ? REPAIR_FIRST : 0);
  const bookings = bookingsWithout(f, open.map((r) => r.id));
  const drivers = [...f.drivers.values()].filter((d) => isAvailableDriver(f, d.row.id) && !bookings.driverRoute.has(d.row.id));
  const vans = [...f.vans.values()].filter((v) => v.row.archivedAt === null && isAssignable(v.facts.readiness) && !bookings.vanRoute.has(v.row.id));

  // Driver rules: route-independent ones once per driver; working hours as a numeric profile once
  // per (wave, driver), then counted per route duration with four comparisons.
  const waveOf = new Map<number, number>();
  const waveIds = new Map<string, number>();
  const waveRoute: RouteFacts[] = [];
  for (const r of open) {
    if (!waveIds.has(r.wave)) {
      waveIds.set(r.wave, waveIds.size);
      waveRoute.push(r);
    }
    waveOf.set(r.id, waveIds.get(r.wave)!);
  }
  const driverSlot = new Map(drivers.map((d, i) => [d.row.id, i]));
  const dayRules = drivers.map((d) => (open.length ? driverDayConflicts(open[0]!, d.facts, f.limits) : []));
  const dayHard = dayRules.map((x) => hasHard(x));
  const daySoft = dayRules.map((x) => x.length);
  const fams = drivers.map((d) => (d.familiarity.size ? d.familiarity : null));
  const profiles: (HoursProfile | undefined)[] = new Array(waveIds.size * Math.max(1, drivers.length));
  const driverRules = (r: RouteFacts, d: DriverInfo) => driverConflicts(r, d.facts, f.limits);
  const masks = new Map(drivers.map((d) => [d.row.id, driverMask(d)]));
  const routeMask = new Map(open.map((r) => [r.id, classesMask(r.allowedVanClasses)]));
  const vanCache = new Map<string, { van: VanInfo | null; cost: number }>();
  const freeVanIds = new Set(vans.map((v) => v.row.id));
  let firstD: Float64Array | null = null;
  let firstIndex = new Map<number, number>();

  const proposals: Proposal[] = [];
  const uncovered = new Map<number, string>();
  let openLeft = open;
  let driversLeft = drivers;
  let vansLeft = vans;
  for (let round_ = 0; round_ < 4 && openLeft.length > 0; round_++) {
    // Free van kinds (for the stage-1 feasibility test).
    const freeMask = vansLeft.reduce((acc, v) => acc | vanBit(v), 0);
    const n = openLeft.length;
    const m = driversLeft.length;
    const D = new Float64Array(n * m).fill(Infinity);
    const dMask = driversLeft.map((d) => masks.get(d.row.id)!);
    const dSlot = driversLeft.map((d) => driverSlot.get(d.row.id)!);
      const base = driversLeft.map((d) => tierCost(c.w, d) + round(c.w.weeklyHour * d.hoursThisWeek) + (isHere(d.facts) ? 0 : c.w.notHereYet));
    // Hot loop (rows × drivers): plain numbers only.
    const unf = c.w.unfamiliar;
    const step = c.w.familiarityStep;
    const pen = c.w.softPenalty;
    const dailyMax = f.limits.maxDailyHours * 60;
    const weeklyMax = f.limits.maxWeeklyHours * 60;
    const nDrivers = drivers.length;
    for (let i = 0; i < n; i++) {
      const r = openLeft[i]!;
      const needsVan = r.requiresVan;
      const need = needsVan ? routeMask.get(r.id)! & freeMask : -1;
      const w = waveOf.get(r.id)!;
      const pw = w * nDrivers;
      const row = i * m;
      const duty = dutyMinutes(r.plannedDurationMin, f.limits);
      const overDaily = duty > dailyMax ? 1 : 0;
      const code = r.code;
      const rowOffset = offsetOf(r.id);
      for (let j = 0; j < m; j++) {
        if (needsVan && (need & dMask[j]!) === 0) continue;
        const slot = dSlot[j]!;
        if (dayHard[slot]) continue;
        let p = profiles[pw + slot];
        if (p === undefined) profiles[pw + slot] = p = hoursProfile(waveRoute[w]!, driversLeft[j]!.facts.shifts, f.limits);
        const soft =
          daySoft[slot]! + overDaily + (duty + p.weekOthers > weeklyMax ? 1 : 0) + (p.restBeforeBad || duty > p.restAfterMaxDuty ? 1 : 0) + (p.runBad ? 1 : 0);
        const famMap = fams[slot]!;
        const fam = famMap === null ? 0 : (famMap.get(code) ?? 0);
        const fc = unf - step * fam;
        D[row + j] = (fc > 0 ? fc : 0) + base[j]! + pen * soft + rowOffset;
      }
    }
    if (round_ === 0) {
      firstD = D;
      firstIndex = new Map(openLeft.map((r, i) => [r.id, i]));
    }
    const s1 = solveDense(D, n, m);

    // Stage 2: vans for the (route, driver) pairs that need one.
    const pairs: { i: number; r: RouteFacts; d: DriverInfo }[] = [];
    for (let i = 0; i < n; i++) {
      const j = s1.assignment[i]!;
      if (j >= 0) pairs.push({ i, r: openLeft[i]!, d: driversLeft[j]! });
      else uncovered.set(openLeft[i]!.id, 'no available driver can take it (qualifications, hours, availability)');
    }
    const needVan = pairs.filter((p) => p.r.requiresVan);
    const vm = vansLeft.length;
    const V = new Float64Array(needVan.length * vm).fill(Infinity);
    for (let k = 0; k < needVan.length; k++) {
      const { r, d } = needVan[k]!;
      const rm = routeMask.get(r.id)!;
      const dm = masks.get(d.row.id)!;
      for (let j = 0; j < vm; j++) {
        const v = vansLeft[j]!;
        const bit = vanBit(v);
        if ((rm & bit) === 0 || (dm & bit) === 0) continue;
        V[k * vm + j] = vanCost(c, r, d, v);
      }
    }
    const s2 = solveDense(V, needVan.length, vm);
    const vanOf = new Map<number, VanInfo | null>();
    needVan.forEach((p, k) => {
      const j = s2.assignment[k]!;
      if (j >= 0) vanOf.set(p.r.id, vansLeft[j]!);
      // Seed the alternatives' van cache from this V row (same route, same qualification mask).
      if (round_ === 0) {
        const key = `${p.r.id}|${masks.get(p.d.row.id)!}`;
        let best: VanInfo | null = null;
        let cost = Infinity;
        const usual = p.d.row.usualVanId;
        for (let jj = 0; jj < vm; jj++) {
          let x = V[k * vm + jj]!;
          if (x === Infinity) continue;
          if (vansLeft[jj]!.row.id === usual) x += c.w.notUsualVan;
          if (x < cost) {
            cost = x;
            best = vansLeft[jj]!;
          }
        }
        vanCache.set(key, { van: best, cost: best ? cost - c.w.notUsualVan : Infinity });
      }
    });
    const usedDrivers = new Set<number>();
    const usedVans = new Set<number>();
    let progress = 0;
    const stillOpen: RouteFacts[] = [];
    for (const p of pairs) {
      const van = p.r.requiresVan ? vanOf.get(p.r.id) : null;
      if (p.r.requiresVan && !van) {
        stillOpen.push(p.r);
        uncovered.set(p.r.id, 'no free ready van this driver can drive on it');
        continue;
      }
      uncovered.delete(p.r.id);
      usedDrivers.add(p.d.row.id);
      if (van) usedVans.add(van.row.id);
      progress++;
      const row = firstIndex.get(p.r.id);
      const dRow = row === undefined || !firstD ? null : firstD.subarray(row * drivers.length, (row + 1) * drivers.length);
      proposals.push(buildProposal(c, p.r, p.d, van ?? null, drivers, dRow, offsetOf(p.r.id), vans, driverRules, routeMask.get(p.r.id)!, masks, vanCache, freeVanIds));
    }
    driversLeft = driversLeft.filter((d) => !usedDrivers.has(d.row.id));
    vansLeft = vansLeft.filter((v) => !usedVans.has(v.row.id));
    openLeft = stillOpen;
    if (progress === 0) break;
  }

  // Flags: the full rule set for each proposal against kept bookings + the other proposals.
  const all = bookingsWithout(f, open.map((r) => r.id));
  for (const p of proposals) {
    const code = p.routeCode;
    all.driverRoute.set(p.driverId, { routeId: p.routeId, code });
    if (p.vanId != null) all.vanRoute.set(p.vanId, { routeId: p.routeId, code });
  }
  for (const p of proposals) {
    const dev = p.vanId != null ? (f.vans.get(p.vanId)?.deviceId ?? null) : null;
    p.deviceId = dev != null && !all.deviceRoute.has(dev) ? dev : null;
    if (p.deviceId != null) all.deviceRoute.set(p.deviceId, { routeId: p.routeId, code: p.routeCode });
    p.flags = softOnly(conflictsFor(f, p.routeId, { driverId: p.driverId, vanId: p.vanId, deviceId: p.deviceId }, all));
  }
  const order = new Map(f.routes.map((r, i) => [r.id, i]));
  proposals.sort((a, b) => order.get(a.routeId)! - order.get(b.routeId)!);
  return {
    f,
    repaired,
    proposals,
    uncovered: [...uncovered].map(([routeId, reason]) => ({ routeId, routeCode: f.routeFacts.get(routeId)!.code, reason })),
    kept,
    ms: round(performance.now() - t0),
  };
}

/** Best van for (route, driver) among `vans`: per (route, driver mask) best driver-independent cost, or the usual van. */
function bestVanFor(c: Ctx, r: RouteFacts, d: DriverInfo, vans: VanInfo[], rm: number, dm: number, cache: Map<string, { van: VanInfo | null; cost: number }>, freeVanIds: Set<number>): { van: VanInfo | null; cost: number } {
  if (!r.requiresVan) return { van: null, cost: 0 };
  const key = `${r.id}|${dm}`;
  let base = cache.get(key);
  if (!base) {
    base = { van: null, cost: Infinity };
    for (const v of vans) {
      const bit = vanBit(v);
      if ((rm & bit) === 0 || (dm & bit) === 0) continue;
      const x = vanCost0(c, r, v);
      if (x < base.cost) base = { van: v, cost: x };
    }
    cache.set(key, base);
  }
  let best = { van: base.van, cost: base.van ? round(base.cost + c.w.notUsualVan) : Infinity };
  const usual = d.row.usualVanId != null ? c.f.vans.get(d.row.usualVanId) : undefined;
  if (usual && freeVanIds.has(usual.row.id) && (rm & vanBit(usual)) && (dm & vanBit(usual))) {
    const x = vanCost(c, r, d, usual);
    if (x < best.cost) best = { van: usual, cost: x };
  }
  return best;
}

function buildProposal(
  c: Ctx,
  r: RouteFacts,
  d: DriverInfo,
  van: VanInfo | null,
  drivers: DriverInfo[],
  dRow: Float64Array | null,
  dOffset: number,
  vans: VanInfo[],
  driverRules: (r: RouteFacts, d: DriverInfo) => BoardConflict[],
  rm: number,
  masks: Map<number, number>,
  vanCache: Map<string, { van: VanInfo | null; cost: number }>,
  freeVanIds: Set<number>,
): Proposal {
  const dRules = driverRules(r, d);
  const dParts = driverParts(c, r, d, dRules.length);
  const vp = van ? vanParts(c, r, d, van) : { parts: [], soft: 0 };
  const parts = [...dParts, ...vp.parts];
  const cost = sum(parts);
  // Alternatives: the next cheapest drivers for this route (stage-1 costs), each with their best van.
  const top: { j: number; dc: number }[] = [];
  if (dRow) {
    for (let j = 0; j < dRow.length; j++) {
      const x = dRow[j]!;
      if (x === Infinity || drivers[j]!.row.id === d.row.id) continue;
      if (top.length < 3 || x < top[top.length - 1]!.dc) {
        top.push({ j, dc: x });
        top.sort((a, b) => a.dc - b.dc);
        if (top.length > 3) top.pop();
      }
    }
  }
  const alternatives = top.map(({ j, dc }) => {
    const o = drivers[j]!;
    const bv = bestVanFor(c, r, o, vans, rm, masks.get(o.row.id)!, vanCache, freeVanIds);
    return {
      driverId: o.row.id,
      driverName: o.row.name,
      vanId: bv.van?.row.id ?? null,
      vanName: bv.van?.row.name ?? null,
      cost: round(dc - dOffset + (Number.isFinite(bv.cost) ? bv.cost : 0)),
      note: o.familiarity.get(r.code) ? `drove ${r.code} ${o.familiarity.get(r.code)}×` : `new to ${r.code}`,
    };
  });
  const fam = d.familiarity.get(r.code) ?? 0;
  const why: string[] = [];
  why.push(
    `${d.row.name}: ${fam > 0 ? `drove ${r.code} ${fam}× in the last ${c.f.settings.familiarityDays} days` : `has not driven ${r.code} recently`}, tier ${d.tier ?? 'unknown'}, ${d.hoursThisWeek} h in the last 6 days` +
      (dRules.length ? `; warnings: ${dRules.map((x) => x.rule).join(', ')}` : '') +
      '.',
  );
  if (van) {
    const bits = [d.row.usualVanId === van.row.id ? 'the driver’s usual van' : withArticle(classWord(van.row.vanClass))];
    if (van.facts.rangeMi != null) bits.push(`about ${Math.round(van.facts.rangeMi)} mi of charge expected at the wave${r.plannedDistanceMi != null ? ` for ${Math.round(r.plannedDistanceMi)} mi` : ''}`);
    if (vanDueForRoute(r, van.facts, c.f.limits).length > 0) bits.push('needs attention before the route ends');
    why.push(`${van.row.name}: ${bits.join(', ')}.`);
  } else if (!r.requiresVan) why.push('Ride along: no van of its own.');
  if (alternatives[0]) why.push(`Next best: ${alternatives[0].driverName} at cost ${alternatives[0].cost} (this choice ${cost}; the whole plan is optimal, not each row alone).`);
  return {
    routeId: r.id,
    routeCode: r.code,
    driverId: d.row.id,
    driverName: d.row.name,
    vanId: van?.row.id ?? null,
    vanName: van?.row.name ?? null,
    deviceId: null,
    cost,
    costParts: parts,
    flags: [],
    explanation: why,
    alternatives,
  };
}

interface ProposalInput {
  routeId: number;
  driverId: number;
  vanId?: number | null;
  deviceId?: number | null;
}

/** Write proposals in one transaction (used by autoAssign apply and applyProposals). */
function writeProposals(
  tx: WriteContext,
  f: BoardFacts,
  list: ProposalInput[],
  override: { reason: string } | undefined,
  action: string,
): { undo: RestoreInput; overridden: BoardConflict[] } {
  const ids = list.map((p) => p.routeId);
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', 'A route appears twice', { issues: [{ path: 'proposals', message: 'duplicate routeId' }] });
  // A route in conflict whose driver or van a proposal takes (a repair moved them) is released:
  // its assignment was broken anyway; it shows as open rather than double-booked.
  const takenDrivers = new Set(list.map((p) => p.driverId));
  const takenVans = new Set(list.flatMap((p) => (p.vanId != null ? [p.vanId] : [])));
  const released = [...f.assignments.values()].filter(
    (a) => !ids.includes(a.routeId) && (takenDrivers.has(a.driverId) || (a.vanId != null && takenVans.has(a.vanId))) && hasHard(currentConflicts(f, a.routeId)),
  );
  const bookings = bookingsWithout(f, [...ids, ...released.map((a) => a.routeId)]);
  const conflicts: BoardConflict[] = [];
  const devices = new Map<number, number | null>();
  for (const p of list) {
    const rf = f.routeFacts.get(p.routeId);
    if (!rf) throw new AppError('VALIDATION', `Route ${p.routeId} is not on ${f.date}`, { issues: [{ path: 'proposals', message: `route ${p.routeId} not on ${f.date}` }] });
    let dev = p.deviceId;
    if (dev === undefined) {
      const linked = p.vanId != null ? (f.vans.get(p.vanId)?.deviceId ?? null) : null;
      dev = linked != null && !bookings.deviceRoute.has(linked) ? linked : null;
    }
    devices.set(p.routeId, dev);
    const list2 = conflictsFor(f, p.routeId, { driverId: p.driverId, vanId: p.vanId ?? null, deviceId: dev }, bookings);
    conflicts.push(...list2.map((x) => ({ ...x, message: `${rf.code}: ${x.message}` })));
    bookings.driverRoute.set(p.driverId, { routeId: p.routeId, code: rf.code });
    if (p.vanId != null) bookings.vanRoute.set(p.vanId, { routeId: p.routeId, code: rf.code });
    if (dev != null) bookings.deviceRoute.set(dev, { routeId: p.routeId, code: rf.code });
  }
  const overridden = enforce(conflicts, override, 'Auto-assign');
  // A released assignment is not put back by undo: it broke a hard rule, so restoring it would be refused.
  const undo: RestoreInput = {
    states: ids.map((routeId) => {
      const a = f.assignments.get(routeId);
      return { routeId, assignment: a ? { driverId: a.driverId, vanId: a.vanId, deviceId: a.deviceId, pinned: a.pinned, overrideReason: a.overrideReason } : null };
    }),
  };
  const now = tx.clock.now().toISOString();
  for (const id of ids) tx.db.delete(assignments).where(eq(assignments.routeId, id)).run();
  for (const a of released) {
    const rf = f.routeFacts.get(a.routeId)!;
    tx.db.delete(assignments).where(eq(assignments.routeId, a.routeId)).run();
    tx.db.update(routes).set({ status: 'planned', updatedAt: now }).where(eq(routes.id, a.routeId)).run();
    tx.audit({
      action: `${action} (released: in conflict)`,
      entity: 'route',
      entityId: a.routeId,
      before: { code: rf.code, driverId: a.driverId, vanId: a.vanId, deviceId: a.deviceId },
      after: null,
      reason: currentConflicts(f, a.routeId).filter((x) => x.severity === 'hard').map((x) => x.message).join('; '),
    });
  }
  for (const p of list) {
    const rf = f.routeFacts.get(p.routeId)!;
    const mine = overridden.filter((x) => x.message.startsWith(`${rf.code}: `));
    const reason = mine.length > 0 ? override!.reason : null;
    const before = f.assignments.get(p.routeId);
    const row = tx.db
      .insert(assignments)
      .values({ routeId: p.routeId, date: f.date, driverId: p.driverId, vanId: p.vanId ?? null, deviceId: devices.get(p.routeId) ?? null, pinned: false, overrideReason: reason, assignedBy: tx.actor.name, assignedAt: now })
      .returning()
      .get();
    tx.db.update(routes).set({ status: 'assigned', updatedAt: now }).where(eq(routes.id, p.routeId)).run();
    tx.audit({
      action: mine.length ? `${action} (override)` : action,
      entity: 'route',
      entityId: p.routeId,
      before: before ? { code: rf.code, driverId: before.driverId, vanId: before.vanId, deviceId: before.deviceId } : null,
      after: { code: rf.code, driverId: row.driverId, vanId: row.vanId, deviceId: row.deviceId },
      reason: reason ? `${reason} [overrode: ${mine.map((x) => x.rule).join(', ')}]` : null,
    });
  }
  return { undo, overridden };
}

/** Plan (and, with `apply`, write) an auto-assignment; a plan without `apply` changes nothing and announces nothing. */
export function autoAssign(
  w: WriteContext,
  input: { date?: string | null; apply: boolean; routeIds?: number[]; override?: { reason: string }; repair?: boolean },
): AutoAssignResult {
  const date = dateOr(w, input.date);
  const plan = planAutoAssign(w, date, input.routeIds, undefined, input.repair ?? true);
  const out: AutoAssignResult = {
    date,
    applied: false,
    repaired: plan.repaired,
    proposals: plan.proposals,
    uncovered: plan.uncovered,
    kept: plan.kept,
    covered: plan.proposals.length,
    totalCost: round(plan.proposals.reduce((s, p) => s + p.cost, 0)),
    ms: plan.ms,
    skipped: [],
    undo: null,
  };
  if (!input.apply) return out;
  const toApply = plan.proposals.filter((p) => input.override || p.flags.length === 0);
  out.skipped = plan.proposals.filter((p) => !toApply.includes(p)).map((p) => ({ routeId: p.routeId, routeCode: p.routeCode, flags: p.flags }));
  if (toApply.length > 0) out.undo = writeProposals(w, plan.f, toApply, input.override, 'auto-assign').undo;
  out.applied = true;
  return out;
}

export function applyProposals(
  w: WriteContext,
  input: { date?: string | null; proposals: ProposalInput[]; override?: { reason: string } },
): BoardWriteResult {
  const date = input.date ?? (w.db.select({ date: routes.date }).from(routes).where(eq(routes.id, input.proposals[0]!.routeId)).get()?.date ?? dateOr(w, null));
  const f = loadBoardFacts(w, date);
  const { undo, overridden } = writeProposals(w, f, input.proposals, input.override, 'auto-assign');
  const after = loadBoardFacts(w, date);
  return { routes: input.proposals.map((p) => routeView(after, p.routeId)), overridden, undo };
}
