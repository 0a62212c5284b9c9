import type { DriverStatus, Qualification, VanStatus, VanType, OwnershipType } from '../../shared/domain';
import { VAN_TYPE_LABEL } from '../../shared/domain';
import { StatusChip, type Tone } from './StatusChip';

/** Words and tones for the domain's enums, shared by every screen that shows drivers and vans. */
export const DRIVER_STATUS_LABEL: Record<DriverStatus, string> = { active: 'Active', on_leave: 'On leave', terminated: 'Terminated' };
const DRIVER_STATUS_TONE: Record<DriverStatus, Tone> = { active: 'ok', on_leave: 'warn', terminated: 'neutral' };

export const VAN_STATUS_LABEL: Record<VanStatus, string> = {
  in_service: 'In service',
  in_shop: 'In shop',
  out_of_service: 'Out of service',
  grounded: 'Grounded',
};
const VAN_STATUS_TONE: Record<VanStatus, Tone> = { in_service: 'ok', in_shop: 'warn', out_of_service: 'bad', grounded: 'bad' };

export const QUALIFICATION_LABEL: Record<Qualification, string> = {
  CDV: 'CDV',
  EDV: 'EDV',
  STEP_VAN: 'Step van',
  TRAINER: 'Trainer',
  DOT: 'DOT',
  HELPER: 'Helper',
};
export const OWNERSHIP_LABEL: Record<OwnershipType, string> = { owned: 'Owned', leased: 'Leased', rental: 'Rental' };
export { VAN_TYPE_LABEL };

export const options = <V extends string>(labels: Record<V, string>) => (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));

export function DriverStatusChip({ status }: { status: DriverStatus }) {
  return <StatusChip tone={DRIVER_STATUS_TONE[status]}>{DRIVER_STATUS_LABEL[status]}</StatusChip>;
}

export function VanStatusChip({ status, reason }: { status: VanStatus; reason?: string }) {
  return (
    <StatusChip tone={VAN_STATUS_TONE[status]} title={reason || undefined}>
      {VAN_STATUS_LABEL[status]}
    </StatusChip>
  );
}

export function QualificationChips({ list }: { list: Qualification[] }) {
  if (list.length === 0) return <span className="muted">none</span>;
  return (
    <span className="chips">
      {list.map((q) => (
        <span key={q} className="tag">
          {QUALIFICATION_LABEL[q]}
        </span>
      ))}
    </span>
  );
}

export function VanTypeTag({ type }: { type: VanType }) {
  return <span className={`tag van-type van-type-${type.toLowerCase()}`}>{VAN_TYPE_LABEL[type]}</span>;
}

/** "Nov 26, 2026" for a YYYY-MM-DD date, "—" for none. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const d = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}
