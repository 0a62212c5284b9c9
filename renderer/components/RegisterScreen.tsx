import { Fragment, useMemo, useState, type ReactNode } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { Input, Output } from '../../shared/contract';
import { useCanWrite, useChannel, type ChannelState } from '../api/hooks';
import { DataTable } from './DataTable';
import { useToast } from './Toasts';
import { useArchiveWithUndo, type ArchiveOptions } from './useArchiveWithUndo';
import { navigate, useRoute } from '../router';

/** The registers this piece serves: list channels that answer records with an id and an archive stamp. */
type RegisterChannel = 'roster.list' | 'fleet.list';
type RecordOf<K extends RegisterChannel> = Output<K>[number];

/** What the drawer gets: the record (null = a new one) and the register's callbacks. */
export interface RegisterDrawerProps<T> {
  record: T | null;
  canWrite: boolean;
  onClose: () => void;
  onSaved: (record: T, created: boolean) => void;
  onArchive: (record: T) => void;
}

export interface RegisterScreenProps<K extends RegisterChannel> {
  /** Screen id: the list is `#/<screen>`, a record `#/<screen>/<id>`, a new one `#/<screen>/new`. */
  screen: string;
  title: string;
  listChannel: K;
  /** The summary chips beside the title (counts of the current, not archived, records). */
  summary: (records: RecordOf<K>[]) => ReactNode;
  /** Header actions for the desk before the Add button (e.g. an import). */
  actions?: ReactNode;
  addLabel: string;
  /** "the roster": said when the list cannot be loaded. */
  what: string;
  table: {
    label: string;
    noun: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column has its own value type (TanStack's documented idiom)
    columns: ColumnDef<RecordOf<K>, any>[];
    initialSorting: SortingState;
    initialHidden: string[];
    storageKey: string;
    searchPlaceholder: string;
    /** Shown when there are no records at all; `canWrite` says whether the desk can add one. */
    empty: (canWrite: boolean) => ReactNode;
  };
  archive: Omit<ArchiveOptions<RecordOf<K>>, 'onConfirmed'>;
  /** Toast after a save. */
  savedText: (record: RecordOf<K>, created: boolean) => string;
  drawer: (props: RegisterDrawerProps<RecordOf<K>>) => ReactNode;
  /** Tabs under the header (they see every loaded record). */
  tabs?: (records: RecordOf<K>[]) => ReactNode;
  /** Another view of the screen at `#/<screen>/<param>` (e.g. the fleet's devices): shown instead of the table. */
  otherView?: { param: string; render: (records: RecordOf<K>[]) => ReactNode };
}

/**
 * A register screen (Roster, Fleet): header with summary chips and Add, the searchable table with
 * "Show archived", the record drawer at `#/<screen>/<id>` (or `new`), archive with a confirmation
 * and an Undo, restore with an Undo.
 */
export function RegisterScreen<K extends RegisterChannel>(props: RegisterScreenProps<K>) {
  type T = RecordOf<K>;
  const { screen, title, listChannel, summary, actions, addLabel, what, table, archive, savedText, drawer, tabs, otherView } = props;
  const canWrite = useCanWrite();
  const toast = useToast();
  const route = useRoute();
  const [showArchived, setShowArchived] = useState(false);
  const list = useChannel(listChannel, { includeArchived: showArchived } as Input<K>) as ChannelState<T[]>;
  const records = useMemo(() => list.data ?? [], [list.data]);
  const current = useMemo(() => records.filter((r) => !r.archivedAt), [records]);
  const archiving = useArchiveWithUndo<T>({ ...archive, onConfirmed: () => navigate(screen) });

  const other = otherView && route.param === otherView.param;
  const openId = other ? undefined : route.param;
  const editing = openId && openId !== 'new' ? records.find((r) => String(r.id) === openId) : undefined;
  const drawerOpen = openId === 'new' ? canWrite : !!editing;

  return (
    <div className="screen">
      <div className="screen-header">
        <h1>{title}</h1>
        <div className="summary-strip" aria-label={`${title} summary`}>
          {summary(current)}
        </div>
        {canWrite && !other && (
          <div className="actions">
            {actions}
            <button type="button" className="btn btn-primary" onClick={() => navigate(screen, 'new')}>
              {addLabel}
            </button>
          </div>
        )}
      </div>
      {tabs?.(records)}
      {list.error && (
        <div className="alert" role="alert">
          Could not load {what}: {list.error.message}{' '}
          <button className="btn btn-sm" onClick={list.reload}>
            Retry
          </button>
        </div>
      )}
      <div className="screen-body">
        {other ? (
          otherView.render(records)
        ) : (
          <DataTable
            label={table.label}
            noun={table.noun}
            data={records}
            columns={table.columns}
            getRowId={(r) => String(r.id)}
            onRowActivate={(r) => navigate(screen, r.id)}
            selectedId={editing ? String(editing.id) : null}
            initialSorting={table.initialSorting}
            initialHidden={table.initialHidden}
            storageKey={table.storageKey}
            searchPlaceholder={table.searchPlaceholder}
            loading={list.loading}
            rowClassName={(r) => (r.archivedAt ? 'archived' : undefined)}
            toolbar={
              <label className="check">
                <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
                Show archived
              </label>
            }
            empty={table.empty(canWrite)}
          />
        )}
      </div>
      {/* keyed by record: another record starts a fresh form */}
      {drawerOpen && (
        <Fragment key={editing?.id ?? 'new'}>
          {drawer({
            record: editing ?? null,
            canWrite,
            onClose: () => navigate(screen),
            onSaved: (r, created) => {
              toast.show(savedText(r, created), { tone: 'ok' });
              navigate(screen);
            },
            onArchive: archiving.toggle,
          })}
        </Fragment>
      )}
      {archiving.dialog}
    </div>
  );
}

