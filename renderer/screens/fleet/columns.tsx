import { createColumnHelper } from '@tanstack/react-table';
import type { Van } from '../../../shared/contract/fleet';
import { OWNERSHIP_LABEL, VAN_STATUS_LABEL, VAN_TYPE_LABEL, VanStatusChip, VanTypeTag, formatDate, options } from '../../components/domainChips';
import { ExpiryChip } from '../../components/StatusChip';

const col = createColumnHelper<Van>();
const miles = (n: number) => `${Math.round(n).toLocaleString('en-US')} mi`;

/** The fleet table's columns; `today` drives the rental return chips. */
export function vanColumns(today: string) {
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
    col.accessor('type', {
      header: 'Type',
      size: 90,
      meta: { filter: 'select', filterOptions: options(VAN_TYPE_LABEL), searchText: (v) => VAN_TYPE_LABEL[v.type] },
      cell: (c) => <VanTypeTag type={c.getValue()} />,
    }),
    col.accessor('status', {
      header: 'Status',
      size: 130,
      meta: { filter: 'select', filterOptions: options(VAN_STATUS_LABEL), searchText: (v) => `${VAN_STATUS_LABEL[v.status]} ${v.statusReason}` },
      cell: (c) => <VanStatusChip status={c.getValue()} reason={c.row.original.statusReason} />,
    }),
    col.accessor('statusReason', { header: 'Status reason', size: 200, cell: (c) => c.getValue() || <span className="muted">—</span> }),
    col.accessor('vin', { header: 'VIN', size: 180, cell: (c) => <span className="mono">{c.getValue()}</span> }),
    col.accessor((v) => (v.plate ? `${v.plate}${v.plateState ? ` · ${v.plateState}` : ''}` : ''), {
      id: 'plate',
      header: 'Plate',
      size: 110,
      cell: (c) => (c.getValue() ? <span className="mono">{c.getValue() as string}</span> : <span className="muted">—</span>),
    }),
    col.accessor((v) => [v.make, v.model].filter(Boolean).join(' '), {
      id: 'makeModel',
      header: 'Make / model',
      size: 170,
      cell: (c) => c.getValue() || <span className="muted">—</span>,
    }),
    col.accessor('year', { header: 'Year', size: 64, meta: { align: 'right' }, cell: (c) => c.getValue() ?? '—' }),
    col.accessor('odometerMi', { header: 'Odometer', size: 100, meta: { align: 'right', filter: false }, cell: (c) => miles(c.getValue()) }),
    col.accessor((v) => v.stateOfChargePct ?? -1, {
      id: 'charge',
      header: 'EV charge',
      size: 150,
      meta: { filter: false, searchText: () => '' },
      cell: (c) => {
        const v = c.row.original;
        if (v.type !== 'EDV') return <span className="muted">—</span>;
        if (v.stateOfChargePct == null) return <span className="muted">unknown</span>;
        const pct = v.stateOfChargePct;
        const tone = pct < 30 ? 'bad' : pct < 60 ? 'warn' : 'ok';
        return (
          <span className="charge" title={v.usableRangeMi != null ? `Usable range ${v.usableRangeMi} mi` : undefined}>
            <span className={`charge-bar charge-${tone}`} aria-hidden="true">
              <span style={{ width: `${pct}%` }} />
            </span>
            <span className="num">{pct}%</span>
            {v.usableRangeMi != null && <span className="muted">{Math.round((v.usableRangeMi * pct) / 100)} mi</span>}
          </span>
        );
      },
    }),
    col.accessor((v) => OWNERSHIP_LABEL[v.ownership], {
      id: 'ownership',
      header: 'Ownership',
      size: 230,
      meta: { filter: 'select', filterOptions: Object.values(OWNERSHIP_LABEL).map((l) => ({ value: l, label: l })) },
      cell: (c) => {
        const v = c.row.original;
        return (
          <span className="row" style={{ flexWrap: 'nowrap', gap: 6 }}>
            <span>{OWNERSHIP_LABEL[v.ownership]}</span>
            {v.ownershipEndDate && <span className="muted">{v.ownership === 'rental' ? 'return' : 'ends'} {formatDate(v.ownershipEndDate)}</span>}
            {v.ownership === 'rental' && <ExpiryChip date={v.ownershipEndDate} today={today} warnDays={14} />}
          </span>
        );
      },
    }),
    col.accessor('chargingBay', { header: 'Charging bay', size: 110 }),
    col.accessor('notes', { header: 'Notes', size: 220 }),
  ];
}

export const FLEET_HIDDEN = ['statusReason', 'chargingBay', 'notes'];
