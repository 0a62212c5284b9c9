import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useAppInfo, useCanWrite, useChannel } from '../../api/hooks';
import type { Driver } from '../../../shared/contract/roster';
import { DataTable } from '../../components/DataTable';
import { ConfirmDialog } from '../../components/Dialog';
import { expiryInfo } from '../../components/StatusChip';
import { useToast } from '../../components/Toasts';
import { navigate, useRoute } from '../../router';
import { rosterColumns, ROSTER_HIDDEN } from './columns';
import { DriverForm } from './DriverForm';
import { RosterImport } from './RosterImport';
import './roster.css';

/**
 * Roster: every driver with status, qualifications and licence expiry; add/edit in a drawer
 * (`#/roster/<id>`, `#/roster/new`), archive/restore with undo, and the associates-export import.
 */
export default function RosterScreen() {
  const info = useAppInfo();
  const today = info?.today ?? new Date().toISOString().slice(0, 10);
  const canWrite = useCanWrite();
  const toast = useToast();
  const route = useRoute();
  const [showArchived, setShowArchived] = useState(false);
  const [archiving, setArchiving] = useState<Driver | null>(null);
  const list = useChannel('roster.list', { includeArchived: showArchived });
  const drivers = useMemo(() => list.data ?? [], [list.data]);
  const columns = useMemo(() => rosterColumns(today), [today]);

  const openId = route.param;
  const editing = openId && openId !== 'new' ? drivers.find((d) => String(d.id) === openId) : undefined;
  const drawerOpen = openId === 'new' ? canWrite : !!editing;

  const counts = useMemo(() => {
    const current = drivers.filter((d) => !d.archivedAt);
    return {
      active: current.filter((d) => d.status === 'active').length,
      onLeave: current.filter((d) => d.status === 'on_leave').length,
      expiring: current.filter((d) => d.status !== 'terminated' && expiryInfo(d.licenceExpiry, today)?.tone === 'warn').length,
      expired: current.filter((d) => d.status !== 'terminated' && expiryInfo(d.licenceExpiry, today)?.tone === 'bad').length,
    };
  }, [drivers, today]);

  const setArchived = async (d: Driver, archived: boolean, withUndo: boolean) => {
    try {
      await api('roster.archive', { id: d.id, archived });
      toast.show(`${d.name} ${archived ? 'archived' : 'restored'}.`, {
        tone: 'ok',
        undo: withUndo ? () => void setArchived(d, !archived, false) : undefined,
      });
    } catch (err) {
      toast.error(`Could not ${archived ? 'archive' : 'restore'} ${d.name}: ${(err as Error).message}`);
    }
  };

  return (
    <div className="screen">
      <div className="screen-header">
        <h1>Roster</h1>
        <div className="summary-strip" aria-label="Roster summary">
          <span className="chip chip-ok">{counts.active} active</span>
          {counts.onLeave > 0 && <span className="chip chip-warn">{counts.onLeave} on leave</span>}
          {counts.expiring > 0 && <span className="chip chip-warn">{counts.expiring} licences expire within 30 days</span>}
          {counts.expired > 0 && <span className="chip chip-bad">{counts.expired} licence{counts.expired === 1 ? '' : 's'} expired</span>}
        </div>
        {canWrite && (
          <div className="actions">
            <RosterImport />
            <button type="button" className="btn btn-primary" onClick={() => navigate('roster', 'new')}>
              Add driver
            </button>
          </div>
        )}
      </div>
      {list.error && (
        <div className="alert" role="alert">
          Could not load the roster: {list.error.message}{' '}
          <button className="btn btn-sm" onClick={list.reload}>
            Retry
          </button>
        </div>
      )}
      <div className="screen-body">
        <DataTable
          label="Drivers"
          noun="drivers"
          data={drivers}
          columns={columns}
          getRowId={(d) => String(d.id)}
          onRowActivate={(d) => navigate('roster', d.id)}
          selectedId={editing ? String(editing.id) : null}
          initialSorting={[{ id: 'name', desc: false }]}
          initialHidden={ROSTER_HIDDEN}
          storageKey="roster"
          searchPlaceholder="Search name, transporter ID, phone"
          loading={list.loading}
          rowClassName={(d) => (d.archivedAt ? 'archived' : undefined)}
          toolbar={
            <label className="check">
              <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
              Show archived
            </label>
          }
          empty={
            <>
              <strong>No drivers yet</strong>
              <span>{canWrite ? 'Add a driver, or import the associates export from Amazon.' : 'The desk has not added any drivers.'}</span>
            </>
          }
        />
      </div>
      {drawerOpen && (
        <DriverForm
          key={editing?.id ?? 'new'}
          driver={editing ?? null}
          canWrite={canWrite}
          onClose={() => navigate('roster')}
          onSaved={(d, created) => {
            toast.show(created ? `${d.name} added to the roster.` : `${d.name} saved.`, { tone: 'ok' });
            navigate('roster');
          }}
          onArchive={(d) => (d.archivedAt ? void setArchived(d, false, true) : setArchiving(d))}
        />
      )}
      {archiving && (
        <ConfirmDialog
          title={`Archive ${archiving.name}?`}
          message={
            <p>
              {archiving.name} ({archiving.transporterId}) leaves the roster and the board. The history stays, and you can restore the driver at any time from
              “Show archived”.
            </p>
          }
          confirmLabel="Archive driver"
          danger
          onCancel={() => setArchiving(null)}
          onConfirm={() => {
            const d = archiving;
            setArchiving(null);
            navigate('roster');
            void setArchived(d, true, true);
          }}
        />
      )}
    </div>
  );
}
