import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { call } from '../../../electron/services/dispatch';
import { EventBus } from '../../../shared/events';
import { fixedClock } from '../../../shared/dates';
import { withCheckDigit } from '../../../shared/vin';
import type { ServiceContext } from '../../../electron/services/context';
import path from 'node:path';
import { databaseAt, migrationTag, previousTag } from '../../helpers/migrations';
import { tempDir } from '../../helpers/context';

/**
 * The van-class migration on a copy of a station made before it: a database at the previous
 * migration, filled in the old shape (vans typed CDV / EDV / STEP_VAN / RENTAL, PM overrides per
 * van type, a route with its own van type, DVIRs, board settings with the old service type →
 * van type table), then opened by this build, and the services asked about it. What the
 * migration does to each row is checked in tests/unit/db/migrations.test.ts (its UPGRADES entry).
 */
const DATE = '2026-11-26';
const vin = (n: number) => withCheckDigit(`1FTBW3XM0HK${String(n).padStart(6, '0')}`);

function oldStation() {
  const file = path.join(tempDir('desk-migration-'), 'station.db');
  const db = databaseAt(file, previousTag(migrationTag('van_classes')));
  // The old schema has vans.type and no class columns.
  expect(db.prepare(`SELECT name FROM pragma_table_info('vans')`).all().map((c) => (c as { name: string }).name)).toContain('type');
  db.prepare(`INSERT INTO station (id, name, code, dsp_code, lat, lon, time_zone) VALUES (1, 'DSE4 Kent Valley', 'DSE4', 'RNLG', 47.4, -122.2, 'America/Los_Angeles')`).run();
  const van = db.prepare(
    `INSERT INTO vans (name, vin, plate, plate_state, make, model, year, type, ownership, ownership_end_date, odometer_mi, status, status_reason, usable_range_mi, state_of_charge_pct, charging_bay, notes)
     VALUES (@name, @vin, @plate, 'WA', @make, @model, 2023, @type, @ownership, @end, @odo, @status, @reason, @range, @soc, @bay, @notes)`,
  );
  const rows = [
    { name: 'CDV-01', vin: vin(1), plate: 'C11111A', make: 'Ford', model: 'Transit 250 HR', type: 'CDV', ownership: 'leased', end: null, odo: 41_250, status: 'in_service', reason: '', range: null, soc: null, bay: '', notes: 'door sticks' },
    { name: 'EDV-01', vin: vin(2), plate: 'C22222B', make: 'Rivian', model: 'EDV 700', type: 'EDV', ownership: 'leased', end: null, odo: 12_000, status: 'in_service', reason: '', range: 150, soc: 82, bay: 'CB-01', notes: '' },
    { name: 'STEP-01', vin: vin(3), plate: 'C33333C', make: 'Freightliner', model: 'MT45 step van', type: 'STEP_VAN', ownership: 'owned', end: null, odo: 130_000, status: 'grounded', reason: 'Brakes', range: null, soc: null, bay: '', notes: '' },
    { name: 'RNT-01', vin: vin(4), plate: 'R44444D', make: 'Ram', model: 'ProMaster 2500', type: 'RENTAL', ownership: 'rental', end: '2026-12-20', odo: 9_000, status: 'in_service', reason: '', range: null, soc: null, bay: '', notes: 'Peak rental' },
    // An older desk let a rental be marked leased: the migration makes the ownership say rental.
    { name: 'RNT-02', vin: vin(5), plate: 'R55555E', make: 'Ford', model: 'Transit 250', type: 'RENTAL', ownership: 'leased', end: '2027-01-10', odo: 7_500, status: 'in_service', reason: '', range: null, soc: null, bay: '', notes: '' },
  ];
  for (const r of rows) van.run(r);
  db.prepare(`INSERT INTO drivers (transporter_id, name, qualifications, licence_expiry) VALUES ('A0000000000001', 'Ana Alvarez', '["CDV","EDV"]', '2028-01-01')`).run();
  db.prepare(`INSERT INTO drivers (transporter_id, name, qualifications, licence_expiry) VALUES ('A0000000000002', 'Cy Chen', '["EDV"]', '2028-01-01')`).run();
  db.prepare(
    `INSERT INTO routes (date, code, wave, service_type, planned_duration_min, van_type) VALUES
       (?, 'CX1', '10:05', 'Standard Parcel', 540, NULL),
       (?, 'CX2', '10:05', 'Standard Parcel Electric', 540, NULL),
       (?, 'CX3', '10:25', 'Standard Parcel', 540, 'RENTAL'),
       (?, 'CX4', '10:25', 'Standard Parcel', 540, 'STEP_VAN')`,
  ).run(DATE, DATE, DATE, DATE);
  db.prepare(`INSERT INTO assignments (route_id, date, driver_id, van_id, assigned_by, assigned_at) VALUES (1, ?, 1, 1, 'desk', '2026-11-26T13:00:00Z')`).run(DATE);
  db.prepare(`INSERT INTO inspections (id, van_id, kind, at, date, inspector, odometer_mi, result, notes, created_by) VALUES (7, 3, 'pre_trip', '2026-11-26T16:40:00.000Z', ?, 'Ana Alvarez', 130000, 'fail', 'soft pedal', 'desk')`).run(DATE);
  db.prepare(`INSERT INTO inspection_items (inspection_id, item_code, passed, note) VALUES (7, 'brakes', 0, 'soft pedal'), (7, 'horn', 1, '')`).run();
  db.prepare(`INSERT INTO defects (van_id, severity, description, status, source_inspection_id, item_code, reported_at, reported_by) VALUES (3, 'critical', 'Brakes failed on pre-trip DVIR', 'open', 7, 'brakes', '2026-11-26T16:40:00.000Z', 'Ana Alvarez')`).run();
  db.prepare(
    `INSERT INTO pm_schedules (van_type, code, label, every_mi, every_days, safety, active) VALUES
       ('CDV', 'oil', 'Oil and filter', 4000, 120, 0, 1),
       ('EDV', 'ev_battery', 'EV battery/system check', 10000, 300, 0, 1),
       ('RENTAL', 'oil', 'Oil and filter', 9999, 999, 0, 1),
       ('STEP_VAN', 'tyre_rotation', 'Tyre rotation', 6000, NULL, 0, 0)`,
  ).run();
  db.prepare(`INSERT INTO settings (key, value) VALUES ('board', ?)`).run(
    JSON.stringify({ dspCode: 'RNLG', limits: { maxDailyHours: 11 }, serviceTypeVans: { 'Standard Parcel': ['CDV', 'EDV', 'RENTAL'] } }),
  );
  db.close();
  return file;
}

describe('migration van_classes on a station made before it', () => {
  it('the migrated station works: board, readiness, PM and the rules read the classes', async () => {
    const opened = openDatabase(oldStation());
    const ctx: ServiceContext = { db: opened.db, clock: fixedClock('2026-11-26T15:00:00Z'), actor: { name: 'desk', role: 'desk' }, events: new EventBus(), dbPath: opened.path };
    try {
      const board = await call(ctx, 'board.list', { date: DATE });
      const byCode = Object.fromEntries(board.routes.map((r) => [r.code, r]));
      expect(byCode.CX1).toMatchObject({ allowedVanClasses: ['standard_cargo', 'large_cargo', 'xl_cargo'], van: { name: 'CDV-01', vanClass: 'standard_cargo', electric: false } });
      // Not here yet is a state, and a van's attention that does not fall due on the route is information (issue 13).
      expect(byCode.CX1).toMatchObject({ conflicts: [], inConflict: false, driverHere: false });
      expect(byCode.CX2!.allowedVanClasses).toEqual(['electric_van']);
      expect(byCode.CX3!.allowedVanClasses).toEqual(['standard_cargo', 'large_cargo', 'xl_cargo']);
      expect(byCode.CX4!.allowedVanClasses).toEqual(['step_van']);
      expect(board.station).toMatchObject({ dspCode: 'RNLG' });
      // Qualifications keep their meaning: Cy (EDV only) may take the electric van, not a cargo van.
      const edv = (await call(ctx, 'fleet.list', {})).find((v) => v.name === 'EDV-01')!;
      expect(await call(ctx, 'board.check', { routeId: byCode.CX2!.id, driverId: 2, vanId: edv.id })).toMatchObject({ hard: false });
      const check = await call(ctx, 'board.check', { routeId: byCode.CX3!.id, driverId: 2, vanId: 4 });
      expect(check.conflicts.map((c) => c.rule)).toEqual(expect.arrayContaining(['DRIVER_NOT_QUALIFIED']));
      const readiness = Object.fromEntries((await call(ctx, 'fleet.readiness', { date: DATE })).map((r) => [r.name, r]));
      expect(readiness['STEP-01']).toMatchObject({ vanClass: 'step_van', status: 'grounded' });
      expect(readiness['EDV-01']).toMatchObject({ vanClass: 'electric_van', electric: true, stateOfChargePct: 82 });
      expect(readiness['RNT-01']!.reasons.map((r) => r.code)).toContain('RENTAL_RETURN_DUE');
      const schedules = await call(ctx, 'fleet.pmSchedules', {});
      expect(schedules.find((s) => s.vanClass === 'xl_cargo' && s.code === 'oil')).toMatchObject({ everyMi: 4000, everyDays: 120 });
      expect(schedules.filter((s) => s.vanClass === 'electric_van').map((s) => s.code)).not.toContain('oil');
      expect((await call(ctx, 'board.routeSettings', {})).dspCode).toBe('RNLG');
    } finally {
      opened.close();
    }
  });
});
