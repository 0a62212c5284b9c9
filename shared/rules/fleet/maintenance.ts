/**
 * Fleet maintenance vocabulary (../shared/DOMAIN.md): the DVIR checklist, defect severities and
 * lifecycle, preventive-maintenance defaults and van documents. Used by the services, the readiness
 * rules and the console alike; every threshold here is a default the desk can change in settings.
 */
import { VAN_CLASSES, type VanClass } from '../../domain';

export interface ChecklistItem {
  code: string;
  label: string;
  /** A failed critical item grounds the van (opens a critical defect). */
  critical: boolean;
}

export const DVIR_CHECKLIST: readonly ChecklistItem[] = [
  { code: 'brakes', label: 'Brakes', critical: true },
  { code: 'steering', label: 'Steering', critical: true },
  { code: 'tyres', label: 'Tyres and wheels', critical: true },
  { code: 'lights', label: 'Lights and signals', critical: true },
  { code: 'horn', label: 'Horn', critical: true },
  { code: 'windshield', label: 'Windshield and wipers', critical: true },
  { code: 'mirrors', label: 'Mirrors', critical: true },
  { code: 'seatbelts', label: 'Seat belts', critical: true },
  { code: 'doors', label: 'Doors and latches', critical: true },
  { code: 'leaks', label: 'Fluid leaks', critical: true },
  { code: 'warning_lights', label: 'Dashboard warning lights', critical: true },
  { code: 'body', label: 'Body damage', critical: false },
  { code: 'cargo', label: 'Cargo area', critical: false },
  { code: 'camera', label: 'Camera/sensor', critical: false },
  { code: 'extinguisher', label: 'Fire extinguisher', critical: false },
  { code: 'first_aid', label: 'First-aid kit', critical: false },
  { code: 'papers', label: 'Registration and insurance card present', critical: false },
  { code: 'cleanliness', label: 'Cleanliness', critical: false },
];
export const CHECKLIST_CODES = DVIR_CHECKLIST.map((i) => i.code);
export const checklistItem = (code: string) => DVIR_CHECKLIST.find((i) => i.code === code);

export const INSPECTION_KINDS = ['pre_trip', 'post_trip'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABEL: Record<InspectionKind, string> = { pre_trip: 'Pre-trip', post_trip: 'Post-trip' };

/** Where an inspection record came from: the desk's DVIR form, or an imported export. */
export const INSPECTION_SOURCES = ['desk', 'whip-around', 'dvic'] as const;
export type InspectionSource = (typeof INSPECTION_SOURCES)[number];
export const INSPECTION_SOURCE_LABEL: Record<InspectionSource, string> = { desk: 'DVIR form', 'whip-around': 'Whip Around', dvic: 'Amazon DVIC' };

export const DEFECT_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type DefectSeverity = (typeof DEFECT_SEVERITIES)[number];

/** open → in_repair (shop, expected date) → repaired (cost, invoice) → released (who, note). */
export const DEFECT_STATUSES = ['open', 'in_repair', 'repaired', 'released'] as const;
export type DefectStatus = (typeof DEFECT_STATUSES)[number];
export const DEFECT_STATUS_LABEL: Record<DefectStatus, string> = {
  open: 'Open',
  in_repair: 'In repair',
  repaired: 'Repaired',
  released: 'Released',
};

export const DOCUMENT_KINDS = ['registration', 'insurance', 'annual_inspection', 'rental_return'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_LABEL: Record<DocumentKind, string> = {
  registration: 'Registration',
  insurance: 'Insurance',
  annual_inspection: 'Annual inspection',
  rental_return: 'Rental/lease return',
};
/** Documents whose expiry grounds the van (a lease/rental return date only warns). */
export const GROUNDING_DOCUMENTS: readonly DocumentKind[] = ['registration', 'insurance', 'annual_inspection'];

export interface PmSchedule {
  /** The van class it applies to (electric vans of any size follow electric_van's: see pmClassOf). */
  vanClass: VanClass;
  /** e.g. 'oil', 'tyre_rotation', 'brake_inspection', 'annual_safety', 'ev_battery'. */
  code: string;
  label: string;
  everyMi: number | null;
  everyDays: number | null;
  /** Overdue safety items ground the van; others only need attention. */
  safety: boolean;
  active: boolean;
}

export const PM_CODES = ['oil', 'tyre_rotation', 'brake_inspection', 'annual_safety', 'ev_battery'] as const;
export const PM_LABEL: Record<string, string> = {
  oil: 'Oil and filter',
  tyre_rotation: 'Tyre rotation',
  brake_inspection: 'Brake inspection',
  annual_safety: 'Annual safety inspection',
  ev_battery: 'EV battery/system check',
};

/** DOMAIN.md defaults, per van class. A row in pm_schedules overrides (or disables) one of these. */
export function defaultPmSchedules(): PmSchedule[] {
  const out: PmSchedule[] = [];
  for (const vanClass of VAN_CLASSES) {
    const add = (code: string, everyMi: number | null, everyDays: number | null, safety = false) =>
      out.push({ vanClass, code, label: PM_LABEL[code] ?? code, everyMi, everyDays, safety, active: true });
    const electric = vanClass === 'electric_van';
    if (!electric) add('oil', 5000, 180);
    add('tyre_rotation', 7500, null);
    add('brake_inspection', 15000, 180, true);
    add('annual_safety', null, 365, true);
    if (electric) add('ev_battery', 12000, 365);
  }
  return out;
}

/** Editable thresholds (settings key `fleet.readiness`). */
export interface FleetSettings {
  /** PM "due soon" window. */
  dueSoonMi: number;
  dueSoonDays: number;
  /** Documents expiring within this many days need attention. */
  docWarnDays: number;
  /** EDV state of charge below this needs attention. */
  evLowChargePct: number;
  /** Range must cover the assigned route's distance plus this margin. */
  evRangeMarginPct: number;
  /** Miles a van drives a day when its own history does not tell (forecast). */
  avgDailyMi: number;
}
export const DEFAULT_FLEET_SETTINGS: FleetSettings = {
  dueSoonMi: 500,
  dueSoonDays: 14,
  docWarnDays: 30,
  evLowChargePct: 30,
  evRangeMarginPct: 15,
  avgDailyMi: 80,
};
export const FLEET_SETTINGS_KEY = 'fleet.readiness';
