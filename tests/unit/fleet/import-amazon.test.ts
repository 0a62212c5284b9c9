import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/services/dispatch';
import { testDesk } from '../../helpers/context';
import { addStation, fileIn } from '../../helpers/imports';
import { dvicReport, fleetVehiclesExport, xlsxBytes, FLEET_HEADERS } from '../../fixtures/amazon';
import { classFromFleetRow } from '../../../shared/rules/fleet/classes';

/** Amazon's fleet vehicles export as it really comes (DOMAIN.md "Vans"), read value by value. */
describe("fleet import: Amazon's fleet vehicles export", () => {
  it('reads every van right: class, electric, state, pending plate, full sub-model, grounding reason, rental end, provider', async () => {
    const { ctx } = testDesk();
    addStation(ctx);
    const f = await fleetVehiclesExport({ seed: 7, vans: 24 });
    const res = await call(ctx, 'fleet.import', { ...fileIn(f.fileName, f.bytes), dryRun: false });
    expect(res).toMatchObject({ ok: true, vans: 24, added: 24, changed: 0, errors: [], grounded: 2 });
    expect(res.read).toMatchObject({ kind: 'xlsx', recognised: { id: 'fleet-vehicles' }, sheet: { name: 'Vehicles' }, headerRow: 1, skipped: { title: 0, legend: 0, blank: 0, repeatedHeader: 0, total: 0 } });
    // Every column of the export is read but the two whose real names nobody documents.
    expect(res.read!.ignoredColumns.map((c) => c.header)).toEqual(['vehicleGroup', 'tollTagId']);
    expect(Object.values(res.read!.columns)).toEqual(expect.arrayContaining(FLEET_HEADERS.filter((h) => h !== 'vehicleGroup' && h !== 'tollTagId')));
    // A vehicleName on two rows is a warning: both vans are kept, matched by VIN.
    const dupRows = f.vans.filter((v) => v.vehicleName === f.duplicateName).map((v) => v.rowNumber);
    expect(res.warnings).toEqual([{ row: dupRows[1]!, column: 'vehicleName', message: expect.stringContaining(`also on row ${dupRows[0]}`) }]);

    const vans = new Map((await call(ctx, 'fleet.list', {})).map((v) => [v.vin, v]));
    expect(vans.size).toBe(24);
    for (const t of f.vans) {
      const v = vans.get(t.vin)!;
      const label = `row ${t.rowNumber} ${t.serviceTier}`;
      const expectedClass = t.make === 'Rivian' ? 'electric_van' : { STANDARD_CARGO_VAN: 'standard_cargo', LARGE_CARGO_VAN: 'large_cargo', EXTRA_LARGE_CARGO_VAN: 'xl_cargo', STEP_VAN_MEDIUM: 'step_van' }[t.serviceTier];
      expect(v.vanClass, label).toBe(expectedClass);
      expect(v.electric, label).toBe(t.electric);
      expect(v.plateState, label).toBe(t.registeredState.slice(0, 2));
      expect(v.plate, label).toBe(t.pendingPlate ? '' : t.licensePlateNumber);
      expect([v.make, v.model, v.subModel], label).toEqual([t.make, t.model, t.subModel]);
      expect(v.year).toBe(t.year);
      expect(v.ownership, label).toBe({ AMAZON_OWNED: 'owned', AMAZON_LEASED: 'leased', RENTAL: 'rental' }[t.ownershipType]);
      expect(v.provider).toBe(t.vehicleProvider);
      expect(v.ownershipEndDate, label).toBe(t.ownershipEndDate || null);
      if (t.operationalStatus === 'GROUNDED') {
        expect(v.status, label).toBe('grounded');
        expect(v.statusReason, label).toBe(`Amazon GROUNDED: ${t.statusReasonMessage || 'Grounded by Amazon (no reason given)'}`);
      } else {
        // HEALTHY codes and a rental's "Until 2027-01-13." are never a reason.
        expect([v.status, v.statusReason], label).toEqual(['in_service', '']);
      }
    }
    // The XL high-roof vans are XL cargo vans, never step vans; the long sub-model is kept whole.
    const xl = f.vans.find((t) => t.serviceTier === 'EXTRA_LARGE_CARGO_VAN' && t.make === 'Ram')!;
    expect(vans.get(xl.vin)).toMatchObject({ vanClass: 'xl_cargo', subModel: '3500 159 WB 3dr High Roof Extended Cargo Van', model: 'ProMaster' });
    expect(`${xl.make} ${xl.model} ${xl.subModel}`.length).toBeGreaterThan(40);
    // The rental's end date became its return document; registration expiries became documents.
    const rental = f.vans.find((t) => t.ownershipType === 'RENTAL')!;
    const docs = await call(ctx, 'fleet.documents', { vanId: vans.get(rental.vin)!.id });
    expect(docs.map((d) => [d.kind, d.expiresOn]).sort()).toEqual([['registration', rental.registrationExpiryDate], ['rental_return', rental.ownershipEndDate]].sort());
    // The grounding shows on the readiness grid with Amazon's words.
    const grounded = f.vans.find((t) => t.operationalStatus === 'GROUNDED' && !t.statusReasonMessage)!;
    const readiness = (await call(ctx, 'fleet.readiness', {})).find((r) => r.vanId === vans.get(grounded.vin)!.id)!;
    expect(readiness.reasons[0]).toEqual({ code: 'AMAZON_GROUNDED', message: 'Amazon GROUNDED: Grounded by Amazon (no reason given)' });
  });

  it('a dry run previews each van as read (plate null for PENDING, class and where it came from) and writes nothing', async () => {
    const { ctx } = testDesk();
    addStation(ctx);
    const f = await fleetVehiclesExport({ seed: 8, vans: 12 });
    const res = await call(ctx, 'fleet.import', { ...fileIn(f.fileName, f.bytes), dryRun: true });
    expect(res).toMatchObject({ ok: true, dryRun: true, added: 12 });
    const pending = f.vans.find((t) => t.pendingPlate)!;
    expect(res.preview.find((p) => p.vin === pending.vin)).toMatchObject({ plate: null, action: 'add' });
    const rivian = f.vans.find((t) => t.make === 'Rivian')!;
    expect(res.preview.find((p) => p.vin === rivian.vin)).toMatchObject({ vanClass: 'electric_van', electric: true, classFrom: 'type' });
    const step = f.vans.find((t) => t.serviceTier === 'STEP_VAN_MEDIUM')!;
    expect(res.preview.find((p) => p.vin === step.vin)).toMatchObject({ vanClass: 'step_van', classFrom: 'serviceTier' });
    expect(await call(ctx, 'fleet.list', {})).toEqual([]);
  });

  it('never re-types an existing van wrongly: the export tells the class, a row that tells nothing keeps it', async () => {
    const { ctx } = testDesk();
    addStation(ctx);
    const f = await fleetVehiclesExport({ seed: 9, vans: 8 });
    const xl = f.vans.find((t) => t.serviceTier === 'EXTRA_LARGE_CARGO_VAN')!;
    const other = f.vans.find((t) => t.serviceTier === 'LARGE_CARGO_VAN')!;
    // Typed by an older desk: the XL van as a step van (the old importer's mistake), the other as standard.
    await call(ctx, 'fleet.upsert', { name: 'Old XL', vin: xl.vin, type: 'STEP_VAN' });
    await call(ctx, 'fleet.upsert', { name: 'Old large', vin: other.vin, vanClass: 'large_cargo' });
    const res = await call(ctx, 'fleet.import', { ...fileIn(f.fileName, f.bytes), dryRun: false });
    expect(res.ok).toBe(true);
    expect(res.changedVins).toContain(xl.vin);
    const byVin = new Map((await call(ctx, 'fleet.list', {})).map((v) => [v.vin, v]));
    expect(byVin.get(xl.vin)).toMatchObject({ vanClass: 'xl_cargo', name: xl.vehicleName });
    // A sheet row with nothing that tells a class keeps the van's own.
    const csv = `vin,vehicleName,type\n${other.vin},Large 1,CARGO_VAN\n`;
    const again = await call(ctx, 'fleet.import', { fileName: 'vans.csv', content: csv, dryRun: false });
    expect(again.preview[0]).toMatchObject({ vanClass: 'large_cargo', classFrom: 'kept', action: 'change', changes: ['name'] });
    // And a new van a row cannot tell is refused by row, not guessed.
    const unknown = await call(ctx, 'fleet.import', { fileName: 'vans.csv', content: `vin,vehicleName,type\n${xl.vin.slice(0, 16)}X,?,CARGO_VAN\n1FTBW3XM0HK000017,New,CARGO_VAN\n`, dryRun: true });
    expect(unknown.ok).toBe(false);
  });

  it('reports every row error in one pass (state, plate, VIN, dates, ownership), all or nothing', async () => {
    const { ctx } = testDesk();
    addStation(ctx);
    const f = await fleetVehiclesExport({ seed: 10, vans: 8 });
    const grid = [
      [...FLEET_HEADERS],
      ...f.vans.map((t, i) => [
        i === 1 ? t.vin.slice(0, 16) : t.vin, t.serviceType, t.vehicleName, i === 2 ? 'WAY-TOO-LONG-1' : t.licensePlateNumber, t.make, t.model, t.subModel, 'ACTIVE', t.statusReasonCode, t.statusReasonMessage,
        t.operationalStatus, t.vehicleProvider, 'COMMERCIAL', t.year, 'CARGO_VAN', i === 3 ? 'BORROWED' : t.ownershipType, '2024-01-15', t.ownershipEndDate, i === 4 ? '2027-02-30' : t.registrationExpiryDate,
        i === 5 ? 'Washington' : t.registeredState, t.serviceTier, 'DSE4', '', '',
      ]),
    ];
    const res = await call(ctx, 'fleet.import', { ...fileIn('fleet.xlsx', await xlsxBytes([{ name: 'Vehicles', rows: grid }])), dryRun: false });
    expect(res.ok).toBe(false);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'vin'],
      [4, 'licensePlateNumber'],
      [5, 'ownershipType'],
      [6, 'registrationExpiryDate'],
      [7, 'registeredState'],
    ]);
    expect(res.errors[4]!.message).toMatch(/not a state \(two letters, e.g\. WA or "WA - Washington"\)/);
    expect(await call(ctx, 'fleet.list', {})).toEqual([]);
  });

  it("refuses Amazon's DVIC report by name instead of reading it as vans", async () => {
    const { ctx } = testDesk();
    const f = await dvicReport({ seed: 11 });
    const res = await call(ctx, 'fleet.import', { ...fileIn(f.fileName, f.bytes), dryRun: true });
    expect(res).toMatchObject({ ok: false, added: 0, unchanged: 0, read: null });
    expect(res.errors).toEqual([{ row: 1, column: '', message: "This is Amazon's DVIC report; import it under Inspections." }]);
  });
});

describe('van class from a fleet row (shared rule)', () => {
  const row = (over: Partial<Parameters<typeof classFromFleetRow>[0]>) => classFromFleetRow({ serviceTier: '', serviceType: '', type: '', make: '', model: '', subModel: '', ...over });
  it('serviceTier first; Rivian and electric types are electric vans; serviceType by keywords; a step-van body by model', () => {
    expect(row({ serviceTier: 'EXTRA_LARGE_CARGO_VAN', serviceType: 'Standard Parcel - Extra Large Van - US' })).toEqual({ vanClass: 'xl_cargo', electric: false, from: 'serviceTier' });
    expect(row({ serviceTier: 'STEP_VAN_MEDIUM' })).toEqual({ vanClass: 'step_van', electric: false, from: 'serviceTier' });
    expect(row({ serviceTier: 'STANDARD_CARGO_VAN', make: 'Rivian', model: 'EDV' })).toEqual({ vanClass: 'electric_van', electric: true, from: 'model' });
    expect(row({ type: 'ELECTRIC_VAN' })).toEqual({ vanClass: 'electric_van', electric: true, from: 'type' });
    expect(row({ serviceTier: 'LARGE_CARGO_VAN', make: 'Ford', model: 'E-Transit' })).toEqual({ vanClass: 'large_cargo', electric: true, from: 'serviceTier' });
    expect(row({ serviceType: 'Standard Parcel - Extra Large Van - US' })).toEqual({ vanClass: 'xl_cargo', electric: false, from: 'serviceType' });
    expect(row({ serviceType: 'Standard Parcel Medium Van' })).toEqual({ vanClass: 'standard_cargo', electric: false, from: 'serviceType' });
    expect(row({ make: 'Freightliner', model: 'MT45', subModel: 'Utilimaster Walk-In Step Van' })).toEqual({ vanClass: 'step_van', electric: false, from: 'model' });
    expect(row({ type: 'CARGO_VAN', make: 'Ford', model: 'Transit' })).toBeNull();
  });
});
