import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_BOARD_LIMITS as L,
  countHoursViolations,
  hoursProfile,
  hoursViolations,
  hoursConflicts,
  checkAssignment,
  formatHoursMin,
  isHere,
  routeServiceReading,
  shiftOf,
  weeklyOvertime,
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
    // An attention reason the board does not know warns (when unsure, say so).
    expect(rules(route(), driver(), van({ readiness: 'attention', reasons: [{ code: 'PM', message: 'oil change due' }] }))).toEqual(['soft:VAN_ATTENTION']);
  });

  it('VAN_ATTENTION only for what falls due before the route ends (80-mi route, 20 mi margin)', () => {
    const att = (reasons: VanFacts['reasons']) => rules(route({ plannedDistanceMi: 80 }), driver(), van({ readiness: 'attention', reasons }));
    // PM by miles: due within 80 + 20 = 100 mi warns; 101 mi and the "304 mi" do not.
    expect(att([{ code: 'PM_DUE_SOON', message: 'Oil due in 100 mi', milesLeft: 100, dueOn: '2027-03-01' }])).toEqual(['soft:VAN_ATTENTION']);
    expect(att([{ code: 'PM_DUE_SOON', message: 'Oil due in 101 mi', milesLeft: 101, dueOn: '2027-03-01' }])).toEqual([]);
    expect(att([{ code: 'PM_DUE_SOON', message: 'Oil due in 304 mi', milesLeft: 304, dueOn: null }])).toEqual([]);
    // PM by date: due on the route's date warns, the day after does not; overdue always warns.
    expect(att([{ code: 'PM_DUE_SOON', message: 'due today', milesLeft: 900, dueOn: '2026-11-26' }])).toEqual(['soft:VAN_ATTENTION']);
    expect(att([{ code: 'PM_DUE_SOON', message: 'due tomorrow', milesLeft: 900, dueOn: '2026-11-27' }])).toEqual([]);
    expect(att([{ code: 'PM_OVERDUE', message: 'overdue', milesLeft: -5, dueOn: null }])).toEqual(['soft:VAN_ATTENTION']);
    // Documents and rental returns: on the route's date, not 19 or 25 days out.
    expect(att([{ code: 'DOC_EXPIRING', message: 'Insurance expires today', dueOn: '2026-11-26' }])).toEqual(['soft:VAN_ATTENTION']);
    expect(att([{ code: 'DOC_EXPIRING', message: 'Insurance expires in 1 day', dueOn: '2026-11-27' }])).toEqual([]);
    expect(att([{ code: 'DOC_EXPIRING', message: 'Insurance expires in 19 days', dueOn: '2026-12-15' }])).toEqual([]);
    expect(att([{ code: 'RENTAL_RETURN_DUE', message: 'Return due today', dueOn: '2026-11-26' }])).toEqual(['soft:VAN_ATTENTION']);
    expect(att([{ code: 'RENTAL_RETURN_DUE', message: 'Return due in 25 days', dueOn: '2026-12-21' }])).toEqual([]);
    // Non-critical defects, missing records, low charge: information on the van, not a route warning.
    expect(att([{ code: 'DEFECT_OPEN', message: 'Minor defect: cargo shelf latch' }])).toEqual([]);
    expect(att([{ code: 'PM_NO_RECORD', message: 'No service record' }, { code: 'EV_CHARGE_LOW', message: 'Charge low' }])).toEqual([]);
    // Without a planned distance only the margin counts.
    expect(rules(route({ plannedDistanceMi: null }), driver(), van({ readiness: 'attention', reasons: [{ code: 'PM_DUE_SOON', message: 'x', milesLeft: 20 }] }))).toEqual(['soft:VAN_ATTENTION']);
    expect(rules(route({ plannedDistanceMi: null }), driver(), van({ readiness: 'attention', reasons: [{ code: 'PM_DUE_SOON', message: 'x', milesLeft: 21 }] }))).toEqual([]);
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

  it('DRIVER_UNAVAILABLE for called out, off, no-show and inactive drivers; not here yet is a state, not a warning', () => {
    for (const dayStatus of ['called_out', 'off', 'no_show'] as const) expect(rules(route(), driver({ dayStatus }), van())).toEqual(['hard:DRIVER_UNAVAILABLE']);
    expect(rules(route(), driver({ status: 'on_leave' }), van())).toContain('hard:DRIVER_UNAVAILABLE');
    expect(rules(route(), driver({ archived: true }), van())).toContain('hard:DRIVER_UNAVAILABLE');
    expect(rules(route(), driver({ dayStatus: 'scheduled', checkedInAt: null }), van())).toEqual([]);
    expect(rules(route(), driver({ dayStatus: 'late', checkedInAt: null }), van())).toEqual([]);
    expect(isHere(driver({ dayStatus: 'scheduled', checkedInAt: null }))).toBe(false);
    expect(isHere(driver({ dayStatus: 'late', checkedInAt: null }))).toBe(false);
    expect(isHere(driver({ dayStatus: 'late' }))).toBe(true);
    expect(isHere(driver())).toBe(true);
  });

  it('DAILY_HOURS: 30 min pre-trip + route + 15 min return over 10 h (9 h 15 fits, 9 h 16 does not)', () => {
    expect(rules(route({ plannedDurationMin: 540 }), driver(), van())).toEqual([]); // an ordinary 9 h route
    expect(rules(route({ plannedDurationMin: 555 }), driver(), van())).toEqual([]); // 9:15 → exactly 10 h on duty
    expect(rules(route({ plannedDurationMin: 556 }), driver(), van())).toEqual(['soft:DAILY_HOURS']);
    expect(rules(route({ plannedDurationMin: 570 }), driver(), van())).toEqual(['soft:DAILY_HOURS']); // 9 h 30
    const msg = checkAssignment(route({ plannedDurationMin: 600 }), { driver: driver(), van: van() }, none, L)[0]!.message;
    expect(msg).toBe('10 h 45 on duty (route 10 h 00 + 30 min pre-trip and load-out + 15 min return) is over the 10 h daily limit');
    // The on-duty window starts at the pre-trip, 30 min before the wave.
    const s = shiftOf({ date: '2026-11-26', wave: '10:05', plannedDurationMin: 540 }, L);
    expect([s.end - s.start, (s.start % 1440) / 60]).toEqual([585, 9 + 35 / 60]);
    // Editable: a 20-min pre-trip lets a 9 h 25 route fit.
    expect(checkAssignment(route({ plannedDurationMin: 565 }), { driver: driver(), van: van() }, none, { ...L, preTripMin: 20 })).toEqual([]);
  });

  it('weekly overtime is information past 40 h (never a rule)', () => {
    expect(weeklyOvertime(30 * 60, { plannedDurationMin: 555 }, L)).toBeNull(); // 30 h + 10 h = 40 h: not over
    expect(weeklyOvertime(30 * 60, { plannedDurationMin: 556 }, L)).toEqual({ weekMin: 2401, overtimeMin: 1 });
    const five = ['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'].map((d) => shift(d, '10:05', 8));
    expect(rules(route(), driver({ shifts: five }), van())).toEqual([]); // 52 h 45 in the week: overtime, no warning
  });

  it('formats durations in full', () => {
    expect([formatHoursMin(600), formatHoursMin(555), formatHoursMin(45), formatHoursMin(61)]).toEqual(['10 h 00', '9 h 15', '45 min', '1 h 01']);
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

  it('EV_RANGE when the range expected at the wave is below distance × 1.2 + 10 mi', () => {
    // 80 mi × 1.2 + 10 = 106 mi.
    const r = (over: Partial<RouteFacts>) => route({ allowedVanClasses: classes('Standard Parcel Electric - Rivian MEDIUM'), ...over });
    expect(rules(r({ plannedDistanceMi: 80 }), driver(), van({ ...EDV, rangeMi: 106 }))).toEqual([]);
    expect(rules(r({ plannedDistanceMi: 80 }), driver(), van({ ...EDV, rangeMi: 105.9 }))).toEqual(['soft:EV_RANGE']);
    expect(rules(r({ plannedDistanceMi: null }), driver(), van({ ...EDV, rangeMi: 5 }))).toEqual([]);
    expect(rules(r({ plannedDistanceMi: 80 }), driver(), van({ ...EDV, rangeMi: null }))).toEqual([]);
    expect(checkAssignment(r({ plannedDistanceMi: 80 }), { driver: driver(), van: van({ ...EDV, rangeMi: 96 }) }, none, { ...L, evRangeFactor: 1 })).toEqual([]);
  });

  it('includes driver warnings from other areas and sorts hard first', () => {
    const d = driver({ licenceExpiry: '2026-12-01', warnings: [{ rule: 'TRAINING_EXPIRED', message: 'x', severity: 'soft' }] });
    expect(rules(route(), d, van(STEP))).toEqual(['hard:VAN_TYPE_MISMATCH', 'hard:DRIVER_NOT_QUALIFIED', 'soft:LICENCE_EXPIRING', 'soft:TRAINING_EXPIRED']);
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
