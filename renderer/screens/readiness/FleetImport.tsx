import { api } from '../../api/client';
import { ImportDialog, readerNotes } from '../../components/ImportDialog';
import { PlainTable } from '../../components/PlainTable';
import { OWNERSHIP_LABEL, VAN_STATUS_LABEL, VanClassTag, formatDate } from '../../components/domainChips';
import type { FleetImportResult, InspectionImportResult } from '../../../shared/contract/fleet';
import { INSPECTION_KIND_LABEL, INSPECTION_SOURCE_LABEL } from '../../../shared/rules/fleet/maintenance';

const EXTENSIONS = ['csv', 'xlsx'];
const CLASS_FROM: Record<FleetImportResult['preview'][number]['classFrom'], string> = {
  serviceTier: 'serviceTier',
  serviceType: 'serviceType',
  type: 'type',
  model: 'make/model',
  given: 'the sheet',
  kept: 'kept',
};
const clock = (iso: string) => new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const minutes = (s: number | null) => (s == null ? '—' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** The vans as the file reads them: class (and the column that told it), plate, state, the full model, ownership, status. */
function VanRows({ r }: { r: FleetImportResult }) {
  if (r.errors.length > 0 || r.preview.length === 0) return null;
  return (
    <PlainTable label="Vans as read" scroll boxClass="import-rows" columns={['Row', 'Van', 'Class', 'Plate', 'Make / model / sub-model', 'Ownership', 'Status', '']}>
      {r.preview.map((v) => (
        <tr key={v.vin}>
          <td className="num">{v.row}</td>
          <td className="nowrap" title={v.vin}>
            <strong>{v.name}</strong> <span className="mono muted">…{v.vin.slice(-6)}</span>
          </td>
          <td title={`from ${CLASS_FROM[v.classFrom]}`}>
            <VanClassTag vanClass={v.vanClass} electric={v.electric} />
          </td>
          <td className="mono nowrap">{v.plate ? `${v.plate}${v.plateState ? ` · ${v.plateState}` : ''}` : <span className="muted">no plate yet{v.plateState ? ` · ${v.plateState}` : ''}</span>}</td>
          <td title={[v.make, v.model, v.subModel].filter(Boolean).join(' ')}>
            {v.make} {v.model} <span className="muted">{v.subModel}</span>
          </td>
          <td>
            {OWNERSHIP_LABEL[v.ownership]}
            {v.provider && v.ownership !== 'owned' ? <span className="muted"> · {v.provider}</span> : null}
            {v.ownershipEndDate ? <span className="muted"> · until {formatDate(v.ownershipEndDate)}</span> : null}
          </td>
          <td title={v.statusReason || undefined}>
            {VAN_STATUS_LABEL[v.status]}
            {v.statusReason ? <span className="muted"> — {v.statusReason}</span> : null}
          </td>
          <td className="muted">{v.action === 'same' ? 'no change' : v.action === 'change' ? `changes ${v.changes.join(', ')}` : 'new'}</td>
        </tr>
      ))}
    </PlainTable>
  );
}

/** The inspections as read: van, kind, when, how long, by whom — and no result where the export gives none. */
function InspectionRows({ r }: { r: InspectionImportResult }) {
  if (r.errors.length > 0 || r.preview.length === 0) return null;
  return (
    <>
      {r.source !== 'desk' && (
        <p className="muted">
          {INSPECTION_SOURCE_LABEL[r.source]} tells who inspected which van, when and for how long — not which items passed, so none are recorded. Pre-trips show on the board and the readiness grid.
        </p>
      )}
      <PlainTable label="Inspections as read" scroll boxClass="import-rows" columns={['Row', 'Van', 'Inspection', 'Start', 'Took', 'By', 'Result', '']}>
        {r.preview.map((x, i) => (
          <tr key={i}>
            <td className="num">{x.row}</td>
            <td>{x.vanName}</td>
            <td>{INSPECTION_KIND_LABEL[x.kind]}</td>
            <td>{clock(x.at)}</td>
            <td className="num">{minutes(x.durationSec)}</td>
            <td>
              {x.inspector}
              {x.driverId == null && r.source !== 'desk' ? <span className="muted"> (not on the roster)</span> : null}
            </td>
            <td>{x.result ? (x.result === 'pass' ? 'Pass' : 'Fail') : x.faults ? `${x.faults} fault${x.faults > 1 ? 's' : ''} reported` : <span className="muted">—</span>}</td>
            <td className="muted">{x.action === 'same' ? 'already on the desk' : 'new'}</td>
          </tr>
        ))}
      </PlainTable>
    </>
  );
}

/**
 * Import vans (Amazon's fleet vehicles export or a station's own sheet) or inspections (a DVIR
 * sheet, Whip Around's report, Amazon's DVIC report) in the one import dialog: pick or drop a
 * file, the service's dry run (counts, every row error, rows as read, warnings, skipped rows and
 * columns not read), then confirm. All or nothing.
 */
export function FleetImport({ what, onClose }: { what: 'fleet' | 'inspections'; onClose: () => void }) {
  if (what === 'inspections') {
    return (
      <ImportDialog
        title="Import inspections"
        noun="inspections"
        extensions={EXTENSIONS}
        about="Whip Around's inspections report, Amazon's DVIC report, or your own DVIR sheet (CSV or XLSX with Van, Date, Time, Type, Inspector and one P/F column per checklist item). Vans by name, VIN or plate; drivers by transporter ID or name."
        run={(f, dryRun) => api('fleet.importInspections', { ...f, dryRun })}
        summarize={(r) => ({ added: r.added, changed: 0, unchanged: r.unchanged, errors: r.errors, ...readerNotes(r) })}
        details={(r) => (
          <>
            {r.errors.length === 0 && r.source === 'desk' && r.failed > 0 && <p>{r.failed} of them with failed checklist items (defects are opened for those).</p>}
            <InspectionRows r={r} />
          </>
        )}
        doneText={(r) => `Imported ${r.added} inspections from ${INSPECTION_SOURCE_LABEL[r.source]}${r.source === 'desk' ? ` (${r.failed} failed, ${r.defectsOpened} defects opened)` : ''}.`}
        onClose={onClose}
      />
    );
  }
  return (
    <ImportDialog
      title="Import vans"
      noun="vans"
      extensions={EXTENSIONS}
      about="CSV or XLSX: Amazon's fleet vehicles export as it comes (vin, vehicleName, licensePlateNumber, serviceTier, operationalStatus, ownershipType, registeredState…) or your own sheet with VIN, Van, Plate, Van Class. Vans are matched by VIN."
      run={(f, dryRun) => api('fleet.import', { ...f, dryRun })}
      summarize={(r) => {
        const named = (action: 'add' | 'change') => r.preview.filter((p) => p.action === action).map((p) => `${p.name}${p.grounded ? ' (grounded)' : ''}`);
        return { added: r.added, changed: r.changed, unchanged: r.unchanged, addedNames: named('add'), changedNames: named('change'), errors: r.errors, ...readerNotes(r) };
      }}
      details={(r) => (
        <>
          {r.errors.length === 0 && r.grounded > 0 && <p className="alert alert-warn">{r.grounded} of the vans are marked GROUNDED by Amazon and will be grounded on the desk.</p>}
          <VanRows r={r} />
        </>
      )}
      doneText={(r) => `Imported ${r.vans} vans: ${r.added} new, ${r.changed} changed.`}
      onClose={onClose}
    />
  );
}
