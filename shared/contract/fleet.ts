import { z } from 'zod';
import {
  DEVICE_KINDS,
  LEGACY_VAN_TYPES,
  OWNERSHIP_TYPES,
  VAN_CLASSES,
  VAN_STATUSES,
  type DeviceKind,
  type OwnershipType,
  type VanClass,
  type VanStatus,
} from '../domain';
import { fromLegacyVanType } from '../rules/fleet/classes';
import {
  CHECKLIST_CODES,
  DEFECT_SEVERITIES,
  DEFECT_STATUSES,
  DOCUMENT_KINDS,
  INSPECTION_KINDS,
  type DefectSeverity,
  type DefectStatus,
  type DocumentKind,
  type FleetSettings,
  type InspectionKind,
  type InspectionSource,
  type PmSchedule,
} from '../rules/fleet/maintenance';
import type { PmStatus } from '../rules/fleet/evaluate';
import type { VanReadiness } from '../rules/fleet/readiness';
import { vinProblem, normalizeVin } from '../vin';
import { channel } from './define';
import { archiveInput, fileInput, id, idInput, isoDate, listInput, notes, optionalDate, requiredText, shortText, type ImportIssue, type ImportReadSummary } from './common';

/**
 * The fleet: the van and device registers, each van's readiness, DVIRs, defects, PM, documents,
 * charge, and the fleet and inspection imports.
 */

// ------------------------------------------------------------------ vans and devices

export interface Van {
  id: number;
  name: string;
  vin: string;
  plate: string;
  plateState: string;
  make: string;
  model: string;
  /** Amazon's sub-model in full. */
  subModel: string;
  year: number | null;
  vanClass: VanClass;
  electric: boolean;
  ownership: OwnershipType;
  /** Rental company or lessor. */
  provider: string;
  /** Rental return / lease end. */
  ownershipEndDate: string | null;
  odometerMi: number;
  status: VanStatus;
  statusReason: string;
  usableRangeMi: number | null;
  stateOfChargePct: number | null;
  chargingBay: string;
  notes: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Device {
  id: number;
  identifier: string;
  kind: DeviceKind;
  label: string;
  phoneNumber: string;
  vanId: number | null;
  lastSeenAt: string | null;
  /** Battery (percent) of its last message, with or without a fix. */
  battery: number | null;
  /** Its `odometer` moves the van's odometer (a tracker wired to the van; never a phone). */
  odometerSource: boolean;
  archivedAt: string | null;
}

export interface VanDetail extends Van {
  devices: Device[];
}

export const vin = z
  .string()
  .max(40, 'VIN must be 17 characters')
  .transform(normalizeVin)
  .superRefine((v, ctx) => {
    const problem = vinProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** US plates: 1–8 letters, digits, spaces or dashes. */
export const plate = shortText(10)
  .toUpperCase()
  .regex(/^[A-Z0-9 -]{0,8}$/, 'must be up to 8 letters, digits, spaces or dashes');

const vanFields = z.strictObject({
  id: id.optional(),
  name: requiredText(40),
  vin,
  plate: plate.default(''),
  plateState: shortText(2).toUpperCase().regex(/^([A-Z]{2})?$/, 'must be a two-letter state code').default(''),
  make: shortText(60).default(''),
  model: shortText(120).default(''),
  subModel: shortText(200).default(''),
  year: z.number().int().min(1980).max(2100).nullable().optional(),
  vanClass: z.enum(VAN_CLASSES).optional(),
  electric: z.boolean().optional(),
  /** Before van classes: CDV, EDV, STEP_VAN or RENTAL; read as a class (and electric / rental) when vanClass is not given. */
  type: z.enum(LEGACY_VAN_TYPES).optional(),
  ownership: z.enum(OWNERSHIP_TYPES).optional(),
  provider: shortText(80).default(''),
  ownershipEndDate: optionalDate,
  odometerMi: z.number().min(0).max(2_000_000).default(0),
  status: z.enum(VAN_STATUSES).default('in_service'),
  statusReason: shortText(300).default(''),
  usableRangeMi: z.number().min(0).max(1000).nullable().optional(),
  stateOfChargePct: z.number().min(0).max(100).nullable().optional(),
  chargingBay: shortText(20).default(''),
  notes,
});

/** A van as the register takes it: `vanClass` (or an older caller's `type`) is required. */
export const vanInput = vanFields
  .superRefine((v, ctx) => {
    if (!v.vanClass && !v.type) ctx.addIssue({ code: 'custom', path: ['vanClass'], message: 'is required (small_cargo, standard_cargo, large_cargo, xl_cargo, step_van or electric_van)' });
  })
  .transform(({ type, ...v }) => {
    const legacy = type ? fromLegacyVanType(type) : null;
    const vanClass = (v.vanClass ?? legacy?.vanClass)!;
    return {
      ...v,
      vanClass,
      electric: v.electric ?? (legacy?.electric || vanClass === 'electric_van'),
      ownership: v.ownership ?? (legacy?.rental ? ('rental' as const) : ('owned' as const)),
    };
  });
export type VanInput = z.input<typeof vanInput>;
export type VanValues = z.output<typeof vanInput>;

/**
 * The id a phone or tracker reports: 1–128 printable characters (`van 12`, `a@b` — Traccar
 * accepts any, and a refused id silences the phone), the same rule as the ingest's.
 */
export const deviceIdentifier = requiredText(128).regex(/^[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]+$/u, 'may only contain printable characters');

export const deviceInput = z.strictObject({
  id: id.optional(),
  identifier: deviceIdentifier,
  odometerSource: z.boolean().optional(),
  kind: z.enum(DEVICE_KINDS).default('phone'),
  label: shortText(60).default(''),
  phoneNumber: shortText(40).default(''),
  vanId: id.nullable().optional(),
});

// ------------------------------------------------------------------ readiness and maintenance

/** One tile of the readiness grid: the van's readiness plus what the tile shows. */
export interface ReadinessRow extends VanReadiness {
  name: string;
  vanClass: VanClass;
  electric: boolean;
  plate: string;
  odometerMi: number;
  stateOfChargePct: number | null;
  usableRangeMi: number | null;
  chargingBay: string;
  /** The day's assignment of this van, if any. */
  assignment: { routeCode: string; wave: string; driverName: string; plannedDistanceMi: number | null } | null;
  /** The van's first pre-trip inspection of the day (any source), or null: nobody has done one yet. */
  preTrip: PreTripFact | null;
}

/** A pre-trip inspection done on the day: by whom, when, how long, from which source. */
export interface PreTripFact {
  inspectionId: number;
  at: string;
  inspector: string;
  driverId: number | null;
  durationSec: number | null;
  source: InspectionSource;
}

export interface InspectionItemRecord {
  itemCode: string;
  passed: boolean;
  note: string;
  photoPath: string | null;
}

export interface Inspection {
  id: number;
  vanId: number;
  vanName: string;
  kind: InspectionKind;
  at: string;
  date: string;
  inspector: string;
  driverId: number | null;
  odometerMi: number | null;
  /** Null when the source gives no result (imported Whip Around / DVIC records). */
  result: 'pass' | 'fail' | null;
  endedAt: string | null;
  durationSec: number | null;
  faults: number | null;
  source: InspectionSource;
  notes: string;
  items: InspectionItemRecord[];
}

export interface Defect {
  id: number;
  vanId: number;
  vanName: string;
  severity: DefectSeverity;
  description: string;
  status: DefectStatus;
  sourceInspectionId: number | null;
  itemCode: string | null;
  reportedAt: string;
  reportedBy: string;
  shop: string | null;
  expectedDate: string | null;
  repairStartedAt: string | null;
  repairedAt: string | null;
  repairNote: string | null;
  cost: number | null;
  invoiceRef: string | null;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseNote: string | null;
}

export interface InspectResult extends Inspection {
  /** Defects opened by failed items (critical items open critical defects). */
  defects: Defect[];
}

export interface PmItem extends PmStatus {
  vanId: number;
  vanName: string;
  vanClass: VanClass;
  odometerMi: number;
}
export interface PmForecastItem extends PmItem {
  /** When it is expected to fall due (miles at the van's recent daily average, or the day limit). */
  forecastDate: string;
  milesPerDay: number;
}
export interface PmReport {
  date: string;
  /** Items due soon or overdue today. */
  due: PmItem[];
  /** "What goes to the shop": items expected to fall due within the next 14 days (overdue first). */
  forecast: PmForecastItem[];
  forecastUntil: string;
}

export interface ServiceRecord {
  id: number;
  vanId: number;
  code: string;
  date: string;
  odometerMi: number | null;
  note: string;
  cost: number | null;
  createdBy: string;
  createdAt: string;
}

export interface VanDocument {
  id: number;
  vanId: number;
  kind: DocumentKind;
  reference: string;
  expiresOn: string | null;
  note: string;
  updatedAt: string;
}

export interface ChargeState {
  vanId: number;
  stateOfChargePct: number | null;
  usableRangeMi: number | null;
  chargingBay: string;
}

export interface VanMaintenance {
  readiness: ReadinessRow;
  inspections: Inspection[];
  defects: Defect[];
  pm: PmStatus[];
  serviceRecords: ServiceRecord[];
  documents: VanDocument[];
}

/** One van of a fleet import preview: what the row reads as, and what would happen to the van. */
export interface FleetImportVan {
  row: number;
  vin: string;
  name: string;
  vanClass: VanClass;
  electric: boolean;
  /** Which column told the class (or "kept" when the row did not tell and the van's class stays). */
  classFrom: 'type' | 'serviceTier' | 'serviceType' | 'model' | 'kept' | 'given';
  /** Null: no plate yet (Amazon writes PENDING-<VIN> for a temporary plate). */
  plate: string | null;
  plateState: string;
  make: string;
  model: string;
  subModel: string;
  year: number | null;
  ownership: OwnershipType;
  provider: string;
  ownershipEndDate: string | null;
  status: VanStatus;
  statusReason: string;
  action: 'add' | 'change' | 'same';
  /** Fields that change on an existing van (van fields and documents). */
  changes: string[];
  grounded: boolean;
}

export interface FleetImportResult {
  ok: boolean;
  dryRun: boolean;
  /** Rows read (vans in the file). */
  vans: number;
  added: number;
  changed: number;
  unchanged: number;
  addedVins: string[];
  changedVins: string[];
  /** Vans the file marks GROUNDED. */
  grounded: number;
  errors: ImportIssue[];
  /** Things to know that do not stop the import (a vehicleName on two rows, an unknown service type …). */
  warnings: ImportIssue[];
  /** Preview of what would be written (first 200 rows). */
  preview: FleetImportVan[];
  /** How the file was read: sheet, header row, skipped rows by kind, ignored columns (null when it could not be read). */
  read: ImportReadSummary | null;
}

/** One inspection of an import preview. */
export interface InspectionImportRow {
  row: number;
  vanName: string;
  kind: InspectionKind;
  at: string;
  endedAt: string | null;
  durationSec: number | null;
  inspector: string;
  driverId: number | null;
  result: 'pass' | 'fail' | null;
  faults: number | null;
  source: InspectionSource;
  /** add, or same: already imported (a re-import adds nothing twice). */
  action: 'add' | 'same';
}

export interface InspectionImportResult {
  ok: boolean;
  dryRun: boolean;
  inspections: number;
  failed: number;
  defectsOpened: number;
  /** desk: the DVIR checklist sheet; whip-around / dvic: the exports (no per-item results). */
  source: InspectionSource;
  added: number;
  unchanged: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  preview: InspectionImportRow[];
  read: ImportReadSummary | null;
}

const dateInput = z.strictObject({ date: isoDate.optional() }).default({});
const money = z.number().min(0).max(10_000_000);
const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), 'must be an ISO date-time');

export const inspectInput = z.strictObject({
  vanId: id,
  kind: z.enum(INSPECTION_KINDS).default('pre_trip'),
  /** When the inspection was done (default: now). */
  at: instant.optional(),
  inspector: requiredText(80),
  odometerMi: z.number().min(0).max(2_000_000).nullable().optional(),
  notes: shortText(2000).default(''),
  items: z
    .array(
      z.strictObject({
        itemCode: z.enum(CHECKLIST_CODES as [string, ...string[]]),
        passed: z.boolean(),
        note: shortText(500).default(''),
        photoPath: shortText(500).nullable().optional(),
      }),
    )
    .min(1, 'needs at least one checklist item')
    .max(CHECKLIST_CODES.length)
    .refine((items) => new Set(items.map((i) => i.itemCode)).size === items.length, 'lists a checklist item twice'),
});
export type InspectInput = z.input<typeof inspectInput>;

export const fleetChannels = {
  'fleet.list': channel<Van[]>()({
    input: listInput,
    access: 'read',
    summary: 'Vans, optionally filtered by a search text',
  }),
  'fleet.get': channel<VanDetail>()({ input: idInput, access: 'read', summary: 'One van with its linked devices' }),
  'fleet.upsert': channel<Van>()({ input: vanInput, access: 'write', summary: 'Create a van, or update one when id is given' }),
  'fleet.archive': channel<Van>()({ input: archiveInput, access: 'write', summary: 'Archive (or restore) a van' }),
  'devices.list': channel<Device[]>()({ input: listInput, access: 'read', summary: 'Telematics devices and phones' }),
  'devices.upsert': channel<Device>()({ input: deviceInput, access: 'write', summary: 'Create or update a device (link it to a van)' }),
  'fleet.readiness': channel<ReadinessRow[]>()({
    input: dateInput,
    access: 'read',
    summary: 'Readiness of every van on a day (default today at the station): status and reasons',
  }),
  'fleet.van': channel<VanMaintenance>()({
    input: z.strictObject({ vanId: id, date: isoDate.optional() }),
    access: 'read',
    summary: "One van's readiness, inspections, defects, PM, service records and documents",
  }),
  'fleet.inspect': channel<InspectResult>()({
    input: inspectInput,
    access: 'write',
    summary: 'Record a DVIR (pre/post-trip); a failed critical item opens a critical defect and grounds the van',
  }),
  'fleet.inspections': channel<Inspection[]>()({
    input: z.strictObject({ vanId: id.optional(), limit: z.number().int().min(1).max(2000).default(200) }).default({ limit: 200 }),
    access: 'read',
    summary: 'Inspections, newest first',
  }),
  'fleet.reportDefect': channel<Defect>()({
    input: z.strictObject({ vanId: id, description: requiredText(500), severity: z.enum(DEFECT_SEVERITIES) }),
    access: 'write',
    summary: 'Report a defect (opens a work order); critical grounds the van at once',
  }),
  'fleet.defects': channel<Defect[]>()({
    input: z
      .strictObject({ vanId: id.optional(), status: z.array(z.enum(DEFECT_STATUSES)).optional(), limit: z.number().int().min(1).max(5000).default(500) })
      .default({ limit: 500 }),
    access: 'read',
    summary: 'Defects / work orders, newest first (filter by van and status)',
  }),
  'fleet.startRepair': channel<Defect>()({
    input: z.strictObject({ defectId: id, shop: requiredText(120), expectedDate: isoDate }),
    access: 'write',
    summary: 'Send a defect to a shop: in repair, with the expected date back',
  }),
  'fleet.resolveDefect': channel<Defect>()({
    input: z.strictObject({ defectId: id, note: shortText(1000).default(''), cost: money.nullable().optional(), invoiceRef: shortText(80).nullable().optional() }),
    access: 'write',
    summary: 'Mark a defect repaired (cost, invoice reference)',
  }),
  'fleet.releaseVan': channel<ReadinessRow>()({
    input: z.strictObject({ vanId: id, note: shortText(1000).default('') }),
    access: 'write',
    summary: 'Release a van back into service; 409 while a critical defect is open or a repair is under way',
  }),
  'fleet.pm': channel<PmReport>()({
    input: z.strictObject({ date: isoDate.optional(), vanId: id.optional(), days: z.number().int().min(1).max(90).default(14) }).default({ days: 14 }),
    access: 'read',
    summary: 'Preventive maintenance due/overdue and the 14-day forecast',
  }),
  'fleet.recordService': channel<ServiceRecord>()({
    input: z.strictObject({
      vanId: id,
      code: requiredText(40).regex(/^[a-z0-9_]+$/, 'must be a PM item code such as oil or brake_inspection'),
      date: isoDate,
      odometerMi: z.number().min(0).max(2_000_000).nullable().optional(),
      note: shortText(1000).default(''),
      cost: money.nullable().optional(),
    }),
    access: 'write',
    summary: 'Record preventive maintenance done (item, date, odometer)',
  }),
  'fleet.pmSchedules': channel<PmSchedule[]>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'PM schedules per van class (DOMAIN.md defaults with the desk’s changes)',
  }),
  'fleet.setPmSchedule': channel<PmSchedule>()({
    input: z.strictObject({
      vanClass: z.enum(VAN_CLASSES),
      code: requiredText(40).regex(/^[a-z0-9_]+$/, 'may only contain a–z, 0–9 and _'),
      label: requiredText(80),
      everyMi: z.number().int().min(1).max(1_000_000).nullable(),
      everyDays: z.number().int().min(1).max(3650).nullable(),
      safety: z.boolean().default(false),
      active: z.boolean().default(true),
    }),
    access: 'write',
    summary: 'Change (or add, or disable) a PM schedule item for a van class (electric vans of any size follow electric_van)',
  }),
  'fleet.settings': channel<FleetSettings>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'Readiness thresholds (due-soon window, document warning, EV charge)',
  }),
  'fleet.setSettings': channel<FleetSettings>()({
    input: z.strictObject({
      dueSoonMi: z.number().min(0).max(100_000).optional(),
      dueSoonDays: z.number().int().min(0).max(365).optional(),
      docWarnDays: z.number().int().min(0).max(365).optional(),
      evLowChargePct: z.number().min(0).max(100).optional(),
      evRangeMarginPct: z.number().min(0).max(200).optional(),
      avgDailyMi: z.number().min(0).max(2000).optional(),
    }),
    access: 'write',
    summary: 'Change readiness thresholds',
  }),
  'fleet.documents': channel<VanDocument[]>()({
    input: z.strictObject({ vanId: id.optional() }).default({}),
    access: 'read',
    summary: 'Van documents with expiry dates',
  }),
  'fleet.setDocument': channel<VanDocument>()({
    input: z.strictObject({
      vanId: id,
      kind: z.enum(DOCUMENT_KINDS),
      expiresOn: optionalDate,
      reference: shortText(80).default(''),
      note: shortText(500).default(''),
    }),
    access: 'write',
    summary: 'Set a van document (registration, insurance, annual inspection, lease/rental return) and its expiry',
  }),
  'fleet.setCharge': channel<ChargeState>()({
    input: z.strictObject({
      vanId: id,
      stateOfChargePct: z.number().min(0).max(100),
      chargingBay: shortText(20).optional(),
      usableRangeMi: z.number().min(0).max(1000).nullable().optional(),
    }),
    access: 'write',
    summary: 'Update an EDV’s state of charge (and charging bay / usable range)',
  }),
  'fleet.import': channel<FleetImportResult>()({
    input: fileInput.extend({ dryRun: z.boolean().default(true) }),
    access: 'write',
    summary: "Import vans (CSV/XLSX, Amazon's fleet vehicles export too); all or nothing, updates by VIN",
  }),
  'fleet.importInspections': channel<InspectionImportResult>()({
    input: fileInput.extend({ dryRun: z.boolean().default(true) }),
    access: 'write',
    summary: "Import inspections: a DVIR checklist sheet (one column per item), Whip Around's inspections report or Amazon's DVIC report; all or nothing",
  }),
};
