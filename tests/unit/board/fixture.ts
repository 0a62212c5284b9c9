import { station } from '../../../electron/db/schema';
import { call } from '../../../electron/services/dispatch';
import { testDesk, type TestDesk } from '../../helpers/context';
import type { ServiceContext } from '../../../electron/services/context';
import type { DriverInput, VanInput } from '../../../shared/contract';
import { withCheckDigit } from '../../../shared/vin';
import { defaultPmSchedules } from '../../../shared/rules/fleet/maintenance';

export const DATE = '2026-11-26';

/** Valid VINs (check digit computed) for test vans. */
export const vinFor = (n: number) => withCheckDigit(`1FTBW3XM0HK${String(n).padStart(6, '0')}`);

export interface BoardFixture extends TestDesk {
  drivers: Record<string, number>;
  vans: Record<string, number>;
}

/** A small station: DSP "ACME", drivers with various qualifications, vans of each type. */
export async function boardFixture(): Promise<BoardFixture> {
  const desk = testDesk();
  return { ...desk, ...(await seedBoard(desk.ctx)) };
}

/** Seed the small station into any context (a test desk or a test server's). */
export async function seedBoard(ctx: ServiceContext): Promise<{ drivers: Record<string, number>; vans: Record<string, number> }> {
  const desk = { ctx, opened: { sqlite: ctx.db.$client } };
  desk.ctx.db.insert(station).values({ id: 1, name: 'Test Station', code: 'DXX1', dspCode: 'ACME', lat: 40, lon: -74, timeZone: 'America/New_York' }).run();
  const vans: Record<string, number> = {};
  const vanDefs: VanInput[] = [
    { name: 'CDV-1', vin: vinFor(1), type: 'CDV' },
    { name: 'CDV-2', vin: vinFor(2), type: 'CDV' },
    { name: 'EDV-1', vin: vinFor(3), type: 'EDV', usableRangeMi: 150, stateOfChargePct: 100 },
    { name: 'EDV-LOW', vin: vinFor(4), type: 'EDV', usableRangeMi: 150, stateOfChargePct: 40 },
    { name: 'STEP-1', vin: vinFor(5), type: 'STEP_VAN' },
    { name: 'CDV-GROUNDED', vin: vinFor(6), type: 'CDV', status: 'grounded', statusReason: 'brakes' },
    { name: 'RENT-1', vin: vinFor(7), type: 'RENTAL' },
  ];
  for (const v of vanDefs) vans[v.name] = (await call(desk.ctx, 'fleet.upsert', v)).id;
  // Fresh service records so PM does not put the vans on "attention" (fleet readiness).
  const ins = desk.opened.sqlite.prepare(`INSERT INTO service_records (van_id, code, date, odometer_mi) VALUES (?, ?, ?, 0)`);
  for (const id of Object.values(vans)) for (const s of defaultPmSchedules()) ins.run(id, s.code, '2026-11-20');
  const drivers: Record<string, number> = {};
  const driverDefs: DriverInput[] = [
    { transporterId: 'A0000000000001', name: 'Ana Alvarez', qualifications: ['CDV', 'EDV'], licenceExpiry: '2028-01-01' },
    { transporterId: 'A0000000000002', name: 'Ben Brooks', qualifications: ['CDV', 'EDV', 'STEP_VAN'], licenceExpiry: '2028-01-01' },
    { transporterId: 'A0000000000003', name: 'Cy Chen', qualifications: ['EDV'], licenceExpiry: '2028-01-01' },
    { transporterId: 'A0000000000004', name: 'Dee Expired', qualifications: ['CDV', 'EDV'], licenceExpiry: '2026-11-01' },
    { transporterId: 'A0000000000005', name: 'Eve Expiring', qualifications: ['CDV', 'EDV'], licenceExpiry: '2026-12-01' },
  ];
  for (const d of driverDefs) drivers[d.name.split(' ')[0]!] = (await call(desk.ctx, 'roster.upsert', d)).id;
  return { drivers, vans };
}

export const SHEET = [
  'Route Code,Wave,Staging Location,Service Type,Route Duration,Stops,Packages,Distance,DSP',
  'CX1,10:05,STG.A1,Standard Parcel,8h,150,250,80 mi,ACME',
  'CX2,10:05,STG.A2,Standard Parcel Electric,8:00,140,230,90,ACME',
  'CX3,10:25,STG.B1,Standard Parcel Step Van - US,9h,120,300,60,ACME',
  'CX4,10:25,STG.B2,Standard Parcel,8.5,160,260,70,ACME',
  'OT9,10:25,STG.Z9,Standard Parcel,8,100,200,50,OTHER',
].join('\n');

export async function importSheet(desk: { ctx: ServiceContext }, csv = SHEET, date = DATE) {
  return call(desk.ctx, 'routes.import', { fileName: 'routes.csv', content: csv, date, dryRun: false });
}

export async function checkInAll(desk: { ctx: ServiceContext; drivers: Record<string, number> }, date = DATE) {
  for (const id of Object.values(desk.drivers)) await call(desk.ctx, 'checkin.set', { date, driverId: id, status: 'checked_in' });
}
