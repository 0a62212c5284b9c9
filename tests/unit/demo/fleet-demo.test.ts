import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { seedDemo } from '../../../electron/services/demo/seed';
import { testDesk } from '../../helpers/context';

describe('demo fleet maintenance', () => {
  it('seeds a year of DVIRs, work orders, PM history and documents with today’s stories', async () => {
    const { ctx } = testDesk();
    seedDemo(ctx, {});
    const rows = await call(ctx, 'fleet.readiness', {});
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    // One van grounded by today's failed DVIR (critical item → critical defect).
    expect(by['EDV-07']!.status).toBe('grounded');
    expect(by['EDV-07']!.reasons.map((r) => r.code)).toContain('DEFECT_CRITICAL');
    expect(by['EDV-07']!.reasons.find((r) => r.code === 'DEFECT_CRITICAL')!.message).toContain('failed on pre-trip DVIR');
    expect(by['CDV-11']).toMatchObject({ status: 'in-shop' });
    expect(by['CDV-11']!.reasons.map((r) => r.code)).toContain('IN_REPAIR');
    expect(by['STEP-04']!.status).toBe('out-of-service');
    for (const [name, code] of [['CDV-03', 'DEFECT_OPEN'], ['CDV-05', 'PM_DUE_SOON'], ['STEP-02', 'PM_DUE_SOON'], ['CDV-09', 'DOC_EXPIRING'], ['EDV-03', 'EV_CHARGE_LOW']] as const) {
      expect(by[name], name).toMatchObject({ status: 'attention' });
      expect(by[name]!.reasons.map((r) => r.code), name).toContain(code);
    }
    // Most of the fleet is ready; no van lacks PM history.
    expect(rows.filter((r) => r.status === 'ready').length).toBeGreaterThan(rows.length / 2);
    expect(rows.flatMap((r) => r.reasons).filter((r) => r.code === 'PM_NO_RECORD')).toEqual([]);
    const insp = await call(ctx, 'fleet.inspections', { vanId: by['CDV-01']!.vanId, limit: 2000 });
    expect(insp.length).toBeGreaterThan(100);
    expect(insp.at(-1)!.date <= '2025-12-01').toBe(true); // a year back
    const released = await call(ctx, 'fleet.defects', { status: ['released'] });
    expect(released.length).toBeGreaterThan(10);
    expect(released.some((d) => d.invoiceRef && d.cost != null && d.shop)).toBe(true);
    const pm = await call(ctx, 'fleet.pm', {});
    expect(pm.forecast.length).toBeGreaterThan(3);
    expect(pm.forecast[0]).toMatchObject({ vanName: 'CDV-05', code: 'oil' });
  }, 120_000);
});
