import { useMemo, useState } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import { api } from '../../api/client';
import { useAppInfo, useCanWrite, useChannel } from '../../api/hooks';
import type { Device, Van } from '../../../shared/contract/fleet';
import { DEVICE_KINDS, type DeviceKind } from '../../../shared/domain';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { CheckboxField, SelectField, TextField, useForm } from '../../components/Form';
import { StatusChip } from '../../components/StatusChip';
import { useToast } from '../../components/Toasts';
import { isStale, type TelematicsSettings } from '../../../shared/rules/telematics';
import { useDeskNow } from '../../api/stationDay';

const KIND_LABEL: Record<DeviceKind, string> = { phone: 'Phone', tracker: 'Tracker' };
const col = createColumnHelper<Device>();

/** How long ago, in words: "just now", "7 min ago", "3 h ago", "4 days ago". */
function ago(min: number): string {
  if (min <= 0) return 'just now';
  if (min < 60) return `${min} min ago`;
  return min < 48 * 60 ? `${Math.round(min / 60)} h ago` : `${Math.round(min / 1440)} days ago`;
}

/** A device's last position: fresh or stale by the telematics rule (setting `staleMin`; not judged before the settings load). */
function lastSeen(at: string | null, nowMs: number, settings: TelematicsSettings | undefined) {
  if (!at) return <StatusChip tone="neutral">never seen</StatusChip>;
  const text = ago(Math.round((nowMs - Date.parse(at)) / 60_000));
  if (!settings) return <span className="muted">{text}</span>;
  if (!isStale(at, nowMs, settings)) return <StatusChip tone="ok">{text}</StatusChip>;
  return <StatusChip tone="warn" title={new Date(at).toLocaleString()}>{`stale · ${text}`}</StatusChip>;
}

/** Telematics devices and phones, and which van each is linked to. */
export function Devices({ vans }: { vans: Van[] }) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const info = useAppInfo();
  const list = useChannel('devices.list', {});
  const telematics = useChannel('telematics.settings', {}).data;
  const [editing, setEditing] = useState<Device | 'new' | null>(null);
  const vanName = useMemo(() => new Map(vans.map((v) => [v.id, v.name])), [vans]);
  // "Last position … ago" on the desk's clock: this page's clock may be off.
  const nowMs = useDeskNow();
  // A fresh array when the van names change: TanStack caches accessor values per row object.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- vanName is the trigger, not an input
  const devices = useMemo(() => (list.data ?? []).slice(), [list.data, vanName]);
  const columns = useMemo(
    () => [
      col.accessor('identifier', { header: 'Identifier', size: 190, enableHiding: false, cell: (c) => <span className="mono">{c.getValue()}</span> }),
      col.accessor((d) => KIND_LABEL[d.kind], { id: 'kind', header: 'Kind', size: 90, meta: { filter: 'select', filterOptions: DEVICE_KINDS.map((k) => ({ value: KIND_LABEL[k], label: KIND_LABEL[k] })) } }),
      col.accessor('label', { header: 'Label', size: 180, cell: (c) => c.getValue() || <span className="muted">—</span> }),
      col.accessor('phoneNumber', { header: 'Phone number', size: 150, cell: (c) => c.getValue() || <span className="muted">—</span> }),
      col.accessor((d) => (d.vanId ? (vanName.get(d.vanId) ?? `#${d.vanId}`) : ''), {
        id: 'van',
        header: 'Linked van',
        size: 140,
        cell: (c) => (c.getValue() ? <strong>{c.getValue() as string}</strong> : <StatusChip tone="warn">not linked</StatusChip>),
      }),
      col.accessor((d) => (d.odometerSource ? 'Van odometer' : ''), {
        id: 'odometerSource',
        header: 'Odometer',
        size: 120,
        cell: (c) => (c.getValue() ? <StatusChip tone="info" title="Its odometer reading feeds the linked van's odometer">Van odometer</StatusChip> : <span className="muted">—</span>),
      }),
      col.accessor((d) => d.lastSeenAt ?? '', { id: 'lastSeen', header: 'Last position', size: 170, meta: { filter: false }, cell: (c) => lastSeen(c.row.original.lastSeenAt, nowMs, telematics) }),
    ],
    [vanName, nowMs, telematics],
  );
  return (
    <>
      <DataTable
        label="Devices"
        noun="devices"
        data={devices}
        columns={columns}
        getRowId={(d) => String(d.id)}
        onRowActivate={(d) => setEditing(d)}
        initialSorting={[{ id: 'identifier', desc: false }]}
        storageKey="devices"
        searchPlaceholder="Search identifier, label, van…"
        loading={list.loading}
        toolbar={
          canWrite && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              Add device
            </button>
          )
        }
        empty={
          <>
            <strong>No devices yet</strong>
            <span>Add the drivers' phones (Traccar Client / OsmAnd) or vehicle trackers and link each to a van{info ? '' : ''}.</span>
          </>
        }
      />
      {editing && (
        <DeviceForm
          device={editing === 'new' ? null : editing}
          vans={vans}
          canWrite={canWrite}
          onClose={() => setEditing(null)}
          onSaved={(d) => {
            toast.show(d.vanId ? `${d.identifier} linked to ${vanName.get(d.vanId) ?? 'the van'}.` : `${d.identifier} saved.`, { tone: 'ok' });
            setEditing(null);
          }}
        />
      )}
    </>
  );
}

function DeviceForm({ device, vans, canWrite, onClose, onSaved }: { device: Device | null; vans: Van[]; canWrite: boolean; onClose: () => void; onSaved: (d: Device) => void }) {
  const form = useForm({
    identifier: device?.identifier ?? '',
    kind: device?.kind ?? ('phone' as DeviceKind),
    label: device?.label ?? '',
    phoneNumber: device?.phoneNumber ?? '',
    vanId: device?.vanId ? String(device.vanId) : '',
    odometerSource: device?.odometerSource ?? false,
  });
  const vanOptions = [{ value: '', label: '— not linked —' }, ...vans.filter((v) => !v.archivedAt).map((v) => ({ value: String(v.id), label: v.name }))];
  const save = async () => {
    const saved = await form.submit((v) =>
      api('devices.upsert', {
        ...(device ? { id: device.id } : {}),
        identifier: v.identifier,
        kind: v.kind,
        label: v.label,
        phoneNumber: v.phoneNumber,
        vanId: v.vanId ? Number(v.vanId) : null,
        odometerSource: v.odometerSource,
      }),
    );
    if (saved) onSaved(saved);
  };
  return (
    <Dialog
      title={device ? `Device ${device.identifier}` : 'Add device'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {canWrite ? 'Cancel' : 'Close'}
          </button>
          {canWrite && (
            <button type="submit" form="device-form" className="btn btn-primary" disabled={form.busy}>
              Save
            </button>
          )}
        </>
      }
    >
      <form
        id="device-form"
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {form.formError && <div className="form-alert alert">{form.formError}</div>}
        <TextField label="Identifier" required mono hint="The device ID the app or tracker reports" disabled={!canWrite} {...form.bind('identifier')} />
        <SelectField label="Kind" options={DEVICE_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} disabled={!canWrite} {...form.bind('kind')} />
        <TextField label="Label" disabled={!canWrite} {...form.bind('label')} />
        <TextField label="Phone number" type="tel" disabled={!canWrite} {...form.bind('phoneNumber')} />
        <SelectField label="Linked van" className="span-2" options={vanOptions} disabled={!canWrite} {...form.bind('vanId')} />
        <CheckboxField
          label="Van odometer"
          className="span-2"
          text="Its odometer reading is the van's odometer"
          hint="Tick only for a tracker wired to the van. A phone's travelled distance is not the van's odometer, so this is off by default."
          disabled={!canWrite}
          {...form.bind('odometerSource')}
        />
      </form>
    </Dialog>
  );
}
