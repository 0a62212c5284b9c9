import { createColumnHelper } from '@tanstack/react-table';
import type { Van } from '../../../shared/contract/fleet';
import { OWNERSHIP_LABEL, VAN_CLASS_LABEL, VAN_STATUS_LABEL, VanClassTag, VanStatusChip, formatDate, options } from '../../components/domainChips';
import { ExpiryChip } from '../../components/StatusChip';
import { ChargeBar } from '../../components/ChargeBar';
import { expiryStatus, type ExpiryStatus } from '../../../shared/expiry';
import type { FleetSettings } from '../../../shared/rules/fleet/maintenance';

const col = createColumnHelper<Van>();
/** Vans that cannot go out sort first. */
const STATUS_RANK: Record<Van['status'], number> = { grounded: 0, out_of_service: 1, in_shop: 2, in_service: 3 };
const miles = (n: number) => `${Math.round(n).toLocaleString('en-US')} mi`;

/** A rental's return date in words: "return overdue", "return today", "return in 5 days". */
const returnWords = (s: ExpiryStatus) => (s.days < 0 ? 'return overdue' : s.days === 0 ? 'return today' : s.days === 1 ? 'return tomorrow' : `return in ${s.days} days`);

/** The fleet table's columns; `today` and the readiness settings (document window, low charge) drive the chips. */
export function vanColumns(today: string, settings: FleetSettings | undefined) {
  return [
    col.accessor('name', {
      header: 'Van',
      size: 120,
      enableHiding: false,
      cell: (c) => (
        <span className="van-name">
          <strong>{c.getValue()}</strong>
          {c.row.original.archivedAt && <span className="tag">Archived</span>}
        </span>
      ),
    }),
    col.accessor('vanClass', {
      header: 'Class',
      size: 84,
      meta: { filter: 'select', filterOptions: options(VAN_CLASS_LABEL), searchText: (v) => `${VAN_CLASS_LABEL[v.vanClass]}${v.electric ? ' electric' : ''}` },
      cell: (c) => <VanClassTag vanClass={c.getValue()} electric={c.row.original.electric} />,
    }),
    col.accessor('status', {
      header: 'Status',
      size: 230,
      sortingFn: (a, b) => STATUS_RANK[a.original.status] - STATUS_RANK[b.original.status],
      meta: { filter: 'select', filterOptions: options(VAN_STATUS_LABEL), searchText: (v) => `${VAN_STATUS_LABEL[v.status]} ${v.statusReason}` },
      cell: (c) => {
        const v = c.row.original;
        return (
          <span className="row" style={{ flexWrap: 'nowrap', gap: 6 }} title={v.statusReason || undefined}>
            <VanStatusChip status={v.status} />
            {v.status !== 'in_service' && v.statusReason && <span className="muted status-reason">{v.statusReason}</span>}
          </span>
        );
      },
    }),
    col.accessor('statusReason', { header: 'Status reason', size: 200, cell: (c) => c.getValue() || <span className="muted">—</span> }),
    col.accessor('vin', { header: 'VIN', size: 170, cell: (c) => <span className="mono">{c.getValue()}</span> }),
    col.accessor((v) => (v.plate ? `${v.plate}${v.plateState ? ` · ${v.plateState}` : ''}` : ''), {
      id: 'plate',
      header: 'Plate',
      size: 110,
      cell: (c) => (c.getValue() ? <span className="mono">{c.getValue() as string}</span> : <span className="muted">—</span>),
    }),
    col.accessor((v) => [v.make, v.model].filter(Boolean).join(' '), {
      id: 'makeModel',
      header: 'Make / model',
      size: 180,
      meta: { searchText: (v) => [v.make, v.model, v.subModel].join(' ') },
      cell: (c) => <span title={c.row.original.subModel || undefined}>{c.getValue() || <span className="muted">—</span>}</span>,
    }),
    col.accessor('subModel', { header: 'Sub-model', size: 260, cell: (c) => c.getValue() || <span className="muted">—</span> }),
    col.accessor('year', { header: 'Year', size: 64, meta: { align: 'right' }, cell: (c) => c.getValue() ?? '—' }),
    col.accessor('odometerMi', { header: 'Odometer', size: 100, meta: { align: 'right', filter: false }, cell: (c) => miles(c.getValue()) }),
    col.accessor((v) => v.stateOfChargePct ?? -1, {
      id: 'charge',
      header: 'EV charge',
      size: 150,
      meta: { filter: false, searchText: () => '' },
      cell: (c) => {
        const v = c.row.original;
        if (!v.electric) return <span className="muted">—</span>;
        return <ChargeBar pct={v.stateOfChargePct} lowPct={settings?.evLowChargePct} usableRangeMi={v.usableRangeMi} />;
      },
    }),
    col.accessor((v) => OWNERSHIP_LABEL[v.ownership], {
      id: 'ownership',
      header: 'Ownership',
      size: 170,
      meta: { filter: 'select', filterOptions: Object.values(OWNERSHIP_LABEL).map((l) => ({ value: l, label: l })) },
      cell: (c) => {
        const v = c.row.original;
        // The readiness rule's window (RENTAL_RETURN_DUE): the document warning days.
        const due = v.ownership === 'rental' && settings ? expiryStatus(v.ownershipEndDate, today, settings.docWarnDays) : null;
        const short = v.ownershipEndDate ? formatDate(v.ownershipEndDate).replace(/, \d{4}$/, '') : '';
        return (
          <span className="row" style={{ flexWrap: 'nowrap', gap: 6 }} title={[v.provider, v.ownershipEndDate ? `${v.ownership === 'rental' ? 'Return by' : 'Ends'} ${formatDate(v.ownershipEndDate)}` : ''].filter(Boolean).join(' · ') || undefined}>
            <span>{OWNERSHIP_LABEL[v.ownership]}</span>
            {due && due.state !== 'valid' ? (
              <ExpiryChip status={due} words={returnWords} />
            ) : (
              short && <span className="muted">{v.ownership === 'rental' ? 'return' : 'ends'} {short}</span>
            )}
          </span>
        );
      },
    }),
    col.accessor('provider', { header: 'Provider', size: 170, cell: (c) => c.getValue() || <span className="muted">—</span> }),
    col.accessor('chargingBay', { header: 'Charging bay', size: 110 }),
    col.accessor('notes', { header: 'Notes', size: 220 }),
  ];
}

export const FLEET_HIDDEN = ['statusReason', 'subModel', 'provider', 'chargingBay', 'notes'];
