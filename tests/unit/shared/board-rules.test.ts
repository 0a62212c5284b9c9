import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_BOARD_LIMITS as L,
  countHoursViolations,
  hoursProfile,
  hoursViolations,
  hoursConflicts,
  checkAssignment,
  routeServiceReading,
  shiftOf,
  type Bookings,
  type DriverFacts,
  type RouteFacts,
  type VanFacts,
} from '../../../shared/rules/board';

const classes = (serviceType: string, vanType: string | null = null) => routeServiceReading(serviceType, vanType).classes;
const route = (over: Partial<RouteFacts> = {}): RouteFacts => ({
  id: 1,
  code: 'CX1',
  date: '2026-11-26',
  wave: '10:05',
  serviceType: 'Standard Parcel',
  plannedDurationMin: 480,
  plannedDistanceMi: 80,
  allowedVanClasses: classes('Standard Parcel'),
  requiresVan: true,
  ...over,
});
const driver = (over: Partial<DriverFacts> = {}): DriverFacts => ({
  id: 10,
  name: 'Ana',
  status: 'active',
  archived: false,
  qualifications: ['CDV', 'EDV'],
  licenceExpiry: '2028-01-01',
  dayStatus: 'checked_in',
  checkedInAt: '2026-11-26T14:00:00Z',
  shifts: [],
  warnings: [],
  ...over,
});
const van = (over: Partial<VanFacts> = {}): VanFacts => ({ id: 20, name: 'Van 1', vanClass: 'standard_cargo', electric: false, readiness: 'ready', reasons: [], rangeMi: null, ...over });
const EDV = { vanClass: 'electric_van', electric: true } as const;
const STEP = { vanClass: 'step_van', electric: false } as const;
const none: Bookings = { driverRoute: new Map(), vanRoute: new Map(), deviceRoute: new Map() };
const rules = (r: RouteFacts, d: DriverFacts | null, v: VanFacts | null, b: Bookings = none, deviceId: number | null = null) =>
  checkAssignment(r, { driver: d, van: v, deviceId }, b, L).map((c) => `${c.severity}:${c.rule}`);

/** A past shift of `hours` on duty (incl. station time) on a date, starting at wave `wave`. */
const shift = (date: string, wave = '10:05', routeHours = 8) => shiftOf({ date, wave, plannedDurationMin: routeHours * 60 }, L);

describe('board rules', () => {
  it('a clean assignment has no conflicts', () => {
    expect(rules(route(), driver(), van())).toEqual([]);
  });

  it('DRIVER_DOUBLE_BOOKED / VAN_DOUBLE_BOOKED / DEVICE_DOUBLE_BOOKED (other routes only)', () => {
    const b: Bookings = {
      driverRoute: new Map([[10, { routeId: 2, code: 'CX2' }]]),
      vanRoute: new Map([[20, { routeId: 3, code: 'CX3' }]]),
      deviceRoute: new Map([[5, { routeId: 3, code: 'CX3' }]]),
    };
    expect(rules(route(), driver(), van(), b, 5)).toEqual(['hard:DRIVER_DOUBLE_BOOKED', 'hard:VAN_DOUBLE_BOOKED', 'hard:DEVICE_DOUBLE_BOOKED']);
    const same: Bookings = { driverRoute: new Map([[10, { routeId: 1, code: 'CX1' }]]), vanRoute: new Map([[20, { routeId: 1, code: 'CX1' }]]), deviceRoute: new Map() };
    expect(rules(route(), driver(), van(), same)).toEqual([]);
  });

  it('VAN_NOT_READY for grounded, in-shop and out-of-service vans; VAN_ATTENTION is soft', () => {
    for (const readiness of ['grounded', 'in-shop', 'out-of-service'] as const) {
      expect(rules(route(), driver(), van({ readiness, reasons: [{ code: 'X', message: 'brakes' }] }))).toEqual(['hard:VAN_NOT_READY']);
    }
    expect(rules(route(), driver(), van({ readiness: 'attention', reasons: [{ code: 'PM', message: 'oil change due' }] }))).toEqual(['soft:VAN_ATTENTION']);
  });

  it('DRIVER_NOT_QUALIFIED by the van class: CDV for cargo vans, EDV for electric ones, step-van training for step vans', () => {
    const message = (r: RouteFacts, d: DriverFacts, v: VanFacts) => checkAssignment(r, { driver: d, van: v }, none, L).map((c) => c.message);
    expect(rules(route(), driver({ qualifications: ['EDV'] }), van())).toEqual(['hard:DRIVER_NOT_QUALIFIED']);
    expect(message(route(), driver({ qualifications: ['EDV'] }), van())).toEqual(['Ana is not CDV-trained (needed for Van 1, a standard cargo van)']);
    const step = route({ serviceType: 'Standard Parcel Step Van - US', allowedVanClasses: classes('Standard Parcel Step Van - US') });
    expect(rules(step, driver(), van(STEP))).toEqual(['hard:DRIVER_NOT_QUALIFIED']);
    expect(rules(step, driver({ qualifications: ['STEP_VAN'] }), van(STEP))).toEqual([]);
    const electric = route({ allowedVanClasses: classes('Standard Parcel Electric - Rivian MEDIUM') });
    expect(rules(electric, driver({ qualifications: ['CDV'] }), van(EDV))).toEqual(['hard:DRIVER_NOT_QUALIFIED']);
    // An electric XL cargo van (e.g. an E-Transit) needs EDV training, not CDV.
    const xl = route({ allowedVanClasses: classes('Standard Parcel - Extra Large Van - US') });
    expect(rules(xl, driver({ qualifications: ['CDV'] }), van({ vanClass: 'xl_cargo', electric: true }))).toEqual(['hard:DRIVER_NOT_QUALIFIED']);
    expect(rules(xl, driver({ qualifications: ['EDV'] }), van({ vanClass: 'xl_cargo', electric: true }))).toEqual([]);
  });

  it('VAN_TYPE_MISMATCH from the service type and from the sheet van type', () => {
    const electric = route({ allowedVanClasses: classes('Standard Parcel Electric - Rivian MEDIUM') });
    expect(rules(electric, driver(), van())).toEqual(['hard:VAN_TYPE_MISMATCH']);
    const overridden = route({ allowedVanClasses: classes('Standard Parcel', 'EDV') });
    expect(rules(overridden, driver(), van())).toEqual(['hard:VAN_TYPE_MISMATCH']);
    expect(rules(overridden, driver(), van(EDV))).toEqual([]);
    // XL routes take XL cargo vans or step vans, never a standard one; large routes large or XL.
    const xl = route({ allowedVanClasses: classes('Standard Parcel - Extra Large Van - US') });
    expect(rules(xl, driver(), van())).toEqual(['hard:VAN_TYPE_MISMATCH']);
    expect(rules(xl, driver(), van({ vanClass: 'xl_cargo' }))).toEqual([]);
    const large = route({ allowedVanClasses: classes('Standard Parcel - Large Van') });
    expect(rules(large, driver(), van({ vanClass: 'xl_cargo' }))).toEqual([]);
    expect(rules(large, driver(), van({ vanClass: 'small_cargo' }))).toEqual(['hard:VAN_TYPE_MISMATCH']);
  });

  it('VAN_REQUIRED unless ride-along', () => {
    expect(rules(route(), driver(), null)).toEqual(['hard:VAN_REQUIRED']);
    expect(rules(route({ serviceType: 'Ride Along', requiresVan: false }), driver(), null)).toEqual([]);
  });

  it('LICENCE_EXPIRED is hard, LICENCE_EXPIRING (≤ 14 days) soft', () => {
    expect(rules(route(), driver({ licenceExpiry: '2026-11-25' }), van())).toEqual(['hard:LICENCE_EXPIRED']);
    expect(rules(route(), driver({ licenceExpiry: '2026-11-26' }), van())).toEqual(['soft:LICENCE_EXPIRING']);
    expect(rules(route(), driver({ licenceExpiry: '2026-12-10' }), van())).toEqual(['soft:LICENCE_EXPIRING']);
    expect(rules(route(), driver({ licenceExpiry: '2026-12-11' }), van())).toEqual([]);
  });

  it('DRIVER_UNAVAILABLE for called out, off, no-show and inactive drivers; NOT_CHECKED_IN soft', () => {
    for (const dayStatus of ['called_out', 'off', 'no_show'] as const) expect(rules(route(), driver({ dayStatus }), van())).toEqual(['hard:DRIVER_UNAVAILABLE']);
    expect(rules(route(), driver({ status: 'on_leave' }), van())).toContain('hard:DRIVER_UNAVAILABLE');
    expect(rules(route(), driver({ archived: true }), van())).toContain('hard:DRIVER_UNAVAILABLE');
    expect(rules(route(), driver({ dayStatus: 'scheduled', checkedInAt: null }), van())).toEqual(['soft:NOT_CHECKED_IN']);
    expect(rules(route(), driver({ dayStatus: 'late', checkedInAt: null }), van())).toEqual(['soft:NOT_CHECKED_IN']);
    expect(rules(route(), driver({ dayStatus: 'late' }), van())).toEqual([]);
  });

  it('DAILY_HOURS: planned duration + 1 h station time over 10 h', () => {
    expect(rules(route({ plannedDurationMin: 540 }), driver(), van())).toEqual([]);
    expect(rules(route({ plannedDurationMin: 541 }), driver(), van())).toEqual(['soft:DAILY_HOURS']);
  });

  it('WEEKLY_HOURS over 60 h in any 7 consecutive days (history and planned days)', () => {
    // 5 past days × 10 h + today 9 h = 59 h → fine; a 6th day → over.
    const five = ['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'].map((d) => shift(d, '10:05', 9));
    expect(rules(route(), driver({ shifts: five }), van())).toEqual([]);
    const withFuture = [...five.slice(1), shift('2026-11-27', '10:05', 9), shift('2026-11-28', '10:05', 9)];
    expect(rules(route({ plannedDurationMin: 540 }), driver({ shifts: withFuture }), van())).toContain('soft:WEEKLY_HOURS');
    // Days 8+ ago do not count.
    const old = ['2026-11-17', '2026-11-18', '2026-11-19'].map((d) => shift(d, '10:05', 9));
    expect(rules(route(), driver({ shifts: old }), van())).toEqual([]);
  });

  it('REST_BETWEEN_SHIFTS under 10 h, before or after', () => {
    // Yesterday: wave 16:00, 9 h → ends 01:30 today; today starts 09:35 → 8.1 h rest.
    expect(rules(route(), driver({ shifts: [shift('2026-11-25', '16:00', 9)] }), van())).toEqual(['soft:REST_BETWEEN_SHIFTS']);
    expect(rules(route(), driver({ shifts: [shift('2026-11-25', '10:05', 9)] }), van())).toEqual([]);
    // Today ends 18:35; tomorrow at 03:00 → 8.4 h.
    expect(rules(route(), driver({ shifts: [shift('2026-11-27', '03:30', 8)] }), van())).toEqual(['soft:REST_BETWEEN_SHIFTS']);
  });

  it('CONSECUTIVE_DAYS over 6 (days before and after)', () => {
    const days = (ds: string[]) => ds.map((d) => shift(d, '10:05', 6));
    expect(rules(route(), driver({ shifts: days(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']) }), van())).toEqual([]);
    expect(rules(route(), driver({ shifts: days(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-27', '2026-11-28']) }), van())).toEqual([
      'soft:CONSECUTIVE_DAYS',
    ]);
  });

  it('EV_RANGE when charge × range is below distance + margin', () => {
    const ev = van({ ...EDV, rangeMi: 85 });
    const r = (over: Partial<RouteFacts>) => route({ allowedVanClasses: classes('Standard Parcel Electric - Rivian MEDIUM'), ...over });
    expect(rules(r({ plannedDistanceMi: 80 }), driver(), ev)).toEqual(['soft:EV_RANGE']);
    expect(rules(r({ plannedDistanceMi: 75 }), driver(), ev)).toEqual([]);
    expect(rules(r({ plannedDistanceMi: null }), driver(), ev)).toEqual([]);
  });

  it('includes driver warnings from other areas and sorts hard first', () => {
    const d = driver({ dayStatus: 'scheduled', checkedInAt: null, warnings: [{ rule: 'TRAINING_EXPIRED', message: 'x', severity: 'soft' }] });
    expect(rules(route(), d, van(STEP))).toEqual(['hard:VAN_TYPE_MISMATCH', 'hard:DRIVER_NOT_QUALIFIED', 'soft:NOT_CHECKED_IN', 'soft:TRAINING_EXPIRED']);
  });

  it('a route reads its classes from the service type, and from the sheet van type when given', () => {
    expect(routeServiceReading('Standard Parcel - Extra Large Van - US', null).classes).toEqual(['xl_cargo', 'step_van']);
    expect(routeServiceReading('standard parcel', null).classes).toEqual(['standard_cargo', 'large_cargo', 'xl_cargo']);
    expect(routeServiceReading('Standard Parcel', 'Step Van').classes).toEqual(['step_van']);
    expect(routeServiceReading('Ride Along', null)).toMatchObject({ requiresVan: false, tags: ['ride-along'] });
    expect(routeServiceReading('Bike Route', null)).toMatchObject({ known: false });
  });

  it('the numeric hours profile counts the same violations as the rules (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: -8, max: 8 }), wave: fc.integer({ min: 0, max: 23 * 60 }), hours: fc.integer({ min: 1, max: 14 }) }), { maxLength: 12 }),
        fc.integer({ min: 6 * 60, max: 12 * 60 }),
        fc.integer({ min: 60, max: 14 * 60 }),
        (hist, wave, dur) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          const date = (o: number) => new Date(Date.UTC(2026, 10, 26 + o)).toISOString().slice(0, 10);
          const shifts = hist.filter((h) => h.day !== 0).map((h) => shift(date(h.day), `${pad(Math.floor(h.wave / 60))}:${pad(h.wave % 60)}`, h.hours));
          const r = route({ wave: `${pad(Math.floor(wave / 60))}:${pad(wave % 60)}`, plannedDurationMin: dur });
          const n = hoursViolations(r, shifts, L);
          expect(countHoursViolations(hoursProfile(r, shifts, L), dur, L)).toBe(n);
          expect(hoursConflicts(r, { name: 'x', shifts }, L).length).toBe(n);
        },
      ),
      { numRuns: 500 },
    );
  });
});
