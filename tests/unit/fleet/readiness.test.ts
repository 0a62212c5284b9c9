import { describe, expect, it } from 'vitest';
import { call, dispatch } from '../../../electron/services/dispatch';
import { computeReadiness } from '../../../electron/services/fleet/readiness';
import { assignments, drivers, routes } from '../../../electron/db/schema';
import { testDesk } from '../../helpers/context';
import { withCheckDigit } from '../../../shared/vin';
import { DVIR_CHECKLIST } from '../../../shared/rules/fleet/maintenance';
import type { ServiceContext } from '../../../electron/services/context';

// Test clock: 2026-11-26T13:00Z; no station yet, so "today" is 2026-11-26 (UTC).
const TODAY = '2026-11-26';
let n = 0;
async function van(ctx: ServiceContext, over: Record<string, unknown> = {}, history = true) {
  n++;
  const vin = withCheckDigit(`1FTBW3XM0${String(n).padStart(2, '0')}KA${String(1000 + n)}`.slice(0, 17));
  const v = await call(ctx, 'fleet.upsert', { name: `Van ${n}`, vin, type: 'CDV', odometerMi: 20_000, ...over });
  // A clean PM history so only the rule under test speaks.
  if (history) for (const code of ['oil', 'tyre_rotation', 'brake_inspection', 'annual_safety', 'ev_battery']) {
    await call(ctx, 'fleet.recordService', { vanId: v.id, code, date: '2026-11-01', odometerMi: v.odometerMi });
  }
  return v;
}
const allPass = () => DVIR_CHECKLIST.map((i) => ({ itemCode: i.code, passed: true }));
async function readiness(ctx: ServiceContext, vanId: number, date?: string) {
  const rows = await call(ctx, 'fleet.readiness', date ? { date } : {});
  return rows.find((r) => r.vanId === vanId)!;
}

describe('fleet readiness service', () => {
  it('a ready van is ready; computeReadiness (the board’s source) agrees with the channel', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    const r = await readiness(ctx, v.id);
    expect(r).toMatchObject({ vanId: v.id, status: 'ready', reasons: [], name: v.name, vanClass: 'standard_cargo', electric: false, assignment: null, preTrip: null });
    expect(computeReadiness(ctx, TODAY).get(v.id)).toEqual({ vanId: v.id, status: 'ready', reasons: [] });
  });

  it('critical defect grounds at once; lifecycle open → in repair → repaired → released; release refused while open', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    const d = await call(ctx, 'fleet.reportDefect', { vanId: v.id, description: 'Brake pedal soft', severity: 'critical' });
    expect(d).toMatchObject({ id: expect.any(Number), status: 'open', severity: 'critical', reportedBy: 'desk' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'grounded', reasons: [{ code: 'DEFECT_CRITICAL', message: `Critical defect #${d.id}: Brake pedal soft` }] });

    const refused = await dispatch(ctx, 'fleet.releaseVan', { vanId: v.id, note: 'looks fine' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { conflicts: [{ rule: 'DEFECT_CRITICAL' }] } } });

    const inRepair = await call(ctx, 'fleet.startRepair', { defectId: d.id, shop: 'Midway Fleet', expectedDate: '2026-11-28' });
    expect(inRepair).toMatchObject({ status: 'in_repair', shop: 'Midway Fleet', expectedDate: '2026-11-28' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'in-shop', reasons: [{ code: 'IN_REPAIR' }] });
    expect(await dispatch(ctx, 'fleet.releaseVan', { vanId: v.id, note: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const repaired = await call(ctx, 'fleet.resolveDefect', { defectId: d.id, note: 'Replaced master cylinder', cost: 412.5, invoiceRef: 'INV-881' });
    expect(repaired).toMatchObject({ status: 'repaired', cost: 412.5, invoiceRef: 'INV-881', repairNote: 'Replaced master cylinder' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'in-shop', reasons: [{ code: 'AWAITING_RELEASE' }] });
    // Repaired is not open: a second resolve is a lifecycle conflict, start repair too.
    expect(await dispatch(ctx, 'fleet.resolveDefect', { defectId: d.id, note: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const released = await call(ctx, 'fleet.releaseVan', { vanId: v.id, note: 'Road tested' });
    expect(released).toMatchObject({ vanId: v.id, status: 'ready', reasons: [] });
    const after = (await call(ctx, 'fleet.defects', { vanId: v.id }))[0]!;
    expect(after).toMatchObject({ status: 'released', releasedBy: 'desk', releaseNote: 'Road tested' });

    const audit = await call(ctx, 'audit.list', { entity: 'defect', entityId: String(d.id) });
    expect(audit.map((a) => a.action)).toEqual(['release', 'repaired', 'start_repair', 'report']);
    expect((await call(ctx, 'audit.list', { entity: 'van', entityId: String(v.id) }))[0]).toMatchObject({ action: 'release', reason: 'Road tested' });
  });

  it('minor defect needs attention and does not block release', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    await call(ctx, 'fleet.reportDefect', { vanId: v.id, description: 'Cargo light out', severity: 'minor' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'attention', reasons: [{ code: 'DEFECT_OPEN' }] });
    expect((await dispatch(ctx, 'fleet.releaseVan', { vanId: v.id, note: '' })).ok).toBe(true);
  });

  it('a failing DVIR (critical item) opens a critical defect and grounds the van; a non-critical failure opens a minor one', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    const items = allPass().map((i) => (i.itemCode === 'brakes' ? { ...i, passed: false, note: 'grinding' } : i.itemCode === 'cleanliness' ? { ...i, passed: false } : i));
    const res = await call(ctx, 'fleet.inspect', { vanId: v.id, kind: 'pre_trip', inspector: 'Ana Ruiz', odometerMi: 20_150, items });
    expect(res).toMatchObject({ result: 'fail', inspector: 'Ana Ruiz', date: TODAY, odometerMi: 20_150 });
    expect(res.items).toHaveLength(DVIR_CHECKLIST.length);
    expect(res.defects.map((d) => [d.severity, d.itemCode, d.description])).toEqual([
      ['critical', 'brakes', 'Brakes failed on pre-trip DVIR: grinding'],
      ['minor', 'cleanliness', 'Cleanliness failed on pre-trip DVIR'],
    ]);
    const r = await readiness(ctx, v.id);
    expect(r.status).toBe('grounded');
    expect(r.reasons[0]).toMatchObject({ code: 'DEFECT_CRITICAL' });
    expect(r.odometerMi).toBe(20_150); // the DVIR odometer feeds the van
    // The same failure again does not duplicate the open defect.
    const again = await call(ctx, 'fleet.inspect', { vanId: v.id, inspector: 'Ana Ruiz', items: [{ itemCode: 'brakes', passed: false }] });
    expect(again.defects.map((d) => d.id)).toEqual([res.defects[0]!.id]);
    expect((await call(ctx, 'fleet.inspections', { vanId: v.id })).map((i) => i.result)).toEqual(['fail', 'fail']);
  });

  it('a van released after a failed DVIR is ready again; a passing DVIR is ready', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    const res = await call(ctx, 'fleet.inspect', { vanId: v.id, inspector: 'Bo', items: [{ itemCode: 'horn', passed: false }] });
    const d = res.defects[0]!;
    await call(ctx, 'fleet.resolveDefect', { defectId: d.id, note: 'fuse' });
    await call(ctx, 'fleet.releaseVan', { vanId: v.id, note: 'ok' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'ready' });
    const v2 = await van(ctx);
    expect((await call(ctx, 'fleet.inspect', { vanId: v2.id, inspector: 'Bo', items: allPass() })).result).toBe('pass');
    expect(await readiness(ctx, v2.id)).toMatchObject({ status: 'ready' });
  });

  it('a back-dated DVIR is recorded for its own day and does not hide the latest one', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    await call(ctx, 'fleet.inspect', { vanId: v.id, inspector: 'Bo', items: [{ itemCode: 'mirrors', passed: false }] });
    const old = await call(ctx, 'fleet.inspect', { vanId: v.id, inspector: 'Cy', at: '2026-11-20T15:00:00Z', items: allPass() });
    expect(old).toMatchObject({ date: '2026-11-20', inspector: 'Cy', result: 'pass' });
    expect((await readiness(ctx, v.id)).status).toBe('grounded');
    // On the 21st the van's latest DVIR was the passing one.
    expect((await readiness(ctx, v.id, '2026-11-21')).reasons.map((r) => r.code)).toEqual(['DEFECT_CRITICAL']);
  });

  it('inspection input is validated: unknown items, duplicates, no items', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    for (const items of [[{ itemCode: 'wings', passed: true }], [{ itemCode: 'horn', passed: true }, { itemCode: 'horn', passed: false }], []]) {
      expect(await dispatch(ctx, 'fleet.inspect', { vanId: v.id, inspector: 'X', items })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await dispatch(ctx, 'fleet.inspect', { vanId: 999, inspector: 'X', items: allPass() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('PM: overdue brake inspection grounds, overdue oil needs attention, recording the service clears it', async () => {
    const { ctx } = testDesk();
    const v2 = await van(ctx, { odometerMi: 30_000 });
    await call(ctx, 'fleet.recordService', { vanId: v2.id, code: 'brake_inspection', date: '2026-11-20', odometerMi: 10_000 });
    await call(ctx, 'fleet.recordService', { vanId: v2.id, code: 'oil', date: '2026-11-20', odometerMi: 24_000 });
    const r = await readiness(ctx, v2.id);
    expect(r.status).toBe('grounded');
    expect(r.reasons.map((x) => x.code)).toEqual(['PM_SAFETY_OVERDUE', 'PM_OVERDUE']);
    expect(r.reasons[0]!.message).toBe('Brake inspection overdue by 5,000 mi');
    await call(ctx, 'fleet.recordService', { vanId: v2.id, code: 'brake_inspection', date: '2026-11-26', odometerMi: 30_000 });
    await call(ctx, 'fleet.recordService', { vanId: v2.id, code: 'oil', date: '2026-11-26', odometerMi: 30_000 });
    expect(await readiness(ctx, v2.id)).toMatchObject({ status: 'ready' });
  });

  it('PM: a van with no service history needs attention; the 14-day forecast lists what goes to the shop', async () => {
    const { ctx } = testDesk();
    const bare = await call(ctx, 'fleet.upsert', { name: 'Bare', vin: withCheckDigit('1FTBW3XM0LKA99999'), type: 'EDV' });
    expect(await readiness(ctx, bare.id)).toMatchObject({ status: 'attention', reasons: [{ code: 'PM_NO_RECORD' }] });
    const v = await van(ctx, {}, false);
    await call(ctx, 'fleet.recordService', { vanId: v.id, code: 'tyre_rotation', date: '2026-11-20', odometerMi: 19_000 });
    await call(ctx, 'fleet.recordService', { vanId: v.id, code: 'brake_inspection', date: '2026-11-20', odometerMi: 19_000 });
    await call(ctx, 'fleet.recordService', { vanId: v.id, code: 'oil', date: '2026-11-20', odometerMi: 15_200 }); // due at 20,200: 200 mi left
    await call(ctx, 'fleet.recordService', { vanId: v.id, code: 'annual_safety', date: '2025-12-05', odometerMi: null }); // due 2026-12-05
    const pm = await call(ctx, 'fleet.pm', { vanId: v.id });
    expect(pm.due.map((p) => [p.code, p.state])).toEqual([
      ['annual_safety', 'due'],
      ['oil', 'due'],
    ]);
    expect(pm.forecastUntil).toBe('2026-12-10');
    // 80 mi/day default → oil in 2 days; annual on its date.
    expect(pm.forecast.map((p) => [p.code, p.forecastDate])).toEqual([
      ['oil', '2026-11-28'],
      ['annual_safety', '2026-12-05'],
    ]);
    const r = await readiness(ctx, v.id);
    expect(r.reasons.map((x) => x.code)).toEqual(['PM_DUE_SOON', 'PM_DUE_SOON']);
  });

  it('PM schedules and thresholds are editable (and audited)', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    await call(ctx, 'fleet.recordService', { vanId: v.id, code: 'oil', date: '2026-11-20', odometerMi: 18_000 });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'ready' });
    await call(ctx, 'fleet.setPmSchedule', { vanClass: 'standard_cargo', code: 'oil', label: 'Oil and filter', everyMi: 2000, everyDays: 90 });
    expect((await readiness(ctx, v.id)).reasons.map((r) => r.code)).toEqual(['PM_DUE_SOON']);
    expect((await call(ctx, 'fleet.pmSchedules', {})).find((s) => s.vanClass === 'standard_cargo' && s.code === 'oil')).toMatchObject({ everyMi: 2000 });
    await call(ctx, 'fleet.setPmSchedule', { vanClass: 'standard_cargo', code: 'oil', label: 'Oil and filter', everyMi: 2000, everyDays: 90, active: false });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'ready' });
    expect(await dispatch(ctx, 'fleet.setPmSchedule', { vanClass: 'standard_cargo', code: 'x', label: 'X', everyMi: null, everyDays: null })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(ctx, 'fleet.setSettings', { docWarnDays: 60 })).toMatchObject({ docWarnDays: 60, dueSoonMi: 500 });
    await call(ctx, 'fleet.setDocument', { vanId: v.id, kind: 'insurance', expiresOn: '2027-01-15' });
    expect((await readiness(ctx, v.id)).reasons.map((r) => r.code)).toEqual(['DOC_EXPIRING']);
    expect((await call(ctx, 'audit.list', { entity: 'settings' }))[0]).toMatchObject({ action: 'update', after: { docWarnDays: 60 } });
  });

  it('documents: expired registration grounds, expiring insurance needs attention; a readiness date in the past differs', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    await call(ctx, 'fleet.setDocument', { vanId: v.id, kind: 'registration', expiresOn: '2026-11-20', reference: 'IL 123' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'grounded', reasons: [{ code: 'DOC_EXPIRED', message: 'Registration expired 2026-11-20' }] });
    expect(await readiness(ctx, v.id, '2026-11-19')).toMatchObject({ status: 'attention', reasons: [{ code: 'DOC_EXPIRING' }] });
    await call(ctx, 'fleet.setDocument', { vanId: v.id, kind: 'registration', expiresOn: '2027-11-20' });
    await call(ctx, 'fleet.setDocument', { vanId: v.id, kind: 'insurance', expiresOn: '2026-12-01' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'attention', reasons: [{ code: 'DOC_EXPIRING', message: 'Insurance expires in 5 days (2026-12-01)' }] });
    expect((await call(ctx, 'fleet.documents', { vanId: v.id })).map((d) => d.kind).sort()).toEqual(['insurance', 'registration']);
  });

  it('EV: low charge needs attention; setCharge updates and audits; the assigned route distance is checked', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx, { type: 'EDV', usableRangeMi: 150, stateOfChargePct: 90 });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'ready' });
    expect(await call(ctx, 'fleet.setCharge', { vanId: v.id, stateOfChargePct: 20, chargingBay: 'B4' })).toEqual({ vanId: v.id, stateOfChargePct: 20, usableRangeMi: 150, chargingBay: 'B4' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'attention', reasons: [{ code: 'EV_CHARGE_LOW', message: 'Charge low: 20 %' }], chargingBay: 'B4' });
    await call(ctx, 'fleet.setCharge', { vanId: v.id, stateOfChargePct: 50 });
    const driver = ctx.db.insert(drivers).values({ transporterId: 'A1B2C3D4E5F6G7', name: 'Ana Ruiz' }).returning().get();
    const route = ctx.db.insert(routes).values({ date: TODAY, code: 'CX12', wave: '10:05', serviceType: 'Standard Parcel', plannedDurationMin: 600, plannedDistanceMi: 90 }).returning().get();
    ctx.db.insert(assignments).values({ routeId: route.id, date: TODAY, driverId: driver.id, vanId: v.id, assignedBy: 'desk', assignedAt: 'x' }).run();
    const r = await readiness(ctx, v.id);
    expect(r.assignment).toEqual({ routeCode: 'CX12', wave: '10:05', driverName: 'Ana Ruiz', plannedDistanceMi: 90 });
    expect(r).toMatchObject({ status: 'attention', reasons: [{ code: 'EV_RANGE_SHORT', message: "Range 75 mi does not cover the route's 90 mi + 15 %" }] });
    expect((await call(ctx, 'audit.list', { entity: 'van', entityId: String(v.id) }))[0]).toMatchObject({ action: 'charge', after: { stateOfChargePct: 50 } });
  });

  it('van status set by people: out of service, in shop, grounded; release brings it back', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    await call(ctx, 'fleet.upsert', { ...strip(v), status: 'out_of_service', statusReason: 'Accident' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'out-of-service', reasons: [{ code: 'OUT_OF_SERVICE', message: 'Out of service: Accident' }] });
    await call(ctx, 'fleet.upsert', { ...strip(v), status: 'grounded', statusReason: 'Keys missing' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'grounded', reasons: [{ code: 'GROUNDED' }] });
    await call(ctx, 'fleet.releaseVan', { vanId: v.id, note: 'Keys found' });
    expect(await readiness(ctx, v.id)).toMatchObject({ status: 'ready' });
    expect((await call(ctx, 'fleet.get', { id: v.id })).status).toBe('in_service');
  });

  it('fleet.van answers the drawer: readiness, inspections, defects, PM, documents', async () => {
    const { ctx } = testDesk();
    const v = await van(ctx);
    await call(ctx, 'fleet.inspect', { vanId: v.id, inspector: 'Bo', items: allPass() });
    await call(ctx, 'fleet.reportDefect', { vanId: v.id, description: 'Dent', severity: 'minor' });
    const d = await call(ctx, 'fleet.van', { vanId: v.id });
    expect(d.readiness.status).toBe('attention');
    expect(d.inspections).toHaveLength(1);
    expect(d.defects).toHaveLength(1);
    expect(d.pm.map((p) => p.code).sort()).toEqual(['annual_safety', 'brake_inspection', 'oil', 'tyre_rotation']);
    expect(d.serviceRecords.length).toBe(5);
  });

  it('owners read readiness but cannot change anything', async () => {
    const desk = testDesk();
    const v = await van(desk.ctx);
    const owner = desk.as({ name: 'owner', role: 'owner' });
    expect((await dispatch(owner, 'fleet.readiness', {})).ok).toBe(true);
    for (const [ch, input] of [
      ['fleet.reportDefect', { vanId: v.id, description: 'x', severity: 'minor' }],
      ['fleet.releaseVan', { vanId: v.id }],
      ['fleet.setCharge', { vanId: v.id, stateOfChargePct: 5 }],
    ] as const) {
      expect(await dispatch(owner, ch, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

function strip<T extends { id: number; createdAt: string; updatedAt: string; archivedAt: string | null }>(v: T) {
  const { createdAt: _c, updatedAt: _u, archivedAt: _a, ...rest } = v;
  return rest;
}
