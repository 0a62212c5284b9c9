import { FilePicker, type PickedFile } from '../../components/FilePicker';
import type { UndoSnapshot } from './undo';

interface Props {
  canWrite: boolean;
  busy: boolean;
  undoState: UndoSnapshot;
  onUndo: (redo: boolean) => void;
  onShowKeys: () => void;
  onPickFile: (file: PickedFile) => void;
  onPickError: (message: string) => void;
  /** Auto-assign is offered while routes are open. */
  canAutoAssign: boolean;
  /** Routes in conflict (auto-assign offers to repair them). */
  conflicts: number;
  onAutoAssign: () => void;
  /** The load-out sheet needs routes. */
  hasRoutes: boolean;
  onLoadout: (format: 'pdf' | 'csv') => void;
}

/** The board's header controls: undo / redo with the last change, then import, auto-assign and the load-out sheet. */
export function BoardToolbar({ canWrite, busy, undoState, onUndo, onShowKeys, onPickFile, onPickError, canAutoAssign, conflicts, onAutoAssign, hasRoutes, onLoadout }: Props) {
  return (
    <>
      {canWrite && (
        <div className="row undo-row">
          <button type="button" className="btn btn-sm" disabled={!undoState.undo || undoState.busy} onClick={() => onUndo(false)} title={undoState.undo ? `Undo: ${undoState.undo} (Ctrl+Z)` : 'Nothing to undo'}>
            ↶ Undo
          </button>
          <button type="button" className="btn btn-sm" disabled={!undoState.redo || undoState.busy} onClick={() => onUndo(true)} title={undoState.redo ? `Redo: ${undoState.redo} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
            ↷ Redo
          </button>
          {undoState.undo && <span className="muted undo-label">Last: {undoState.undo}</span>}
        </div>
      )}
      <div className="actions">
        <button type="button" className="btn btn-ghost" onClick={onShowKeys} title="Board keyboard shortcuts">
          Keys
        </button>
        {canWrite && (
          <>
            <FilePicker label="Import route sheet" extensions={['csv', 'xlsx']} onPick={onPickFile} onError={onPickError} disabled={busy} />
            <button
              type="button"
              className={`btn${conflicts > 0 ? ' btn-danger' : ''}`}
              onClick={onAutoAssign}
              disabled={busy || !canAutoAssign}
              title={canAutoAssign ? (conflicts > 0 ? `Re-plan ${conflicts} route${conflicts === 1 ? '' : 's'} in conflict and fill open routes` : 'Fill the open routes') : 'Every route is assigned and none is in conflict'}
            >
              {conflicts > 0 ? `Auto-assign · repair ${conflicts}` : 'Auto-assign'}
            </button>
          </>
        )}
        <button type="button" className="btn btn-primary" onClick={() => onLoadout('pdf')} disabled={!hasRoutes}>
          Load-out PDF
        </button>
        <button type="button" className="btn" onClick={() => onLoadout('csv')} disabled={!hasRoutes} title="Load-out sheet as CSV">
          CSV
        </button>
      </div>
    </>
  );
}
