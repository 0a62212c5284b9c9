import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

/**
 * The add/edit drawer of a register (drivers, vans): the form shell, the server's form-level error,
 * the archived notice, and the footer with archive/restore, cancel and save. Read-only callers
 * (owners) get the same fields with a Close button only. The fields come as children.
 */
export function RecordDrawer({
  formId,
  noun,
  title,
  isNew,
  archived,
  archivedNotice,
  canWrite,
  busy,
  formError,
  headerExtra,
  onSubmit,
  onArchive,
  onClose,
  children,
}: {
  formId: string;
  /** "driver", "van": used in the button labels. */
  noun: string;
  title: string;
  isNew: boolean;
  archived: boolean;
  archivedNotice: string;
  canWrite: boolean;
  busy: boolean;
  formError: string | null | undefined;
  headerExtra?: ReactNode;
  onSubmit: () => void;
  /** Archive or restore the record (absent for a new one). */
  onArchive?: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      variant="drawer"
      title={title}
      onClose={onClose}
      headerExtra={headerExtra}
      footer={
        <>
          {!isNew && canWrite && onArchive && (
            <button type="button" className="btn left" onClick={onArchive}>
              {archived ? `Restore ${noun}` : `Archive ${noun}`}
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {canWrite ? 'Cancel' : 'Close'}
          </button>
          {canWrite && (
            <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : isNew ? `Add ${noun}` : 'Save changes'}
            </button>
          )}
        </>
      }
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {formError && (
          <div className="form-alert alert" role="alert">
            {formError}
          </div>
        )}
        {archived && <div className="form-alert alert alert-warn">{archivedNotice}</div>}
        {children}
      </form>
    </Dialog>
  );
}
