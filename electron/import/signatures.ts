import { rowTexts } from './header';
import { normalizeHeader } from './header';
import type { Sheet } from './grid';

/**
 * Amazon's and DSP tools' exports, told apart by their headers. An importer says which of them it
 * reads; any other one is refused by name ("This is Amazon's DVIC report; import it under
 * Inspections") instead of "missing column …", or worse, read as something it is not.
 */
export type ExportId =
  | 'fleet-vehicles'
  | 'day-of-ops-plan'
  | 'cortex-route-list'
  | 'associates'
  | 'dsp-overview-dashboard'
  | 'da-current-week'
  | 'da-trailing-6-week'
  | 'whip-around-inspections'
  | 'dvic-report';

/** Where the desk imports a file (the screen a dispatcher goes to). */
export type ImportPlace = 'Vans' | 'Routes' | 'Drivers' | 'Scorecard' | 'Inspections';

export interface KnownExport {
  id: ExportId;
  /** As a sentence names it: "Amazon's DVIC report". */
  name: string;
  importUnder: ImportPlace;
  /** Headers that together identify it (a few of them may be missing in older versions). */
  headers: readonly string[];
}

export const KNOWN_EXPORTS: readonly KnownExport[] = [
  {
    id: 'fleet-vehicles',
    name: "Amazon's fleet vehicles export",
    importUnder: 'Vans',
    headers: ['vin', 'serviceType', 'vehicleName', 'licensePlateNumber', 'make', 'model', 'subModel', 'statusReasonCode', 'operationalStatus', 'vehicleProvider', 'ownershipType', 'registeredState', 'serviceTier', 'stationCode'],
  },
  {
    id: 'day-of-ops-plan',
    name: "Amazon's Day of Ops plan",
    importUnder: 'Routes',
    headers: ['DSP', 'Route Code', 'Service Type', 'Wave', 'Staging Location', 'Route Duration (minutes)', 'Num Zones', 'Num Packages'],
  },
  {
    id: 'cortex-route-list',
    name: "Amazon's Cortex route list",
    importUnder: 'Routes',
    headers: ['Route code', 'DSP', 'Transporter ID', 'Driver name', 'Route progress', 'Delivery service type', 'Route Duration', 'All stops', 'Stops complete', 'not started stops'],
  },
  {
    id: 'associates',
    name: "Amazon's associates export",
    importUnder: 'Drivers',
    headers: ['Name and ID', 'TransporterID', 'Position', 'Qualifications', 'ID expiration', 'Personal Phone Number', 'Work Phone Number', 'Email', 'Status'],
  },
  {
    id: 'dsp-overview-dashboard',
    name: "Amazon's DSP Overview Dashboard",
    importUnder: 'Scorecard',
    headers: ['Week', 'Delivery Associate', 'Transporter ID', 'Overall Standing', 'Overall Score', 'FICO Metric', 'FICO Tier', 'FICO Score', 'Seatbelt-Off Rate (per trip)', 'Speeding Event Rate (per trip)', 'DSB DPMO Tier', 'Packages Delivered'],
  },
  {
    id: 'da-current-week',
    name: "the scorecard's DA Current Week Performance table",
    importUnder: 'Scorecard',
    headers: ['Name', 'Transporter ID', 'Overall Tier', 'Delivered', 'Key Focus Area', 'Fico Score', 'Seatbelt Off Rate', 'Speeding Event Rate', 'Distractions Rate', 'Following Distance Rate', 'CDF DPMO', 'DSB DNR', 'POD Opps.'],
  },
  {
    id: 'da-trailing-6-week',
    name: "the scorecard's DA Trailing 6-Week Performance table",
    importUnder: 'Scorecard',
    headers: ['Name', 'Transporter ID', 'High/Low Performer Status', 'Delivered', 'Seatbelt Off Rate', 'Speeding Event Rate', 'Distractions Rate', 'Following Distance Rate', 'Sign/Signal Violations Rate', 'DCR', 'POD'],
  },
  {
    id: 'whip-around-inspections',
    name: "Whip Around's inspections report",
    importUnder: 'Inspections',
    headers: ['Inspection ID', 'Form', 'Date inspection occurred', 'Asset name', 'Driver first name', 'Driver last name'],
  },
  {
    id: 'dvic-report',
    name: "Amazon's DVIC report",
    importUnder: 'Inspections',
    headers: ['start_date', 'dsp', 'station', 'transporter_id', 'transporter_name', 'vin', 'fleet_type', 'inspection_type', 'inspection_status', 'start_time', 'end_time', 'duration'],
  },
];

const NORMALIZED = KNOWN_EXPORTS.map((e) => ({ e, names: [...new Set(e.headers.map(normalizeHeader))] }));

export interface Recognised {
  export: KnownExport;
  sheet: string;
  rowNumber: number;
  /** Share of its identifying headers found, 0–1. */
  share: number;
}

/**
 * The known export a workbook is, from its best header-like row (first 30 rows of each sheet):
 * recognised when at least 60 % of an export's headers (and at least three) are present.
 */
export function recogniseExport(sheets: readonly Sheet[], searchRows = 30): Recognised | null {
  let best: Recognised | null = null;
  for (const sheet of sheets) {
    const n = Math.min(searchRows, sheet.rows.length);
    for (let i = 0; i < n; i++) {
      const row = sheet.rows[i]!;
      const present = new Set(rowTexts(row).map(normalizeHeader));
      for (const { e, names } of NORMALIZED) {
        const found = names.filter((h) => present.has(h)).length;
        if (found < 3 || found < Math.ceil(names.length * 0.6)) continue;
        const share = found / names.length;
        if (!best || share > best.share) best = { export: e, sheet: sheet.name, rowNumber: row.rowNumber, share };
      }
    }
  }
  return best;
}

export const exportById = (id: ExportId): KnownExport => KNOWN_EXPORTS.find((e) => e.id === id)!;
