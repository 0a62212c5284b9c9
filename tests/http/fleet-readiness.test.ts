import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../electron/services/dispatch';
import { startTestServer, type TestServer } from '../helpers/server';
import { withCheckDigit } from '../../shared/vin';

// Fixed test clock 2026-11-26T13:00Z; no station → "today" is 2026-11-26.
const TODAY = '2026-11-26';

describe('fleet readiness over HTTP: a critical defect grounds a van, the board refuses it, repair + release makes it assignable', () => {
  let srv: TestServer;
  let vanId = 0;
  let driverId = 0;
  let routeId = 0;

  beforeAll(async () => {
    srv = await startTestServer({
      seed: async (ctx) => {
        const van = await call(ctx, 'fleet.upsert', { name: 'CDV-21', vin: withCheckDigit('1FTBW3XM0MKA21021'), type: 'CDV', odometerMi: 30_000 });
        vanId = van.id;
        for (const code of ['oil', 'tyre_rotation', 'brake_inspection', 'annual_safety']) {
          await call(ctx, 'fleet.recordService', { vanId, code, date: '2026-11-20', odometerMi: 29_800 });
        }
        const driver = await call(ctx, 'roster.upsert', { transporterId: 'A2B3C4D5E6F7G8', name: 'Rosa Diaz', qualifications: ['CDV'] });
        driverId = driver.id;
        ctx.db.$client.prepare(`INSERT INTO driver_days (driver_id, date, status, checked_in_at) VALUES (?,?,?,?)`).run(driverId, TODAY, 'checked_in', `${TODAY}T12:30:00.000Z`);
        const route = ctx.db.$client
          .prepare(`INSERT INTO routes (date, code, wave, service_type, planned_duration_min, planned_distance_mi) VALUES (?,?,?,?,?,?) RETURNING id`)
          .get(TODAY, 'CX21', '10:05', 'Standard Parcel', 540, 85) as { id: number };
        routeId = route.id;
      },
    });
  });
  afterAll(async () => srv?.close());

  const readinessOf = async () => {
    const res = await srv.call('fleet.readiness', {});
    expect(res.status).toBe(200);
    return (res.body.data as { vanId: number; status: string; reasons: { code: string; message: string }[] }[]).find((r) => r.vanId === vanId)!;
  };

  it('walks the whole story', async () => {
    expect(await readinessOf()).toMatchObject({ vanId, status: 'ready', reasons: [] });

    const reported = await srv.call('fleet.reportDefect', { vanId, description: 'Brake pedal goes to the floor', severity: 'critical' });
    expect(reported.status).toBe(200);
    const defectId = reported.body.data.id as number;
    expect(defectId).toBeGreaterThan(0);

    expect(await readinessOf()).toMatchObject({
      status: 'grounded',
      reasons: [{ code: 'DEFECT_CRITICAL', message: `Critical defect #${defectId}: Brake pedal goes to the floor` }],
    });

    // The board refuses the grounded van with rule VAN_NOT_READY (engineer D's board.assign).
    const refused = await srv.call('board.assign', { routeId, driverId, vanId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(refused.body.error.details.conflicts).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'VAN_NOT_READY', severity: 'hard' })]));
    const check = await srv.call('board.check', { routeId, driverId, vanId });
    expect(check.status).toBe(200);

    // Release is refused while the critical defect is open.
    const early = await srv.call('fleet.releaseVan', { vanId, note: 'seems fine' });
    expect(early.status).toBe(409);
    expect(early.body.error.details.conflicts[0]).toMatchObject({ rule: 'DEFECT_CRITICAL' });

    expect((await srv.call('fleet.startRepair', { defectId, shop: 'Valley Fleet Service', expectedDate: '2026-11-27' })).status).toBe(200);
    expect((await readinessOf()).status).toBe('in-shop');
    const repaired = await srv.call('fleet.resolveDefect', { defectId, note: 'Master cylinder replaced', cost: 615.4, invoiceRef: 'VFS-2231' });
    expect(repaired.body.data).toMatchObject({ status: 'repaired', cost: 615.4 });
    const released = await srv.call('fleet.releaseVan', { vanId, note: 'Road tested by Sam' });
    expect(released.status).toBe(200);
    expect(released.body.data).toMatchObject({ vanId, status: 'ready', reasons: [] });

    expect(await readinessOf()).toMatchObject({ status: 'ready', reasons: [] });
    const assigned = await srv.call('board.assign', { routeId, driverId, vanId });
    expect(assigned.body.error ?? null).toBeNull();
    expect(assigned.status).toBe(200);
    expect((await readinessOf() as unknown as { assignment: unknown }).assignment).toMatchObject({ routeCode: 'CX21', driverName: 'Rosa Diaz' });

    const audit = await srv.call('audit.list', { entity: 'defect', entityId: String(defectId) });
    expect(audit.body.data.map((a: { action: string }) => a.action)).toEqual(['release', 'repaired', 'start_repair', 'report']);
  });

  it('owners read the grid but cannot report or release (403); bad input is 400; unknown van is 404', async () => {
    const tok = await srv.call('tokens.create', { name: 'owner laptop', role: 'owner' });
    const owner = tok.body.data.token as string;
    expect((await srv.call('fleet.readiness', {}, owner)).status).toBe(200);
    expect((await srv.call('fleet.reportDefect', { vanId, description: 'x', severity: 'minor' }, owner)).status).toBe(403);
    expect((await srv.call('fleet.releaseVan', { vanId }, owner)).status).toBe(403);
    expect((await srv.call('fleet.reportDefect', { vanId, description: 'x', severity: 'catastrophic' })).status).toBe(400);
    expect((await srv.call('fleet.reportDefect', { vanId: 9999, description: 'x', severity: 'minor' })).status).toBe(404);
  });
});
