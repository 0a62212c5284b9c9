import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../../electron/services/demo/seed';
import { testDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';

/**
 * Issue 13: on the demo station's ordinary day at most one proposal in ten carries a warning, and
 * each warning is one of the problems the demo plants on purpose (README "Demo station"): drivers
 * whose mandatory training expired or was never taken, licences running out within 14 days.
 */
const PLANTED = new Set(['TRAINING_EXPIRED', 'LICENCE_EXPIRING']);

describe('demo station: warnings that mean something', () => {
  const desk = testDesk();
  seedDemo(desk.ctx, {});

  it('auto-assign on today: ≤ 1 proposal in 10 flagged, each flag a planted problem', async () => {
    const plan = await call(desk.ctx, 'board.autoAssign', { apply: false });
    expect(plan.proposals.length).toBeGreaterThanOrEqual(20);
    expect(plan.uncovered).toEqual([]);
    const flagged = plan.proposals.filter((p) => p.flags.length > 0);
    expect(flagged.length * 10).toBeLessThanOrEqual(plan.proposals.length);
    for (const p of flagged) for (const f of p.flags) expect(PLANTED, `${p.routeCode}: ${f.message}`).toContain(f.rule);
  }, 120_000);

  it('the board today: no route in conflict, and every warning on it is planted', async () => {
    const board = await call(desk.ctx, 'board.list', {});
    expect(board.counts.conflicts).toBe(0);
    const warned = board.routes.filter((r) => r.conflicts.length > 0);
    expect(warned.length * 10).toBeLessThanOrEqual(board.routes.length);
    for (const r of warned) for (const c of r.conflicts) expect(PLANTED, `${r.code}: ${c.message}`).toContain(c.rule);
  }, 120_000);
});
