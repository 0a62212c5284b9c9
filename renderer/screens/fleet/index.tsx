import { useMemo } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { useToday } from '../../api/stationDay';
import { RegisterScreen } from '../../components/RegisterScreen';
import { navigate, useRoute } from '../../router';
import type { Van } from '../../../shared/contract/fleet';
import { vanColumns, FLEET_HIDDEN } from './columns';
import { VanForm } from './VanForm';
import { Devices } from './Devices';
import './fleet.css';

/**
 * Fleet: vans (type, status, VIN, plate, odometer, EV charge, ownership) with add/edit/archive in a
 * drawer (`#/fleet/<id>`, `#/fleet/new`), and a Devices tab (`#/fleet/devices`) to link devices to vans.
 * Charge and rental-return chips use the readiness settings (`fleet.settings`).
 */
export default function FleetScreen() {
  const today = useToday();
  const route = useRoute();
  const settings = useChannel('fleet.settings', {}).data;
  const columns = useMemo(() => vanColumns(today, settings), [today, settings]);
  const tab = route.param === 'devices' ? 'devices' : 'vans';

  return (
    <RegisterScreen
      screen="fleet"
      title="Fleet"
      listChannel="fleet.list"
      what="the fleet"
      addLabel="Add van"
      summary={(vans) => {
        const by = (s: Van['status']) => vans.filter((v) => v.status === s).length;
        const down = by('grounded') + by('out_of_service');
        return (
          <>
            <span className="chip chip-ok">{by('in_service')} in service</span>
            {by('in_shop') > 0 && <span className="chip chip-warn">{by('in_shop')} in shop</span>}
            {down > 0 && <span className="chip chip-bad">{down} grounded or out of service</span>}
          </>
        );
      }}
      tabs={(vans) => (
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={tab === 'vans'} onClick={() => navigate('fleet')}>
            Vans<span className="count">{vans.filter((v) => !v.archivedAt).length}</span>
          </button>
          <button role="tab" aria-selected={tab === 'devices'} onClick={() => navigate('fleet', 'devices')}>
            Devices
          </button>
        </div>
      )}
      otherView={{ param: 'devices', render: (vans) => <Devices vans={vans} /> }}
      table={{
        label: 'Vans',
        noun: 'vans',
        columns,
        initialSorting: [
          { id: 'status', desc: false },
          { id: 'name', desc: false },
        ],
        initialHidden: FLEET_HIDDEN,
        storageKey: 'fleet',
        searchPlaceholder: 'Search van, VIN, plate, make…',
        empty: (canWrite) => (
          <>
            <strong>No vans yet</strong>
            <span>{canWrite ? 'Add the station’s vans with their VINs.' : 'The desk has not added any vans.'}</span>
          </>
        ),
      }}
      archive={{
        archive: (v, archived) => api('fleet.archive', { id: v.id, archived }),
        label: (v) => `Van ${v.name}`,
        confirm: (v) => ({
          title: `Archive van ${v.name}?`,
          message: (
            <p>
              Van {v.name} ({v.vin}) leaves the fleet list and can no longer be assigned. Its history stays, and you can restore it from “Show archived”.
            </p>
          ),
          confirmLabel: 'Archive van',
        }),
      }}
      savedText={(v, created) => (created ? `Van ${v.name} added.` : `Van ${v.name} saved.`)}
      drawer={(p) => <VanForm van={p.record} canWrite={p.canWrite} onClose={p.onClose} onSaved={p.onSaved} onArchive={p.onArchive} />}
    />
  );
}
