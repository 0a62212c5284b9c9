import { useState } from 'react';
import type { BoardConflict, RouteImportResult } from '../../../shared/contract/board';
import { isGivenReason } from '../../../shared/rules/reason';
import { Dialog } from '../../components/Dialog';
import { ImportDialog, readerNotes } from '../../components/ImportDialog';
import { PlainTable } from '../../components/PlainTable';
import type { PickedFile } from '../../components/FilePicker';
import { api } from '../../api/client';
import { StatusChip } from '../../components/StatusChip';
import { ruleWords } from '../../../shared/rule-words';
import type { LoadoutConflict } from './actions';
import { VanClassList } from '../../components/domainChips';
import { SERVICE_TAG_LABEL } from '../../../shared/rules/fleet/service-types';
import { formatDuration, shortServiceType } from './model';

function ConflictList({ conflicts }: { conflicts: BoardConflict[] }) {
  return (
    <ul className="conflict-list">
      {conflicts.map((c, i) => (
        <li key={i} className={c.severity}>
          <StatusChip tone={c.severity === 'hard' ? 'bad' : 'warn'}>{c.severity === 'hard' ? 'Not allowed' : 'Warning'}</StatusChip>
          <span className="conflict-msg">
            <strong>{ruleWords(c.rule)}:</strong> {c.message}
          </span>
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

/** A dropped file the desk cannot place by itself: the dispatcher says which import it is for. */
export function DropChoiceDialog({ fileName, reason, onRoutes, onProgress, onClose }: { fileName: string; reason: string; onRoutes(): void; onProgress(): void; onClose(): void }) {
  return (
    <Dialog
      title="Which import is this file for?"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn" onClick={onProgress}>
            Import progress
          </button>
          <button type="button" className="btn btn-primary" onClick={onRoutes} data-autofocus>
            Import route sheet
          </button>
        </>
      }
    >
      <p>
        <strong>{fileName}</strong>: {reason}
      </p>
      <p className="muted">A route sheet (the Day of Ops plan, or a Cortex list taken before the routes started) sets up the day&apos;s routes; progress (a Cortex list taken during the day) updates how far each route is.</p>
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
  const ok = isGivenReason(reason);
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
      about="Amazon's Day of Ops plan, its Cortex route list, or the day's route sheet (CSV or XLSX). Routes are matched by route code; routes no longer on a sheet or plan are removed (a Cortex list removes none)."
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

const SOURCE_WORDS: Record<RouteImportResult['source'], string> = { 'day-of-ops': "Amazon's Day of Ops plan", cortex: "Amazon's Cortex route list", 'route-sheet': 'a route sheet' };

/** What a route import does beyond the counts: rows skipped (other DSPs, blank codes), removals, assignments, drivers, the routes as read. */
function RouteImportNotes({ result }: { result: RouteImportResult }) {
  const skipped = [result.skippedOtherDsp > 0 && `${result.skippedOtherDsp} of other DSPs`, result.skippedBlankCode > 0 && `${result.skippedBlankCode} without a route code`].filter(Boolean);
  return (
    <div className="stack">
      <div className="muted">
        Read as {SOURCE_WORDS[result.source]}
        {skipped.length > 0 ? `; rows skipped: ${skipped.join(', ')}` : ''}.
      </div>
      {result.errors.length === 0 && (
        <>
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
          {result.drivers.length > 0 && (
            <div className="alert alert-info">
              <strong>Drivers Amazon has on the routes:</strong>
              <ul className="tight-list">
                {result.drivers.map((d, i) => (
                  <li key={i}>
                    <span className="mono">{d.routeCode}</span> · {d.name || d.transporterId}: {d.note}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.keptAssignments > 0 && <div className="muted">{result.keptAssignments} existing assignment(s) stay as they are.</div>}
          {result.preview.length > 0 && (
            <PlainTable label="Routes as read" scroll boxClass="import-rows" columns={['Row', 'Route', 'Wave', 'Staging', 'Service type', 'Van classes', { label: 'Dur.', num: true }, { label: 'Stops', num: true }, { label: 'Pkgs', num: true }, { label: 'Zones', num: true }, '']}>
              {result.preview.map((r) => (
                <tr key={r.code}>
                  <td className="num">{r.row}</td>
                  <td className="mono">{r.code}</td>
                  <td className="mono">{r.wave}</td>
                  <td>{r.staging}</td>
                  <td title={r.serviceType}>
                    {shortServiceType(r.serviceType)}
                    {r.serviceTags.filter((t) => t !== 'ride-along').map((t) => (
                      <span key={t} className="tag">
                        {SERVICE_TAG_LABEL[t]}
                      </span>
                    ))}
                  </td>
                  <td>{r.vanClasses.length ? <VanClassList classes={r.vanClasses} /> : '—'}</td>
                  <td className="num" title={r.durationDefaulted ? 'not in the file: the default duration' : undefined}>
                    {formatDuration(r.plannedDurationMin)}
                    {r.durationDefaulted ? '*' : ''}
                  </td>
                  <td className="num">{r.stops ?? '—'}</td>
                  <td className="num">{r.packages ?? '—'}</td>
                  <td className="num">{r.zones ?? '—'}</td>
                  <td className="muted">{r.action === 'same' ? 'no change' : r.action === 'change' ? 'changed' : 'new'}</td>
                </tr>
              ))}
            </PlainTable>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The load-out refused to print: routes are in conflict. Repair them (auto-assign re-plans only
 * those), or print anyway with a reason — a separate, audited write; those routes print as
 * "NOT READY — reassign".
 */
export function LoadoutRefusedDialog({
  date,
  conflicts,
  canWrite,
  canRepair,
  onRepair,
  onPrintAnyway,
  onClose,
}: {
  date: string;
  conflicts: LoadoutConflict[];
  canWrite: boolean;
  canRepair: boolean;
  onRepair(): void;
  onPrintAnyway(reason: string): void;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const ok = isGivenReason(reason);
  return (
    <Dialog
      title="Load-out not printed"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          {canWrite && (
            <>
              <button type="submit" form="print-anyway-form" className="btn btn-danger" disabled={!ok} title={ok ? undefined : 'Give a reason first'}>
                Print anyway
              </button>
              <button type="button" className="btn btn-primary" onClick={onRepair} disabled={!canRepair} data-autofocus>
                Repair with auto-assign
              </button>
            </>
          )}
        </>
      }
    >
      <div className="stack" data-testid="loadout-refused">
        <div className="alert" role="alert">
          <strong>
            {conflicts.length} {conflicts.length === 1 ? 'route is' : 'routes are'} not ready on {date}.
          </strong>{' '}
          The sheet would send {conflicts.length === 1 ? 'it' : 'them'} out as assigned. Reassign first.
        </div>
        <ul className="conflict-list">
          {conflicts.map((c) => (
            <li key={c.routeId} className="hard">
              <StatusChip tone="bad">Not ready</StatusChip>
              <span className="conflict-msg">
                <strong className="mono">{c.routeCode}</strong> {c.reasons.join('; ')}
              </span>
            </li>
          ))}
        </ul>
        {canWrite && (
          <form
            id="print-anyway-form"
            className="field"
            onSubmit={(e) => {
              e.preventDefault();
              if (ok) onPrintAnyway(reason.trim());
            }}
          >
            <label htmlFor="print-anyway-reason">To print anyway, say why (goes to the audit log; those routes print as “NOT READY — reassign”)</label>
            <input id="print-anyway-reason" className="input" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Printing for the wall; CX12 reassigned at the dock" />
          </form>
        )}
      </div>
    </Dialog>
  );
}
