import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_BOARD_LIMITS as L } from '../../../shared/rules/board';
import { DEFAULT_PROGRESS_SETTINGS as S, byLateness, dutyWindow, paceVerdict, rankRescuers, rescuePlan, type PaceInput } from '../../../shared/rules/progress';

const MIN = 60_000;
const WAVE = Date.parse('2026-12-02T18:05:00Z'); // 10:05 at a Pacific station
const at = (min: number) => WAVE + min * MIN;
const input = (over: Partial<PaceInput> = {}): PaceInput => ({
  asOf: at(240),
  waveAt: WAVE,
  launchedAt: null,
  plannedDurationMin: 480,
  stopsTotal: 160,
  stopsDone: 80,
  complete: false,
  notStarted: false,
  ...over,
});
const fmt = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('paceVerdict', () => {
  it('projects from stops per hour on the road since the wave and compares with plan and limit', () => {
    // 60 of 160 in 4 h = 15/h; 100 left = 6 h 40 → 10 h 40 after launch, plan 8 h: 160 min late.
    const v = paceVerdict(input({ stopsDone: 60 }), L, S);
    expect(v).toMatchObject({ status: 'behind', pace: 15, stopsLeft: 100, launchFrom: 'wave', minutesLate: 160, misses: ['plan', 'limit'] });
    expect(v.projectedFinish).toBe(at(640));
    expect(v.plannedEnd).toBe(at(480));
    // On duty from 09:35; 10 h day less 15 min return → deliveries by 19:20 station = wave + 555 min.
    expect(v.limitEnd).toBe(at(555));
  });

  it('uses the geofence launch when there is one', () => {
    const v = paceVerdict(input({ launchedAt: at(30), stopsDone: 70, asOf: at(240) }), L, S);
    expect(v.launchFrom).toBe('geofence');
    expect(v.hoursOnRoad).toBe(3.5);
    expect(v.pace).toBe(20);
    expect(v.plannedEnd).toBe(at(30 + 480));
  });

  it('margin: 20 min late is on pace, 21 min is behind', () => {
    // Plan 8 h, 160 stops. At 4 h: done d → finish 4 h × 160 / d. Choose d so the finish is 500 and 501 min.
    // Build directly: 4 h on road, pace p = d/4; finish = 240 + (160 − d)/p × 60. For d=76.8 → 500 min (20 late).
    const twenty = paceVerdict(input({ stopsTotal: 125, stopsDone: 60, plannedDurationMin: 480, asOf: at(240) }), L, S); // 15/h, 65 left = 260 min → 500
    expect(twenty.minutesLate).toBe(20);
    expect(twenty.status).toBe('on_pace');
    const twentyOne = paceVerdict(input({ stopsTotal: 125, stopsDone: 60, plannedDurationMin: 479, asOf: at(240) }), L, S);
    expect(twentyOne.minutesLate).toBe(21);
    expect(twentyOne.status).toBe('behind');
    expect(twentyOne.misses).toEqual(['plan']);
    // The margin is a setting.
    expect(paceVerdict(input({ stopsTotal: 125, stopsDone: 60, plannedDurationMin: 479, asOf: at(240) }), L, { ...S, marginMin: 21 }).status).toBe('on_pace');
  });

  it('flags a route that fits its plan but not the on-duty limit (a 9 h 30 plan)', () => {
    // Exactly on the planned pace: finishes at wave + 570, the limit is wave + 555 → 15 min late: not past the margin.
    const v = paceVerdict(input({ plannedDurationMin: 570, stopsTotal: 190, stopsDone: 80, asOf: at(240) }), L, S);
    expect(v.projectedFinish).toBe(at(570));
    expect(v.minutesLate).toBe(15);
    expect(v.status).toBe('on_pace');
    // A 10 h plan at its pace misses the limit by 45 min.
    const w = paceVerdict(input({ plannedDurationMin: 600, stopsTotal: 200, stopsDone: 80, asOf: at(240) }), L, S);
    expect(w).toMatchObject({ status: 'behind', misses: ['limit'], minutesLate: 45 });
  });

  it('says complete, not started, too early and no stops instead of guessing a finish', () => {
    expect(paceVerdict(input({ complete: true }), L, S).status).toBe('complete');
    expect(paceVerdict(input({ stopsDone: 160 }), L, S).status).toBe('complete');
    expect(paceVerdict(input({ notStarted: true }), L, S).status).toBe('not_started');
    expect(paceVerdict(input({ asOf: at(-10) }), L, S).status).toBe('not_started');
    expect(paceVerdict(input({ asOf: at(59), stopsDone: 1 }), L, S).status).toBe('not_judged');
    expect(paceVerdict(input({ stopsDone: null }), L, S).status).toBe('not_judged');
    const none = paceVerdict(input({ stopsDone: 0, asOf: at(90) }), L, S);
    expect(none).toMatchObject({ status: 'no_stops', projectedFinish: null, minutesLate: null });
  });

  it('on-pace routes are never flagged (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 9 * 60 }), // planned duration that fits the day: ≤ 10 h − 45 min
        fc.integer({ min: 1, max: 400 }), // stops
        fc.integer({ min: 0, max: 120 }), // launch after the wave (min)
        fc.double({ min: 0.05, max: 1, noNaN: true }), // share of the plan elapsed
        fc.double({ min: 1, max: 3, noNaN: true }), // pace factor ≥ the planned pace
        fc.integer({ min: 0, max: 120 }), // margin
        (dur, total, launchMin, share, factor, margin) => {
          const launchedAt = at(launchMin);
          const elapsedMin = Math.max(S.minOnRoadMin, Math.floor(dur * share));
          const done = Math.min(total, Math.ceil(((total / dur) * factor) * elapsedMin));
          const v = paceVerdict(
            input({ launchedAt, asOf: launchedAt + elapsedMin * MIN, plannedDurationMin: dur, stopsTotal: total, stopsDone: done }),
            // Pre-trip may be shorter than the launch delay: the day still fits (duty start = wave − pre-trip).
            { ...L, maxDailyHours: Math.max(L.maxDailyHours, (L.preTripMin + launchMin + dur + L.postTripMin) / 60) },
            { ...S, marginMin: margin },
          );
          expect(v.status).not.toBe('behind');
          expect(v.status).not.toBe('no_stops');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('sorts the behind list by lateness, no stops done first', () => {
    const list = [
      { routeCode: 'B', verdict: { status: 'behind' as const, minutesLate: 30 } },
      { routeCode: 'A', verdict: { status: 'behind' as const, minutesLate: 90 } },
      { routeCode: 'C', verdict: { status: 'no_stops' as const, minutesLate: null } },
    ];
    expect(byLateness(list).map((x) => x.routeCode)).toEqual(['C', 'A', 'B']);
  });

  it('on-duty window: wave − pre-trip, 10 h, less the return', () => {
    expect(dutyWindow(WAVE, L)).toEqual({ start: at(-30), deliveriesBy: at(-30 + 600 - 15) });
  });
});

describe('rescuePlan', () => {
  const need = { asOf: at(300), stopsLeft: 100, pace: 15, deadline: at(480), plannedPace: 20 };
  it('hands over what the driver cannot do by the deadline, with the arithmetic', () => {
    // Driver: 15/h × 3 h = 45 kept → 55 to take. Rescuer free now, 10 km at 40 km/h = 15 min, 55 at 22/h = 2 h 30.
    const p = rescuePlan(need, { kind: 'finished', freeAt: at(300), limitEnd: at(555), pace: 22, distanceKm: 10, prepMin: 0 }, S, fmt);
    expect(p).toMatchObject({ stops: 55, travelMin: 15, fits: true });
    expect(p.rescuerDoneAt).toBe(at(300 + 15 + 150));
    expect(p.slackMin).toBe(555 - 465);
    expect(p.arithmetic).toContain('100 left');
    expect(p.arithmetic).toContain('= 45, so 55 to take');
  });
  it('does not fit when the rescuer would pass their limit; unknown position assumes the travel time', () => {
    const p = rescuePlan(need, { kind: 'standby', freeAt: at(300), limitEnd: at(400), pace: null, distanceKm: null, prepMin: 30 }, S, fmt);
    expect(p.travelMin).toBe(S.unknownTravelMin);
    expect(p.fits).toBe(false);
    expect(p.arithmetic).toContain('position unknown');
  });
  it('ranks fitting first, then known distance nearer first, unknown lower but kept', () => {
    const c = (name: string, fits: boolean, distanceKm: number | null, slackMin = 0) => ({ name, distanceKm, fits, slackMin });
    const ranked = rankRescuers([c('far', true, 20), c('unknown', true, null), c('near', true, 2), c('nofit', false, 1)]);
    expect(ranked.map((x) => x.name)).toEqual(['near', 'far', 'unknown', 'nofit']);
  });
});
