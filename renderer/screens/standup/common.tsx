import { useState } from 'react';
import type { Tier } from '../../../shared/domain';
import type { CoachingPlan, ExportFile } from '../../../shared/contract/scorecards';
import { api } from '../../api/client';
import { useCanWrite } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toasts';
import { hrefFor } from '../../router';
import { TRAINING_STATE_LABEL, type TrainingState } from '../../../shared/rules/scorecards/training';

export const TIER_ORDER: Tier[] = ['Fantastic+', 'Fantastic', 'Great', 'Fair', 'Poor'];
export const tierClass = (t: Tier | null | undefined) => (t ? `tier tier-${t === 'Fantastic+' ? 'fplus' : t.toLowerCase()}` : 'tier tier-none');

/** A tier as a word on its colour (never colour alone). */
export function TierChip({ tier, title }: { tier: Tier | null | undefined; title?: string }) {
  return (
    <span className={tierClass(tier)} title={title}>
      {tier ?? 'No tier'}
    </span>
  );
}

const TRAINING_STATE_CHIP: Record<TrainingState, string> = { valid: 'chip-ok', due: 'chip-warn', expired: 'chip-bad', missing: 'chip-bad' };

/** A training record's state in words and colour (the stand-up's training list, the driver page). */
export function TrainingStateChip({ state }: { state: TrainingState }) {
  return <span className={`chip ${TRAINING_STATE_CHIP[state]}`}>{TRAINING_STATE_LABEL[state]}</span>;
}

export function DriverLink({ id, name }: { id: number | null; name: string }) {
  return id ? <a href={hrefFor('driver', id)}>{name}</a> : <span title="Not on the roster">{name} <span className="muted">(not on roster)</span></span>;
}

/** Save an export file answered by a channel as a browser download. */
export function download(file: ExportFile): void {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

export const PLAN_STATUS_TONE: Record<string, string> = {
  suggested: 'chip-info',
  accepted: 'chip-neutral',
  acknowledged: 'chip-ok',
  closed: 'chip-ok',
  dismissed: 'chip-neutral',
  escalated: 'chip-bad',
};
export const PLAN_STATUS_LABEL: Record<string, string> = {
  suggested: 'Suggested',
  accepted: 'Accepted',
  acknowledged: 'Acknowledged',
  closed: 'Closed',
  dismissed: 'Dismissed',
  escalated: 'Escalated',
};

/** The buttons that move a plan along: accept (with edits), dismiss, acknowledge, close. */
export function PlanActions({ plan }: { plan: CoachingPlan }) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const [dialog, setDialog] = useState<'accept' | 'acknowledge' | 'close' | null>(null);
  if (!canWrite) return null;
  const run = async (label: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      toast.show(`${label}: ${plan.driverName}`, { tone: 'ok' });
      setDialog(null);
    } catch (err) {
      toast.error(`${label} failed: ${(err as Error).message}`);
    }
  };
  return (
    <span className="plan-actions">
      {plan.status === 'suggested' && (
        <>
          <button className="btn btn-sm btn-primary" onClick={() => setDialog('accept')}>
            Accept…
          </button>
          <button className="btn btn-sm" onClick={() => void run('Dismissed', () => api('coaching.dismiss', { id: plan.id, reason: '' }))}>
            Dismiss
          </button>
        </>
      )}
      {(plan.status === 'accepted' || plan.status === 'escalated') && (
        <button className="btn btn-sm btn-primary" onClick={() => setDialog('acknowledge')}>
          Acknowledge…
        </button>
      )}
      {(plan.status === 'accepted' || plan.status === 'acknowledged' || plan.status === 'escalated') && (
        <button className="btn btn-sm" onClick={() => setDialog('close')}>
          Close…
        </button>
      )}
      {dialog === 'accept' && <AcceptDialog plan={plan} onClose={() => setDialog(null)} onSave={(p) => run('Plan accepted', () => api('coaching.accept', { id: plan.id, ...p }))} />}
      {dialog === 'acknowledge' && (
        <TextDialog
          title={`Acknowledgement — ${plan.driverName}`}
          label="How the driver acknowledged the plan"
          initial="Signed at the 1:1"
          confirm="Record acknowledgement"
          onClose={() => setDialog(null)}
          onSave={(t) => run('Acknowledged', () => api('coaching.acknowledge', { id: plan.id, acknowledgement: t }))}
        />
      )}
      {dialog === 'close' && (
        <TextDialog
          title={`Close plan — ${plan.driverName}`}
          label="Follow-up result"
          initial=""
          confirm="Close plan"
          onClose={() => setDialog(null)}
          onSave={(t) => run('Plan closed', () => api('coaching.close', { id: plan.id, followUpResult: t }))}
        />
      )}
    </span>
  );
}

function TextDialog({ title, label, initial, confirm, onClose, onSave }: { title: string; label: string; initial: string; confirm: string; onClose: () => void; onSave: (t: string) => void }) {
  const [text, setText] = useState(initial);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn-primary" disabled={!text.trim()} onClick={() => onSave(text.trim())}>
            {confirm}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="plan-text">{label}</label>
        <textarea id="plan-text" className="textarea" data-autofocus value={text} onChange={(e) => setText(e.target.value)} rows={3} />
      </div>
    </Dialog>
  );
}

function AcceptDialog({ plan, onClose, onSave }: { plan: CoachingPlan; onClose: () => void; onSave: (p: { finding: string; target: string; actions: string[]; owner: string; dueDate: string | null }) => void }) {
  const [finding, setFinding] = useState(plan.finding);
  const [target, setTarget] = useState(plan.target);
  const [actions, setActions] = useState(plan.actions.join('\n'));
  const [owner, setOwner] = useState(plan.owner);
  const [dueDate, setDueDate] = useState(plan.dueDate ?? '');
  return (
    <Dialog
      title={`Accept plan — ${plan.driverName}`}
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn btn-primary"
            onClick={() => onSave({ finding, target, actions: actions.split('\n').map((a) => a.trim()).filter(Boolean), owner, dueDate: dueDate || null })}
          >
            Accept plan
          </button>
        </>
      }
    >
      <div className="form">
        <div className="field span-2">
          <label htmlFor="p-finding">Finding</label>
          <textarea id="p-finding" className="textarea" rows={2} value={finding} onChange={(e) => setFinding(e.target.value)} />
        </div>
        <div className="field span-2">
          <label htmlFor="p-target">Target</label>
          <input id="p-target" className="input" value={target} onChange={(e) => setTarget(e.target.value)} />
        </div>
        <div className="field span-2">
          <label htmlFor="p-actions">Actions (one a line)</label>
          <textarea id="p-actions" className="textarea" rows={3} value={actions} onChange={(e) => setActions(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="p-owner">Owner</label>
          <input id="p-owner" className="input" value={owner} onChange={(e) => setOwner(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="p-due">Due date</label>
          <input id="p-due" type="date" className="input" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
      </div>
    </Dialog>
  );
}

export function PlanStatus({ plan }: { plan: CoachingPlan }) {
  return (
    <span className={`chip ${PLAN_STATUS_TONE[plan.status]}`} title={plan.escalationReason || undefined}>
      {PLAN_STATUS_LABEL[plan.status]}
      {plan.overdue ? ' · overdue' : ''}
    </span>
  );
}

/** A coaching plan as a compact card (stand-up, driver page, coaching list). */
export function PlanCard({ plan, showDriver = true }: { plan: CoachingPlan; showDriver?: boolean }) {
  return (
    <div className="plan-card" data-testid={`plan-${plan.id}`}>
      <div className="plan-head">
        {showDriver && <DriverLink id={plan.driverId} name={plan.driverName} />}
        <PlanStatus plan={plan} />
        {plan.dueDate && <span className="muted">due {plan.dueDate}</span>}
        {plan.owner && <span className="muted">· {plan.owner}</span>}
      </div>
      <div className="plan-finding">{plan.finding}</div>
      {plan.target && <div className="muted">Target: {plan.target}</div>}
      {plan.actions.length > 0 && <div className="muted">Actions: {plan.actions.join(' · ')}</div>}
      {plan.escalationReason && plan.status === 'escalated' && <div className="plan-escalated">Escalated: {plan.escalationReason}</div>}
      {plan.acknowledgedAt && <div className="muted">Acknowledged {plan.acknowledgedAt}: {plan.acknowledgement}</div>}
      {plan.followUpResult && <div className="muted">Follow-up: {plan.followUpResult}</div>}
      <PlanActions plan={plan} />
    </div>
  );
}
