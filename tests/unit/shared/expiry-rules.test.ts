import { afterEach, describe, expect, it } from 'vitest';
import { expiryStatus, expiryWords } from '../../../shared/expiry';
import { licenceCounts, licenceStatus } from '../../../shared/rules/roster';
import { DEFAULT_BOARD_LIMITS, checkAssignment, qualifiedForAny, routeServiceReading, type DriverFacts, type RouteFacts } from '../../../shared/rules/board';
import { chargeIsLow, remainingRangeMi } from '../../../shared/rules/fleet/readiness';
import { DEFAULT_FLEET_SETTINGS } from '../../../shared/rules/fleet/maintenance';
import { TELEMATICS_DEFAULTS, isStale } from '../../../shared/rules/telematics';
import { call } from '../../../electron/services/dispatch';
import { putBoardSettings } from '../../../electron/services/board/settings';
import { testDesk, type TestDesk } from '../../helpers/context';

/**
 * The rules the console used to restate with its own numbers, now one rule each in shared/: tested
 * at their edges with the station settings' windows (the default and a changed one).
 */
const DAY = '2026-11-26';
const plus = (n: number) => new Date(Date.parse(`${DAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('expiry (licences, documents, rental returns)', () => {
  it('is valid through its expiry day, expired from the next, expiring inside the window', () => {
    expect(expiryStatus(plus(-1), DAY, 14)).toEqual({ state: 'expired', days: -1 });
    expect(expiryStatus(DAY, DAY, 14)).toEqual({ state: 'expiring', days: 0 });
    expect(expiryStatus(plus(14), DAY, 14)).toEqual({ state: 'expiring', days: 14 });
    expect(expiryStatus(plus(15), DAY, 14)).toEqual({ state: 'valid', days: 15 });
    expect(expiryStatus(plus(30), DAY, 30)?.state).toBe('expiring');
    expect(expiryStatus(plus(31), DAY, 30)?.state).toBe('valid');
  });
  it('has nothing to say without a real date', () => {
    expect(expiryStatus(null, DAY, 14)).toBeNull();
    expect(expiryStatus('', DAY, 14)).toBeNull();
    expect(expiryStatus('2026-02-30', DAY, 14)).toBeNull();
  });
  it('words: today is "expires today", not expired', () => {
    expect(expiryWords({ state: 'expiring', days: 0 })).toBe('expires today');
    expect(expiryWords({ state: 'expiring', days: 1 })).toBe('expires tomorrow');
    expect(expiryWords({ state: 'expiring', days: 12 })).toBe('expires in 12 days');
    expect(expiryWords({ state: 'expired', days: -1 })).toBe('expired yesterday');
    expect(expiryWords({ state: 'expired', days: -3 })).toBe('expired 3 days ago');
  });
});

describe('licences: one rule for the board and the roster', () => {
  const route: RouteFacts = {
    id: 1,
    code: 'CX1',
    date: DAY,
    wave: '10:05',
    serviceType: 'Standard Parcel',
    plannedDurationMin: 480,
    plannedDistanceMi: 80,
    allowedVanClasses: routeServiceReading('Standard Parcel', null).classes,
    requiresVan: false,
  };
  const driver = (licenceExpiry: string | null): DriverFacts => ({
    id: 1,
    name: 'Ana',
    status: 'active',
    archived: false,
    qualifications: ['CDV'],
    licenceExpiry,
    dayStatus: 'checked_in',
    checkedInAt: `${DAY}T14:00:00Z`,
    shifts: [],
    warnings: [],
  });
  const none = { driverRoute: new Map(), vanRoute: new Map(), deviceRoute: new Map() };
  const licenceRules = (expiry: string, limits = DEFAULT_BOARD_LIMITS) =>
    checkAssignment(route, { driver: driver(expiry), van: null }, none, limits)
      .map((c) => c.rule)
      .filter((r) => r.startsWith('LICENCE'));

  it('14 days is expiring, 15 days is not (default window), on the board and in the roster alike', () => {
    expect(DEFAULT_BOARD_LIMITS.licenceExpiringDays).toBe(14);
    expect(licenceRules(plus(14))).toEqual(['LICENCE_EXPIRING']);
    expect(licenceStatus(plus(14), DAY, DEFAULT_BOARD_LIMITS)?.state).toBe('expiring');
    expect(licenceRules(plus(15))).toEqual([]);
    expect(licenceStatus(plus(15), DAY, DEFAULT_BOARD_LIMITS)?.state).toBe('valid');
  });
  it('a licence running out today may still drive today (a warning), yesterday refuses', () => {
    expect(licenceRules(DAY)).toEqual(['LICENCE_EXPIRING']);
    expect(licenceStatus(DAY, DAY, DEFAULT_BOARD_LIMITS)?.state).toBe('expiring');
    expect(licenceRules(plus(-1))).toEqual(['LICENCE_EXPIRED']);
    expect(licenceStatus(plus(-1), DAY, DEFAULT_BOARD_LIMITS)?.state).toBe('expired');
  });
  it('follows the station setting: a 30-day window flags 30 days, not 31', () => {
    const wide = { ...DEFAULT_BOARD_LIMITS, licenceExpiringDays: 30 };
    expect(licenceRules(plus(30), wide)).toEqual(['LICENCE_EXPIRING']);
    expect(licenceStatus(plus(30), DAY, wide)?.state).toBe('expiring');
    expect(licenceRules(plus(31), wide)).toEqual([]);
    expect(licenceStatus(plus(31), DAY, wide)?.state).toBe('valid');
  });
  it('roster counts leave out terminated and archived drivers', () => {
    const base = { status: 'active', archivedAt: null };
    const counts = licenceCounts(
      [
        { ...base, licenceExpiry: plus(-2) },
        { ...base, licenceExpiry: plus(3) },
        { ...base, licenceExpiry: plus(15) },
        { ...base, licenceExpiry: null },
        { ...base, status: 'terminated', licenceExpiry: plus(-2) },
        { ...base, archivedAt: '2026-01-01T00:00:00Z', licenceExpiry: plus(3) },
      ],
      DAY,
      DEFAULT_BOARD_LIMITS,
    );
    expect(counts).toEqual({ expiring: 1, expired: 1 });
  });
  it('qualified for a route when qualified for any of its van classes (none listed = any)', () => {
    expect(qualifiedForAny(['CDV'], ['standard_cargo', 'xl_cargo'])).toBe(true);
    expect(qualifiedForAny(['CDV'], ['step_van'])).toBe(false);
    expect(qualifiedForAny(['EDV'], ['standard_cargo', 'electric_van'])).toBe(true);
    expect(qualifiedForAny([], [])).toBe(true);
  });
});

describe('fleet and telematics thresholds', () => {
  it('EV charge is low strictly below the setting', () => {
    expect(DEFAULT_FLEET_SETTINGS.evLowChargePct).toBe(30);
    expect(chargeIsLow(29.9, DEFAULT_FLEET_SETTINGS)).toBe(true);
    expect(chargeIsLow(30, DEFAULT_FLEET_SETTINGS)).toBe(false);
    expect(chargeIsLow(40, { evLowChargePct: 45 })).toBe(true);
    expect(remainingRangeMi({ stateOfChargePct: 50, usableRangeMi: 150 })).toBe(75);
    expect(remainingRangeMi({ stateOfChargePct: null, usableRangeMi: 150 })).toBeNull();
  });
  it('a device is stale after the setting’s minutes without contact, not at them', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    const ago = (min: number) => new Date(now - min * 60_000).toISOString();
    expect(TELEMATICS_DEFAULTS.staleMin).toBe(10);
    expect(isStale(ago(10), now, TELEMATICS_DEFAULTS)).toBe(false);
    expect(isStale(ago(10.5), now, TELEMATICS_DEFAULTS)).toBe(true);
    expect(isStale(ago(10.5), now, { staleMin: 15 })).toBe(false);
    expect(isStale(null, now, TELEMATICS_DEFAULTS)).toBe(true);
  });
});

describe('board.limits channel', () => {
  let desk: TestDesk;
  afterEach(() => desk.close());

  it('answers the defaults, then the station’s own window once set', async () => {
    desk = testDesk();
    expect(await call(desk.ctx, 'board.limits', {})).toEqual(DEFAULT_BOARD_LIMITS);
    putBoardSettings(desk.ctx.db, { limits: { ...DEFAULT_BOARD_LIMITS, licenceExpiringDays: 21 } }, '2026-11-26T00:00:00Z');
    expect((await call(desk.ctx, 'board.limits', {})).licenceExpiringDays).toBe(21);
    // owners read it too (a read channel)
    expect((await call(desk.as({ name: 'Owner', role: 'owner' }), 'board.limits', {})).licenceExpiringDays).toBe(21);
  });
});
