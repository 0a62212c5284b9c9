import { useState } from 'react';
import { api } from '../../api/client';
import { useCanWrite, useChannel } from '../../api/hooks';
import { useToast } from '../../components/Toasts';
import { PLAN_STATUSES, type PlanStatus } from '../../../shared/rules/scorecards/coaching';
import { PLAN_STATUS_LABEL, PlanCard } from './common';

/** Coaching action plans: suggestions to accept/edit/dismiss, open plans to acknowledge and close. */
export function Coaching() {
  const canWrite = useCanWrite();
  const toast = useToast();
  const [status, setStatus] = useState<PlanStatus | 'open' | ''>('open');
  const plans = useChannel('coaching.list', status === 'open' ? { open: true } : status ? { status } : {});
  const list = plans.data ?? [];
  return (
    <div className="screen-body stack">
      <div className="sc-toolbar">
        <label htmlFor="co-status">Show</label>
        <select id="co-status" className="select" value={status} onChange={(e) => setStatus(e.target.value as PlanStatus | 'open' | '')}>
          <option value="open">Open plans (suggested, accepted, acknowledged, escalated)</option>
          <option value="">All plans</option>
          {PLAN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {PLAN_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <span className="muted">{list.length} plan(s)</span>
        <span className="spacer" />
        {canWrite && (
          <button
            className="btn"
            onClick={async () => {
              try {
                const r = await api('coaching.suggest', {});
                toast.show(`${r.created} new suggestion(s); ${r.escalated} plan(s) escalated.`, { tone: 'ok' });
              } catch (err) {
                toast.error((err as Error).message);
              }
            }}
          >
            Check for new suggestions
          </button>
        )}
      </div>
      {list.length === 0 && !plans.loading && <p className="muted">No plans here.</p>}
      <div className="plan-grid">
        {list.map((p) => (
          <PlanCard key={p.id} plan={p} />
        ))}
      </div>
    </div>
  );
}
