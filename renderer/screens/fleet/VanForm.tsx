import { api } from '../../api/client';
import type { Van, VanInput } from '../../../shared/contract/fleet';
import { OWNERSHIP_TYPES, VAN_CLASSES, VAN_STATUSES } from '../../../shared/domain';
import { CheckboxField, DateField, NumberField, SelectField, TextAreaField, TextField, useForm } from '../../components/Form';
import { OWNERSHIP_LABEL, VAN_CLASS_LABEL, VAN_STATUS_LABEL } from '../../components/domainChips';
import { RecordDrawer } from '../../components/RecordDrawer';

/** The editable fields: a van without its id and record stamps; the odometer may be blank while typing. */
type Values = Omit<Van, 'id' | 'archivedAt' | 'createdAt' | 'updatedAt' | 'odometerMi'> & { odometerMi: number | null };

const blank: Values = {
  name: '',
  vin: '',
  plate: '',
  plateState: '',
  make: '',
  model: '',
  subModel: '',
  year: null,
  vanClass: 'standard_cargo',
  electric: false,
  ownership: 'owned',
  provider: '',
  ownershipEndDate: null,
  odometerMi: 0,
  status: 'in_service',
  statusReason: '',
  usableRangeMi: null,
  stateOfChargePct: null,
  chargingBay: '',
  notes: '',
};

// Only the editable fields: the upsert input is strict, so record stamps must not ride along.
const fromVan = (v: Van): Values => ({
  name: v.name,
  vin: v.vin,
  plate: v.plate,
  plateState: v.plateState,
  make: v.make,
  model: v.model,
  subModel: v.subModel,
  year: v.year,
  vanClass: v.vanClass,
  electric: v.electric,
  ownership: v.ownership,
  provider: v.provider,
  ownershipEndDate: v.ownershipEndDate,
  odometerMi: v.odometerMi,
  status: v.status,
  statusReason: v.statusReason,
  usableRangeMi: v.usableRangeMi,
  stateOfChargePct: v.stateOfChargePct,
  chargingBay: v.chargingBay,
  notes: v.notes,
});

const opts = <V extends string>(list: readonly V[], labels: Record<V, string>) => list.map((value) => ({ value, label: labels[value] }));

/** Add or edit a van; the server's VIN check (length, I/O/Q, check digit) shows under the VIN field. */
export function VanForm({
  van,
  canWrite,
  onSaved,
  onClose,
  onArchive,
}: {
  van: Van | null;
  canWrite: boolean;
  onSaved: (v: Van, created: boolean) => void;
  onClose: () => void;
  onArchive: (v: Van) => void;
}) {
  const form = useForm<Values>(van ? fromVan(van) : blank);
  const { values } = form;
  const save = async () => {
    const saved = await form.submit((v) => {
      const input: VanInput = { ...v, odometerMi: v.odometerMi ?? 0, ...(van ? { id: van.id } : {}) };
      return api('fleet.upsert', input);
    });
    if (saved) onSaved(saved, !van);
  };
  const disabled = !canWrite;
  return (
    <RecordDrawer
      formId="van-form"
      noun="van"
      title={van ? `Van ${van.name}` : 'Add van'}
      isNew={!van}
      archived={!!van?.archivedAt}
      archivedNotice="This van is archived and cannot be assigned."
      canWrite={canWrite}
      busy={form.busy}
      formError={form.formError}
      onSubmit={() => void save()}
      onArchive={van ? () => onArchive(van) : undefined}
      onClose={onClose}
    >
      <div className="form-section">Vehicle</div>
      <TextField label="Van name / number" required autoFocus disabled={disabled} {...form.bind('name')} />
      <SelectField label="Class" options={opts(VAN_CLASSES, VAN_CLASS_LABEL)} disabled={disabled} {...form.bind('vanClass')} />
      <TextField label="VIN" required mono maxLength={20} className="span-2" hint="17 characters, no I, O or Q; position 9 is the check digit" disabled={disabled} {...form.bind('vin')} />
      <TextField label="Plate" mono disabled={disabled} {...form.bind('plate')} />
      <TextField label="Plate state" placeholder="WA" maxLength={2} disabled={disabled} {...form.bind('plateState')} />
      <TextField label="Make" disabled={disabled} {...form.bind('make')} />
      <TextField label="Model" disabled={disabled} {...form.bind('model')} />
      <TextField label="Sub-model" className="span-2" disabled={disabled} {...form.bind('subModel')} />
      <CheckboxField label="Power" text="Electric (charge, range and EDV-trained drivers)" disabled={disabled} {...form.bind('electric')} />
      <NumberField label="Year" min={1980} max={2100} disabled={disabled} {...form.bind('year')} />
      <NumberField label="Odometer (mi)" min={0} disabled={disabled} {...form.bind('odometerMi')} />
      <div className="form-section">Status</div>
      <SelectField label="Status" options={opts(VAN_STATUSES, VAN_STATUS_LABEL)} disabled={disabled} {...form.bind('status')} />
      <TextField label="Status reason" disabled={disabled} placeholder={values.status === 'in_service' ? '' : 'e.g. brake pads, at Ford dealer'} {...form.bind('statusReason')} />
      <div className="form-section">Ownership</div>
      <SelectField label="Ownership" options={opts(OWNERSHIP_TYPES, OWNERSHIP_LABEL)} disabled={disabled} {...form.bind('ownership')} />
      <DateField label={values.ownership === 'rental' ? 'Return date' : 'Ownership end date'} disabled={disabled} {...form.bind('ownershipEndDate')} />
      <TextField label={values.ownership === 'rental' ? 'Rental company' : 'Provider / lessor'} disabled={disabled} {...form.bind('provider')} />
      {(values.electric || values.vanClass === 'electric_van' || values.usableRangeMi != null || values.stateOfChargePct != null) && (
        <>
          <div className="form-section">Electric</div>
          <NumberField label="State of charge (%)" min={0} max={100} disabled={disabled} {...form.bind('stateOfChargePct')} />
          <NumberField label="Usable range at full charge (mi)" min={0} max={1000} disabled={disabled} {...form.bind('usableRangeMi')} />
          <TextField label="Charging bay" disabled={disabled} {...form.bind('chargingBay')} />
        </>
      )}
      <div className="form-section">Notes</div>
      <TextAreaField label="Notes" className="span-2" disabled={disabled} {...form.bind('notes')} />
    </RecordDrawer>
  );
}
