import { forwardRef, memo, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  getSortedRowModel,
  useReactTable,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { BoardRoute } from '../../../shared/contract/board';
import { StatusChip } from '../../components/StatusChip';
import { conflictText, formatDuration, natural, routeChips, routeStatusText, shortServiceType, vanClassShort } from './model';
import { VanClassTag } from '../../components/domainChips';
import { VAN_CLASS_LABEL } from '../../../shared/domain';
import { useStationTz } from './tz';
import { benchEnabled, recordFilterCommit, markFilterInput } from './bench';

/** The two cells the keyboard cursor moves between on each row. */
export type CursorCol = 'driver' | 'van';
export interface Cursor {
  routeId: number | null;
  col: CursorCol;
}

export const DRAG_DRIVER = 'application/x-desk-driver';
export const DRAG_VAN = 'application/x-desk-van';

export interface BoardTableHandle {
  focus(): void;
  /** The on-screen cell of a route, for anchoring a picker. */
  cellRect(routeId: number, col: CursorCol): DOMRect | null;
  cursorRoute(): BoardRoute | null;
}

interface Props {
  routes: BoardRoute[];
  canWrite: boolean;
  swapFromId: number | null;
  /** Enter / double-click on a driver or van cell. */
  onOpen(route: BoardRoute, col: CursorCol): void;
  onUnassign(route: BoardRoute): void;
  onSwapKey(route: BoardRoute): void;
  onPin(route: BoardRoute): void;
  onDropDriver(route: BoardRoute, driverId: number): void;
  onDropVan(route: BoardRoute, vanId: number): void;
  /** Esc with nothing else to cancel (e.g. a pending swap). */
  onEscape(): void;
  /** Extra toolbar content (right side). */
  toolbarExtra?: React.ReactNode;
}

const col = createColumnHelper<BoardRoute>();

function searchText(r: BoardRoute): string {
  return [
    r.code,
    r.wave,
    r.staging,
    r.serviceType,
    r.vanType ?? '',
    r.allowedVanClasses.map((c) => VAN_CLASS_LABEL[c]).join(' '),
    r.serviceTags.join(' '),
    r.driver?.name ?? '',
    r.driver?.transporterId ?? '',
    r.van?.name ?? '',
    r.device?.label ?? '',
    r.device?.identifier ?? '',
    routeStatusText(r),
    r.notes,
  ]
    .join(' ')
    .toLowerCase();
}

/** "Phone 17" for "Route phone 17" (short enough for the column; the full label is the tooltip). */
function deviceLabel(r: BoardRoute): string {
  return (r.device?.label || r.device?.identifier || '').replace(/^route\s+(\w)/i, (_, c: string) => c.toUpperCase());
}

function vanTypesText(r: BoardRoute): string {
  if (r.allowedVanClasses.length === 0) return 'None';
  return r.allowedVanClasses.map(vanClassShort).join('/');
}

function StatusCell({ route }: { route: BoardRoute }) {
  const tz = useStationTz();
  return (
    <span className="chips">
      {routeChips(route, tz).map((c, i) => (
        <StatusChip key={i} tone={c.tone} title={c.title}>
          {c.text}
        </StatusChip>
      ))}
      {route.conflicts.length > 0 && !(route.assignment?.overrideReason && route.conflicts.every((c) => c.severity === 'soft')) && (
        <span className={`board-conflict-text ${route.conflicts[0]!.severity}`} title={route.conflicts.map(conflictText).join('\n')}>
          {conflictText(route.conflicts[0]!)}
        </span>
      )}
    </span>
  );
}

/** Widths fit a 1366 px screen beside the side panel (Van and Device whole; long text cut with its tooltip). */
const columns = [
  col.accessor('wave', { header: 'Wave', size: 52, cell: (c) => <span className="mono">{c.getValue()}</span> }),
  col.accessor('staging', { header: 'Staging', size: 74, sortingFn: (a, b) => natural(a.original.staging, b.original.staging) }),
  col.accessor('code', {
    header: 'Route',
    size: 60,
    sortingFn: (a, b) => natural(a.original.code, b.original.code),
    cell: (c) => <strong className="mono">{c.getValue()}</strong>,
  }),
  col.accessor('serviceType', { header: 'Service', size: 84, cell: (c) => <span title={c.getValue()}>{shortServiceType(c.getValue())}</span> }),
  col.accessor('plannedDurationMin', { header: 'Dur.', size: 68, cell: (c) => <span className="num-cell">{formatDuration(c.getValue())}</span> }),
  col.accessor('stops', { header: 'Stops', size: 46, cell: (c) => <span className="num-cell">{c.getValue() ?? '—'}</span> }),
  col.accessor('packages', { header: 'Pkgs', size: 46, cell: (c) => <span className="num-cell">{c.getValue() ?? '—'}</span> }),
  col.accessor(vanTypesText, { id: 'vanType', header: 'Van class', size: 80 }),
  col.accessor((r) => r.driver?.name ?? '', { id: 'driver', header: 'Driver', size: 124 }),
  col.accessor((r) => r.van?.name ?? '', { id: 'van', header: 'Van', size: 146 }),
  col.accessor(deviceLabel, { id: 'device', header: 'Device', size: 90 }),
  col.accessor((r) => routeChips(r)[0]?.text ?? '', { id: 'status', header: 'Status', size: 200, enableGrouping: false }),
];


interface RowCtl {
  setCursor(routeId: number, col?: CursorCol): void;
  open(route: BoardRoute, col: CursorCol): void;
  dropDriver(route: BoardRoute, driverId: number): void;
  dropVan(route: BoardRoute, vanId: number): void;
}

/** One route row. Memoized: typing in the filter re-renders only rows whose route or cursor changed. */
const LeafRow = memo(function LeafRow({
  r,
  index,
  colIds,
  cursorCol,
  swapFrom,
  canWrite,
  ctl,
}: {
  r: BoardRoute;
  index: number;
  colIds: string[];
  cursorCol: CursorCol | null;
  swapFrom: boolean;
  canWrite: boolean;
  ctl: RowCtl;
}) {
  const isCursor = cursorCol !== null;
  const hard = r.conflicts.some((c) => c.severity === 'hard');
  const cls = ['board-row', isCursor ? 'active' : '', swapFrom ? 'swap-from' : '', !r.assignment ? 'open' : '', hard ? 'has-conflict' : '']
    .filter(Boolean)
    .join(' ');
  const drop = canWrite
    ? {
        onDragOver: (e: React.DragEvent<HTMLTableRowElement>) => {
          const t = e.dataTransfer.types;
          if (!t.includes(DRAG_DRIVER) && !t.includes(DRAG_VAN)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
          e.currentTarget.classList.add('drop-target');
        },
        onDragLeave: (e: React.DragEvent<HTMLTableRowElement>) => e.currentTarget.classList.remove('drop-target'),
        onDrop: (e: React.DragEvent<HTMLTableRowElement>) => {
          e.currentTarget.classList.remove('drop-target');
          const d = e.dataTransfer.getData(DRAG_DRIVER);
          const v = e.dataTransfer.getData(DRAG_VAN);
          if (!d && !v) return;
          e.preventDefault();
          e.stopPropagation();
          ctl.setCursor(r.id);
          if (d) ctl.dropDriver(r, Number(d));
          else ctl.dropVan(r, Number(v));
        },
      }
    : {};
  const cell = (id: string) => {
    switch (id) {
      case 'driver':
      case 'van': {
        const c = id as CursorCol;
        const value = c === 'driver' ? r.driver?.name : r.van ? r.van.name : null;
        const focused = cursorCol === c;
        return (
          <td
            key={id}
            className={`pick-cell${focused ? ' focused' : ''}${value ? '' : ' empty'}`}
            data-cell={`${r.id}-${c}`}
            onMouseDown={() => ctl.setCursor(r.id, c)}
            onDoubleClick={() => canWrite && ctl.open(r, c)}
            title={c === 'driver' ? (r.driver ? `${r.driver.name} · ${r.driver.transporterId}` : undefined) : r.van ? `${r.van.name} · ${VAN_CLASS_LABEL[r.van.vanClass]}${r.van.electric && r.van.vanClass !== 'electric_van' ? ', electric' : ''}` : undefined}
          >
            {value ? (
              <>
                {value}
                {c === 'van' && r.van && <VanClassTag vanClass={r.van.vanClass} electric={r.van.electric} />}
              </>
            ) : (
              <span className="placeholder">{focused && canWrite ? 'Enter to pick' : '—'}</span>
            )}
          </td>
        );
      }
      case 'status':
        return (
          <td key={id} className="status-cell">
            <StatusCell route={r} />
          </td>
        );
      case 'wave':
        return (
          <td key={id}>
            <span className="mono">{r.wave}</span>
          </td>
        );
      case 'staging':
        return <td key={id}>{r.staging}</td>;
      case 'code':
        return (
          <td key={id}>
            <strong className="mono">{r.code}</strong>
          </td>
        );
      case 'serviceType':
        return (
          <td key={id}>
            <span title={r.serviceType}>{shortServiceType(r.serviceType)}</span>
          </td>
        );
      case 'plannedDurationMin':
        return (
          <td key={id} className="num">
            {formatDuration(r.plannedDurationMin)}
          </td>
        );
      case 'stops':
        return (
          <td key={id} className="num">
            {r.stops ?? '—'}
          </td>
        );
      case 'packages':
        return (
          <td key={id} className="num">
            {r.packages ?? '—'}
          </td>
        );
      case 'vanType':
        return (
          <td key={id} title={vanTypesText(r)}>
            {vanTypesText(r)}
          </td>
        );
      case 'device': {
        const label = deviceLabel(r);
        return (
          <td key={id} data-col="device" title={r.device ? `${r.device.label} · ${r.device.identifier}` : undefined}>
            {label || '—'}
          </td>
        );
      }
      default:
        return <td key={id} />;
    }
  };
  return (
    <tr className={cls} data-index={index} data-route={r.code} aria-selected={isCursor} onMouseDown={() => ctl.setCursor(r.id)} {...drop}>
      {colIds.map(cell)}
    </tr>
  );
});

const ROW_H = 34;

export const BoardTable = memo(
  forwardRef<BoardTableHandle, Props>(function BoardTable(props, ref) {
    const { routes, canWrite, swapFromId } = props;
    const [filter, setFilter] = useState('');
    const [grouped, setGrouped] = useState(true);
    const [sorting, setSorting] = useState<SortingState>([]);
    const [cursor, setCursor] = useState<Cursor>({ routeId: null, col: 'driver' });
    const scrollRef = useRef<HTMLDivElement>(null);
    const propsRef = useRef(props);
    propsRef.current = props;

    // Sheet order: wave, staging, route code. Sorting a column reorders within waves.
    const ordered = useMemo(
      () => [...routes].sort((a, b) => a.wave.localeCompare(b.wave) || natural(a.staging, b.staging) || natural(a.code, b.code)),
      [routes],
    );
    const haystack = useMemo(() => new Map(ordered.map((r) => [r.id, searchText(r)])), [ordered]);
    const data = useMemo(() => {
      const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) return ordered;
      return ordered.filter((r) => {
        const h = haystack.get(r.id)!;
        return words.every((w) => h.includes(w));
      });
    }, [ordered, haystack, filter]);

    const tableState = useMemo(
      () => ({ sorting, grouping: grouped ? ['wave'] : [], expanded: true as const, columnVisibility: { wave: !grouped } }),
      [sorting, grouped],
    );
    const table = useReactTable({
      data,
      columns,
      getRowId: (r) => String(r.id),
      state: tableState,
      onSortingChange: setSorting,
      getCoreRowModel: getCoreRowModel(),
      getGroupedRowModel: getGroupedRowModel(),
      getSortedRowModel: getSortedRowModel(),
      getExpandedRowModel: getExpandedRowModel(),
      // Stable state objects + no auto-resets: a fresh `grouping` array each render would make
      // TanStack reset (and re-render) forever.
      autoResetExpanded: false,
      autoResetPageIndex: false,
      groupedColumnMode: false,
    });
    const rows = table.getRowModel().rows;
    const leafIndex = useMemo(() => {
      const m = new Map<number, number>();
      rows.forEach((r, i) => {
        if (!r.getIsGrouped()) m.set(r.original.id, i);
      });
      return m;
    }, [rows]);

    const virtualizer = useVirtualizer({
      count: rows.length,
      getScrollElement: () => scrollRef.current,
      estimateSize: () => ROW_H,
      overscan: 10,
    });

    // `?bench`: time from the filter keystroke to this commit (tests/bench/board-filter.bench.ts).
    useLayoutEffect(() => {
      if (benchEnabled) recordFilterCommit(filter, data.length);
    }, [filter, data.length]);

    const cursorRoute = (): BoardRoute | null => {
      if (cursor.routeId == null) return null;
      return data.find((r) => r.id === cursor.routeId) ?? null;
    };

    useImperativeHandle(ref, () => ({
      focus: () => scrollRef.current?.focus(),
      cellRect: (routeId, c) => scrollRef.current?.querySelector(`[data-cell="${routeId}-${c}"]`)?.getBoundingClientRect() ?? null,
      cursorRoute,
    }));

    const leafRows = () => rows.filter((r) => !r.getIsGrouped());
    const moveRow = (delta: number) => {
      const leaves = leafRows();
      if (leaves.length === 0) return;
      let i = leaves.findIndex((r) => r.original.id === cursor.routeId);
      i = i < 0 ? (delta > 0 ? 0 : leaves.length - 1) : Math.max(0, Math.min(leaves.length - 1, i + delta));
      const target = leaves[i]!.original;
      setCursor((c) => ({ ...c, routeId: target.id }));
      const idx = leafIndex.get(target.id);
      if (idx !== undefined) virtualizer.scrollToIndex(idx, { align: 'auto' });
    };

    const onKeyDown = (e: React.KeyboardEvent) => {
      if (e.target !== e.currentTarget) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const route = cursorRoute();
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_H) - 2);
      switch (e.key) {
        case 'ArrowDown':
          moveRow(1);
          break;
        case 'ArrowUp':
          moveRow(-1);
          break;
        case 'PageDown':
          moveRow(page);
          break;
        case 'PageUp':
          moveRow(-page);
          break;
        case 'Home':
          moveRow(-1e6);
          break;
        case 'End':
          moveRow(1e6);
          break;
        case 'ArrowLeft':
        case 'ArrowRight':
          setCursor((c) => ({ routeId: c.routeId ?? leafRows()[0]?.original.id ?? null, col: c.col === 'driver' ? 'van' : 'driver' }));
          break;
        case 'Enter':
          if (route && canWrite) props.onOpen(route, cursor.col);
          break;
        case 'Delete':
        case 'Backspace':
          if (route && canWrite) props.onUnassign(route);
          break;
        case 's':
        case 'S':
          if (route && canWrite) props.onSwapKey(route);
          break;
        case 'p':
        case 'P':
          if (route && canWrite) props.onPin(route);
          break;
        case 'Escape':
          props.onEscape();
          break;
        default:
          return;
      }
      e.preventDefault();
    };

    const items = virtualizer.getVirtualItems();
    const padTop = items.length ? items[0]!.start : 0;
    const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
    const headers = table.getHeaderGroups()[0]!.headers;
    const nCols = headers.length;

    const colIds = useMemo(() => headers.map((h) => h.id), [headers.map((h) => h.id).join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
    // Stable callbacks for the memoized rows (a row re-renders only when its route or cursor changes).
    const ctl = useMemo<RowCtl>(
      () => ({
        setCursor: (routeId, col) => setCursor((c) => ({ routeId, col: col ?? c.col })),
        open: (route, col) => propsRef.current.onOpen(route, col),
        dropDriver: (route, id) => propsRef.current.onDropDriver(route, id),
        dropVan: (route, id) => propsRef.current.onDropVan(route, id),
      }),
      [],
    );

    const renderLeaf = (row: Row<BoardRoute>, index: number) => {
      const r = row.original;
      const isCursor = cursor.routeId === r.id;
      return (
        <LeafRow
          key={row.id}
          r={r}
          index={index}
          colIds={colIds}
          cursorCol={isCursor ? cursor.col : null}
          swapFrom={swapFromId === r.id}
          canWrite={canWrite}
          ctl={ctl}
        />
      );
    };

    const renderGroup = (row: Row<BoardRoute>, index: number) => {
      const leaves = row.getLeafRows();
      const assigned = leaves.filter((l) => l.original.assignment).length;
      const conflicts = leaves.filter((l) => l.original.conflicts.some((c) => c.severity === 'hard')).length;
      return (
        <tr key={row.id} className="wave-row" data-index={index}>
          <td colSpan={nCols}>
            <span className="wave-time">Wave {String(row.groupingValue)}</span>
            <span className="wave-meta">
              {leaves.length} {leaves.length === 1 ? 'route' : 'routes'} · {assigned} assigned
              {leaves.length - assigned > 0 && <> · <strong>{leaves.length - assigned} open</strong></>}
              {conflicts > 0 && <> · <span className="bad-text">{conflicts} with conflicts</span></>}
            </span>
          </td>
        </tr>
      );
    };

    return (
      <div className="dt board-table">
        <div className="dt-toolbar">
          <div className="dt-search">
            <input
              className="input"
              type="search"
              data-search
              aria-label="Filter routes"
              placeholder="Filter routes, drivers, vans, status…  ( / )"
              value={filter}
              onChange={(e) => {
                markFilterInput(e.timeStamp);
                setFilter(e.target.value);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && filter) {
                  e.stopPropagation();
                  setFilter('');
                } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
                  e.preventDefault();
                  scrollRef.current?.focus();
                  if (cursor.routeId == null || !data.some((r) => r.id === cursor.routeId)) {
                    const first = leafRows()[0];
                    if (first) setCursor((c) => ({ ...c, routeId: first.original.id }));
                  }
                }
              }}
            />
          </div>
          <label className="check board-group-toggle">
            <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> Group by wave
          </label>
          <span className="dt-count" data-testid="board-row-count">
            {data.length === routes.length ? `${routes.length} routes` : `${data.length} of ${routes.length} routes`}
          </span>
          {props.toolbarExtra}
        </div>
        <div
          className="dt-scroll board-scroll"
          ref={scrollRef}
          tabIndex={0}
          role="grid"
          aria-label="Routes of the day"
          aria-rowcount={data.length}
          onKeyDown={onKeyDown}
          onFocus={() => {
            if (cursor.routeId == null) {
              const first = leafRows()[0];
              if (first) setCursor((c) => ({ ...c, routeId: first.original.id }));
            }
          }}
        >
          <table>
            <colgroup>
              {headers.map((h) => (
                <col key={h.id} style={{ width: h.getSize() }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  return (
                    <th key={h.id} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      <div className="th-inner sortable" onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        {sorted && <span className="sort-ind">{sorted === 'asc' ? '▲' : '▼'}</span>}
                      </div>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && (
                <tr className="pad" aria-hidden="true">
                  <td colSpan={nCols} style={{ height: padTop }} />
                </tr>
              )}
              {items.map((vi) => {
                const row = rows[vi.index]!;
                return row.getIsGrouped() ? renderGroup(row, vi.index) : renderLeaf(row, vi.index);
              })}
              {padBottom > 0 && (
                <tr className="pad" aria-hidden="true">
                  <td colSpan={nCols} style={{ height: padBottom }} />
                </tr>
              )}
            </tbody>
          </table>
          {data.length === 0 && (
            <div className="dt-empty">
              {routes.length === 0 ? (
                <>
                  <strong>No routes for this day yet</strong>
                  Import the route sheet: use “Import route sheet” or drop the CSV/XLSX file anywhere on the board.
                </>
              ) : (
                <>
                  <strong>No route matches “{filter}”</strong>
                  Press Esc in the filter box to clear it.
                </>
              )}
            </div>
          )}
        </div>
      </div>
    );
  }),
);
