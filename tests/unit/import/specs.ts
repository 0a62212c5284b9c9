/**
 * Column specs for the reader tests, one per importer, as part 2 should give them to readTable:
 * the importers' current aliases plus the real export headers (DOMAIN.md); the scorecard's are the importer's own.
 */
import type { ColumnSpecs, ExportId, ReadOptions } from '../../../electron/import/reader';
import { DASHBOARD_COLUMNS, SCORECARD_EXPORTS, TABLE_COLUMNS, type ScorecardField } from '../../../electron/services/scorecards/columns';

const routeSheet = {
  code: { label: 'Route Code', aliases: ['Route', 'Route ID', 'Route Name'], required: true },
  wave: { label: 'Wave', aliases: ['Wave Time', 'Dispatch Time', 'Launch Time', 'Start Time'], required: true, kind: 'time' },
  staging: { label: 'Staging Location', aliases: ['Staging', 'Stage', 'STG Location'] },
  serviceType: { label: 'Service Type', aliases: ['Route Type'], required: true },
  duration: { label: 'Route Duration', aliases: ['Route Duration (minutes)', 'Planned Duration', 'Duration', 'Shift Length'] },
  stops: { label: 'Stops', aliases: ['# Stops', 'Number of Stops', 'Stop Count'] },
  packages: { label: 'Packages', aliases: ['Num Packages', '# Packages', 'Number of Packages', 'Package Count', 'Pkgs'] },
  zones: { label: 'Num Zones', aliases: ['Zones'] },
  distance: { label: 'Distance', aliases: ['Planned Distance', 'Miles', 'Route Miles'] },
  vanType: { label: 'Van Type', aliases: ['Vehicle Type'] },
  notes: { label: 'Notes', aliases: ['Comments'] },
  dsp: { label: 'DSP', aliases: ['DSP Name', 'DSP Short Code'] },
} satisfies ColumnSpecs<string>;

const cortex = {
  code: { label: 'Route code', aliases: [], required: true },
  dsp: { label: 'DSP', aliases: [] },
  transporterId: { label: 'Transporter ID', aliases: [], required: true },
  driverName: { label: 'Driver name', aliases: [] },
  progress: { label: 'Route progress', aliases: [] },
  serviceType: { label: 'Delivery service type', aliases: ['Service Type'] },
  duration: { label: 'Route Duration', aliases: [] },
  allStops: { label: 'All stops', aliases: [] },
  stopsComplete: { label: 'Stops complete', aliases: [] },
  notStarted: { label: 'not started stops', aliases: [] },
} satisfies ColumnSpecs<string>;

const fleet = {
  vin: { label: 'vin', aliases: ['VIN', 'VIN Number', 'Vehicle Identification Number'], required: true },
  name: { label: 'vehicleName', aliases: ['Name', 'Van', 'Van Name', 'Van Number'] },
  plate: { label: 'licensePlateNumber', aliases: ['Plate', 'License Plate', 'Licence Plate'] },
  plateState: { label: 'registeredState', aliases: ['State', 'Plate State', 'Registration State'] },
  make: { label: 'make', aliases: [] },
  model: { label: 'model', aliases: [] },
  subModel: { label: 'subModel', aliases: ['Sub Model', 'Trim'] },
  year: { label: 'year', aliases: ['Model Year'] },
  type: { label: 'type', aliases: ['Van Type', 'Vehicle Type'] },
  serviceTier: { label: 'serviceTier', aliases: ['Service Tier'] },
  serviceType: { label: 'serviceType', aliases: ['Service Type'] },
  status: { label: 'status', aliases: ['Van Status'] },
  statusReasonCode: { label: 'statusReasonCode', aliases: [] },
  statusReasonMessage: { label: 'statusReasonMessage', aliases: ['Status Reason'] },
  operationalStatus: { label: 'operationalStatus', aliases: ['Operational Status'] },
  vehicleProvider: { label: 'vehicleProvider', aliases: ['Provider'] },
  ownershipType: { label: 'ownershipType', aliases: ['Ownership'] },
  ownershipStartDate: { label: 'ownershipStartDate', aliases: [], kind: 'date' },
  ownershipEndDate: { label: 'ownershipEndDate', aliases: ['Return Date'], kind: 'date' },
  registrationExpiryDate: { label: 'registrationExpiryDate', aliases: ['Registration Expiry'], kind: 'date' },
  stationCode: { label: 'stationCode', aliases: [] },
} satisfies ColumnSpecs<string>;

const inspections = {
  van: { label: 'Van', aliases: ['Asset name', 'vin', 'Vehicle', 'Van Name'], required: true },
  date: { label: 'Date', aliases: ['Date inspection occurred', 'start_date', 'Inspection Date'], required: true, kind: 'date' },
  start: { label: 'Start Time', aliases: ['start_time'] },
  end: { label: 'End Time', aliases: ['end_time'] },
  kind: { label: 'Type', aliases: ['Form', 'inspection_type', 'Inspection Type'] },
  status: { label: 'Status', aliases: ['inspection_status'] },
  driverFirst: { label: 'Driver first name', aliases: [] },
  driverLast: { label: 'Driver last name', aliases: [] },
  driver: { label: 'Driver', aliases: ['transporter_name', 'Inspector'] },
  transporterId: { label: 'Transporter ID', aliases: ['transporter_id'] },
  duration: { label: 'Duration', aliases: ['Inspection duration', 'duration'] },
  odometer: { label: 'Odometer', aliases: ['Mileage'] },
} satisfies ColumnSpecs<string>;

const roster = {
  nameAndId: { label: 'Name and ID', aliases: ['Name', 'Driver', 'Associate', 'Delivery Associate'], required: true },
  transporterId: { label: 'TransporterID', aliases: ['Transporter ID', 'DA Transporter ID', 'TID'], required: true },
  position: { label: 'Position', aliases: ['Role', 'Job Title'] },
  qualifications: { label: 'Qualifications', aliases: ['Qualification'] },
  idExpiration: { label: 'ID expiration', aliases: ['ID Expiry', 'Licence Expiry'], kind: 'date' },
  personalPhone: { label: 'Personal Phone Number', aliases: ['Phone', 'Phone Number', 'Mobile'] },
  workPhone: { label: 'Work Phone Number', aliases: ['Work Phone'] },
  email: { label: 'Email', aliases: ['Email Address', 'E-mail'] },
  status: { label: 'Status', aliases: ['Associate Status'] },
} satisfies ColumnSpecs<string>;

/** The scorecard importer's own specs: the DA table (current week, trailing six weeks, older exports) and the dashboard. */
export type { ScorecardField };

type Importer = 'routes' | 'cortex' | 'fleet' | 'inspections' | 'roster' | 'scorecard';

export const ACCEPTS: Record<Importer, ExportId[]> = {
  routes: ['day-of-ops-plan'],
  cortex: ['cortex-route-list'],
  fleet: ['fleet-vehicles'],
  inspections: ['whip-around-inspections', 'dvic-report'],
  roster: ['associates'],
  scorecard: [...SCORECARD_EXPORTS],
};

export const SPECS = { routes: routeSheet, cortex, fleet, inspections, roster, scorecard: TABLE_COLUMNS };

export function options(importer: Importer, fileName?: string): ReadOptions<string> {
  const base = { fileName, columns: SPECS[importer] as ColumnSpecs<string>, accepts: ACCEPTS[importer] };
  if (importer !== 'scorecard') return base;
  return { ...base, requireOneOf: [['transporterId', 'name']], columnsByExport: { 'dsp-overview-dashboard': DASHBOARD_COLUMNS as ColumnSpecs<string> } };
}
