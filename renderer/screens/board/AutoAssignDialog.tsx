import { useMemo, useState } from 'react';
import type { AutoAssignResult, Proposal } from '../../../shared/contract/board';
import { isGivenReason, MIN_REASON_CHARS } from '../../../shared/rules/reason';
import { Dialog } from '../../components/Dialog';
import { StatusChip } from '../../components/StatusChip';
import { ruleWords } from '../../../shared/rule-words';
import { conflictText } from './model';

/**
 * Auto-assign preview: each proposal with why this driver/van, its cost and the next best
 * alternatives; accept all or some, then apply in one call (undoable as one step).
 */
export function AutoAssignDialog({
  result,
  busy,
  onApply,
  onCancel,
}: {
  result: AutoAssignResult;
  busy: boolean;
  onApply(proposals: Proposal[], reason: string | null): void;
  onCancel(): void;
}) {
  const [accepted, setAccepted] = useState<Set<number>>(() => new Set(result.proposals.map((p) => p.routeId)));
  const [open, setOpen] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const chosen = useMemo(() => result.proposals.filter((p) => accepted.has(p.routeId)), [result, accepted]);
  const flagged = chosen.filter((p) => p.flags.length > 0);
  const needReason = flagged.length > 0;
  const reasonOk = isGivenReason(reason);
  const canApply = chosen.length > 0 && (!needReason || reasonOk) && !busy;
  // Apply is never greyed without a word saying why.
  const why = busy ? 'Applying…' : chosen.length === 0 ? 'Tick at least one proposal' : needReason && !reasonOk ? `Give a reason for the warnings on ${flagged.length} (at least ${MIN_REASON_CHARS} characters)` : null;
  const repairedIds = new Set(result.repaired.map((r) => r.routeId));

  const toggle = (id: number) =>
    setAccepted((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <Dialog
      title="Auto-assign proposals"
      onClose={onCancel}
      variant="wide"
      footer={
        <>
          <div className="left autoassign-foot">
            <span className="muted">
              {chosen.length} of {result.proposals.length} accepted
            </span>
            {needReason && (
              <input
                id="autoassign-reason"
                className="input"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                placeholder={`Reason to override ${flagged.length} warning${flagged.length === 1 ? '' : 's'} (audit log)`}
                aria-label={`Reason to override the warnings on ${flagged.length} accepted ${flagged.length === 1 ? 'proposal' : 'proposals'} (audit log)`}
              />
            )}
            {why && (
              <span className="muted small" data-testid="apply-why">
                {why}
              </span>
            )}
          </div>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!canApply}
            title={why ?? undefined}
            onClick={() => onApply(chosen, needReason ? reason.trim() : null)}
            data-testid="apply-proposals"
          >
            {busy ? 'Applying…' : `Apply ${chosen.length} ${chosen.length === 1 ? 'assignment' : 'assignments'}`}
          </button>
        </>
      }
    >
      <div className="stack" data-testid="autoassign">
        <div className="summary-strip">
          <div className="stat">
            <div className="v">{result.covered}</div>
            <div className="l">Routes covered</div>
          </div>
          <div className="stat">
            <div className={`v${result.uncovered.length ? ' bad-text' : ''}`}>{result.uncovered.length}</div>
            <div className="l">Left open</div>
          </div>
          <div className="stat">
            <div className="v">{result.kept}</div>
            <div className="l">Kept as is</div>
          </div>
          <div className="stat">
            <div className="v">{result.totalCost.toFixed(1)}</div>
            <div className="l">Total cost</div>
          </div>
          <div className="stat">
            <div className="v">{Math.round(result.ms)} ms</div>
            <div className="l">Solved in</div>
          </div>
        </div>
        {result.repaired.length > 0 && (
          <div className="alert alert-warn" data-testid="repairs">
            <strong>
              Repairs {result.repaired.length} {result.repaired.length === 1 ? 'route' : 'routes'} in conflict
            </strong>{' '}
            (only these are re-planned; good assignments stay):{' '}
            {result.repaired.map((r, i) => (
              <span key={r.routeId}>
                {i > 0 && '; '}
                <span className="mono">{r.routeCode}</span> — {r.reason}
              </span>
            ))}
          </div>
        )}
        <p className="muted">
          The most routes possible are covered first (repairs before open routes), then the lowest total cost (route familiarity, scorecard tier, usual van, van type fit, EV range margin, weekly hours).
          Click a row to see why and the alternatives.
        </p>
        {result.proposals.length === 0 ? (
          <div className="alert alert-info">Nothing to propose: every route is assigned or no free driver/van fits.</div>
        ) : (
          <div className="scroll-box autoassign-box">
            <table className="plain-table autoassign-table" aria-label="Proposals">
              <thead>
                <tr>
                  <th style={{ width: 34 }}>
                    <input
                      type="checkbox"
                      aria-label="Accept all"
                      checked={accepted.size === result.proposals.length}
                      onChange={(e) => setAccepted(e.target.checked ? new Set(result.proposals.map((p) => p.routeId)) : new Set())}
                    />
                  </th>
                  <th style={{ width: 80 }}>Route</th>
                  <th>Driver</th>
                  <th style={{ width: 110 }}>Van</th>
                  <th style={{ width: 70 }} className="num">
                    Cost
                  </th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {result.proposals.map((p) => (
                  <ProposalRows key={p.routeId} p={p} repair={repairedIds.has(p.routeId)} accepted={accepted.has(p.routeId)} open={open === p.routeId} onToggle={() => toggle(p.routeId)} onOpen={() => setOpen(open === p.routeId ? null : p.routeId)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {result.uncovered.length > 0 && (
          <div className="alert alert-warn">
            <strong>Left open:</strong>
            <ul className="tight-list">
              {result.uncovered.map((u) => (
                <li key={u.routeId}>
                  <span className="mono">{u.routeCode}</span>: {u.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Dialog>
  );
}

function ProposalRows({ p, repair, accepted, open, onToggle, onOpen }: { p: Proposal; repair: boolean; accepted: boolean; open: boolean; onToggle(): void; onOpen(): void }) {
  return (
    <>
      <tr className={`proposal${accepted ? '' : ' rejected'}`} data-route={p.routeCode} onClick={onOpen} style={{ cursor: 'pointer' }}>
        <td onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" aria-label={`Accept ${p.routeCode}`} checked={accepted} onChange={onToggle} />
        </td>
        <td>
          <strong className="mono">{p.routeCode}</strong>
          {repair && (
            <>
              {' '}
              <StatusChip tone="info">Repair</StatusChip>
            </>
          )}
        </td>
        <td>
          {p.driverName}
          {p.flags.length > 0 && (
            <>
              {' '}
              <StatusChip tone="warn" title={p.flags.map(conflictText).join('\n')}>
                {p.flags.length === 1 ? ruleWords(p.flags[0]!.rule) : `${p.flags.length} warnings`}
              </StatusChip>
            </>
          )}
        </td>
        <td>{p.vanName ?? '—'}</td>
        <td className="num">{p.cost.toFixed(1)}</td>
        <td className="why">{p.explanation[0] ?? ''}</td>
      </tr>
      {open && (
        <tr className="proposal-detail">
          <td />
          <td colSpan={5}>
            <div className="grid-why">
              <div>
                <h4>Why</h4>
                <ul className="tight-list">
                  {p.explanation.map((x, i) => (
                    <li key={i}>{x}</li>
                  ))}
                  {p.flags.map((f, i) => (
                    <li key={`f${i}`} className="warn-text">
                      {conflictText(f)}
                    </li>
                  ))}
                </ul>
                {p.costParts.length > 0 && (
                  <div className="muted cost-parts">
                    {p.costParts.map((c) => `${c.label} ${c.cost >= 0 ? '+' : ''}${c.cost.toFixed(1)}`).join(' · ')}
                  </div>
                )}
              </div>
              <div>
                <h4>Alternatives</h4>
                {p.alternatives.length === 0 ? (
                  <div className="muted">No other driver fits this route.</div>
                ) : (
                  <table className="plain-table">
                    <tbody>
                      {p.alternatives.map((a, i) => (
                        <tr key={i}>
                          <td>{a.driverName}</td>
                          <td>{a.vanName ?? '—'}</td>
                          <td className="num">{a.cost.toFixed(1)}</td>
                          <td className="muted">{a.note}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
