import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type Column,
  type ColumnDef,
  type FilterFn,
  type Row,
  type RowData,
  type SortingState,
  type Table,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';

/**
 * The console's table: TanStack Table v8 + virtualized rows (thousands stay smooth).
 * Sort (click a header), global search, per-column filters (Filters button), column visibility
 * (Columns menu, remembered per `storageKey`), sticky header, keyboard row navigation (↑/↓, PgUp/PgDn,
 * Home/End, Enter opens) and an empty state.
 *
 * Column `meta` options:
 *   filter: 'text' | 'select' — the per-column filter control (default 'text'; false for none)
 *   filterOptions: {value,label}[] for 'select' (array cell values match when they include the value)
 *   align: 'right' for numbers
 *   label: the name in the Columns menu when the header is not a string
 *   searchText: (row) => string used by the global search (default: the cell value as text)
 *
 * Accessors that read outside data (e.g. a van name looked up by id): pass a new `data` array
 * when that outside data changes, since TanStack caches accessor values per row.
 */
declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    filter?: 'text' | 'select' | false;
    filterOptions?: readonly { value: string; label: string }[];
    align?: 'right';
    label?: string;
    searchText?: (row: TData) => string;
  }
}

const asText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(asText).join(' ');
  return String(v);
};

const columnFilter: FilterFn<unknown> = (row, columnId, filterValue, _addMeta) => {
  const want = String(filterValue ?? '').trim();
  if (!want) return true;
  const v = row.getValue(columnId);
  const col = row._getAllCellsByColumnId()[columnId]?.column;
  if (col?.columnDef.meta?.filter === 'select') return Array.isArray(v) ? v.map(String).includes(want) : String(v ?? '') === want;
  return asText(v).toLowerCase().includes(want.toLowerCase());
};

/**
 * Global search: every word must appear somewhere in the row (all columns, hidden ones too).
 * TanStack calls a global filter once per (row, column); we answer on the first column only and
 * cache each row's text (per data object), so thousands of rows filter in a few milliseconds.
 */
function makeGlobalFilter(leafColumns: () => Column<unknown, unknown>[]): FilterFn<unknown> {
  const cache = new WeakMap<object, string>();
  const haystack = (row: Row<unknown>): string => {
    const key = row.original as object;
    let text = cache.get(key);
    if (text === undefined) {
      const parts: string[] = [];
      for (const c of leafColumns()) {
        const meta = c.columnDef.meta;
        if (meta?.searchText) parts.push(meta.searchText(row.original));
        else if (c.accessorFn) parts.push(asText(c.accessorFn(row.original, row.index)));
      }
      text = parts.join(' ').toLowerCase();
      cache.set(key, text);
    }
    return text;
  };
  return (row, _columnId, filterValue) => {
    const words = String(filterValue ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return true;
    const hay = haystack(row);
    return words.every((w) => hay.includes(w));
  };
}

export interface DataTableProps<T> {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column has its own value type (TanStack's documented idiom)
  columns: ColumnDef<T, any>[];
  getRowId: (row: T) => string;
  /** Enter or click on a row. */
  onRowActivate?: (row: T) => void;
  /** Highlight this row id (e.g. the one open in a drawer). */
  selectedId?: string | null;
  initialSorting?: SortingState;
  /** Columns hidden until the user shows them. */
  initialHidden?: string[];
  /** Remember column visibility under this key (localStorage). */
  storageKey?: string;
  searchPlaceholder?: string;
  /** Plural noun for the count ("drivers"). */
  noun?: string;
  /** Extra controls in the toolbar, after search and before the count. */
  toolbar?: ReactNode;
  /** Shown when there are no rows at all (filters produce their own message). */
  empty?: ReactNode;
  loading?: boolean;
  rowClassName?: (row: T) => string | undefined;
  /** Accessible name of the table. */
  label: string;
  rowHeight?: number;
}

function loadHidden(key: string | undefined, fallback: string[]): VisibilityState {
  const base = Object.fromEntries(fallback.map((id) => [id, false]));
  if (!key) return base;
  try {
    const saved = JSON.parse(localStorage.getItem(`desk.cols.${key}`) ?? 'null') as VisibilityState | null;
    return saved && typeof saved === 'object' ? { ...base, ...saved } : base;
  } catch {
    return base;
  }
}

export function DataTable<T>({
  data,
  columns,
  getRowId,
  onRowActivate,
  selectedId,
  initialSorting = [],
  initialHidden = [],
  storageKey,
  searchPlaceholder = 'Search…',
  noun = 'rows',
  toolbar,
  empty,
  loading,
  rowClassName,
  label,
  rowHeight = 34,
}: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [search, setSearch] = useState('');
  const [columnFilters, setColumnFilters] = useState<{ id: string; value: unknown }[]>([]);
  const [visibility, setVisibility] = useState<VisibilityState>(() => loadHidden(storageKey, initialHidden));
  const [showFilters, setShowFilters] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (storageKey) localStorage.setItem(`desk.cols.${storageKey}`, JSON.stringify(visibility));
  }, [storageKey, visibility]);

  const tableRef = useRef<Table<T> | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new filter function when the columns change, so TanStack re-filters
  const globalFilter = useMemo(() => makeGlobalFilter(() => (tableRef.current?.getAllLeafColumns() ?? []) as Column<unknown, unknown>[]), [columns]);
  const table: Table<T> = useReactTable<T>({
    data,
    columns,
    getRowId: (r) => getRowId(r),
    state: { sorting, globalFilter: search, columnFilters, columnVisibility: visibility },
    onSortingChange: setSorting,
    onGlobalFilterChange: setSearch,
    onColumnFiltersChange: setColumnFilters,
    onColumnVisibilityChange: setVisibility,
    globalFilterFn: globalFilter as FilterFn<T>,
    defaultColumn: { filterFn: columnFilter as FilterFn<T> },
    // one column answers for the whole row (see makeGlobalFilter)
    getColumnCanGlobalFilter: (col): boolean => col.id === table.getAllLeafColumns().find((c) => c.accessorFn)?.id,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  tableRef.current = table;
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  // Keep the keyboard cursor on the selected row when the selection comes from outside.
  useEffect(() => {
    if (selectedId == null) return;
    const i = rows.findIndex((r) => r.id === selectedId);
    if (i >= 0) setActive(i);
  }, [selectedId, rows]);
  useEffect(() => {
    if (active >= rows.length) setActive(rows.length - 1);
  }, [rows.length, active]);

  const move = (to: number) => {
    if (rows.length === 0) return;
    const i = Math.max(0, Math.min(rows.length - 1, to));
    setActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    switch (e.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'PageDown':
        move(active + page);
        break;
      case 'PageUp':
        move(active - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'Enter':
        if (active >= 0 && rows[active]) onRowActivate?.(rows[active]!.original);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const leaf = table.getVisibleLeafColumns();
  const activeFilters = columnFilters.filter((f) => String(f.value ?? '') !== '').length;
  const filtered = search.trim() !== '' || activeFilters > 0;

  return (
    <div className="dt">
      <div className="dt-toolbar">
        <div className="dt-search">
          <input
            className="input"
            type="search"
            placeholder={searchPlaceholder}
            aria-label={`Search ${noun}`}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                scrollRef.current?.focus();
                move(Math.max(active, 0));
              } else if (e.key === 'Escape' && search) {
                e.preventDefault();
                e.stopPropagation();
                setSearch('');
              }
            }}
            data-search
          />
        </div>
        <button type="button" className="btn" aria-pressed={showFilters} onClick={() => setShowFilters((s) => !s)}>
          Filters{activeFilters > 0 ? ` (${activeFilters})` : ''}
        </button>
        {activeFilters > 0 && (
          <button type="button" className="btn btn-ghost" onClick={() => setColumnFilters([])}>
            Clear filters
          </button>
        )}
        <ColumnsMenu columns={table.getAllLeafColumns()} />
        {toolbar}
        <span className="dt-count" aria-live="polite">
          {loading && data.length === 0 ? 'Loading…' : filtered ? `${rows.length} of ${data.length} ${noun}` : `${data.length} ${noun}`}
        </span>
      </div>
      <div
        className="dt-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="region"
        aria-label={`${label} (use arrow keys to move, Enter to open)`}
        onKeyDown={onKeyDown}
      >
        <table aria-label={label} aria-rowcount={rows.length}>
          <colgroup>
            {leaf.map((c) => (
              <col key={c.id} style={c.columnDef.size !== undefined ? { width: c.getSize() } : undefined} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sort = h.column.getIsSorted();
                  const canSort = h.column.getCanSort();
                  return (
                    <th
                      key={h.id}
                      aria-sort={sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : undefined}
                      style={h.column.columnDef.meta?.align === 'right' ? { textAlign: 'right' } : undefined}
                    >
                      <div
                        className={`th-inner${canSort ? ' sortable' : ''}`}
                        style={h.column.columnDef.meta?.align === 'right' ? { justifyContent: 'flex-end' } : undefined}
                        onClick={canSort ? h.column.getToggleSortingHandler() : undefined}
                        title={canSort ? 'Sort' : undefined}
                      >
                        {h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}
                        {sort && <span className="sort-ind">{sort === 'asc' ? '▲' : '▼'}</span>}
                      </div>
                      {showFilters && <ColumnFilter column={h.column} />}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true">
                <td colSpan={leaf.length} style={{ height: padTop, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((vi) => {
              const row = rows[vi.index] as Row<T>;
              const extra = rowClassName?.(row.original);
              const isActive = vi.index === active || row.id === selectedId;
              return (
                <tr
                  key={row.id}
                  data-row-id={row.id}
                  className={[onRowActivate ? 'clickable' : '', isActive ? 'active' : '', extra ?? ''].join(' ').trim() || undefined}
                  aria-selected={isActive || undefined}
                  onClick={() => {
                    setActive(vi.index);
                    onRowActivate?.(row.original);
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.align === 'right' ? 'num' : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true">
                <td colSpan={leaf.length} style={{ height: padBottom, padding: 0, border: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
        {rows.length === 0 && !loading && (
          <div className="dt-empty">
            {data.length === 0 ? (
              (empty ?? <strong>Nothing here yet</strong>)
            ) : (
              <>
                <strong>No {noun} match</strong>
                <span>Try another search or clear the filters.</span>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

function columnLabel<T>(c: Column<T, unknown>): string {
  const h = c.columnDef.header;
  return c.columnDef.meta?.label ?? (typeof h === 'string' ? h : c.id);
}

function ColumnFilter<T>({ column }: { column: Column<T, unknown> }) {
  const meta = column.columnDef.meta;
  if (meta?.filter === false || !column.getCanFilter()) return <div className="col-filter" />;
  const value = String(column.getFilterValue() ?? '');
  const name = `Filter ${columnLabel(column)}`;
  if (meta?.filter === 'select' && meta.filterOptions) {
    return (
      <div className="col-filter">
        <select className="select" aria-label={name} value={value} onChange={(e) => column.setFilterValue(e.target.value || undefined)}>
          <option value="">All</option>
          {meta.filterOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div className="col-filter">
      <input className="input" aria-label={name} value={value} placeholder="Filter" onChange={(e) => column.setFilterValue(e.target.value || undefined)} />
    </div>
  );
}

function ColumnsMenu<T>({ columns }: { columns: Column<T, unknown>[] }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  const hideable = useMemo(() => columns.filter((c) => c.getCanHide()), [columns]);
  const hidden = hideable.filter((c) => !c.getIsVisible()).length;
  return (
    <div
      className="menu-anchor"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" className="btn" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Columns{hidden > 0 ? ` (${hidden} hidden)` : ''}
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Show columns" style={{ top: 34, left: 0 }}>
          {hideable.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
              {columnLabel(c)}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
