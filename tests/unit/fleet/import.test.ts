import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { tempDir, testDesk } from '../../helpers/context';
import { withCheckDigit } from '../../../shared/vin';

const AMAZON_HEADERS = [
  'vin', 'serviceType', 'vehicleName', 'licensePlateNumber', 'make', 'model', 'subModel', 'status', 'statusReasonCode',
  'statusReasonMessage', 'operationalStatus', 'vehicleProvider', 'vehicleRegistrationType', 'year', 'type', 'ownershipType',
  'ownershipStartDate', 'ownershipEndDate', 'registrationExpiryDate', 'registeredState', 'serviceTier', 'stationCode', 'fleetType',
];
const VIN_RIVIAN = withCheckDigit('7FCTGAAA0PN012345');
const VIN_TRANSIT = withCheckDigit('1FTBW3XM0LKA54321');
const VIN_RENTAL = withCheckDigit('3C6TRVDG0KE512345');
const VIN_STEP = withCheckDigit('4UZAARDU0KCKA1234');

type Row = Partial<Record<(typeof AMAZON_HEADERS)[number], string | number | Date>>;
const rows: Row[] = [
  { vin: VIN_RIVIAN, serviceType: 'Standard Parcel', vehicleName: 'EDV-01', licensePlateNumber: 'ABC1234', make: 'RIVIAN', model: 'EDV', subModel: '700', status: 'ACTIVE', operationalStatus: 'OPERATIONAL', vehicleProvider: 'RIVIAN', year: 2023, type: 'ELECTRIC', ownershipType: 'AMAZON_LEASED', ownershipStartDate: new Date('2023-03-01T00:00:00Z'), registrationExpiryDate: new Date('2027-03-31T00:00:00Z'), registeredState: 'IL', serviceTier: 'STANDARD_CARGO_VAN', stationCode: 'DCH1' },
  { vin: VIN_TRANSIT, serviceType: 'Standard Parcel - Large Van', vehicleName: 'CDV-07', licensePlateNumber: 'XYZ 987', make: 'FORD', model: 'TRANSIT', subModel: '250 HIGH ROOF', status: 'ACTIVE', statusReasonCode: 'BRAKE_RECALL', statusReasonMessage: 'Open recall: brake hose', operationalStatus: 'GROUNDED', year: 2020, ownershipType: 'AMAZON_OWNED', registrationExpiryDate: '12/15/2026', registeredState: 'IL', serviceTier: 'LARGE_CARGO_VAN', stationCode: 'DCH1' },
  { vin: VIN_RENTAL, serviceType: 'Standard Parcel', vehicleName: 'RENT-3', licensePlateNumber: 'RNT333', make: 'RAM', model: 'PROMASTER', status: 'ACTIVE', operationalStatus: 'OPERATIONAL', vehicleProvider: 'ENTERPRISE', year: 2019, ownershipType: 'RENTAL', ownershipEndDate: '2026-12-05', registeredState: 'WI', serviceTier: 'STANDARD_CARGO_VAN', stationCode: 'DCH1' },
  { vin: VIN_STEP, serviceType: 'Standard Parcel Step Van', vehicleName: 'STEP-1', licensePlateNumber: 'STP-1', make: 'FREIGHTLINER', model: 'MT45', operationalStatus: 'OPERATIONAL', year: 2019, ownershipType: 'AMAZON_OWNED', registeredState: 'IL', serviceTier: 'STEP_VAN_MEDIUM', stationCode: 'DCH1' },
];

async function xlsx(data: Row[], headers = AMAZON_HEADERS): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Vehicles');
  ws.addRow(headers);
  for (const r of data) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const xfile = async (data: Row[], dryRun = false) => ({ fileName: 'fleet_vehicles.xlsx', content: await xlsx(data), encoding: 'base64' as const, dryRun });

describe("fleet import (Amazon's fleet vehicles export and hand-made sheets)", () => {
  it('imports the Amazon export: classes, ownership, GROUNDED with reason, registration and rental return documents', async () => {
    const { ctx } = testDesk();
    const res = await call(ctx, 'fleet.import', await xfile(rows));
    expect(res).toMatchObject({ ok: true, vans: 4, added: 4, changed: 0, grounded: 1, errors: [] });
    const vans = await call(ctx, 'fleet.list', {});
    const byName = Object.fromEntries(vans.map((v) => [v.name, v]));
    expect(byName['EDV-01']).toMatchObject({ vanClass: 'electric_van', electric: true, ownership: 'leased', provider: 'RIVIAN', make: 'RIVIAN', model: 'EDV', subModel: '700', plate: 'ABC1234', plateState: 'IL', year: 2023, status: 'in_service' });
    expect(byName['CDV-07']).toMatchObject({ vanClass: 'large_cargo', electric: false, ownership: 'owned', status: 'grounded', statusReason: 'Amazon GROUNDED: Open recall: brake hose', plate: 'XYZ 987' });
    expect(byName['RENT-3']).toMatchObject({ vanClass: 'standard_cargo', ownership: 'rental', provider: 'ENTERPRISE', ownershipEndDate: '2026-12-05' });
    expect(byName['STEP-1']).toMatchObject({ vanClass: 'step_van', electric: false });
    const docs = await call(ctx, 'fleet.documents', {});
    expect(docs.map((d) => [d.vanId, d.kind, d.expiresOn])).toEqual(
      expect.arrayContaining([
        [byName['EDV-01']!.id, 'registration', '2027-03-31'],
        [byName['CDV-07']!.id, 'registration', '2026-12-15'],
        [byName['RENT-3']!.id, 'rental_return', '2026-12-05'],
      ]),
    );
    const readiness = Object.fromEntries((await call(ctx, 'fleet.readiness', {})).map((r) => [r.name, r]));
    expect(readiness['CDV-07']).toMatchObject({ status: 'grounded' });
    expect(readiness['CDV-07']!.reasons[0]).toEqual({ code: 'AMAZON_GROUNDED', message: 'Amazon GROUNDED: Open recall: brake hose' });
    expect(readiness['RENT-3']!.reasons.map((r) => r.code)).toContain('RENTAL_RETURN_DUE');
    expect((await call(ctx, 'audit.list', { entity: 'van' })).filter((a) => a.action === 'import')).toHaveLength(4);
  });

  it('re-import updates by VIN; OPERATIONAL lifts an Amazon grounding; an unchanged file changes nothing', async () => {
    const { ctx } = testDesk();
    await call(ctx, 'fleet.import', await xfile(rows));
    const again = await call(ctx, 'fleet.import', await xfile(rows));
    expect(again).toMatchObject({ ok: true, added: 0, changed: 0, unchanged: 4 });
    const next = rows.map((r) => (r.vin === VIN_TRANSIT ? { ...r, operationalStatus: 'OPERATIONAL', licensePlateNumber: 'NEW 1', statusReasonMessage: '' } : r));
    const res = await call(ctx, 'fleet.import', await xfile(next));
    expect(res).toMatchObject({ ok: true, added: 0, changed: 1, changedVins: [VIN_TRANSIT] });
    const v = (await call(ctx, 'fleet.list', { search: 'CDV-07' }))[0]!;
    expect(v).toMatchObject({ status: 'in_service', statusReason: '', plate: 'NEW 1' });
    expect((await call(ctx, 'fleet.list', {})).length).toBe(4);
  });

  it('reports bad VIN check digits, duplicates and plate format per spreadsheet row, and writes nothing', async () => {
    const { ctx } = testDesk();
    const badVin = VIN_RIVIAN.slice(0, 8) + (VIN_RIVIAN[8] === '1' ? '2' : '1') + VIN_RIVIAN.slice(9);
    const data: Row[] = [
      rows[0]!, // row 2 fine
      { ...rows[1]!, vin: badVin }, // row 3: check digit
      { ...rows[2]!, vin: VIN_RIVIAN }, // row 4: duplicate VIN of row 2
      { ...rows[3]!, licensePlateNumber: 'TOO-LONG-PLATE' }, // row 5: plate format
      { ...rows[1]!, vin: VIN_TRANSIT, licensePlateNumber: 'ABC1234' }, // row 6: duplicate plate of row 2
    ];
    const res = await call(ctx, 'fleet.import', await xfile(data));
    expect(res.ok).toBe(false);
    expect(res.errors).toEqual([
      { row: 3, column: 'vin', message: expect.stringMatching(/check digit \(position 9\) should be/) },
      { row: 4, column: 'vin', message: `VIN ${VIN_RIVIAN} already appears in row 2` },
      { row: 5, column: 'licensePlateNumber', message: expect.stringContaining('must be 1–8 letters') },
      { row: 6, column: 'licensePlateNumber', message: 'plate ABC1234 already appears in row 2' },
    ]);
    expect(await call(ctx, 'fleet.list', {})).toEqual([]);
    expect(await call(ctx, 'fleet.documents', {})).toEqual([]);
  });

  it('a dry run checks and previews but writes nothing; a missing VIN column is a row-1 error', async () => {
    const { ctx } = testDesk();
    const res = await call(ctx, 'fleet.import', await xfile(rows, true));
    expect(res).toMatchObject({ ok: true, dryRun: true, added: 4 });
    expect(res.preview.map((p) => [p.row, p.vanClass, p.action, p.grounded])).toEqual([
      [2, 'electric_van', 'add', false],
      [3, 'large_cargo', 'add', true],
      [4, 'standard_cargo', 'add', false],
      [5, 'step_van', 'add', false],
    ]);
    expect(await call(ctx, 'fleet.list', {})).toEqual([]);
    const noVin = await call(ctx, 'fleet.import', { fileName: 'x.csv', content: 'Name,Plate\nA,B\n', dryRun: false });
    expect(noVin).toMatchObject({ ok: false, read: null, errors: [{ row: 1, column: 'vin', message: expect.stringContaining('Missing column "vin"') }] });
  });

  it('imports a simple hand-made CSV (Van, VIN, Plate, Type, Odometer, Insurance Expiry) with quoted multi-line notes', async () => {
    const { ctx } = testDesk();
    const csv = [
      'Van,VIN,Plate,Type,Odometer,Insurance Expiry,Notes',
      `Van 12,${VIN_TRANSIT.toLowerCase()},ab 12,CDV,"41,250",2027-01-31,"Back door sticks,`,
      `lube weekly"`,
      `Van 14,${VIN_RIVIAN},,edv,1200 mi,,`,
      `Van 15,${VIN_STEP},Q1,Spaceship,,,`,
    ].join('\n');
    const bad = await call(ctx, 'fleet.import', { fileName: 'vans.csv', content: csv, dryRun: false });
    // The quoted note spans two lines but is one row: Van 15 is row 4.
    expect(bad.errors).toEqual([{ row: 4, column: 'Type', message: 'cannot tell the van class from "Spaceship": give serviceTier (e.g. STANDARD_CARGO_VAN), serviceType or a Van Class' }]);
    const res = await call(ctx, 'fleet.import', { fileName: 'vans.csv', content: csv.replace('Spaceship', 'Step Van'), dryRun: false });
    expect(res).toMatchObject({ ok: true, added: 3 });
    const v12 = (await call(ctx, 'fleet.list', { search: 'Van 12' }))[0]!;
    expect(v12).toMatchObject({ vin: VIN_TRANSIT, plate: 'AB 12', odometerMi: 41_250, notes: 'Back door sticks,\nlube weekly' });
    expect((await call(ctx, 'fleet.documents', { vanId: v12.id }))[0]).toMatchObject({ kind: 'insurance', expiresOn: '2027-01-31' });
  });

  it('CLI: import fleet FILE --db PATH --json prints {ok,vans,added,changed,errors}, exit 0 / 2', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'station.db');
    const good = path.join(dir, 'fleet.xlsx');
    fs.writeFileSync(good, Buffer.from(await xlsx(rows), 'base64'));
    const bad = path.join(dir, 'fleet.csv');
    fs.writeFileSync(bad, `vin,vehicleName\n${VIN_RIVIAN},A\n${VIN_RIVIAN},B\n`);
    const run = promisify(execFile);
    const cli = ['--import', 'tsx', 'electron/cli.ts'];
    const dry = await run(process.execPath, [...cli, 'import', 'fleet', good, '--db', db, '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, dryRun: true, vans: 4, added: 4, changed: 0, errors: [] });
    const ok = await run(process.execPath, [...cli, 'import', 'fleet', good, '--db', db, '--json']);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, vans: 4, added: 4 });
    const failed = await run(process.execPath, [...cli, 'import', 'fleet', bad, '--db', db, '--json']).catch((e: { code: number; stdout: string }) => e);
    expect((failed as { code: number }).code).toBe(2);
    expect(JSON.parse((failed as { stdout: string }).stdout)).toMatchObject({ ok: false, errors: [{ row: 3, column: 'vin' }] });
    const dvir = path.join(dir, 'dvir.csv');
    fs.writeFileSync(dvir, 'Van,Date,Time,Type,Inspector,Brakes,Horn\nEDV-01,2026-11-25,06:10,pre,Ana,P,P\nNOPE,2026-11-25,06:20,pre,Ana,F,P\n');
    const dv = await run(process.execPath, [...cli, 'import', 'inspections', dvir, '--db', db, '--json']).catch((e: { code: number; stdout: string }) => e);
    expect((dv as { code: number }).code).toBe(2);
    expect(JSON.parse((dv as { stdout: string }).stdout)).toMatchObject({ ok: false, inspections: 2, errors: [{ row: 3, column: 'Van' }] });
  }, 120_000);
});

describe('DVIR import', () => {
  it('imports inspections with P/F columns, opens defects for failures, all or nothing with row numbers', async () => {
    const { ctx } = testDesk();
    await call(ctx, 'fleet.import', await xfile(rows));
    const header = 'Van,Date,Time,Type,Inspector,Odometer,Brakes,Steering,Tires,Lights and signals,Horn,Cleanliness,Brakes note,Notes';
    const good = [
      header,
      'EDV-01,2026-11-25,6:10 AM,Pre-trip,Ana Ruiz,"12,000",P,P,P,P,P,P,,',
      'CDV-07,11/25/2026,18:40,post,Ben Okafor,50210,F,P,P,P,P,F,pedal soft,left early',
    ].join('\n');
    const badCsv = good + '\nNOPE,2026-11-25,25:00,sideways,,abc,Q,P,P,P,P,P,,';
    const bad = await call(ctx, 'fleet.importInspections', { fileName: 'dvir.csv', content: badCsv, dryRun: false });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'Van'],
      [4, 'Time'],
      [4, 'Type'],
      [4, 'Inspector'],
      [4, 'Odometer'],
      [4, 'Brakes'],
    ]);
    expect(await call(ctx, 'fleet.inspections', {})).toEqual([]);
    const res = await call(ctx, 'fleet.importInspections', { fileName: 'dvir.csv', content: good, dryRun: false });
    expect(res).toMatchObject({ ok: true, inspections: 2, failed: 1, defectsOpened: 2 });
    const list = await call(ctx, 'fleet.inspections', {});
    expect(list.map((i) => [i.vanName, i.kind, i.result, i.at])).toEqual([
      ['CDV-07', 'post_trip', 'fail', '2026-11-25T18:40:00.000Z'],
      ['EDV-01', 'pre_trip', 'pass', '2026-11-25T06:10:00.000Z'],
    ]);
    const defects = await call(ctx, 'fleet.defects', {});
    expect(defects.map((d) => [d.severity, d.description]).sort()).toEqual([
      ['critical', 'Brakes failed on post-trip DVIR: pedal soft'],
      ['minor', 'Cleanliness failed on post-trip DVIR'],
    ]);
    expect((await call(ctx, 'fleet.list', { search: 'EDV-01' }))[0]!.odometerMi).toBe(12_000);
  });
});
