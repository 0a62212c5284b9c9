import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useAppInfo, useCanWrite, useChannel } from '../../api/hooks';
import type { Van } from '../../../shared/contract/fleet';
import { DataTable } from '../../components/DataTable';
import { ConfirmDialog } from '../../components/Dialog';
import { useToast } from '../../components/Toasts';
import { navigate, useRoute } from '../../router';
import { vanColumns, FLEET_HIDDEN } from './columns';
import { VanForm } from './VanForm';
import { Devices } from './Devices';
import './fleet.css';

/**
 * Fleet: vans (type, status, VIN, plate, odometer, EV charge, ownership) with add/edit/archive in a
 * drawer (`#/fleet/<id>`, `#/fleet/new`), and a Devices tab (`#/fleet/devices`) to link devices to vans.
 */
export default function FleetScreen() {
  const info = useAppInfo();
  const today = info?.today ?? new Date().toISOString().slice(0, 10);
  const canWrite = useCanWrite();
  const toast = useToast();
  const route = useRoute();
  const [showArchived, setShowArchived] = useState(false);
  const [archiving, setArchiving] = useState<Van | null>(null);
  const list = useChannel('fleet.list', { includeArchived: showArchived });
  const vans = useMemo(() => list.data ?? [], [list.data]);
  const columns = useMemo(() => vanColumns(today), [today]);
  const tab = route.param === 'devices' ? 'devices' : 'vans';

  const openId = tab === 'vans' ? route.param : undefined;
  const editing = openId && openId !== 'new' ? vans.find((v) => String(v.id) === openId) : undefined;
  const drawerOpen = openId === 'new' ? canWrite : !!editing;

  const counts = useMemo(() => {
    const current = vans.filter((v) => !v.archivedAt);
    const by = (s: Van['status']) => current.filter((v) => v.status === s).length;
    return { total: current.length, inService: by('in_service'), inShop: by('in_shop'), down: by('grounded') + by('out_of_service') };
  }, [vans]);

  const setArchived = async (v: Van, archived: boolean, withUndo: boolean) => {
    try {
      await api('fleet.archive', { id: v.id, archived });
      toast.show(`Van ${v.name} ${archived ? 'archived' : 'restored'}.`, { tone: 'ok', undo: withUndo ? () => void setArchived(v, !archived, false) : undefined });
    } catch (err) {
      toast.error(`Could not ${archived ? 'archive' : 'restore'} van ${v.name}: ${(err as Error).message}`);
    }
  };

  return (
    <div className="screen">
      <div className="screen-header">
        <h1>Fleet</h1>
        <div className="summary-strip" aria-label="Fleet summary">
          <span className="chip chip-ok">{counts.inService} in service</span>
          {counts.inShop > 0 && <span className="chip chip-warn">{counts.inShop} in shop</span>}
          {counts.down > 0 && <span className="chip chip-bad">{counts.down} grounded or out of service</span>}
        </div>
        {canWrite && tab === 'vans' && (
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => navigate('fleet', 'new')}>
              Add van
            </button>
          </div>
        )}
      </div>
      <div className="tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'vans'} onClick={() => navigate('fleet')}>
          Vans<span className="count">{counts.total}</span>
        </button>
        <button role="tab" aria-selected={tab === 'devices'} onClick={() => navigate('fleet', 'devices')}>
          Devices
        </button>
      </div>
      {list.error && (
        <div className="alert" role="alert">
          Could not load the fleet: {list.error.message}{' '}
          <button className="btn btn-sm" onClick={list.reload}>
            Retry
          </button>
        </div>
      )}
      <div className="screen-body">
        {tab === 'devices' ? (
          <Devices vans={vans} />
        ) : (
          <DataTable
            label="Vans"
            noun="vans"
            data={vans}
            columns={columns}
            getRowId={(v) => String(v.id)}
            onRowActivate={(v) => navigate('fleet', v.id)}
            selectedId={editing ? String(editing.id) : null}
            initialSorting={[
              { id: 'status', desc: false },
              { id: 'name', desc: false },
            ]}
            initialHidden={FLEET_HIDDEN}
            storageKey="fleet"
            searchPlaceholder="Search van, VIN, plate, make…"
            loading={list.loading}
            rowClassName={(v) => (v.archivedAt ? 'archived' : undefined)}
            toolbar={
              <label className="check">
                <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
                Show archived
              </label>
            }
            empty={
              <>
                <strong>No vans yet</strong>
                <span>{canWrite ? 'Add the station’s vans with their VINs.' : 'The desk has not added any vans.'}</span>
              </>
            }
          />
        )}
      </div>
      {drawerOpen && (
        <VanForm
          key={editing?.id ?? 'new'}
          van={editing ?? null}
          canWrite={canWrite}
          onClose={() => navigate('fleet')}
          onSaved={(v, created) => {
            toast.show(created ? `Van ${v.name} added.` : `Van ${v.name} saved.`, { tone: 'ok' });
            navigate('fleet');
          }}
          onArchive={(v) => (v.archivedAt ? void setArchived(v, false, true) : setArchiving(v))}
        />
      )}
      {archiving && (
        <ConfirmDialog
          title={`Archive van ${archiving.name}?`}
          message={
            <p>
              Van {archiving.name} ({archiving.vin}) leaves the fleet list and can no longer be assigned. Its history stays, and you can restore it from “Show archived”.
            </p>
          }
          confirmLabel="Archive van"
          danger
          onCancel={() => setArchiving(null)}
          onConfirm={() => {
            const v = archiving;
            setArchiving(null);
            navigate('fleet');
            void setArchived(v, true, true);
          }}
        />
      )}
    </div>
  );
}
