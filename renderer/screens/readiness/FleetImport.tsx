import { useState } from 'react';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { ImportPreview } from '../../components/ImportPreview';
import { useToast } from '../../components/Toasts';
import type { FleetImportResult, InspectionImportResult } from '../../../shared/contract/fleet';
import { errorText } from './model';

/**
 * Import vans (Amazon's fleet vehicles export or a hand-made sheet) or DVIRs: pick a file, see the
 * dry run (added / changed / errors with row numbers), then confirm. All or nothing.
 */
export function FleetImport({ what, onClose }: { what: 'fleet' | 'inspections'; onClose: () => void }) {
  const toast = useToast();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<FleetImportResult | InspectionImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (f: PickedFile, dryRun: boolean) =>
    what === 'fleet' ? api('fleet.import', { ...f, dryRun }) : api('fleet.importInspections', { ...f, dryRun });

  const pick = async (f: PickedFile) => {
    setFile(f);
    setError(null);
    setBusy(true);
    try {
      setPreview(await run(f, true));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const res = await run(file, false);
      if (!res.ok) {
        setPreview(res);
        return;
      }
      toast.show(
        'vans' in res ? `Imported ${res.vans} vans: ${res.added} new, ${res.changed} changed.` : `Imported ${res.inspections} DVIRs (${res.failed} failed, ${res.defectsOpened} defects opened).`,
        { tone: 'ok' },
      );
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={what === 'fleet' ? 'Import vans' : 'Import DVIRs'} onClose={onClose} variant="wide">
      <div className="stack">
        <p className="muted">
          {what === 'fleet'
            ? "CSV or XLSX: Amazon's fleet vehicles export as it comes (vin, vehicleName, licensePlateNumber, operationalStatus, serviceTier, ownershipType, registrationExpiryDate…) or your own sheet with VIN, Van, Plate, Type. Vans are matched by VIN."
            : 'CSV or XLSX with Van, Date, Time, Type (pre/post), Inspector, Odometer and one column per checklist item (P or F), e.g. Brakes, Steering, Tyres and wheels.'}
        </p>
        <div className="row">
          <FilePicker label={file ? 'Choose another file' : 'Choose file…'} extensions={['csv', 'xlsx']} onPick={(f) => void pick(f)} onError={setError} className="btn btn-primary" />
          {file && <span className="mono">{file.fileName}</span>}
          {busy && <span className="muted">Checking…</span>}
        </div>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        {file && preview && 'vans' in preview && (
          <ImportPreview
            fileName={file.fileName}
            noun="vans"
            added={preview.preview.filter((p) => p.action === 'add').map((p) => `${p.name}${p.grounded ? ' (grounded)' : ''}`)}
            changed={preview.preview.filter((p) => p.action === 'change').map((p) => `${p.name}${p.grounded ? ' (grounded)' : ''}`)}
            unchanged={preview.unchanged}
            errors={preview.errors}
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={onClose}
          />
        )}
        {file && preview && 'inspections' in preview && (
          <ImportPreview
            fileName={file.fileName}
            noun="DVIRs"
            added={preview.ok ? [`${preview.inspections} inspections (${preview.failed} with failed items)`] : []}
            changed={[]}
            errors={preview.errors}
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={onClose}
          />
        )}
      </div>
    </Dialog>
  );
}
