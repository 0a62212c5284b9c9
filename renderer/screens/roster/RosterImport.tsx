import { useState } from 'react';
import { api } from '../../api/client';
import type { RosterImportResult } from '../../../shared/contract/roster';
import { Dialog } from '../../components/Dialog';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { ImportPreview } from '../../components/ImportPreview';
import { useToast } from '../../components/Toasts';

/**
 * Roster import from Amazon's associates export: pick a CSV, dry-run it, show the preview, then
 * import for real (all or nothing, matched by transporter ID).
 */
export function RosterImport() {
  const toast = useToast();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<RosterImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setFile(null);
    setPreview(null);
  };
  const onPick = async (f: PickedFile) => {
    setBusy(true);
    try {
      setFile(f);
      setPreview(await api('roster.import', { ...f, dryRun: true }));
    } catch (err) {
      setFile(null);
      toast.error(`Cannot read ${f.fileName}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await api('roster.import', { ...file, dryRun: false });
      if (!r.ok) {
        setPreview(r);
        return;
      }
      toast.show(`Roster imported: ${r.added.length} added, ${r.changed.length} changed.`, { tone: 'ok' });
      close();
    } catch (err) {
      toast.error(`Import failed: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <FilePicker label={busy && !preview ? 'Reading…' : 'Import roster…'} extensions={['csv']} onPick={(f) => void onPick(f)} onError={toast.error} disabled={busy} />
      {file && preview && (
        <Dialog title="Import roster" variant="wide" onClose={close}>
          <ImportPreview
            fileName={file.fileName}
            noun="drivers"
            added={preview.added}
            changed={preview.changed}
            unchanged={preview.unchanged}
            errors={preview.errors}
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={close}
          />
        </Dialog>
      )}
    </>
  );
}
