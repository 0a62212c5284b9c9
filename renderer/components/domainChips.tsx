import type { DriverStatus, Qualification, VanClass, VanStatus } from '../../shared/domain';
import { OWNERSHIP_LABEL, VAN_CLASS_LABEL, VAN_CLASS_SHORT } from '../../shared/domain';
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
export { OWNERSHIP_LABEL, VAN_CLASS_LABEL };

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

/** A van's class as a short chip ("XL", "Step", "EDV"), with "⚡" for an electric van of another class; the full name on hover. */
export function VanClassTag({ vanClass, electric = false }: { vanClass: VanClass; electric?: boolean }) {
  const plusEv = electric && vanClass !== 'electric_van';
  return (
    <span className={`tag van-class van-class-${vanClass}`} title={`${VAN_CLASS_LABEL[vanClass]}${plusEv ? ', electric' : ''}`}>
      {VAN_CLASS_SHORT[vanClass]}
      {plusEv ? ' ⚡' : ''}
    </span>
  );
}

/** Several classes ("Large / XL"): what a route accepts. */
export function VanClassList({ classes }: { classes: readonly VanClass[] }) {
  return <span title={classes.map((c) => VAN_CLASS_LABEL[c]).join(', ')}>{classes.map((c) => VAN_CLASS_SHORT[c]).join(' / ')}</span>;
}

/** "Nov 26, 2026" for a YYYY-MM-DD date, "—" for none. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const d = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}
