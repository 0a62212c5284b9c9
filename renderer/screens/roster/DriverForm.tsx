import { api } from '../../api/client';
import type { Driver, DriverInput } from '../../../shared/contract/roster';
import { DRIVER_STATUSES, QUALIFICATIONS } from '../../../shared/domain';
import { CheckboxGroup, DateField, SelectField, TextAreaField, TextField, useForm } from '../../components/Form';
import { DRIVER_STATUS_LABEL, QUALIFICATION_LABEL } from '../../components/domainChips';
import { RecordDrawer } from '../../components/RecordDrawer';
import { hrefFor } from '../../router';

/** The editable fields: a driver without its id, usual van (set elsewhere) and record stamps. */
type Values = Omit<Driver, 'id' | 'usualVanId' | 'archivedAt' | 'createdAt' | 'updatedAt'>;

const blank: Values = {
  transporterId: '',
  name: '',
  phone: '',
  workPhone: '',
  email: '',
  licenceNumber: '',
  licenceExpiry: null,
  dotMedicalExpiry: null,
  hireDate: null,
  status: 'active',
  position: 'Delivery Associate',
  qualifications: [],
  notes: '',
};

// Only the editable fields: the upsert input is strict, so record stamps must not ride along.
const fromDriver = (d: Driver): Values => ({
  transporterId: d.transporterId,
  name: d.name,
  phone: d.phone,
  workPhone: d.workPhone,
  email: d.email,
  licenceNumber: d.licenceNumber,
  licenceExpiry: d.licenceExpiry,
  dotMedicalExpiry: d.dotMedicalExpiry,
  hireDate: d.hireDate,
  status: d.status,
  position: d.position,
  qualifications: d.qualifications,
  notes: d.notes,
});

const statusOptions = DRIVER_STATUSES.map((s) => ({ value: s, label: DRIVER_STATUS_LABEL[s] }));
const qualificationOptions = QUALIFICATIONS.map((q) => ({ value: q, label: QUALIFICATION_LABEL[q] }));

/**
 * Add or edit a driver in a drawer. Every field of the contract; server validation errors land
 * beside their fields. `canWrite` false shows the same fields read-only (owners).
 */
export function DriverForm({
  driver,
  canWrite,
  onSaved,
  onClose,
  onArchive,
}: {
  driver: Driver | null;
  canWrite: boolean;
  onSaved: (d: Driver, created: boolean) => void;
  onClose: () => void;
  onArchive: (d: Driver) => void;
}) {
  const form = useForm<Values>(driver ? fromDriver(driver) : blank);
  const save = async () => {
    const saved = await form.submit((v) => {
      const input: DriverInput = { ...v, ...(driver ? { id: driver.id, usualVanId: driver.usualVanId } : {}) };
      return api('roster.upsert', input);
    });
    if (saved) onSaved(saved, !driver);
  };
  const disabled = !canWrite;
  return (
    <RecordDrawer
      formId="driver-form"
      noun="driver"
      title={driver ? driver.name : 'Add driver'}
      isNew={!driver}
      archived={!!driver?.archivedAt}
      archivedNotice="This driver is archived and does not appear on the board."
      canWrite={canWrite}
      busy={form.busy}
      formError={form.formError}
      headerExtra={
        driver ? (
          <a className="btn btn-ghost btn-sm" href={hrefFor('driver', driver.id)}>
            Driver page →
          </a>
        ) : undefined
      }
      onSubmit={() => void save()}
      onArchive={driver ? () => onArchive(driver) : undefined}
      onClose={onClose}
    >
      <div className="form-section">Identity</div>
      <TextField label="Name" required autoFocus disabled={disabled} {...form.bind('name')} />
      <TextField label="Transporter ID" required mono placeholder="A1B2C3D4E5F6G7" disabled={disabled} hint="Amazon's driver ID" {...form.bind('transporterId')} />
      <SelectField label="Status" options={statusOptions} disabled={disabled} {...form.bind('status')} />
      <TextField label="Position" disabled={disabled} {...form.bind('position')} />
      <DateField label="Hire date" {...form.bind('hireDate')} disabled={disabled} />
      <div className="form-section">Contact</div>
      <TextField label="Phone" type="tel" disabled={disabled} {...form.bind('phone')} />
      <TextField label="Work phone" type="tel" disabled={disabled} {...form.bind('workPhone')} />
      <TextField label="Email" type="email" className="span-2" disabled={disabled} {...form.bind('email')} />
      <div className="form-section">Licence and qualifications</div>
      <TextField label="Licence number" mono disabled={disabled} {...form.bind('licenceNumber')} />
      <DateField label="Licence expiry" disabled={disabled} {...form.bind('licenceExpiry')} />
      <DateField label="DOT medical card expiry" disabled={disabled} hint="Where required" {...form.bind('dotMedicalExpiry')} />
      <div />
      <CheckboxGroup label="Qualifications" className="span-2" options={qualificationOptions} disabled={disabled} {...form.bind('qualifications')} />
      <div className="form-section">Notes</div>
      <TextAreaField label="Notes" className="span-2" disabled={disabled} {...form.bind('notes')} />
    </RecordDrawer>
  );
}
