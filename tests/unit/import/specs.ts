/**
 * Column specs for the reader tests, one per importer, as part 2 should give them to readTable:
 * the importers' current aliases plus the real export headers (DOMAIN.md).
 */
import type { ColumnSpec, ColumnSpecs, ExportId, ReadOptions } from '../../../electron/import/reader';

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

/** The scorecard table (current week, trailing six weeks, older exports). */
const scorecardTable = {
  week: { label: 'Week', aliases: [] },
  rank: { label: '#', aliases: [] },
  name: { label: 'Name', aliases: ['Delivery Associate', 'Driver', 'Driver Name', 'DA Name'] },
  transporterId: { label: 'Transporter ID', aliases: ['DA Transporter ID', 'TID', 'TransporterID'] },
  overallTier: { label: 'Overall Tier', aliases: ['Overall Standing', 'Tier', 'Standing'] },
  performer: { label: 'High/Low Performer Status', aliases: [] },
  delivered: { label: 'Delivered', aliases: ['Packages Delivered'] },
  keyFocusArea: { label: 'Key Focus Area', aliases: ['Focus Area'] },
  fico: { label: 'Fico Score', aliases: ['FICO', 'Safe Driving Score'] },
  seatbelt: { label: 'Seatbelt Off Rate', aliases: ['Seatbelt-Off Rate'] },
  speeding: { label: 'Speeding Event Rate', aliases: ['Speeding Rate'] },
  distractions: { label: 'Distractions Rate', aliases: ['Distraction Rate'] },
  followingDistance: { label: 'Following Distance Rate', aliases: ['Following Distance'] },
  signSignal: { label: 'Sign/Signal Violations Rate', aliases: ['Sign Signal Violations Rate'] },
  cdfDpmo: { label: 'CDF DPMO', aliases: ['CDF'] },
  ced: { label: 'CED', aliases: ['CE'] },
  dcr: { label: 'DCR', aliases: ['Delivery Completion Rate'] },
  dsb: { label: 'DSB', aliases: ['DSB DPMO'] },
  pod: { label: 'POD', aliases: ['Photo On Delivery'] },
  psb: { label: 'PSB', aliases: ['PSB DPMO'] },
  dsbDnr: { label: 'DSB DNR', aliases: ['DNR DPMO'] },
  podOpps: { label: 'POD Opps.', aliases: ['POD Opportunities'] },
} satisfies ColumnSpecs<string>;
export type ScorecardField = keyof typeof scorecardTable | `${'fico' | 'speeding' | 'seatbelt' | 'distractions' | 'signSignal' | 'followingDistance' | 'cdfDpmo' | 'ced' | 'dcr' | 'dsb' | 'pod' | 'psb'}${'Tier' | 'Score'}` | 'overallScore';

const triplet = (value: string, tier: string, score: string): [ColumnSpec, ColumnSpec, ColumnSpec] => [
  { label: value, aliases: [] },
  { label: tier, aliases: [] },
  { label: score, aliases: [] },
];

/** The DSP Overview Dashboard: the value column of each triplet, and Amazon's tier and score beside it. */
function dashboardSpec(): ColumnSpecs<ScorecardField> {
  const t = {
    fico: triplet('FICO Metric', 'FICO Tier', 'FICO Score'),
    speeding: triplet('Speeding Event Rate (per trip)', 'Speeding Event Rate Tier', 'Speeding Event Rate Score'),
    seatbelt: triplet('Seatbelt-Off Rate (per trip)', 'Seatbelt-Off Rate Tier', 'Seatbelt-Off Rate Score'),
    distractions: triplet('Distractions Rate (per trip)', 'Distractions Rate Tier', 'Distractions Rate Score'),
    signSignal: triplet('Sign/ Signal Violations Rate (per trip)', 'Sign/ Signal Violations Rate Tier', 'Sign/ Signal Violations Rate Score'),
    followingDistance: triplet('Following Distance Rate (per trip)', 'Following Distance Rate Tier', 'Following Distance Rate Score'),
    cdfDpmo: triplet('CDF DPMO', 'CDF DPMO Tier', 'CDF DPMO Score'),
    ced: triplet('CED', 'CED Tier', 'CED Score'),
    dcr: triplet('DCR', 'DCR Tier', 'DCR Score'),
    dsb: triplet('DSB', 'DSB DPMO Tier', 'DSB DPMO Score'),
    pod: triplet('POD', 'POD Tier', 'POD Score'),
    psb: triplet('PSB', 'PSB Tier', 'PSB Score'),
  };
  const spec: Partial<Record<ScorecardField, ColumnSpec>> = {
    week: { label: 'Week', aliases: [] },
    name: { label: 'Delivery Associate', aliases: [] },
    transporterId: { label: 'Transporter ID', aliases: [], required: true },
    overallTier: { label: 'Overall Standing', aliases: [] },
    overallScore: { label: 'Overall Score', aliases: [] },
    delivered: { label: 'Packages Delivered', aliases: [] },
  };
  for (const [k, [v, tier, score]] of Object.entries(t)) {
    spec[k as ScorecardField] = v;
    spec[`${k}Tier` as ScorecardField] = tier;
    spec[`${k}Score` as ScorecardField] = score;
  }
  return spec;
}

type Importer = 'routes' | 'cortex' | 'fleet' | 'inspections' | 'roster' | 'scorecard';

export const ACCEPTS: Record<Importer, ExportId[]> = {
  routes: ['day-of-ops-plan'],
  cortex: ['cortex-route-list'],
  fleet: ['fleet-vehicles'],
  inspections: ['whip-around-inspections', 'dvic-report'],
  roster: ['associates'],
  scorecard: ['dsp-overview-dashboard', 'da-current-week', 'da-trailing-6-week'],
};

export const SPECS = { routes: routeSheet, cortex, fleet, inspections, roster, scorecard: scorecardTable as ColumnSpecs<ScorecardField> };

export function options(importer: Importer, fileName?: string): ReadOptions<string> {
  const base = { fileName, columns: SPECS[importer] as ColumnSpecs<string>, accepts: ACCEPTS[importer] };
  if (importer !== 'scorecard') return base;
  return { ...base, requireOneOf: [['transporterId', 'name']], columnsByExport: { 'dsp-overview-dashboard': dashboardSpec() } };
}
