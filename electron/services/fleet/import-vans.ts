import { eq } from 'drizzle-orm';
import { vans, vanDocuments } from '../../db/schema';
import { twoStage, type ReadDb, type WriteContext } from '../context';
import { byRow, fileColumns, readImportFile, type FileColumns, type ImportFileInput } from '../../import/file';
import type { ColumnSpecs, IssueList } from '../../import/reader';
import { parseCount, parseDateCell, parseNumber } from '../../import/values';
import { norm } from './import-file';
import { diffFields } from '../write';
import { upsertDocument } from './documents';
import { getStation } from '../station/station';
import { getBoardSettings } from '../board/settings';
import { vanInput, type fleetChannels, type FleetImportResult, type FleetImportVan, type Van, type VanValues } from '../../../shared/contract/fleet';
import type { ImportIssue } from '../../../shared/contract/common';
import { LEGACY_VAN_TYPES, VAN_CLASSES, VAN_CLASS_LABEL, type LegacyVanType, type OwnershipType, type VanClass, type VanStatus } from '../../../shared/domain';
import { AMAZON_REASON_PREFIX } from '../../../shared/rules/fleet/evaluate';
import { classFromFleetRow, fromLegacyVanType, type FleetRowKind } from '../../../shared/rules/fleet/classes';
import { readServiceType, type ServiceTypeRules } from '../../../shared/rules/fleet/service-types';
import { normalizeVin, vinProblem } from '../../../shared/vin';

/**
 * The fleet import: Amazon's fleet vehicles export as it really comes (DOMAIN.md "Vans") and vans
 * sheets of a station's own. Three steps, so the file is read outside the write transaction:
 * `prepareFleetImport` (async: read the file, parse every cell, no database), `planFleetImport`
 * (what would change, against the vans on the desk), `applyFleetImport` (the writes).
 */
export const FLEET_COLUMNS = {
  vin: { label: 'vin', aliases: ['VIN', 'VIN Number', 'Vehicle Identification Number'], required: true },
  name: { label: 'vehicleName', aliases: ['Name', 'Van', 'Van Name', 'Van Number', 'Van #', 'Vehicle', 'Number', 'Unit'] },
  plate: { label: 'licensePlateNumber', aliases: ['Plate', 'License Plate', 'Licence Plate', 'Plate Number', 'Tag'] },
  plateState: { label: 'registeredState', aliases: ['State', 'Plate State', 'Registration State'] },
  make: { label: 'make', aliases: [] },
  model: { label: 'model', aliases: [] },
  subModel: { label: 'subModel', aliases: ['Sub Model', 'Trim'] },
  year: { label: 'year', aliases: ['Model Year'] },
  type: { label: 'type', aliases: ['Van Type', 'Vehicle Type'] },
  vanClass: { label: 'Van Class', aliases: ['Class'] },
  serviceTier: { label: 'serviceTier', aliases: ['Service Tier', 'Tier'] },
  serviceType: { label: 'serviceType', aliases: ['Service Type'] },
  status: { label: 'status', aliases: ['Van Status', 'Vehicle Status'] },
  statusReasonCode: { label: 'statusReasonCode', aliases: ['Status Reason Code'] },
  statusReasonMessage: { label: 'statusReasonMessage', aliases: ['Status Reason', 'Status Reason Message', 'Reason'] },
  operationalStatus: { label: 'operationalStatus', aliases: ['Operational Status'] },
  vehicleProvider: { label: 'vehicleProvider', aliases: ['Provider', 'Vehicle Provider', 'Rental Company'] },
  vehicleRegistrationType: { label: 'vehicleRegistrationType', aliases: ['Registration Type'] },
  ownershipType: { label: 'ownershipType', aliases: ['Ownership', 'Ownership Type'] },
  ownershipStartDate: { label: 'ownershipStartDate', aliases: ['Ownership Start Date'], kind: 'date' },
  ownershipEndDate: { label: 'ownershipEndDate', aliases: ['Ownership End Date', 'Return Date', 'Lease End', 'Rental Return', 'Rental Return Date'], kind: 'date' },
  registrationExpiryDate: { label: 'registrationExpiryDate', aliases: ['Registration Expiry', 'Registration Expiration', 'Registration Expires'], kind: 'date' },
  insuranceExpiryDate: { label: 'insuranceExpiryDate', aliases: ['Insurance Expiry', 'Insurance Expiration', 'Insurance Expires'], kind: 'date' },
  annualInspectionDate: { label: 'annualInspectionExpiryDate', aliases: ['Annual Inspection Expiry', 'Annual Inspection Due', 'Inspection Expiry'], kind: 'date' },
  stationCode: { label: 'stationCode', aliases: ['Station', 'Station Code'] },
  odometer: { label: 'odometer', aliases: ['Odometer', 'Odometer (mi)', 'Mileage', 'Miles'] },
  chargingBay: { label: 'chargingBay', aliases: ['Charging Bay', 'Charger', 'Bay'] },
  notes: { label: 'notes', aliases: ['Notes', 'Comments'] },
} satisfies ColumnSpecs<string>;
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

const LEGACY_WORDS: Record<string, LegacyVanType> = {
  cdv: 'CDV',
  customdeliveryvan: 'CDV',
  gas: 'CDV',
  edv: 'EDV',
  electric: 'EDV',
  electricdeliveryvan: 'EDV',
  ev: 'EDV',
  bev: 'EDV',
  stepvan: 'STEP_VAN',
  step: 'STEP_VAN',
  rental: 'RENTAL',
  rentalvan: 'RENTAL',
};

/** "Until 2027-01-13." — Amazon's status message on a rental: its end date, not a reason. */
const UNTIL_RE = /^until\s+(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})\.?$/i;

const MAX_LEN: Partial<Record<FleetField, number>> = { name: 40, make: 60, model: 120, subModel: 200, vehicleProvider: 80, chargingBay: 20, notes: 2000 };

/** One row as read, every cell parsed; nothing from the database yet. */
export interface FleetRow {
  row: number;
  vin: string;
  name: string;
  /** Undefined: the file has no plate for it; null: no plate yet (PENDING-<VIN>). */
  plate: string | null | undefined;
  plateState: string;
  make: string;
  model: string;
  subModel: string;
  year: number | null;
  kind: FleetRowKind;
  /** A class named outright (a "Van Class" column or an older sheet's CDV / EDV / Step Van / Rental). */
  givenClass: { vanClass: VanClass; electric: boolean; rental: boolean } | null;
  status: VanStatus | null;
  /** GROUNDED / OPERATIONAL / '' (no column or empty). */
  operational: 'grounded' | 'operational' | '';
  /** Amazon's reason for the status: statusReasonMessage, never a HEALTHY code or a rental's "Until …". */
  reason: string;
  ownership: OwnershipType | null;
  provider: string;
  /** ownershipEndDate, else the date in a rental's "Until …" message. */
  ownershipEndDate: string | null;
  docs: { registration: string | null; insurance: string | null; annual_inspection: string | null };
  stationCode: string;
  odometerMi: number | null;
  chargingBay: string;
  notes: string;
}

export interface FleetParsed {
  fileName: string;
  dryRun: boolean;
  rows: FleetRow[];
  /** Data rows in the file (errors included). */
  total: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  read: FleetImportResult['read'];
  /** The file's name and place for each field (problems found later are named and ordered the same way). */
  columns: FileColumns;
}

function emptyResult(dryRun: boolean): FleetImportResult {
  return { ok: false, dryRun, vans: 0, added: 0, changed: 0, unchanged: 0, addedVins: [], changedVins: [], grounded: 0, errors: [], warnings: [], preview: [], read: null };
}

/** "WA - Washington", "wa", "WA" → "WA"; null when it is not a two-letter code. */
function stateCode(text: string): string | null {
  const m = /^([A-Za-z]{2})(?:\s*[-–—:]\s*[A-Za-z .]+)?$/.exec(text.trim());
  return m ? m[1]!.toUpperCase() : null;
}

/** A class named in a "Van Class" cell: the key, its label, or words the service-type rules read. */
function namedClass(text: string): VanClass | null {
  const t = text.trim().toLowerCase();
  const key = VAN_CLASSES.find((c) => c === t.replace(/[\s-]+/g, '_') || VAN_CLASS_LABEL[c].toLowerCase() === t || VAN_CLASS_LABEL[c].toLowerCase().replace(/ van$/, '') === t);
  if (key) return key;
  const r = readServiceType(text);
  return r.known && r.classesFrom !== 'default' && r.requiresVan ? r.classes[0]! : null;
}

/** Step 1 (async, no database): read the file and parse every cell of every row, all errors in one pass. */
export async function prepareFleetImport(input: ImportFileInput & { dryRun: boolean }): Promise<FleetParsed> {
  const parsed: FleetParsed = { fileName: input.fileName, dryRun: input.dryRun, rows: [], total: 0, errors: [], warnings: [], read: null, columns: { name: {}, index: {} } };
  const { table, refusal } = await readImportFile(input, { columns: FLEET_COLUMNS, accepts: ['fleet-vehicles'] });
  if (!table) {
    parsed.errors.push(refusal);
    return parsed;
  }
  parsed.read = table.summary();
  parsed.total = table.rows.length;
  parsed.columns = fileColumns(table, Object.keys(FLEET_COLUMNS) as FleetField[]);
  const issues: IssueList<FleetField> = table.issues();
  const warn: IssueList<FleetField> = table.issues();
  const seenVin = new Map<string, number>();
  const seenPlate = new Map<string, number>();
  const seenName = new Map<string, number>();
  for (const r of table.rows) {
    const row = r.rowNumber;
    const before = issues.size;
    const get = (f: FleetField) => r.get(f);
    const err = (f: FleetField, message: string) => issues.add(row, f, message);
    for (const [f, max] of Object.entries(MAX_LEN) as [FleetField, number][]) if (get(f).length > max) err(f, `is ${get(f).length} characters; at most ${max}`);

    const vin = normalizeVin(get('vin'));
    const vp = vin ? vinProblem(vin) : 'VIN is required';
    if (vp) err('vin', vp);
    else if (seenVin.has(vin)) err('vin', `VIN ${vin} already appears in row ${seenVin.get(vin)}`);
    else seenVin.set(vin, row);

    const name = get('name');
    if (name) {
      const other = seenName.get(name.toLowerCase());
      if (other !== undefined) warn.add(row, 'name', `vehicleName "${name}" is also on row ${other} (a different VIN): both are kept, matched by VIN; rename one on the desk`);
      else seenName.set(name.toLowerCase(), row);
    }

    const plateText = get('plate').toUpperCase().replace(/\s+/g, ' ');
    let plate: string | null | undefined = r.has('plate') ? plateText : undefined;
    if (/^PENDING\b/.test(plateText)) plate = null;
    else if (plateText) {
      if (!/^[A-Z0-9 -]{1,8}$/.test(plateText)) err('plate', `plate "${plateText.slice(0, 20)}" must be 1–8 letters, digits, spaces or dashes`);
      else if (seenPlate.has(plateText)) err('plate', `plate ${plateText} already appears in row ${seenPlate.get(plateText)}`);
      else seenPlate.set(plateText, row);
    }
    const stateText = get('plateState');
    const plateState = stateText ? stateCode(stateText) : '';
    if (plateState === null) err('plateState', `"${stateText.slice(0, 30)}" is not a state (two letters, e.g. WA or "WA - Washington")`);

    const ownText = get('ownershipType');
    const ownership = ownText ? (OWNERSHIP_WORDS[norm(ownText)] ?? null) : null;
    if (ownText && !ownership) err('ownershipType', `unknown ownership "${ownText.slice(0, 40)}" (AMAZON_OWNED, AMAZON_LEASED or RENTAL)`);

    const year = parseCount(get('year'));
    if (year.error) err('year', year.error);
    else if (year.value != null && (year.value < 1980 || year.value > 2100)) err('year', `${year.value} is not a model year`);
    const odo = parseNumber(get('odometer').replace(/\s*mi(les)?$/i, ''));
    if (odo.error) err('odometer', odo.error);
    else if (odo.value != null && (odo.value < 0 || odo.value > 2_000_000)) err('odometer', `${odo.value} is not an odometer reading`);
    const date = (f: FleetField) => {
      const p = parseDateCell(get(f));
      if (p.error) err(f, p.error);
      return p.value ?? null;
    };
    date('ownershipStartDate');
    let ownershipEndDate = date('ownershipEndDate');
    const docs = { registration: date('registrationExpiryDate'), insurance: date('insuranceExpiryDate'), annual_inspection: date('annualInspectionDate') };

    // Status and reason: the message, never a HEALTHY code; "Until 2027-01-13." is a rental's end.
    const message = get('statusReasonMessage');
    const until = UNTIL_RE.exec(message);
    if (until) {
      const d = parseDateCell(until[1]!);
      if (d.value && !ownershipEndDate) ownershipEndDate = d.value;
    }
    const code = get('statusReasonCode');
    const reason = until ? '' : message || (code && !/^healthy$/i.test(code) ? code : '');
    const statusText = get('status');
    const status = statusText ? (STATUS_WORDS[norm(statusText)] ?? null) : null;
    if (statusText && !status) err('status', `unknown status "${statusText.slice(0, 40)}" (ACTIVE, IN_SHOP, OUT_OF_SERVICE, GROUNDED …)`);
    const op = norm(get('operationalStatus'));
    if (op && op !== 'grounded' && op !== 'operational') err('operationalStatus', `unknown operational status "${get('operationalStatus').slice(0, 40)}" (OPERATIONAL or GROUNDED)`);

    // A class named outright: a Van Class column, or an older sheet's CDV / EDV / Step Van / Rental type.
    let givenClass: FleetRow['givenClass'] = null;
    const classText = get('vanClass');
    if (classText) {
      const c = namedClass(classText);
      if (!c) err('vanClass', `unknown van class "${classText.slice(0, 40)}" (${VAN_CLASSES.map((x) => VAN_CLASS_LABEL[x]).join(', ')})`);
      else givenClass = { vanClass: c, electric: c === 'electric_van', rental: false };
    } else if (!get('serviceTier') && !get('serviceType')) {
      // A station's own sheet (no Amazon tier or service type): its Type column in the old words.
      const legacy = LEGACY_WORDS[norm(get('type'))];
      if (legacy && (LEGACY_VAN_TYPES as readonly string[]).includes(legacy)) givenClass = fromLegacyVanType(legacy);
    }

    if (issues.size > before) continue;
    parsed.rows.push({
      row,
      vin,
      name,
      plate,
      plateState: plateState ?? '',
      make: get('make'),
      model: get('model'),
      subModel: get('subModel'),
      year: year.value ?? null,
      kind: { serviceTier: get('serviceTier'), serviceType: get('serviceType'), type: get('type'), make: get('make'), model: get('model'), subModel: get('subModel') },
      givenClass,
      status,
      operational: op === 'grounded' ? 'grounded' : op === 'operational' ? 'operational' : '',
      reason,
      ownership: ownership ?? (givenClass?.rental ? 'rental' : null),
      provider: get('vehicleProvider'),
      ownershipEndDate,
      docs,
      stationCode: get('stationCode').toUpperCase(),
      odometerMi: odo.value ?? null,
      chargingBay: get('chargingBay'),
      notes: get('notes'),
    });
  }
  parsed.errors = issues.list();
  parsed.warnings = warn.list();
  return parsed;
}

type DocKind = 'registration' | 'insurance' | 'annual_inspection' | 'rental_return';

export interface PlannedVan {
  row: number;
  values: VanValues;
  before?: Van;
  docs: { kind: DocKind; expiresOn: string }[];
  action: 'add' | 'change' | 'same';
  changes: string[];
  grounded: boolean;
}

export interface FleetPlan {
  result: FleetImportResult;
  vans: PlannedVan[];
}

/** The file column behind a van field (a van value the register refuses is reported under it). */
const VAN_FIELD_COLUMN: Partial<Record<string, FleetField>> = {
  name: 'name',
  plate: 'plate',
  plateState: 'plateState',
  make: 'make',
  model: 'model',
  subModel: 'subModel',
  year: 'year',
  ownership: 'ownershipType',
  provider: 'vehicleProvider',
  ownershipEndDate: 'ownershipEndDate',
  odometerMi: 'odometer',
  statusReason: 'statusReasonMessage',
  chargingBay: 'chargingBay',
  notes: 'notes',
};

function stripVan(v: Van) {
  const { id: _i, createdAt: _c, updatedAt: _u, archivedAt: _a, ...rest } = v;
  return rest;
}

/** The status and reason a row gives an existing (or new) van. GROUNDED grounds; OPERATIONAL lifts only Amazon's own grounding. */
function statusOf(r: FleetRow, old: Van | undefined): { status: VanStatus; statusReason: string } {
  let status: VanStatus = old?.status ?? 'in_service';
  let statusReason = old?.statusReason ?? '';
  if (r.status && r.status !== 'in_service') {
    status = r.status;
    statusReason = r.reason || statusReason;
  } else if (r.status === 'in_service' && !r.operational && status !== 'in_service') {
    status = 'in_service';
    statusReason = '';
  }
  if (r.operational === 'grounded') {
    status = 'grounded';
    statusReason = `${AMAZON_REASON_PREFIX}: ${r.reason || 'Grounded by Amazon (no reason given)'}`;
  } else if (r.operational === 'operational' && old?.status === 'grounded' && old.statusReason.startsWith(AMAZON_REASON_PREFIX)) {
    status = r.status && r.status !== 'in_service' ? r.status : 'in_service';
    statusReason = status === 'in_service' ? '' : statusReason;
  }
  return { status, statusReason };
}

/**
 * Step 2 (synchronous, reads the database): what the import would do to each van — matched by VIN —
 * and every problem that needs the desk's vans or settings (a class the row does not tell).
 */
export function planFleetImport(db: ReadDb, parsed: FleetParsed, opts: { rules?: ServiceTypeRules; stationCode?: string } = {}): FleetPlan {
  const result = emptyResult(parsed.dryRun);
  result.read = parsed.read;
  result.vans = parsed.total;
  const errors = [...parsed.errors];
  const warnings = [...parsed.warnings];
  const col = (f: FleetField) => parsed.columns.name[f] ?? FLEET_COLUMNS[f].label;
  const rules = opts.rules ?? getBoardSettings(db).serviceTypes;
  const ourStation = (opts.stationCode ?? getStation(db)?.code ?? '').toUpperCase();
  const existing = new Map(db.select().from(vans).all().map((v) => [v.vin, v as Van]));
  const byName = new Map([...existing.values()].filter((v) => !v.archivedAt).map((v) => [v.name.toLowerCase(), v]));
  const existingDocs = new Map<string, string | null>();
  for (const d of db.select().from(vanDocuments).all()) existingDocs.set(`${d.vanId}|${d.kind}`, d.expiresOn);
  const planned: PlannedVan[] = [];

  for (const r of parsed.rows) {
    const old = existing.get(r.vin);
    const told = r.givenClass ? { ...r.givenClass, from: 'given' as const } : classFromFleetRow(r.kind, rules);
    if (!told && !old) {
      const t = r.kind.type || r.kind.serviceTier || r.kind.serviceType;
      errors.push({ row: r.row, column: col(r.kind.serviceTier ? 'serviceTier' : r.kind.type ? 'type' : 'serviceTier'), message: `cannot tell the van class${t ? ` from "${t.slice(0, 40)}"` : ''}: give serviceTier (e.g. STANDARD_CARGO_VAN), serviceType or a Van Class` });
      continue;
    }
    if (r.stationCode && ourStation && r.stationCode !== ourStation) warnings.push({ row: r.row, column: col('stationCode'), message: `this van is at station ${r.stationCode}, not ${ourStation}` });
    const clash = r.name ? byName.get(r.name.toLowerCase()) : undefined;
    if (clash && clash.vin !== r.vin) warnings.push({ row: r.row, column: col('name'), message: `the desk already has a van named "${clash.name}" with VIN ${clash.vin}` });
    const { status, statusReason } = statusOf(r, old);
    const candidate = {
      ...(old ? stripVan(old) : {}),
      vin: r.vin,
      name: r.name || old?.name || r.plate || `Van ${r.vin.slice(-6)}`,
      plate: r.plate === undefined ? (old?.plate ?? '') : (r.plate ?? ''),
      plateState: r.plateState || old?.plateState || '',
      make: r.make || old?.make || '',
      model: r.model || old?.model || '',
      subModel: r.subModel || old?.subModel || '',
      year: r.year ?? old?.year ?? null,
      vanClass: told?.vanClass ?? old!.vanClass,
      electric: told ? told.electric : old!.electric,
      ownership: r.ownership ?? old?.ownership ?? 'owned',
      provider: r.provider || old?.provider || '',
      ownershipEndDate: r.ownershipEndDate ?? old?.ownershipEndDate ?? null,
      odometerMi: r.odometerMi != null ? Math.max(r.odometerMi, old?.odometerMi ?? 0) : (old?.odometerMi ?? 0),
      status,
      statusReason: statusReason.slice(0, 300),
      chargingBay: r.chargingBay || old?.chargingBay || '',
      notes: r.notes || old?.notes || '',
    };
    const v = vanInput.safeParse(candidate);
    if (!v.success) {
      for (const issue of v.error.issues) errors.push({ row: r.row, column: col(VAN_FIELD_COLUMN[String(issue.path[0])] ?? 'vin'), message: issue.message });
      continue;
    }
    const docs: PlannedVan['docs'] = [];
    for (const kind of ['registration', 'insurance', 'annual_inspection'] as const) if (r.docs[kind]) docs.push({ kind, expiresOn: r.docs[kind]! });
    if (v.data.ownershipEndDate && v.data.ownership !== 'owned' && r.ownershipEndDate) docs.push({ kind: 'rental_return', expiresOn: r.ownershipEndDate });
    let action: PlannedVan['action'] = 'add';
    let changes: string[] = [];
    if (old) {
      changes = Object.keys(diffFields(stripVan(old), { ...stripVan(old), ...v.data }).after);
      for (const d of docs) if (existingDocs.get(`${old.id}|${d.kind}`) !== d.expiresOn) changes.push(d.kind);
      action = changes.length > 0 ? 'change' : 'same';
    }
    planned.push({ row: r.row, values: v.data, before: old, docs, action, changes, grounded: r.operational === 'grounded' });
    if (result.preview.length < 200) result.preview.push(previewOf(r, v.data, action, changes, told?.from ?? 'kept'));
  }

  for (const p of planned) {
    if (p.grounded) result.grounded++;
    if (p.action === 'add') result.addedVins.push(p.values.vin);
    else if (p.action === 'change') result.changedVins.push(p.values.vin);
    else result.unchanged++;
  }
  result.added = result.addedVins.length;
  result.changed = result.changedVins.length;
  result.errors = byRow(errors, parsed.columns);
  result.warnings = byRow(warnings, parsed.columns);
  result.ok = result.errors.length === 0;
  return { result, vans: planned };
}

function previewOf(r: FleetRow, v: VanValues, action: PlannedVan['action'], changes: string[], classFrom: FleetImportVan['classFrom']): FleetImportVan {
  return {
    row: r.row,
    vin: v.vin,
    name: v.name,
    vanClass: v.vanClass,
    electric: v.electric,
    classFrom,
    plate: v.plate || null,
    plateState: v.plateState,
    make: v.make,
    model: v.model,
    subModel: v.subModel,
    year: v.year ?? null,
    ownership: v.ownership,
    provider: v.provider,
    ownershipEndDate: v.ownershipEndDate ?? null,
    status: v.status,
    statusReason: v.statusReason,
    action,
    changes,
    grounded: r.operational === 'grounded',
  };
}

/**
 * Step 3 (synchronous, inside the call's write transaction): insert and update the vans and their
 * documents. The call's audit entry is the file; each van added or changed is a line of it.
 */
export function applyFleetImport(w: WriteContext, plan: FleetPlan, fileName: string): void {
  const { result } = plan;
  if (result.added + result.changed === 0) return; // nothing changes: no entry
  const now = w.clock.now().toISOString();
  const vinsOf = (action: PlannedVan['action']) => plan.vans.filter((p) => p.action === action).map((p) => p.values.vin);
  w.audit({ action: 'import', entity: 'file', entityId: fileName, after: { kind: 'fleet', added: vinsOf('add'), changed: vinsOf('change'), unchanged: result.unchanged } });
  for (const p of plan.vans) {
    if (p.action === 'same') continue;
    let vanId: number;
    const { id: _id, ...values } = p.values;
    if (!p.before) {
      const row = w.db.insert(vans).values(values).returning().get();
      vanId = row.id;
      w.audit({ action: 'import', entity: 'van', entityId: row.id, after: row });
    } else {
      vanId = p.before.id;
      const diff = diffFields(stripVan(p.before), { ...stripVan(p.before), ...values });
      if (Object.keys(diff.after).length > 0) {
        w.db.update(vans).set({ ...values, updatedAt: now }).where(eq(vans.id, vanId)).run();
        w.audit({ action: 'import', entity: 'van', entityId: vanId, ...diff });
      }
    }
    for (const d of p.docs) {
      if (p.before && !p.changes.includes(d.kind)) continue;
      upsertDocument(w, { vanId, kind: d.kind, expiresOn: d.expiresOn, reference: d.kind === 'registration' ? p.values.plate : '', note: 'imported' });
    }
  }
}

/**
 * `fleet.import`, a two-stage write: the file is read and every cell parsed outside the
 * transaction; inside it every row is checked against the desk (VIN check digit, duplicates,
 * plate, state, dates, class) and reported with its spreadsheet row, all in one pass; then
 * everything is written, or nothing on any error or on a dry run. Existing vans are matched by VIN.
 */
export const importFleet = twoStage<(typeof fleetChannels)['fleet.import'], FleetParsed>({
  prepare: (_ctx, input) => prepareFleetImport(input),
  apply: (w, input, parsed) => {
    if (!parsed.read) return { ...emptyResult(input.dryRun), errors: parsed.errors };
    const plan = planFleetImport(w.db, parsed);
    if (plan.result.ok && !input.dryRun) applyFleetImport(w, plan, input.fileName);
    return plan.result;
  },
});
