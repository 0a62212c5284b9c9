import { api } from '../../api/client';
import { ImportDialog, readerNotes } from '../../components/ImportDialog';

const EXTENSIONS = ['csv', 'xlsx'];

/**
 * Import vans (Amazon's fleet vehicles export or a hand-made sheet) or DVIRs in the one import
 * dialog: pick or drop a file, the service's dry run (added / changed / errors with row numbers),
 * then confirm. All or nothing.
 */
export function FleetImport({ what, onClose }: { what: 'fleet' | 'inspections'; onClose: () => void }) {
  if (what === 'inspections') {
    return (
      <ImportDialog
        title="Import DVIRs"
        noun="DVIRs"
        extensions={EXTENSIONS}
        about="CSV or XLSX with Van, Date, Time, Type (pre/post), Inspector, Odometer and one column per checklist item (P or F), e.g. Brakes, Steering, Tyres and wheels."
        run={(f, dryRun) => api('fleet.importInspections', { ...f, dryRun })}
        summarize={(r) => ({ added: r.inspections, changed: 0, errors: r.errors, ...readerNotes(r) })}
        details={(r) => (r.errors.length === 0 && r.inspections > 0 ? <p>{r.failed} of them with failed checklist items (defects are opened for those).</p> : null)}
        doneText={(r) => `Imported ${r.inspections} DVIRs (${r.failed} failed, ${r.defectsOpened} defects opened).`}
        onClose={onClose}
      />
    );
  }
  return (
    <ImportDialog
      title="Import vans"
      noun="vans"
      extensions={EXTENSIONS}
      about="CSV or XLSX: Amazon's fleet vehicles export as it comes (vin, vehicleName, licensePlateNumber, operationalStatus, serviceTier, ownershipType, registrationExpiryDate…) or your own sheet with VIN, Van, Plate, Type. Vans are matched by VIN."
      run={(f, dryRun) => api('fleet.import', { ...f, dryRun })}
      summarize={(r) => {
        const named = (action: 'add' | 'change') => r.preview.filter((p) => p.action === action).map((p) => `${p.name}${p.grounded ? ' (grounded)' : ''}`);
        return { added: r.added, changed: r.changed, unchanged: r.unchanged, addedNames: named('add'), changedNames: named('change'), errors: r.errors, ...readerNotes(r) };
      }}
      details={(r) => (r.errors.length === 0 && r.grounded > 0 ? <p className="alert alert-warn">{r.grounded} of the vans are marked GROUNDED by Amazon and will be grounded on the desk.</p> : null)}
      doneText={(r) => `Imported ${r.vans} vans: ${r.added} new, ${r.changed} changed.`}
      onClose={onClose}
    />
  );
}
