import { useState } from 'react';
import type { BoardConflict, RouteImportResult } from '../../../shared/contract/board';
import { Dialog } from '../../components/Dialog';
import { ImportDialog, readerNotes } from '../../components/ImportDialog';
import type { PickedFile } from '../../components/FilePicker';
import { api } from '../../api/client';
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

/** A route sheet for `date` in the one import dialog: the service's dry run, then confirm (all or nothing). */
export function RouteImportDialog({ date, file, onImported, onClose }: { date: string; file: PickedFile; onImported(): void; onClose(): void }) {
  return (
    <ImportDialog
      title={`Route sheet for ${date}`}
      noun="routes"
      extensions={['csv', 'xlsx']}
      about="The day's route sheet or Amazon's Day of Ops plan (CSV or XLSX). Routes are matched by route code; routes no longer on the sheet are removed."
      initialFile={file}
      run={(f, dryRun) => api('routes.import', { ...f, date, dryRun })}
      summarize={(r) => ({
        added: r.added.length,
        changed: r.changed.length,
        unchanged: r.unchanged,
        removed: r.removed.length,
        addedNames: r.added,
        changedNames: r.changed,
        errors: r.errors,
        ...readerNotes(r),
      })}
      details={(r) => <RouteImportNotes result={r} />}
      doneText={(r) => `Route sheet imported: ${r.added.length} added, ${r.changed.length} changed, ${r.removed.length} removed`}
      onDone={onImported}
      onClose={onClose}
    />
  );
}

/** What a route sheet import does beyond the counts: removals, assignments dropped or kept, other DSPs' rows. */
function RouteImportNotes({ result }: { result: RouteImportResult }) {
  if (result.errors.length > 0) return null;
  return (
    <div className="stack">
      {result.removed.length > 0 && (
        <div className="alert alert-warn">
          <strong>{result.removed.length} route(s) will be removed</strong> (not in this sheet): <span className="mono">{result.removed.join(', ')}</span>
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
  );
}
