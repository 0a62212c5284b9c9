import { createColumnHelper } from '@tanstack/react-table';
import { StatusChip } from '../../components/StatusChip';
import { VanClassTag } from '../../components/domainChips';
import { ChargeBar } from '../../components/ChargeBar';
import type { ReadinessRow } from '../../../shared/contract/fleet';
import { READINESS_LABEL } from '../../../shared/rules/fleet/readiness';
import { PreTripLine } from './Tile';
import { STATUS_ORDER, STATUS_TONE } from './model';

const col = createColumnHelper<ReadinessRow>();
/** The table view's columns; `lowChargePct` is the station's threshold (fleet settings). */
export const readinessColumns = (lowChargePct: number | undefined) => [
  col.accessor('name', { header: 'Van', size: 110, cell: (c) => <strong>{c.getValue()}</strong> }),
  col.accessor('vanClass', { header: 'Class', size: 80, cell: (c) => <VanClassTag vanClass={c.getValue()} electric={c.row.original.electric} /> }),
  col.accessor('status', {
    header: 'Status',
    size: 120,
    sortingFn: (a, b) => STATUS_ORDER.indexOf(a.original.status) - STATUS_ORDER.indexOf(b.original.status),
    cell: (c) => <StatusChip tone={STATUS_TONE[c.getValue()]}>{READINESS_LABEL[c.getValue()]}</StatusChip>,
  }),
  col.accessor((r) => r.reasons.map((x) => x.message).join(' · '), { id: 'reasons', header: 'Reasons', size: 460, cell: (c) => c.getValue() || <span className="muted">—</span> }),
  col.accessor((r) => (r.assignment ? `${r.assignment.routeCode} ${r.assignment.wave} ${r.assignment.driverName}` : ''), {
    id: 'assignment',
    header: 'Today',
    size: 200,
    cell: (c) => c.getValue() || <span className="muted">not assigned</span>,
  }),
  col.accessor((r) => r.preTrip?.at ?? '', { id: 'preTrip', header: 'Pre-trip', size: 190, cell: (c) => <PreTripLine row={c.row.original} /> }),
  col.accessor((r) => r.stateOfChargePct ?? -1, {
    id: 'charge',
    header: 'Charge',
    size: 130,
    cell: (c) => (c.row.original.electric ? <ChargeBar pct={c.row.original.stateOfChargePct} lowPct={lowChargePct} /> : <span className="muted">—</span>),
  }),
];
