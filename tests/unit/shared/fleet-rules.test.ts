import { describe, expect, it } from 'vitest';
import { evaluateVan, pmForecastDate, pmMessage, pmStatus, type VanFacts } from '../../../shared/rules/fleet/evaluate';
import { DEFAULT_FLEET_SETTINGS, defaultPmSchedules } from '../../../shared/rules/fleet/maintenance';
import { READINESS_RULES, chargeCovers, worstStatus } from '../../../shared/rules/fleet/readiness';

const S = DEFAULT_FLEET_SETTINGS;
const DAY = '2026-11-26';
const oil = { code: 'oil', label: 'Oil and filter', safety: false, everyMi: 5000, everyDays: 180 };
const brakes = { code: 'brake_inspection', label: 'Brake inspection', safety: true, everyMi: 15000, everyDays: 180 };
const tyres = { code: 'tyre_rotation', label: 'Tyre rotation', safety: false, everyMi: 7500, everyDays: null };
const annual = { code: 'annual_safety', label: 'Annual safety inspection', safety: true, everyMi: null, everyDays: 365 };

describe('PM calculation: miles and days, whichever comes first', () => {
  it('is ok well inside both limits', () => {
    const p = pmStatus(oil, { date: '2026-10-01', odometerMi: 10_000 }, 11_000, DAY, S);
    expect(p).toMatchObject({ state: 'ok', nextDueMi: 15_000, nextDueDate: '2027-03-30', milesLeft: 4000, daysLeft: 124 });
  });
  it('is due soon by miles when within 500 mi, even with months left', () => {
    const p = pmStatus(oil, { date: '2026-10-01', odometerMi: 10_000 }, 14_600, DAY, S);
    expect(p).toMatchObject({ state: 'due', dueBy: 'miles', milesLeft: 400 });
    expect(pmMessage(p)).toBe('Oil and filter due in 400 mi');
  });
  it('is due soon by days when within 14 days, even with miles left', () => {
    const p = pmStatus(oil, { date: '2026-06-01', odometerMi: 10_000 }, 11_000, DAY, S);
    expect(p).toMatchObject({ state: 'due', dueBy: 'days', daysLeft: 2, nextDueDate: '2026-11-28' });
    expect(pmMessage(p)).toBe('Oil and filter due in 2 days (2026-11-28)');
  });
  it('is overdue by miles when past the mileage, days notwithstanding', () => {
    const p = pmStatus(oil, { date: '2026-11-01', odometerMi: 10_000 }, 15_200, DAY, S);
    expect(p).toMatchObject({ state: 'overdue', dueBy: 'miles', milesLeft: -200 });
    expect(pmMessage(p)).toBe('Oil and filter overdue by 200 mi');
  });
  it('is overdue by days when past the date, miles notwithstanding', () => {
    const p = pmStatus(brakes, { date: '2026-05-01', odometerMi: 10_000 }, 10_100, DAY, S);
    expect(p).toMatchObject({ state: 'overdue', dueBy: 'days', daysLeft: -29, nextDueDate: '2026-10-28' });
    expect(pmMessage(p)).toContain('overdue by 29 days (was due 2026-10-28)');
  });
  it('exactly at the limit is due (today), one past is overdue', () => {
    expect(pmStatus(oil, { date: '2026-10-01', odometerMi: 10_000 }, 15_000, DAY, S).state).toBe('due');
    expect(pmStatus(oil, { date: '2026-10-01', odometerMi: 10_000 }, 15_001, DAY, S).state).toBe('overdue');
    expect(pmStatus(annual, { date: '2025-11-26', odometerMi: null }, 0, DAY, S)).toMatchObject({ state: 'due', daysLeft: 0 });
    expect(pmStatus(annual, { date: '2025-11-25', odometerMi: null }, 0, DAY, S)).toMatchObject({ state: 'overdue', daysLeft: -1 });
  });
  it('miles-only items ignore days; days-only items ignore miles', () => {
    expect(pmStatus(tyres, { date: '2020-01-01', odometerMi: 1000 }, 2000, DAY, S)).toMatchObject({ state: 'ok', daysLeft: null });
    expect(pmStatus(annual, { date: '2026-06-01', odometerMi: 0 }, 900_000, DAY, S)).toMatchObject({ state: 'ok', milesLeft: null });
  });
  it('no record is unknown', () => {
    expect(pmStatus(oil, undefined, 20_000, DAY, S).state).toBe('unknown');
  });
  it('due-soon windows come from settings', () => {
    const p = pmStatus(oil, { date: '2026-10-01', odometerMi: 10_000 }, 14_000, DAY, { dueSoonMi: 1500, dueSoonDays: 14 });
    expect(p.state).toBe('due');
  });
  it('forecasts the earlier of the day limit and the miles running out', () => {
    const p = pmStatus(oil, { date: '2026-10-01', odometerMi: 10_000 }, 14_000, DAY, S); // 1000 mi left, due 2027-03-30
    expect(pmForecastDate(p, DAY, 100)).toBe('2026-12-06');
    expect(pmForecastDate(p, DAY, 1)).toBe('2027-03-30');
    const over = pmStatus(oil, { date: '2026-10-01', odometerMi: 10_000 }, 16_000, DAY, S);
    expect(pmForecastDate(over, DAY, 100)).toBe(DAY);
  });
  it('DOMAIN.md defaults: EDV has no oil but a battery check; brake and annual are safety items', () => {
    const all = defaultPmSchedules();
    expect(all.filter((s) => s.vanClass === 'electric_van').map((s) => s.code).sort()).toEqual(['annual_safety', 'brake_inspection', 'ev_battery', 'tyre_rotation']);
    for (const c of ['small_cargo', 'standard_cargo', 'large_cargo', 'xl_cargo', 'step_van'] as const) {
      expect(all.find((s) => s.vanClass === c && s.code === 'oil')).toMatchObject({ everyMi: 5000, everyDays: 180, safety: false });
    }
    expect(all.filter((s) => s.safety).map((s) => s.code)).toEqual(expect.arrayContaining(['brake_inspection', 'annual_safety']));
  });
});

const base = (over: Partial<VanFacts> = {}, van: Partial<VanFacts['van']> = {}): VanFacts => ({
  van: {
    id: 1,
    electric: false,
    status: 'in_service',
    statusReason: '',
    odometerMi: 20_000,
    stateOfChargePct: null,
    usableRangeMi: null,
    ownership: 'owned',
    ownershipEndDate: null,
    ...van,
  },
  defects: [],
  pm: [],
  documents: [],
  ...over,
});
const defect = (o: Partial<VanFacts['defects'][number]>): VanFacts['defects'][number] => ({
  id: 7,
  severity: 'minor',
  status: 'open',
  description: 'Cracked mirror housing',
  shop: null,
  expectedDate: null,
  repairStartedAt: null,
  sourceInspectionId: null,
  ...o,
});
const codes = (f: VanFacts) => evaluateVan(f, DAY, S).reasons.map((r) => r.code);
const status = (f: VanFacts) => evaluateVan(f, DAY, S).status;

describe('readiness rules', () => {
  it('ready with no reasons', () => {
    expect(evaluateVan(base(), DAY, S)).toEqual({ vanId: 1, status: 'ready', reasons: [] });
  });
  it('van status: out of service, in shop, grounded, Amazon grounded', () => {
    expect(status(base({}, { status: 'out_of_service', statusReason: 'Totalled' }))).toBe('out-of-service');
    expect(evaluateVan(base({}, { status: 'out_of_service', statusReason: 'Totalled' }), DAY, S).reasons[0]).toEqual({ code: 'OUT_OF_SERVICE', message: 'Out of service: Totalled' });
    expect(status(base({}, { status: 'in_shop' }))).toBe('in-shop');
    expect(codes(base({}, { status: 'grounded', statusReason: 'Keys lost' }))).toEqual(['GROUNDED']);
    const amazon = evaluateVan(base({}, { status: 'grounded', statusReason: 'Amazon GROUNDED: Recall 24V-123' }), DAY, S);
    expect(amazon).toMatchObject({ status: 'grounded', reasons: [{ code: 'AMAZON_GROUNDED', message: 'Amazon GROUNDED: Recall 24V-123' }] });
  });
  it('critical open defect grounds; major/minor open needs attention', () => {
    expect(evaluateVan(base({ defects: [defect({ severity: 'critical', description: 'Brakes grinding' })] }), DAY, S)).toMatchObject({
      status: 'grounded',
      reasons: [{ code: 'DEFECT_CRITICAL', message: 'Critical defect #7: Brakes grinding' }],
    });
    expect(evaluateVan(base({ defects: [defect({ severity: 'minor' })] }), DAY, S)).toMatchObject({
      status: 'attention',
      reasons: [{ code: 'DEFECT_OPEN', message: 'Minor defect #7: Cracked mirror housing' }],
    });
    expect(codes(base({ defects: [defect({ severity: 'major' })] }))).toEqual(['DEFECT_OPEN']);
  });
  it('in repair is in-shop; repaired critical waits for release; repaired minor fixed on the spot is fine', () => {
    const r = evaluateVan(base({ defects: [defect({ status: 'in_repair', shop: 'Midway Fleet', expectedDate: '2026-11-28', repairStartedAt: 'x' })] }), DAY, S);
    expect(r.status).toBe('in-shop');
    expect(r.reasons[0]!.message).toContain('at Midway Fleet, expected back 2026-11-28');
    expect(codes(base({ defects: [defect({ status: 'repaired', severity: 'critical' })] }))).toEqual(['AWAITING_RELEASE']);
    expect(status(base({ defects: [defect({ status: 'repaired', severity: 'critical' })] }))).toBe('in-shop');
    expect(codes(base({ defects: [defect({ status: 'repaired', severity: 'minor' })] }))).toEqual([]);
  });
  it('latest DVIR with a failed critical item grounds until released (unless its defect already says so)', () => {
    const li = { id: 3, at: '2026-11-26T11:00:00.000Z', date: DAY, kind: 'pre_trip' as const, inspector: 'Ana Ruiz', failedCritical: [{ code: 'brakes', note: 'soft pedal' }] };
    const r = evaluateVan(base({ latestInspection: li }), DAY, S);
    expect(r).toMatchObject({ status: 'grounded', reasons: [{ code: 'INSPECTION_FAILED', message: 'Pre-trip DVIR 2026-11-26 by Ana Ruiz failed: Brakes (soft pedal)' }] });
    expect(codes(base({ latestInspection: li, lastReleaseAt: '2026-11-26T12:00:00.000Z' }))).toEqual([]);
    expect(codes(base({ latestInspection: li, lastReleaseAt: '2026-11-25T12:00:00.000Z' }))).toEqual(['INSPECTION_FAILED']);
    expect(codes(base({ latestInspection: li, defects: [defect({ severity: 'critical', sourceInspectionId: 3 })] }))).toEqual(['DEFECT_CRITICAL']);
    expect(codes(base({ latestInspection: { ...li, failedCritical: [] } }))).toEqual([]);
  });
  it('PM: safety overdue grounds, other overdue and due soon need attention, no record needs attention', () => {
    const over = pmStatus(brakes, { date: '2026-01-01', odometerMi: 1000 }, 20_000, DAY, S);
    expect(evaluateVan(base({ pm: [over] }), DAY, S)).toMatchObject({ status: 'grounded', reasons: [{ code: 'PM_SAFETY_OVERDUE' }] });
    const oilOver = pmStatus(oil, { date: '2026-11-01', odometerMi: 14_000 }, 20_000, DAY, S);
    expect(evaluateVan(base({ pm: [oilOver] }), DAY, S)).toMatchObject({ status: 'attention', reasons: [{ code: 'PM_OVERDUE' }] });
    const soon = pmStatus(oil, { date: '2026-11-01', odometerMi: 15_100 }, 20_000, DAY, S);
    expect(evaluateVan(base({ pm: [soon] }), DAY, S)).toMatchObject({ status: 'attention', reasons: [{ code: 'PM_DUE_SOON' }] });
    const none = [pmStatus(oil, undefined, 1, DAY, S), pmStatus(brakes, undefined, 1, DAY, S)];
    expect(evaluateVan(base({ pm: none }), DAY, S).reasons).toEqual([{ code: 'PM_NO_RECORD', message: 'No service record for oil and filter, brake inspection' }]);
  });
  it('documents: expired registration/insurance/annual inspection grounds, expiring within 30 days needs attention', () => {
    for (const kind of ['registration', 'insurance', 'annual_inspection'] as const) {
      expect(evaluateVan(base({ documents: [{ kind, expiresOn: '2026-11-25' }] }), DAY, S)).toMatchObject({ status: 'grounded', reasons: [{ code: 'DOC_EXPIRED' }] });
    }
    expect(evaluateVan(base({ documents: [{ kind: 'insurance', expiresOn: DAY }] }), DAY, S)).toMatchObject({
      status: 'attention',
      reasons: [{ code: 'DOC_EXPIRING', message: 'Insurance expires today (2026-11-26)' }],
    });
    expect(codes(base({ documents: [{ kind: 'registration', expiresOn: '2026-12-26' }] }))).toEqual(['DOC_EXPIRING']);
    expect(codes(base({ documents: [{ kind: 'registration', expiresOn: '2026-12-27' }] }))).toEqual([]);
  });
  it('rental/lease return date due within 30 days or past needs attention', () => {
    expect(codes(base({ documents: [{ kind: 'rental_return', expiresOn: '2026-12-10' }] }))).toEqual(['RENTAL_RETURN_DUE']);
    expect(evaluateVan(base({}, { ownership: 'rental', ownershipEndDate: '2026-11-20' }), DAY, S).reasons[0]!.message).toBe('Return overdue since 2026-11-20');
    expect(codes(base({}, { ownership: 'rental', ownershipEndDate: '2027-06-01' }))).toEqual([]);
  });
  it('EV: low charge and a charge that does not cover the route need attention', () => {
    const ev = { electric: true, usableRangeMi: 150 };
    expect(codes(base({}, { ...ev, stateOfChargePct: 25 }))).toEqual(['EV_CHARGE_LOW']);
    expect(codes(base({}, { ...ev, stateOfChargePct: 30 }))).toEqual([]);
    // 150 mi × 60 % = 90 mi; route 80 mi + 15 % = 92 mi → short.
    expect(codes(base({ routeDistanceMi: 80 }, { ...ev, stateOfChargePct: 60 }))).toEqual(['EV_RANGE_SHORT']);
    expect(codes(base({ routeDistanceMi: 70 }, { ...ev, stateOfChargePct: 60 }))).toEqual([]);
    expect(codes(base({}, { electric: false, stateOfChargePct: 5 }))).toEqual([]);
    expect(chargeCovers({ stateOfChargePct: 60, usableRangeMi: 150 }, 80, 15)).toBe(false);
    expect(chargeCovers({ stateOfChargePct: null, usableRangeMi: 150 }, 80, 15)).toBeUndefined();
  });
  it('status is the worst reason; grounded reasons are listed first', () => {
    const r = evaluateVan(base({ defects: [defect({ severity: 'minor' }), defect({ id: 8, severity: 'critical', description: 'No brakes' })] }, { electric: true, stateOfChargePct: 10, usableRangeMi: 100 }), DAY, S);
    expect(r.status).toBe('grounded');
    expect(r.reasons.map((x) => x.code)).toEqual(['DEFECT_CRITICAL', 'DEFECT_OPEN', 'EV_CHARGE_LOW']);
    expect(worstStatus([{ code: 'IN_REPAIR', message: '' }, { code: 'DEFECT_CRITICAL', message: '' }])).toBe('in-shop');
    expect(status(base({ defects: [defect({ severity: 'critical' })] }, { status: 'out_of_service' }))).toBe('out-of-service');
  });
  it('every rule code documents its status', () => {
    for (const [code, rule] of Object.entries(READINESS_RULES)) expect(rule.meaning.length, code).toBeGreaterThan(10);
  });
});
