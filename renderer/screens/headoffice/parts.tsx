import { useMemo } from 'react';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { Channel, Input, Output } from '../../../shared/contract';
import type { StationAnswer } from '../../../shared/headoffice';
import { DataTable } from '../../components/DataTable';
import { stationLabel, stationRows, withoutFigures, type StationRow } from './model';
import { useHeadOffice, useStationsRead, type StationsRead } from './state';

/** A screen's title with what it shows: the picked station, or all stations. */
export function ScreenHead({ title, answers }: { title: string; answers: StationAnswer<unknown>[] | undefined }) {
  const { picked, stations } = useHeadOffice();
  return (
    <div className="screen-header">
      <h1>{title}</h1>
      <span className="subtitle" data-testid="ho-scope">
        {picked ? stationLabel(picked) : `All ${stations.length} stations`}
      </span>
      {answers === undefined && <span className="muted">Loading…</span>}
    </div>
  );
}

/** What went wrong for the whole head office (a station's own trouble shows in its row). */
export function ReadProblem({ read }: { read: StationsRead<unknown> }) {
  if (!read.error) return null;
  return (
    <div className="alert alert-warn" role="alert">
      Could not read: {read.error.message}
    </div>
  );
}

/** One line per station: how many rows it gave, or why it gave none (never a silent zero). */
function StationStates<T>({ answers, noun }: { answers: StationAnswer<T[]>[]; noun: string }) {
  return (
    <div className="ho-states" aria-label="Stations" data-testid="station-states">
      {answers.map((a) => {
        const why = withoutFigures(a);
        return (
          <span key={a.code} className={`ho-state ${why ? 'ho-state-bad' : ''}`} data-station={a.code} data-count={a.result.ok ? a.result.data.length : undefined} title={a.name}>
            <strong className="mono">{a.code}</strong>{' '}
            {a.result.ok ? (
              <>
                {a.result.data.length.toLocaleString('en-US')} {noun}
              </>
            ) : (
              <>
                <span className="chip chip-warn">No list</span> {why}
              </>
            )}
          </span>
        );
      })}
    </div>
  );
}

type ListChannel = { [K in Channel]: Output<K> extends readonly object[] ? K : never }[Channel];
type Item<K extends ListChannel> = Output<K>[number] & object;

const stationCol = createColumnHelper<StationRow<object>>();

/**
 * A list read channel as one table: every station's rows with a Station column first (all
 * stations), or the picked station's rows. `columns` are the desk's own columns of that row type.
 */
export function StationTable<K extends ListChannel>(props: {
  title: string;
  channel: K;
  input: Input<K>;
  noun: string;
  /** The desk's own columns of the row type (their accessors read the row; the Station fields only extend it). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column has its own value type (as DataTableProps)
  columns: ColumnDef<Item<K>, any>[];
  getId: (row: Item<K>) => string | number;
  initialHidden?: string[];
  initialSorting?: { id: string; desc: boolean }[];
  storageKey: string;
}) {
  const { picked, stations } = useHeadOffice();
  const read = useStationsRead(props.channel, props.input);
  const answers = read.answers as StationAnswer<Item<K>[]>[] | undefined;
  const rows = useMemo(() => (answers ? stationRows(answers) : []), [answers]);
  const columns = useMemo(() => {
    const own = props.columns as unknown as ColumnDef<StationRow<object>, unknown>[];
    if (picked) return own;
    const station = stationCol.accessor('hoStation', {
      header: 'Station',
      size: 90,
      meta: { filter: 'select', filterOptions: stations.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` })), searchText: (r) => `${r.hoStation} ${r.hoStationName}` },
      cell: (c) => (
        <strong className="mono" title={c.row.original.hoStationName}>
          {c.getValue()}
        </strong>
      ),
    }) as ColumnDef<StationRow<object>, unknown>;
    return [station, ...own];
  }, [props.columns, picked, stations]);

  return (
    <div className="screen ho-screen">
      <ScreenHead title={props.title} answers={answers} />
      <ReadProblem read={read} />
      {answers && <StationStates answers={answers} noun={props.noun} />}
      <div className="screen-body">
        <DataTable<StationRow<object>>
          label={props.title}
          data={rows}
          columns={columns}
          getRowId={(r) => `${r.hoStation}:${props.getId(r as unknown as Item<K>)}`}
          initialHidden={props.initialHidden}
          initialSorting={props.initialSorting ?? []}
          storageKey={`ho-${props.storageKey}`}
          noun={props.noun}
          loading={read.loading && !answers}
          empty={
            <>
              <strong>No {props.noun}</strong>
              <span>{picked ? `${picked.code} has none.` : 'No station has any.'}</span>
            </>
          }
        />
      </div>
    </div>
  );
}
