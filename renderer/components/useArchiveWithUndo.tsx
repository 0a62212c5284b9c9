import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './Dialog';
import { useToast } from './Toasts';

/** A register record that can be archived (drivers, vans). */
export interface Archivable {
  id: number;
  archivedAt: string | null;
}

export interface ArchiveOptions<T extends Archivable> {
  /** The write: archive (true) or restore (false) `record`. */
  archive: (record: T, archived: boolean) => Promise<unknown>;
  /** How toasts name the record: "Jane Doe", "Van CDV-02". */
  label: (record: T) => string;
  /** The question before archiving (restoring needs none: it is undone as easily). */
  confirm: (record: T) => { title: string; message: ReactNode; confirmLabel: string };
  /** After the user confirms, before the write (e.g. close the drawer). */
  onConfirmed?: () => void;
}

/**
 * Archive with a confirmation and an Undo, restore at once (with its own Undo). `toggle(record)`
 * does whichever applies; render `dialog` where the confirmation should appear.
 */
export function useArchiveWithUndo<T extends Archivable>({ archive, label, confirm, onConfirmed }: ArchiveOptions<T>) {
  const toast = useToast();
  const [asking, setAsking] = useState<T | null>(null);

  const setArchived = async (record: T, archived: boolean, withUndo: boolean) => {
    const name = label(record);
    try {
      await archive(record, archived);
      toast.show(`${name} ${archived ? 'archived' : 'restored'}.`, {
        tone: 'ok',
        undo: withUndo ? () => void setArchived(record, !archived, false) : undefined,
      });
    } catch (err) {
      toast.error(`Could not ${archived ? 'archive' : 'restore'} ${name}: ${(err as Error).message}`);
    }
  };

  const toggle = (record: T) => (record.archivedAt ? void setArchived(record, false, true) : setAsking(record));

  const question = asking && confirm(asking);
  const dialog =
    asking && question ? (
      <ConfirmDialog
        title={question.title}
        message={question.message}
        confirmLabel={question.confirmLabel}
        danger
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const record = asking;
          setAsking(null);
          onConfirmed?.();
          void setArchived(record, true, true);
        }}
      />
    ) : null;

  return { toggle, setArchived, dialog };
}
