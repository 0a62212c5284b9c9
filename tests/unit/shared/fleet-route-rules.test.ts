import { describe, expect, it } from 'vitest';
import { chargeAtWave, dueForRoute, evMilesNeeded } from '../../../shared/rules/fleet/readiness';
import { evaluateVan, pmStatus } from '../../../shared/rules/fleet/evaluate';
import { DEFAULT_FLEET_SETTINGS } from '../../../shared/rules/fleet/maintenance';

const route = { date: '2026-11-26', plannedDistanceMi: 80 };

describe('fleet rules for one route', () => {
  it('chargeAtWave: today uses today\'s charge; each night at a bay adds the overnight charge, capped at full', () => {
    const van = { stateOfChargePct: 24, chargingBay: 'CB-03' };
    expect(chargeAtWave(van, 0, 70)).toBe(24);
    expect(chargeAtWave(van, 1, 70)).toBe(94);
    expect(chargeAtWave(van, 2, 70)).toBe(100);
    expect(chargeAtWave({ ...van, chargingBay: '' }, 1, 70)).toBe(24); // no bay: no overnight charge
    expect(chargeAtWave({ stateOfChargePct: null, chargingBay: 'CB-01' }, 1, 70)).toBeNull();
    expect(chargeAtWave(van, -1, 70)).toBe(24); // a past day: no charge invented
  });

  it('evMilesNeeded = distance × factor + margin', () => {
    expect(evMilesNeeded(80, { evRangeFactor: 1.2, evRangeMarginMi: 10 })).toBe(106);
  });

  it('readiness reasons carry what the route rule needs (miles left, due date)', () => {
    const p = pmStatus({ code: 'oil', label: 'Oil and filter', safety: false, everyMi: 5000, everyDays: 180 }, { date: '2026-10-01', odometerMi: 10_000 }, 14_696, '2026-11-26', DEFAULT_FLEET_SETTINGS);
    const r = evaluateVan(
      {
        van: { id: 1, electric: false, status: 'in_service', statusReason: '', odometerMi: 14_696, stateOfChargePct: null, usableRangeMi: null, ownership: 'rental', ownershipEndDate: '2026-12-21' },
        defects: [],
        pm: [p],
        documents: [{ kind: 'insurance', expiresOn: '2026-12-15' }],
      },
      '2026-11-26',
      DEFAULT_FLEET_SETTINGS,
    );
    expect(r.status).toBe('attention');
    expect(r.reasons.map((x) => [x.code, x.milesLeft ?? null, x.dueOn ?? null])).toEqual([
      ['PM_DUE_SOON', 304, '2027-03-30'],
      ['DOC_EXPIRING', null, '2026-12-15'],
      ['RENTAL_RETURN_DUE', null, '2026-12-21'],
    ]);
    // The morning: oil in 304 mi on an 80-mi route, insurance in 19 days, a return in 25 days — none due for the route.
    expect(r.reasons.filter((x) => dueForRoute(x, route, 20))).toEqual([]);
    // The same van on the insurance's last day: that one is due.
    expect(r.reasons.filter((x) => dueForRoute(x, { ...route, date: '2026-12-15' }, 20)).map((x) => x.code)).toEqual(['DOC_EXPIRING']);
  });
});
