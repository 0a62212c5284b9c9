import { eq } from 'drizzle-orm';
import { vans, vanDocuments } from '../../db/schema';
import { twoStage, type WriteContext } from '../context';
import { cell, matchColumns, type ColumnSpec } from '../../import/table';
import { parseCount, parseDateCell, parseNumber } from '../../import/values';
import { norm, readFile, type FileIn, type ReadFile } from './import-file';
import { diffFields } from '../write';
import { upsertDocument } from './documents';
import { vanInput, type FleetImportResult, type Van, type fleetChannels } from '../../../shared/contract/fleet';
import type { OwnershipType, VanStatus, VanType } from '../../../shared/domain';
import { AMAZON_REASON_PREFIX } from '../../../shared/rules/fleet/evaluate';
import { normalizeVin, vinProblem } from '../../../shared/vin';

/** Amazon's fleet vehicles export (DOMAIN.md) and the aliases of hand-made sheets. */
const FLEET_COLUMNS = {
  vin: { label: 'vin', aliases: ['VIN', 'VIN Number', 'Vehicle Identification Number'], required: true },
  name: { label: 'vehicleName', aliases: ['Name', 'Van', 'Van Name', 'Van Number', 'Van #', 'Vehicle', 'Number', 'Unit'] },
  plate: { label: 'licensePlateNumber', aliases: ['Plate', 'License Plate', 'Licence Plate', 'Plate Number', 'Tag'] },
  plateState: { label: 'registeredState', aliases: ['State', 'Plate State', 'Registration State'] },
  make: { label: 'make', aliases: [] },
  model: { label: 'model', aliases: [] },
  subModel: { label: 'subModel', aliases: ['Sub Model', 'Trim'] },
  year: { label: 'year', aliases: ['Model Year'] },
  type: { label: 'type', aliases: ['Van Type', 'Vehicle Type'] },
  serviceTier: { label: 'serviceTier', aliases: ['Service Tier', 'Tier'] },
  serviceType: { label: 'serviceType', aliases: ['Service Type'] },
  status: { label: 'status', aliases: ['Van Status', 'Vehicle Status'] },
  statusReasonCode: { label: 'statusReasonCode', aliases: ['Status Reason Code'] },
  statusReasonMessage: { label: 'statusReasonMessage', aliases: ['Status Reason', 'Status Reason Message', 'Reason'] },
  operationalStatus: { label: 'operationalStatus', aliases: ['Operational Status'] },
  vehicleProvider: { label: 'vehicleProvider', aliases: ['Provider', 'Vehicle Provider', 'Rental Company'] },
  ownershipType: { label: 'ownershipType', aliases: ['Ownership', 'Ownership Type'] },
  ownershipEndDate: { label: 'ownershipEndDate', aliases: ['Ownership End Date', 'Return Date', 'Lease End', 'Rental Return', 'Rental Return Date'] },
  registrationExpiryDate: { label: 'registrationExpiryDate', aliases: ['Registration Expiry', 'Registration Expiration', 'Registration Expires'] },
  insuranceExpiryDate: { label: 'insuranceExpiryDate', aliases: ['Insurance Expiry', 'Insurance Expiration', 'Insurance Expires'] },
  annualInspectionDate: { label: 'annualInspectionExpiryDate', aliases: ['Annual Inspection Expiry', 'Annual Inspection Due', 'Inspection Expiry'] },
  odometer: { label: 'odometer', aliases: ['Odometer', 'Odometer (mi)', 'Mileage', 'Miles'] },
  chargingBay: { label: 'chargingBay', aliases: ['Charging Bay', 'Charger', 'Bay'] },
  notes: { label: 'notes', aliases: ['Notes', 'Comments'] },
} satisfies Record<string, ColumnSpec>;
type FleetField = keyof typeof FLEET_COLUMNS;

const OWNERSHIP_WORDS: Record<string, OwnershipType> = {
  amazonowned: 'owned',
  owned: 'owned',
  own: 'owned',
  amazonleased: 'leased',
  leased: 'leased',
  lease: 'leased',
  rental: 'rental',
  rented: 'rental',
  rent: 'rental',
  shortterm: 'rental',
  shorttermrental: 'rental',
};

const STATUS_WORDS: Record<string, VanStatus> = {
  inservice: 'in_service',
  active: 'in_service',
  operational: 'in_service',
  available: 'in_service',
  inshop: 'in_shop',
  shop: 'in_shop',
  maintenance: 'in_shop',
  inmaintenance: 'in_shop',
  repair: 'in_shop',
  outofservice: 'out_of_service',
  inactive: 'out_of_service',
  retired: 'out_of_service',
  decommissioned: 'out_of_service',
  grounded: 'grounded',
};

const TYPE_WORDS: Record<string, VanType> = {
  cdv: 'CDV',
  customdeliveryvan: 'CDV',
  gas: 'CDV',
  cargovan: 'CDV',
  edv: 'EDV',
  electric: 'EDV',
  electricdeliveryvan: 'EDV',
  ev: 'EDV',
  bev: 'EDV',
  stepvan: 'STEP_VAN',
  step: 'STEP_VAN',
  stepvanmedium: 'STEP_VAN',
  rental: 'RENTAL',
  rentalvan: 'RENTAL',
};

/** Our van type from the export's `type`, `serviceTier`, make/model and ownership. */
export function vanTypeFrom(f: { type: string; serviceTier: string; make: string; model: string; subModel: string; provider: string; ownership: OwnershipType | undefined }): VanType | undefined {
  const t = TYPE_WORDS[norm(f.type)];
  if (t) return t;
  const text = `${f.type} ${f.make} ${f.model} ${f.subModel} ${f.provider}`.toLowerCase();
  if (/rivian|electric|\bev\b|\bedv\b|e-transit|etransit|brightdrop|zevo|\bbev\b/.test(text)) return 'EDV';
  const tier = norm(f.serviceTier);
  if (tier === 'stepvanmedium' || tier === 'extralargecargovan' || /step ?van/.test(text)) return 'STEP_VAN';
  if (f.ownership === 'rental') return 'RENTAL';
  if (tier === 'standardcargovan' || tier === 'largecargovan' || /cargo|van|transit|promaster|sprinter/.test(text)) return 'CDV';
  return undefined;
}

type VanValues = ReturnType<typeof vanInput.parse>;
interface PlannedVan {
  row: number;
  values: VanValues;
  before?: Van;
  docs: { kind: 'registration' | 'insurance' | 'annual_inspection' | 'rental_return'; expiresOn: string }[];
  grounded: boolean;
}

const VAN_FIELD_COLUMN: Partial<Record<string, FleetField>> = {
  vin: 'vin',
  name: 'name',
  plate: 'plate',
  plateState: 'plateState',
  make: 'make',
  model: 'model',
  year: 'year',
  type: 'type',
  ownership: 'ownershipType',
  ownershipEndDate: 'ownershipEndDate',
  odometerMi: 'odometer',
  status: 'status',
  statusReason: 'statusReasonMessage',
  chargingBay: 'chargingBay',
  notes: 'notes',
};

function stripVan(v: Van) {
  const { id: _i, createdAt: _c, updatedAt: _u, archivedAt: _a, ...rest } = v;
  return rest;
}

/**
 * Import vans (a two-stage write: the file is read outside the transaction): every row is checked
 * first (VIN check digit, duplicates in the file, plate format, dates, type) and reported with its
 * spreadsheet row; then everything is written in the call's transaction, or nothing on any error or
 * on a dry run. Existing vans are matched by VIN and updated.
 */
export const importFleet = twoStage<(typeof fleetChannels)['fleet.import'], ReadFile>({
  prepare: (_ctx, input) => readFile(input),
  apply: (w, input, file) => applyFleet(w, input, file),
});

function applyFleet(w: WriteContext, input: FileIn, file: ReadFile): FleetImportResult {
  const result: FleetImportResult = {
    ok: false,
    dryRun: input.dryRun,
    vans: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    addedVins: [],
    changedVins: [],
    grounded: 0,
    errors: [],
    preview: [],
  };
  const { sheet } = file;
  if (!sheet) {
    result.errors.push(file.error);
    return result;
  }
  const match = matchColumns(sheet.headers, FLEET_COLUMNS);
  result.errors.push(...match.issues);
  result.vans = sheet.rows.length;
  if (match.issues.length > 0) return result;

  const existing = new Map(w.db.select().from(vans).all().map((v) => [v.vin, v as Van]));
  const existingDocs = new Map<string, string | null>();
  for (const d of w.db.select().from(vanDocuments).all()) existingDocs.set(`${d.vanId}|${d.kind}`, d.expiresOn);
  const seenVin = new Map<string, number>();
  const seenPlate = new Map<string, number>();
  const planned: PlannedVan[] = [];

  for (const r of sheet.rows) {
    const before = result.errors.length;
    const err = (column: FleetField, message: string) => result.errors.push({ row: r.row, column: FLEET_COLUMNS[column].label, message });
    const get = (f: FleetField) => cell(match, r, f);

    const vin = normalizeVin(get('vin'));
    const vp = vin ? vinProblem(vin) : 'VIN is required';
    if (vp) err('vin', vp);
    else if (seenVin.has(vin)) err('vin', `VIN ${vin} already appears in row ${seenVin.get(vin)}`);
    else seenVin.set(vin, r.row);
    const old = existing.get(vin);

    const plate = get('plate').toUpperCase().replace(/\s+/g, ' ');
    if (plate) {
      if (!/^[A-Z0-9 -]{1,8}$/.test(plate)) err('plate', `plate "${plate.slice(0, 20)}" must be 1–8 letters, digits, spaces or dashes`);
      else if (seenPlate.has(plate)) err('plate', `plate ${plate} already appears in row ${seenPlate.get(plate)}`);
      else seenPlate.set(plate, r.row);
    }
    const state = get('plateState').toUpperCase();
    if (state && !/^[A-Z]{2}$/.test(state)) err('plateState', `"${state.slice(0, 20)}" is not a two-letter state code`);

    const ownText = get('ownershipType');
    const ownership = ownText ? OWNERSHIP_WORDS[norm(ownText)] : undefined;
    if (ownText && !ownership) err('ownershipType', `unknown ownership "${ownText.slice(0, 40)}" (AMAZON_OWNED, AMAZON_LEASED or RENTAL)`);

    const year = parseCount(get('year'));
    if (year.error) err('year', year.error);
    const odo = parseNumber(get('odometer').replace(/\s*mi(les)?$/i, ''));
    if (odo.error) err('odometer', odo.error);
    const dates: Partial<Record<FleetField, string | null>> = {};
    for (const f of ['ownershipEndDate', 'registrationExpiryDate', 'insuranceExpiryDate', 'annualInspectionDate'] as const) {
      const p = parseDateCell(get(f));
      if (p.error) err(f, p.error);
      else dates[f] = p.value;
    }

    const typeText = get('type');
    const type =
      vanTypeFrom({
        type: typeText,
        serviceTier: get('serviceTier'),
        make: get('make'),
        model: get('model'),
        subModel: get('subModel'),
        provider: get('vehicleProvider'),
        ownership,
      }) ?? old?.type;
    if (!type) err(typeText ? 'type' : 'serviceTier', `cannot tell the van type${typeText ? ` from "${typeText.slice(0, 40)}"` : ''} (CDV, EDV, step van or rental)`);

    // Status: Amazon GROUNDED grounds with Amazon's reason; OPERATIONAL lifts an Amazon grounding only.
    const op = norm(get('operationalStatus'));
    const reasonText = get('statusReasonMessage') || get('statusReasonCode');
    let status: VanStatus = old?.status ?? 'in_service';
    let statusReason = old?.statusReason ?? '';
    const statusWord = STATUS_WORDS[norm(get('status'))];
    if (statusWord && statusWord !== 'in_service') {
      status = statusWord;
      statusReason = reasonText || statusReason;
    } else if (statusWord === 'in_service' && !op && status !== 'in_service') {
      status = 'in_service';
      statusReason = '';
    }
    let grounded = false;
    if (op === 'grounded') {
      grounded = true;
      status = 'grounded';
      statusReason = `${AMAZON_REASON_PREFIX}: ${reasonText || 'no reason given'}`;
    } else if (op === 'operational' && old?.status === 'grounded' && old.statusReason.startsWith(AMAZON_REASON_PREFIX)) {
      status = statusWord && statusWord !== 'in_service' ? statusWord : 'in_service';
      statusReason = status === 'in_service' ? '' : statusReason;
    } else if (op && op !== 'operational') {
      err('operationalStatus', `unknown operational status "${get('operationalStatus').slice(0, 40)}" (OPERATIONAL or GROUNDED)`);
    }

    const model = [get('model'), get('subModel')].filter(Boolean).join(' ');
    const candidate = {
      ...(old ? stripVan(old) : {}),
      vin,
      name: get('name') || old?.name || plate || (vin ? `Van ${vin.slice(-6)}` : ''),
      plate: plate || old?.plate || '',
      plateState: state || old?.plateState || '',
      make: get('make') || old?.make || '',
      model: model || old?.model || '',
      year: year.value ?? old?.year ?? null,
      type: type ?? 'CDV',
      ownership: ownership ?? old?.ownership ?? 'owned',
      ownershipEndDate: dates.ownershipEndDate ?? old?.ownershipEndDate ?? null,
      odometerMi: odo.value != null ? Math.max(odo.value, old?.odometerMi ?? 0) : (old?.odometerMi ?? 0),
      status,
      statusReason: statusReason.slice(0, 300),
      chargingBay: get('chargingBay') || old?.chargingBay || '',
      notes: get('notes') || old?.notes || '',
    };
    if (result.errors.length > before) continue;
    const parsed = vanInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) err(VAN_FIELD_COLUMN[String(issue.path[0])] ?? 'vin', issue.message);
      continue;
    }
    const docs: PlannedVan['docs'] = [];
    if (dates.registrationExpiryDate) docs.push({ kind: 'registration', expiresOn: dates.registrationExpiryDate });
    if (dates.insuranceExpiryDate) docs.push({ kind: 'insurance', expiresOn: dates.insuranceExpiryDate });
    if (dates.annualInspectionDate) docs.push({ kind: 'annual_inspection', expiresOn: dates.annualInspectionDate });
    if (dates.ownershipEndDate && parsed.data.ownership !== 'owned') docs.push({ kind: 'rental_return', expiresOn: dates.ownershipEndDate });
    planned.push({ row: r.row, values: parsed.data, before: old, docs, grounded });
  }

  const changedSet = new Set<string>();
  for (const p of planned) {
    const vin = p.values.vin;
    if (p.grounded) result.grounded++;
    let action: 'add' | 'change' | 'same';
    if (!p.before) {
      action = 'add';
      result.addedVins.push(vin);
    } else {
      const vanChanged = Object.keys(diffFields(stripVan(p.before), { ...stripVan(p.before), ...p.values }).after).length > 0;
      const docChanged = p.docs.some((d) => existingDocs.get(`${p.before!.id}|${d.kind}`) !== d.expiresOn);
      action = vanChanged || docChanged ? 'change' : 'same';
      if (action === 'change') {
        result.changedVins.push(vin);
        changedSet.add(vin);
      } else result.unchanged++;
    }
    if (result.preview.length < 200) result.preview.push({ row: p.row, vin, name: p.values.name, type: p.values.type, action, grounded: p.grounded });
  }
  result.added = result.addedVins.length;
  result.changed = result.changedVins.length;
  result.ok = result.errors.length === 0;
  if (!result.ok || input.dryRun || result.added + result.changed === 0) return result;

  const now = w.clock.now().toISOString();
  w.audit({ action: 'import', entity: 'file', entityId: input.fileName, after: { kind: 'fleet', added: result.addedVins, changed: result.changedVins, unchanged: result.unchanged } });
  for (const p of planned) {
    let vanId: number;
    if (!p.before) {
      const { id: _id, ...values } = p.values;
      const row = w.db.insert(vans).values(values).returning().get();
      vanId = row.id;
      w.audit({ action: 'import', entity: 'van', entityId: row.id, after: row });
    } else {
      vanId = p.before.id;
      if (!changedSet.has(p.values.vin)) continue;
      const { id: _id, ...values } = p.values;
      const diff = diffFields(stripVan(p.before), { ...stripVan(p.before), ...values });
      if (Object.keys(diff.after).length > 0) {
        w.db.update(vans).set({ ...values, updatedAt: now }).where(eq(vans.id, vanId)).run();
        w.audit({ action: 'import', entity: 'van', entityId: vanId, ...diff });
      }
    }
    for (const d of p.docs) {
      if (p.before && existingDocs.get(`${vanId}|${d.kind}`) === d.expiresOn) continue;
      upsertDocument(w, { vanId, kind: d.kind, expiresOn: d.expiresOn, reference: d.kind === 'registration' ? p.values.plate : '', note: 'imported' });
    }
  }
  return result;
}
