import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { DATE, SHEET, checkInAll, seedBoard } from '../unit/board/fixture';

let s: TestServer;
let ids: { drivers: Record<string, number>; vans: Record<string, number> };
let ownerToken: string;
const routeId = async (code: string) => ((await s.call('board.list', { date: DATE })).body.data.routes as { code: string; id: number }[]).find((r) => r.code === code)!.id;

beforeAll(async () => {
  s = await startTestServer({
    seed: async (ctx) => {
      ids = await seedBoard(ctx);
    },
  });
  const imp = await s.call('routes.import', { fileName: 'routes.csv', content: SHEET, date: DATE, dryRun: false });
  expect(imp.status).toBe(200);
  expect(imp.body.data).toMatchObject({ ok: true, added: ['CX1', 'CX2', 'CX3', 'CX4'], skippedOtherDsp: 1 });
  ownerToken = (await s.call('tokens.create', { name: 'owner laptop', role: 'owner' })).body.data.token;
});
afterAll(async () => s?.close());

describe('board over HTTP', () => {
  it('answers 409 CONFLICT with the hard conflicts', async () => {
    await checkInAll({ ctx: s.ctx, drivers: ids.drivers });
    const res = await s.call('board.assign', { routeId: await routeId('CX3'), driverId: ids.drivers.Cy, vanId: ids.vans['CDV-GROUNDED'] });
    expect(res.status).toBe(409);
    expect(res.body.ok).toBe(false);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.details.conflicts).toEqual([
      { rule: 'VAN_NOT_READY', message: expect.stringContaining('CDV-GROUNDED'), severity: 'hard' },
      { rule: 'VAN_TYPE_MISMATCH', message: expect.any(String), severity: 'hard' },
      { rule: 'DRIVER_NOT_QUALIFIED', message: expect.any(String), severity: 'hard' },
    ]);
  });

  it('answers 409 listing soft warnings, then saves with an override reason that lands in the audit log', async () => {
    const cx2 = await routeId('CX2');
    const input = { routeId: cx2, driverId: ids.drivers.Eve, vanId: ids.vans['EDV-LOW'] };
    const refused = await s.call('board.assign', input);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.conflicts.map((c: { rule: string; severity: string }) => `${c.severity}:${c.rule}`).sort()).toEqual(['soft:EV_RANGE', 'soft:LICENCE_EXPIRING']);
    const saved = await s.call('board.assign', { ...input, override: { reason: 'charger booked at 12:00' } });
    expect(saved.status).toBe(200);
    expect(saved.body.data.routes[0].assignment.overrideReason).toBe('charger booked at 12:00');
    const audit = await s.call('audit.list', { entity: 'route', entityId: String(cx2) });
    expect(audit.body.data[0]).toMatchObject({ action: 'assign (override)', actor: 'desk', reason: expect.stringContaining('charger booked at 12:00') });
    // Undo through the same API.
    const undo = await s.call('board.restore', saved.body.data.undo);
    expect(undo.status).toBe(200);
    expect(undo.body.data.routes[0].assignment).toBeNull();
  });

  it('refuses a too-short override reason with 400', async () => {
    const res = await s.call('board.assign', { routeId: await routeId('CX1'), driverId: ids.drivers.Ana, vanId: ids.vans['CDV-1'], override: { reason: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
  });

  it('owner tokens can read the board but get 403 on every board write', async () => {
    const read = await s.call('board.list', { date: DATE }, ownerToken);
    expect(read.status).toBe(200);
    expect(read.body.data.counts.routes).toBe(4);
    const cx1 = await routeId('CX1');
    for (const [channel, input] of [
      ['board.assign', { routeId: cx1, driverId: ids.drivers.Ana, vanId: ids.vans['CDV-1'] }],
      ['board.unassign', { routeId: cx1 }],
      ['board.autoAssign', { date: DATE, apply: true }],
      ['checkin.set', { driverId: ids.drivers.Ana, status: 'off' }],
      ['routes.import', { fileName: 'x.csv', content: SHEET, date: DATE, dryRun: false }],
    ] as const) {
      const res = await s.call(channel, input, ownerToken);
      expect(res.status, channel).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    // Nothing changed.
    expect((await s.call('board.list', { date: DATE })).body.data.counts.assigned).toBe(0);
  });

  it('auto-assign preview and the load-out PDF over HTTP', async () => {
    const plan = await s.call('board.autoAssign', { date: DATE, apply: false });
    expect(plan.status).toBe(200);
    expect(plan.body.data.covered).toBe(4);
    const pdf = await s.call('board.loadout', { date: DATE, format: 'pdf' }, ownerToken);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(pdf.body.data.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
