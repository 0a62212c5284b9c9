import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { call } from '../../../electron/services/dispatch';
import { EventBus } from '../../../shared/events';
import { fixedClock } from '../../../shared/dates';
import { withCheckDigit } from '../../../shared/vin';
import type { ServiceContext } from '../../../electron/services/context';
import { databaseBefore, migrationTag } from '../../helpers/migrations';

/**
 * The van-class migration on a copy of a station made before it: a database at the previous
 * migration, filled in the old shape (vans typed CDV / EDV / STEP_VAN / RENTAL, PM overrides per
 * van type, a route with its own van type, DVIRs, board settings with the old service type →
 * van type table), then opened by this build.
 */
const DATE = '2026-11-26';
const vin = (n: number) => withCheckDigit(`1FTBW3XM0HK${String(n).padStart(6, '0')}`);

function oldStation() {
  const before = databaseBefore(migrationTag('van_classes'));
  const db = before.sqlite;
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
  return before.file;
}

describe('migration van_classes on a station made before it', () => {
  it('converts van types to classes (+ electric, + rental ownership) and keeps everything else', () => {
    const opened = openDatabase(oldStation());
    const db = opened.sqlite;
    try {
      const vans = db.prepare(`SELECT name, van_class, electric, ownership, ownership_end_date, plate, make, model, odometer_mi, status, status_reason, usable_range_mi, state_of_charge_pct, charging_bay, notes, provider, sub_model FROM vans ORDER BY id`).all();
      expect(vans).toEqual([
        { name: 'CDV-01', van_class: 'standard_cargo', electric: 0, ownership: 'leased', ownership_end_date: null, plate: 'C11111A', make: 'Ford', model: 'Transit 250 HR', odometer_mi: 41_250, status: 'in_service', status_reason: '', usable_range_mi: null, state_of_charge_pct: null, charging_bay: '', notes: 'door sticks', provider: '', sub_model: '' },
        { name: 'EDV-01', van_class: 'electric_van', electric: 1, ownership: 'leased', ownership_end_date: null, plate: 'C22222B', make: 'Rivian', model: 'EDV 700', odometer_mi: 12_000, status: 'in_service', status_reason: '', usable_range_mi: 150, state_of_charge_pct: 82, charging_bay: 'CB-01', notes: '', provider: '', sub_model: '' },
        { name: 'STEP-01', van_class: 'step_van', electric: 0, ownership: 'owned', ownership_end_date: null, plate: 'C33333C', make: 'Freightliner', model: 'MT45 step van', odometer_mi: 130_000, status: 'grounded', status_reason: 'Brakes', usable_range_mi: null, state_of_charge_pct: null, charging_bay: '', notes: '', provider: '', sub_model: '' },
        { name: 'RNT-01', van_class: 'standard_cargo', electric: 0, ownership: 'rental', ownership_end_date: '2026-12-20', plate: 'R44444D', make: 'Ram', model: 'ProMaster 2500', odometer_mi: 9_000, status: 'in_service', status_reason: '', usable_range_mi: null, state_of_charge_pct: null, charging_bay: '', notes: 'Peak rental', provider: '', sub_model: '' },
        { name: 'RNT-02', van_class: 'standard_cargo', electric: 0, ownership: 'rental', ownership_end_date: '2027-01-10', plate: 'R55555E', make: 'Ford', model: 'Transit 250', odometer_mi: 7_500, status: 'in_service', status_reason: '', usable_range_mi: null, state_of_charge_pct: null, charging_bay: '', notes: '', provider: '', sub_model: '' },
      ]);
      expect(db.prepare(`SELECT name FROM pragma_table_info('vans') WHERE name = 'type'`).get()).toBeUndefined();
      // DVIRs keep their ids, results and items; they came from the desk's form.
      expect(db.prepare(`SELECT id, van_id, result, notes, source, source_key, driver_id, duration_sec FROM inspections`).all()).toEqual([
        { id: 7, van_id: 3, result: 'fail', notes: 'soft pedal', source: 'desk', source_key: null, driver_id: null, duration_sec: null },
      ]);
      expect(db.prepare(`SELECT item_code, passed FROM inspection_items WHERE inspection_id = 7 ORDER BY item_code`).all()).toEqual([
        { item_code: 'brakes', passed: 0 },
        { item_code: 'horn', passed: 1 },
      ]);
      // The inspections table is rebuilt (its result may now be empty): its children must not notice.
      expect(db.prepare(`SELECT source_inspection_id, status FROM defects`).all()).toEqual([{ source_inspection_id: 7, status: 'open' }]);
      // A route's own van type: a rental meant any cargo van.
      expect(db.prepare(`SELECT code, van_type FROM routes ORDER BY code`).all()).toEqual([
        { code: 'CX1', van_type: null },
        { code: 'CX2', van_type: null },
        { code: 'CX3', van_type: 'CDV' },
        { code: 'CX4', van_type: 'STEP_VAN' },
      ]);
      // PM overrides: CDV's for every cargo size, EDV's for electric vans, the rental's gone, the step van's kept.
      expect(db.prepare(`SELECT van_type, code, every_mi, active FROM pm_schedules ORDER BY van_type, code`).all()).toEqual([
        { van_type: 'electric_van', code: 'ev_battery', every_mi: 10000, active: 1 },
        { van_type: 'large_cargo', code: 'oil', every_mi: 4000, active: 1 },
        { van_type: 'small_cargo', code: 'oil', every_mi: 4000, active: 1 },
        { van_type: 'standard_cargo', code: 'oil', every_mi: 4000, active: 1 },
        { van_type: 'step_van', code: 'tyre_rotation', every_mi: 6000, active: 0 },
        { van_type: 'xl_cargo', code: 'oil', every_mi: 4000, active: 1 },
      ]);
      // Board settings lose the old service type → van type table only.
      expect(JSON.parse((db.prepare(`SELECT value FROM settings WHERE key = 'board'`).get() as { value: string }).value)).toEqual({ dspCode: 'RNLG', limits: { maxDailyHours: 11 } });
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      opened.close();
    }
  });

  it('the migrated station works: board, readiness, PM and the rules read the classes', async () => {
    const opened = openDatabase(oldStation());
    const ctx: ServiceContext = { db: opened.db, clock: fixedClock('2026-11-26T15:00:00Z'), actor: { name: 'desk', role: 'desk' }, events: new EventBus(), dbPath: opened.path };
    try {
      const board = await call(ctx, 'board.list', { date: DATE });
      const byCode = Object.fromEntries(board.routes.map((r) => [r.code, r]));
      expect(byCode.CX1).toMatchObject({ allowedVanClasses: ['standard_cargo', 'large_cargo', 'xl_cargo'], van: { name: 'CDV-01', vanClass: 'standard_cargo', electric: false } });
      expect(byCode.CX1!.conflicts.map((c) => c.rule)).toEqual(['NOT_CHECKED_IN', 'VAN_ATTENTION']);
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
