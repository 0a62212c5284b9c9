import { useState } from 'react';
import type { BoardConflict, RouteImportResult } from '../../../shared/contract/board';
import { Dialog } from '../../components/Dialog';
import { ImportPreview } from '../../components/ImportPreview';
import { StatusChip } from '../../components/StatusChip';

function ConflictList({ conflicts }: { conflicts: BoardConflict[] }) {
  return (
    <ul className="conflict-list">
      {conflicts.map((c, i) => (
        <li key={i} className={c.severity}>
          <StatusChip tone={c.severity === 'hard' ? 'bad' : 'warn'}>{c.severity === 'hard' ? 'Not allowed' : 'Warning'}</StatusChip>
          <span className="conflict-msg">{c.message}</span>
          <code className="conflict-rule">{c.rule}</code>
        </li>
      ))}
    </ul>
  );
}

/** A hard conflict: the change is refused, with every rule it breaks. */
export function RefusalDialog({ label, conflicts, onClose }: { label: string; conflicts: BoardConflict[]; onClose(): void }) {
  const hard = conflicts.filter((c) => c.severity === 'hard');
  return (
    <Dialog
      title="Refused"
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
          OK
        </button>
      }
    >
      <div className="stack" data-testid="refusal">
        <div className="alert" role="alert">
          <strong>{label}</strong> was not saved: it breaks {hard.length === 1 ? 'a rule' : `${hard.length} rules`} that cannot be overridden.
        </div>
        <ConflictList conflicts={conflicts} />
      </div>
    </Dialog>
  );
}

/** Soft conflicts only: the dispatcher may go ahead with a reason (saved to the audit log). */
export function OverrideDialog({
  label,
  conflicts,
  busy,
  onConfirm,
  onCancel,
}: {
  label: string;
  conflicts: BoardConflict[];
  busy: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const ok = reason.trim().length >= 3;
  return (
    <Dialog
      title="Override warnings?"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form="override-form" className="btn btn-primary" disabled={!ok || busy}>
            {busy ? 'Saving…' : 'Override and save'}
          </button>
        </>
      }
    >
      <form
        id="override-form"
        className="stack"
        data-testid="override"
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) onConfirm(reason.trim());
        }}
      >
        <div className="alert alert-warn">
          <strong>{label}</strong> breaks {conflicts.length === 1 ? 'a rule' : `${conflicts.length} rules`} that need a reason to override.
        </div>
        <ConflictList conflicts={conflicts} />
        <div className="field">
          <label htmlFor="override-reason">Reason (goes to the audit log)</label>
          <textarea
            id="override-reason"
            className="textarea"
            rows={2}
            maxLength={500}
            data-autofocus
            placeholder="e.g. Only step-van driver left; ops manager approved"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                if (ok) onConfirm(reason.trim());
              }
            }}
          />
        </div>
      </form>
    </Dialog>
  );
}

/** The dry run of a route sheet: every error, or what would be added / changed / removed. */
export function ImportDialog({
  fileName,
  result,
  busy,
  onConfirm,
  onCancel,
}: {
  fileName: string;
  result: RouteImportResult;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ok = result.errors.length === 0;
  const onlyRemovals = ok && result.added.length === 0 && result.changed.length === 0 && result.removed.length > 0;
  return (
    <Dialog title={`Route sheet for ${result.date}`} onClose={onCancel} variant="wide">
      <div className="stack" data-testid="import-preview">
        {ok && (result.removed.length > 0 || result.droppedAssignments.length > 0 || result.skippedOtherDsp > 0) && (
          <div className="stack">
            {result.removed.length > 0 && (
              <div className="alert alert-warn">
                <strong>{result.removed.length} route(s) will be removed</strong> (not in this sheet):{' '}
                <span className="mono">{result.removed.join(', ')}</span>
              </div>
            )}
            {result.droppedAssignments.length > 0 && (
              <div className="alert alert-warn">
                <strong>{result.droppedAssignments.length} assignment(s) will be dropped:</strong>
                <ul className="tight-list">
                  {result.droppedAssignments.map((d, i) => (
                    <li key={i}>
                      <span className="mono">{d.routeCode}</span> · {d.driverName}: {d.reason}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {result.skippedOtherDsp > 0 && <div className="alert alert-info">{result.skippedOtherDsp} row(s) of other DSPs are skipped.</div>}
            {result.keptAssignments > 0 && <div className="muted">{result.keptAssignments} existing assignment(s) stay as they are.</div>}
          </div>
        )}
        {onlyRemovals ? (
          <div className="row" style={{ justifyContent: 'flex-end' }}>
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy}>
              {busy ? 'Importing…' : `Remove ${result.removed.length} routes`}
            </button>
          </div>
        ) : (
          <ImportPreview
            fileName={fileName}
            noun="routes"
            added={result.added}
            changed={result.changed}
            unchanged={result.unchanged}
            errors={result.errors}
            busy={busy}
            onConfirm={onConfirm}
            onCancel={onCancel}
          />
        )}
      </div>
    </Dialog>
  );
}
