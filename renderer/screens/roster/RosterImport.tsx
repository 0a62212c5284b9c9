import { useState } from 'react';
import { api } from '../../api/client';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { ImportDialog, readerNotes } from '../../components/ImportDialog';
import { useToast } from '../../components/Toasts';

/**
 * Roster import from Amazon's associates export: pick a CSV, see the service's dry run (who is
 * added and changed, by name, and every row error), then import for real (all or nothing, matched
 * by transporter ID).
 */
export function RosterImport() {
  const toast = useToast();
  const [file, setFile] = useState<PickedFile | null>(null);
  return (
    <>
      <FilePicker label="Import roster…" extensions={['csv']} onPick={setFile} onError={toast.error} />
      {file && (
        <ImportDialog
          title="Import roster"
          noun="drivers"
          extensions={['csv']}
          about="Amazon's associates export (CSV): drivers are matched by transporter ID; what the export does not carry (licence number, hire date, notes) is kept."
          initialFile={file}
          run={(f, dryRun) => api('roster.import', { ...f, dryRun })}
          summarize={(r) => {
            const named = (action: 'add' | 'change') => r.preview.filter((p) => p.action === action).map((p) => `${p.name} · ${p.transporterId}`);
            return { added: r.added.length, changed: r.changed.length, unchanged: r.unchanged, addedNames: named('add'), changedNames: named('change'), errors: r.errors, ...readerNotes(r) };
          }}
          doneText={(r) => `Roster imported: ${r.added.length} added, ${r.changed.length} changed.`}
          onClose={() => setFile(null)}
        />
      )}
    </>
  );
}
