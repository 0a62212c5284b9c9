import { createColumnHelper } from '@tanstack/react-table';
import type { Driver } from '../../../shared/contract/roster';
import { DRIVER_STATUS_LABEL, DriverStatusChip, QualificationChips, QUALIFICATION_LABEL, formatDate, options } from '../../components/domainChips';
import { ExpiryChip } from '../../components/StatusChip';
import { licenceStatus, type LicenceWindow } from '../../../shared/rules/roster';

const col = createColumnHelper<Driver>();

/** A licence-like date with its chip (the shared rule; no chip until the station's window is known). */
function ExpiryCell({ date, today, window }: { date: string | null; today: string; window: LicenceWindow | undefined }) {
  return (
    <span className="row" style={{ flexWrap: 'nowrap', gap: 6 }}>
      <span className={date ? undefined : 'muted'}>{formatDate(date)}</span>
      {window && <ExpiryChip status={licenceStatus(date, today, window)} />}
    </span>
  );
}

/** The roster table's columns; `today` (station date) and the board's licence window drive the expiry chips. */
export function rosterColumns(today: string, window: LicenceWindow | undefined) {
  return [
    col.accessor('name', {
      header: 'Name',
      size: 210,
      enableHiding: false,
      cell: (c) => (
        <span className="driver-name">
          <strong>{c.getValue()}</strong>
          {c.row.original.archivedAt && <span className="tag">Archived</span>}
        </span>
      ),
    }),
    col.accessor('transporterId', { header: 'Transporter ID', size: 160, cell: (c) => <span className="mono">{c.getValue()}</span> }),
    col.accessor('status', {
      header: 'Status',
      size: 110,
      meta: { filter: 'select', filterOptions: options(DRIVER_STATUS_LABEL), searchText: (d) => DRIVER_STATUS_LABEL[d.status] },
      cell: (c) => <DriverStatusChip status={c.getValue()} />,
    }),
    col.accessor('qualifications', {
      header: 'Qualifications',
      size: 290,
      enableSorting: false,
      meta: { filter: 'select', filterOptions: options(QUALIFICATION_LABEL), searchText: (d) => d.qualifications.map((q) => QUALIFICATION_LABEL[q]).join(' ') },
      cell: (c) => <QualificationChips list={c.getValue()} />,
    }),
    col.accessor((d) => d.licenceExpiry ?? '', {
      id: 'licenceExpiry',
      header: 'Licence expiry',
      size: 240,
      sortUndefined: 'last',
      meta: { filter: false },
      cell: (c) => <ExpiryCell date={c.row.original.licenceExpiry} today={today} window={window} />,
    }),
    col.accessor('phone', { header: 'Phone', size: 140, cell: (c) => c.getValue() || <span className="muted">—</span> }),
    col.accessor((d) => d.hireDate ?? '', { id: 'hireDate', header: 'Hire date', size: 120, meta: { filter: false }, cell: (c) => formatDate(c.row.original.hireDate) }),
    col.accessor('email', { header: 'Email', size: 220 }),
    col.accessor('workPhone', { header: 'Work phone', size: 140 }),
    col.accessor('licenceNumber', { header: 'Licence no.', size: 130, cell: (c) => <span className="mono">{c.getValue()}</span> }),
    col.accessor((d) => d.dotMedicalExpiry ?? '', {
      id: 'dotMedicalExpiry',
      header: 'DOT medical',
      size: 200,
      meta: { filter: false },
      cell: (c) => <ExpiryCell date={c.row.original.dotMedicalExpiry} today={today} window={window} />,
    }),
    col.accessor('position', { header: 'Position', size: 160 }),
  ];
}

export const ROSTER_HIDDEN = ['email', 'workPhone', 'licenceNumber', 'dotMedicalExpiry', 'position'];
