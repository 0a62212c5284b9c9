import { createColumnHelper } from '@tanstack/react-table';
import type { CoachingPlan, Incident, ScorecardWeekSummary } from '../../../shared/contract/scorecards';
import type { AtRiskEntry } from '../../../shared/rules/scorecards/tiers';
import { INCIDENT_TYPE_LABEL } from '../../../shared/rules/scorecards/coaching';
import { TIERS } from '../../../shared/domain';
import { formatDate } from '../../components/domainChips';
import { rosterColumns, ROSTER_HIDDEN } from '../roster/columns';
import { readinessColumns } from '../readiness/columns';
import { PlanStatus, TierChip } from '../standup/common';
import { StationTable } from './parts';
import '../standup/standup.css';
import '../readiness/readiness.css';

/**
 * The head office's list screens: each one read channel as one table (a Station column when all
 * stations are shown), with the desk's own columns where the desk has them. Read-only: no row opens
 * a form, no import, no button that would write.
 */

// The roster's licence chips need the station's licence window (board.limits), which the head office does not serve: dates only.
const ROSTER_COLUMNS = rosterColumns('', undefined);
export const RosterList = () => (
  <StationTable title="Roster" channel="roster.list" input={{}} noun="drivers" columns={ROSTER_COLUMNS} getId={(d) => d.id} initialHidden={ROSTER_HIDDEN} initialSorting={[{ id: 'name', desc: false }]} storageKey="roster" />
);

const READINESS_COLUMNS = readinessColumns(undefined);
export const ReadinessList = () => (
  <StationTable title="Fleet readiness" channel="fleet.readiness" input={{}} noun="vans" columns={READINESS_COLUMNS} getId={(v) => v.vanId} initialSorting={[{ id: 'status', desc: false }]} storageKey="readiness" />
);

const plan = createColumnHelper<CoachingPlan>();
const PLAN_COLUMNS = [
  plan.accessor('driverName', { header: 'Driver', size: 190, cell: (c) => <strong>{c.getValue()}</strong> }),
  plan.accessor('status', { header: 'Status', size: 150, cell: (c) => <PlanStatus plan={c.row.original} /> }),
  plan.accessor('finding', { header: 'Finding', size: 380 }),
  plan.accessor((p) => p.dueDate ?? '', { id: 'due', header: 'Due', size: 110, cell: (c) => formatDate(c.row.original.dueDate) }),
  plan.accessor('owner', { header: 'Owner', size: 120 }),
  plan.accessor((p) => p.week ?? '', { id: 'week', header: 'Week', size: 100, cell: (c) => <span className="mono">{c.getValue()}</span> }),
  plan.accessor((p) => p.metric ?? '', { id: 'metric', header: 'Metric', size: 120 }),
];
export const CoachingList = () => (
  <StationTable title="Coaching — open plans" channel="coaching.list" input={{ open: true }} noun="open plans" columns={PLAN_COLUMNS} getId={(p) => p.id} initialSorting={[{ id: 'due', desc: false }]} storageKey="coaching" />
);

const incident = createColumnHelper<Incident>();
const INCIDENT_COLUMNS = [
  incident.accessor('date', { header: 'Date', size: 110, cell: (c) => <span className="mono">{c.getValue()}</span> }),
  incident.accessor('type', { header: 'Type', size: 170, meta: { searchText: (i) => INCIDENT_TYPE_LABEL[i.type] }, cell: (c) => INCIDENT_TYPE_LABEL[c.getValue()] }),
  incident.accessor('severity', { header: 'Severity', size: 90 }),
  incident.accessor('status', { header: 'Status', size: 100 }),
  incident.accessor((i) => i.driverName ?? '', { id: 'driver', header: 'Driver', size: 180 }),
  incident.accessor((i) => i.vanName ?? '', { id: 'van', header: 'Van', size: 90 }),
  incident.accessor((i) => i.routeCode ?? '', { id: 'route', header: 'Route', size: 90, cell: (c) => <span className="mono">{c.getValue()}</span> }),
  incident.accessor('description', { header: 'Description', size: 360 }),
];
export const IncidentsList = () => (
  <StationTable title="Incidents" channel="incidents.list" input={{}} noun="incidents" columns={INCIDENT_COLUMNS} getId={(i) => i.id} initialSorting={[{ id: 'date', desc: true }]} storageKey="incidents" />
);

const risk = createColumnHelper<AtRiskEntry>();
const AT_RISK_COLUMNS = [
  risk.accessor('name', { header: 'Driver', size: 190, cell: (c) => <strong>{c.getValue()}</strong> }),
  risk.accessor('transporterId', { header: 'Transporter ID', size: 150, cell: (c) => <span className="mono">{c.getValue()}</span> }),
  risk.accessor((a) => a.tier ?? '', {
    id: 'tier',
    header: 'Tier',
    size: 190,
    cell: (c) => (
      <span className="nowrap">
        <TierChip tier={c.row.original.previousTier} /> → <TierChip tier={c.row.original.tier} />
      </span>
    ),
  }),
  risk.accessor('score', { header: 'Risk score', size: 90, meta: { align: 'right' } }),
  risk.accessor('reason', { header: 'Why', size: 460 }),
];

const week = createColumnHelper<ScorecardWeekSummary>();
const WEEK_COLUMNS = [
  week.accessor('week', { header: 'Week', size: 100, cell: (c) => <span className="mono">{c.getValue()}</span> }),
  week.accessor((w) => w.companyScore ?? -1, { id: 'companyScore', header: 'Company score', size: 120, meta: { align: 'right' }, cell: (c) => c.row.original.companyScore ?? '—' }),
  week.accessor((w) => w.companyTier ?? '', { id: 'companyTier', header: 'Company tier', size: 120, cell: (c) => <TierChip tier={c.row.original.companyTier} /> }),
  week.accessor('drivers', { header: 'Drivers', size: 80, meta: { align: 'right' } }),
  ...[...TIERS].reverse().map((t) => week.accessor((w) => w.tiers[t], { id: `tier-${t}`, header: t, size: 90, meta: { align: 'right' as const } })),
];

/** Scorecards at the head office: each station's imported weeks, and who is at risk. */
export function Scorecards() {
  return (
    <div className="ho-split">
      <StationTable title="At risk" channel="scorecards.atRisk" input={{}} noun="drivers at risk" columns={AT_RISK_COLUMNS} getId={(a) => a.driverId} initialSorting={[{ id: 'score', desc: true }]} storageKey="at-risk" />
      <StationTable title="Scorecard weeks" channel="scorecards.weeks" input={{ limit: 12 }} noun="weeks" columns={WEEK_COLUMNS} getId={(w) => w.week} initialSorting={[{ id: 'week', desc: true }]} storageKey="weeks" />
    </div>
  );
}
