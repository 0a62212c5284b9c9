import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call } from '../../../electron/services/dispatch';
import { loadBoardFacts } from '../../../electron/services/board/facts';
import { planAutoAssign } from '../../../electron/services/board/autoassign';
import { checkAssignment, hasHard } from '../../../shared/rules/board';
import { AppError } from '../../../shared/errors';
import { station } from '../../../electron/db/schema';
import { testDesk } from '../../helpers/context';
import { DATE, boardFixture, checkInAll, importSheet, vinFor, type BoardFixture } from './fixture';
import { LEGACY_VAN_TYPES, QUALIFICATIONS } from '../../../shared/domain';

let desk: BoardFixture;
beforeEach(async () => {
  desk = await boardFixture();
  await importSheet(desk);
  await checkInAll(desk);
});
afterEach(() => desk.close());

describe('auto-assign', () => {
  it('covers every route, respects hard rules, flags soft ones and explains each choice', async () => {
    const res = await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: false });
    expect(res.covered).toBe(4);
    expect(res.uncovered).toEqual([]);
    const by = Object.fromEntries(res.proposals.map((p) => [p.routeCode, p]));
    expect(by.CX3).toMatchObject({ driverName: 'Ben Brooks', vanName: 'STEP-1' });
    expect(by.CX2!.vanName).toBe('EDV-1'); // EDV-LOW lacks the range for 90 mi
    // Dee's licence expired: never proposed. Eve (expiring) is needed to cover all four routes, flagged.
    expect(res.proposals.map((p) => p.driverName)).not.toContain('Dee Expired');
    const eve = res.proposals.find((p) => p.driverName === 'Eve Expiring')!;
    expect(eve.flags.map((f) => f.rule)).toEqual(['LICENCE_EXPIRING']);
    for (const p of res.proposals) {
      expect(p.explanation.length).toBeGreaterThan(0);
      expect(p.cost).toBeCloseTo(p.costParts.reduce((s, x) => s + x.cost, 0), 6);
    }
    expect(by.CX1!.alternatives.length).toBeGreaterThan(0);
    // Nothing written by a preview.
    expect((await call(desk.ctx, 'board.list', { date: DATE })).counts.assigned).toBe(0);
  });

  it('prefers drivers who know the route (history) and explains it', async () => {
    await importSheet(desk, 'Route Code,Wave,Service Type\nCX4,10:05,Standard Parcel', '2026-11-19');
    const old = (await call(desk.ctx, 'board.list', { date: '2026-11-19' })).routes[0]!.id;
    await call(desk.ctx, 'board.assign', { routeId: old, driverId: desk.drivers.Ana, vanId: desk.vans['CDV-1'], override: { reason: 'history' } });
    const res = await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: false });
    const cx4 = res.proposals.find((p) => p.routeCode === 'CX4')!;
    expect(cx4.driverName).toBe('Ana Alvarez');
    expect(cx4.explanation[0]).toContain('drove CX4 1×');
  });

  it('apply skips flagged rows without a reason, saves the rest in one go, and returns undo', async () => {
    const res = await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: true });
    expect(res.applied).toBe(true);
    expect(res.skipped.map((s) => s.flags[0]!.rule)).toEqual(['LICENCE_EXPIRING']);
    let view = await call(desk.ctx, 'board.list', { date: DATE });
    expect(view.counts.assigned).toBe(3);
    await call(desk.ctx, 'board.restore', res.undo!);
    view = await call(desk.ctx, 'board.list', { date: DATE });
    expect(view.counts.assigned).toBe(0);
    const withReason = await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: true, override: { reason: 'renewal booked' } });
    expect(withReason.skipped).toEqual([]);
    view = await call(desk.ctx, 'board.list', { date: DATE });
    expect(view.counts.assigned).toBe(4);
    const audit = await call(desk.ctx, 'audit.list', { entity: 'route' });
    expect(audit.some((a) => a.action === 'auto-assign (override)' && a.reason?.includes('renewal booked'))).toBe(true);
  });

  it('keeps pinned and existing assignments and only fills open routes', async () => {
    const view = await call(desk.ctx, 'board.list', { date: DATE });
    const cx1 = view.routes.find((r) => r.code === 'CX2')!.id;
    await call(desk.ctx, 'board.assign', { routeId: cx1, driverId: desk.drivers.Cy, vanId: desk.vans['EDV-1'], pinned: true });
    const res = await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: false });
    expect(res.kept).toBe(1);
    expect(res.proposals.map((p) => p.routeCode)).not.toContain('CX2');
    expect(res.proposals.map((p) => p.driverName)).not.toContain('Cy Chen');
    expect(res.proposals.map((p) => p.vanName)).not.toContain('EDV-1');
    // Asking explicitly for CX1 still keeps it while pinned.
    const only = await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: false, routeIds: [cx1] });
    expect(only.proposals).toEqual([]);
  });

  it('applyProposals enforces the rules (409) and applies accepted rows', async () => {
    const plan = await call(desk.ctx, 'board.autoAssign', { date: DATE, apply: false });
    const cx3 = plan.proposals.find((p) => p.routeCode === 'CX3')!;
    const cx1 = plan.proposals.find((p) => p.routeCode === 'CX1')!;
    // Same driver twice → hard conflict.
    const err = await call(desk.ctx, 'board.applyProposals', {
      date: DATE,
      proposals: [
        { routeId: cx3.routeId, driverId: cx3.driverId, vanId: cx3.vanId },
        { routeId: cx1.routeId, driverId: cx3.driverId, vanId: cx1.vanId },
      ],
    }).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: 'CONFLICT' });
    const ok = await call(desk.ctx, 'board.applyProposals', { date: DATE, proposals: [{ routeId: cx3.routeId, driverId: cx3.driverId, vanId: cx3.vanId }] });
    expect(ok.routes[0]!.driver!.name).toBe('Ben Brooks');
    expect(ok.undo.states).toEqual([{ routeId: cx3.routeId, assignment: null }]);
  });
});

describe('auto-assign on random stations (property)', () => {
  it('never proposes a hard conflict, never reuses a driver or van, and only leaves routes open when stage 1 or 2 cannot fill them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          drivers: fc.array(fc.record({ quals: fc.subarray([...QUALIFICATIONS].slice(0, 3)), status: fc.constantFrom('checked_in', 'scheduled', 'called_out') }), { minLength: 1, maxLength: 6 }),
          vans: fc.array(fc.record({ type: fc.constantFrom(...LEGACY_VAN_TYPES), status: fc.constantFrom('in_service', 'in_service', 'grounded') }), { minLength: 1, maxLength: 6 }),
          routes: fc.array(fc.constantFrom('Standard Parcel', 'Standard Parcel Electric', 'Standard Parcel Step Van', 'Ride Along'), { minLength: 1, maxLength: 5 }),
        }),
        async (spec) => {
          const d = testDesk();
          try {
            d.ctx.db.insert(station).values({ id: 1, name: 'S', code: 'S1', dspCode: 'ACME', lat: 0, lon: 0, timeZone: 'UTC' }).run();
            for (const [i, v] of spec.vans.entries()) await call(d.ctx, 'fleet.upsert', { name: `V${i}`, vin: vinFor(100 + i), type: v.type, status: v.status as 'in_service' });
            for (const [i, dr] of spec.drivers.entries()) {
              const row = await call(d.ctx, 'roster.upsert', { transporterId: `T${String(i).padStart(8, '0')}`, name: `D${i}`, qualifications: dr.quals });
              await call(d.ctx, 'checkin.set', { date: DATE, driverId: row.id, status: dr.status as 'checked_in', ...(dr.status === 'called_out' ? { note: 'sick' } : {}) });
            }
            const csv = ['Route,Wave,Service Type', ...spec.routes.map((s, i) => `R${i},10:05,${s}`)].join('\n');
            await call(d.ctx, 'routes.import', { fileName: 'r.csv', content: csv, date: DATE, dryRun: false });
            const plan = planAutoAssign(d.ctx, DATE);
            const f = loadBoardFacts(d.ctx, DATE);
            const drivers = new Set<number>();
            const vans = new Set<number>();
            for (const p of plan.proposals) {
              expect(drivers.has(p.driverId)).toBe(false);
              drivers.add(p.driverId);
              if (p.vanId != null) {
                expect(vans.has(p.vanId)).toBe(false);
                vans.add(p.vanId);
              }
              const rf = f.routeFacts.get(p.routeId)!;
              const list = checkAssignment(rf, { driver: f.drivers.get(p.driverId)!.facts, van: p.vanId ? f.vans.get(p.vanId)!.facts : null }, f.bookings, f.limits);
              expect(hasHard(list)).toBe(false);
            }
            expect(plan.proposals.length + plan.uncovered.length).toBe(spec.routes.length);
          } finally {
            d.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
