import { useState } from 'react';
import Papa from 'papaparse';
import { api } from '../../api/client';
import type { RosterImportResult } from '../../../shared/contract/roster';
import { Dialog } from '../../components/Dialog';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { ImportPreview } from '../../components/ImportPreview';
import { useToast } from '../../components/Toasts';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Transporter ID → name from the CSV itself, so the preview can say who is added (the server answers with IDs). */
function namesFromCsv(f: PickedFile): Map<string, string> {
  const out = new Map<string, string>();
  if (f.encoding !== 'utf8') return out;
  const rows = Papa.parse<string[]>(f.content, { skipEmptyLines: true }).data;
  const head = (rows[0] ?? []).map(norm);
  const ti = head.findIndex((h) => ['transporterid', 'datransporterid', 'tid'].includes(h));
  const ni = head.findIndex((h) => ['nameandid', 'name', 'driver', 'associate', 'deliveryassociate'].includes(h));
  if (ti < 0 || ni < 0) return out;
  for (const r of rows.slice(1)) {
    const tid = (r[ti] ?? '').trim().toUpperCase();
    const name = (r[ni] ?? '').replace(new RegExp(tid || '^$', 'i'), '').replace(/[()[\]]/g, ' ').replace(/\s+[-–|]\s*$/, '').replace(/\s+/g, ' ').trim();
    if (tid && name) out.set(tid, name);
  }
  return out;
}

/**
 * Roster import from Amazon's associates export: pick a CSV, dry-run it, show the preview, then
 * import for real (all or nothing, matched by transporter ID).
 */
export function RosterImport() {
  const toast = useToast();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<RosterImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const names = file ? namesFromCsv(file) : new Map<string, string>();
  const label = (tid: string) => (names.get(tid) ? `${names.get(tid)} · ${tid}` : tid);
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
            added={preview.added.map(label)}
            changed={preview.changed.map(label)}
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
