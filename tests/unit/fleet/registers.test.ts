/** The device register and the fleet's readiness thresholds, read back through their channels. */
import { afterEach, describe, expect, it } from 'vitest';
import { testDesk, type TestDesk } from '../../helpers/context';
import { call } from '../../../electron/services/dispatch';
import { DEFAULT_FLEET_SETTINGS } from '../../../shared/rules/fleet/maintenance';
import { withCheckDigit } from '../../../shared/vin';

let desk: TestDesk;
afterEach(() => desk?.close());

describe('devices.list', () => {
  it('lists devices by identifier, searches identifier and label (LIKE wildcards literal), hides archived ones', async () => {
    desk = testDesk();
    const van = await call(desk.ctx, 'fleet.upsert', { name: 'CDV-01', vin: withCheckDigit('1FTBW3XM0LKA54321'), type: 'CDV' });
    await call(desk.ctx, 'devices.upsert', { identifier: 'phone-b', label: 'Spare 100%', kind: 'phone' });
    await call(desk.ctx, 'devices.upsert', { identifier: 'phone-a', label: 'Van phone', vanId: van.id });
    const gone = await call(desk.ctx, 'devices.upsert', { identifier: 'tracker_1', kind: 'tracker' });
    // Devices have no archive channel yet; an archived one is set up directly.
    desk.opened.sqlite.prepare("UPDATE devices SET archived_at = '2026-11-01T00:00:00Z' WHERE id = ?").run(gone.id);

    expect((await call(desk.ctx, 'devices.list', {})).map((d) => [d.identifier, d.vanId])).toEqual([
      ['phone-a', van.id],
      ['phone-b', null],
    ]);
    expect((await call(desk.ctx, 'devices.list', { includeArchived: true })).map((d) => d.identifier)).toEqual(['phone-a', 'phone-b', 'tracker_1']);
    expect((await call(desk.ctx, 'devices.list', { search: 'spare' })).map((d) => d.identifier)).toEqual(['phone-b']);
    expect((await call(desk.ctx, 'devices.list', { search: '100%' })).map((d) => d.identifier)).toEqual(['phone-b']);
    expect(await call(desk.ctx, 'devices.list', { search: '%' })).toHaveLength(1);
    expect((await call(desk.ctx, 'devices.list', { search: 'r_1', includeArchived: true })).map((d) => d.identifier)).toEqual(['tracker_1']);
    expect(await call(desk.ctx, 'devices.list', { search: 'r_1' })).toEqual([]);
    // Owners read the register too.
    expect(await call(desk.as({ name: 'Owner', role: 'owner' }), 'devices.list', {})).toHaveLength(2);
  });
});

describe('fleet.settings', () => {
  it('answers the DOMAIN.md defaults until changed, then the stored values over them', async () => {
    desk = testDesk();
    expect(await call(desk.ctx, 'fleet.settings', {})).toEqual(DEFAULT_FLEET_SETTINGS);
    await call(desk.ctx, 'fleet.setSettings', { docWarnDays: 45, evLowChargePct: 25 });
    expect(await call(desk.ctx, 'fleet.settings', {})).toEqual({ ...DEFAULT_FLEET_SETTINGS, docWarnDays: 45, evLowChargePct: 25 });
    // A value left out keeps what was stored.
    await call(desk.ctx, 'fleet.setSettings', { avgDailyMi: 95 });
    expect(await call(desk.ctx, 'fleet.settings', {})).toMatchObject({ docWarnDays: 45, evLowChargePct: 25, avgDailyMi: 95 });
  });
});
