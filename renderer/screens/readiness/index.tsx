import { useEffect, useMemo, useState } from 'react';
import { useCanWrite, useChannel } from '../../api/hooks';
import { useToday } from '../../api/stationDay';
import { DataTable } from '../../components/DataTable';
import { navigate, useRoute } from '../../router';
import { READINESS_LABEL, type ReadinessStatus } from '../../../shared/rules/fleet/readiness';
import { VAN_CLASSES, VAN_CLASS_LABEL, type VanClass } from '../../../shared/domain';
import { pmMessage } from '../../../shared/rules/fleet/evaluate';
import { daysBetween } from '../../../shared/station-time';
import { Tile } from './Tile';
import { VanDrawer } from './VanDrawer';
import { DvirForm } from './DvirForm';
import { FleetImport } from './FleetImport';
import { PmSettings } from './PmSettings';
import { STATUS_ORDER } from './model';
import { readinessColumns } from './columns';
import './readiness.css';

/**
 * Readiness: every van as a tile (a dense grid for the wall screen) or a table, with its status by
 * colour and words, the reasons, today's assignment and the EV charge; counts and filters; the van
 * drawer (`#/readiness/<vanId>`) with defects, DVIRs, PM and documents; the shop forecast (`fleet.pm`'s window).
 */
export default function ReadinessScreen() {
  const today = useToday();
  const canWrite = useCanWrite();
  const route = useRoute();
  const [view, setView] = useState<'tiles' | 'table'>(() => (localStorage.getItem('desk.readiness.view') === 'table' ? 'table' : 'tiles'));
  const [statusFilter, setStatusFilter] = useState<ReadinessStatus | 'all'>('all');
  const [typeFilter, setTypeFilter] = useState<VanClass | 'all'>('all');
  const [dvirFor, setDvirFor] = useState<number | 'new' | null>(null);
  const [importing, setImporting] = useState<'fleet' | 'inspections' | null>(null);
  const [showForecast, setShowForecast] = useState(true);
  const [pmOpen, setPmOpen] = useState(false);
  const list = useChannel('fleet.readiness', { date: today });
  const pm = useChannel('fleet.pm', { date: today });
  const rows = useMemo(() => list.data ?? [], [list.data]);
  const lowChargePct = useChannel('fleet.settings', {}).data?.evLowChargePct;
  const columns = useMemo(() => readinessColumns(lowChargePct), [lowChargePct]);

  useEffect(() => localStorage.setItem('desk.readiness.view', view), [view]);
  // D: enter a DVIR from anywhere on this screen (when no dialog is open and not typing).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!canWrite || e.altKey || e.ctrlKey || e.metaKey || dvirFor !== null || importing || pmOpen) return;
      const t = e.target as HTMLElement;
      if (t.closest('input, textarea, select, [role=dialog]')) return;
      if (e.key === 'd' || e.key === 'D') {
        e.preventDefault();
        setDvirFor('new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite, dvirFor, importing, pmOpen]);

  const counts = useMemo(() => {
    const c: Record<ReadinessStatus, number> = { ready: 0, attention: 0, grounded: 0, 'in-shop': 0, 'out-of-service': 0 };
    for (const r of rows) if (typeFilter === 'all' || r.vanClass === typeFilter) c[r.status]++;
    return c;
  }, [rows, typeFilter]);
  const shown = useMemo(
    () =>
      rows
        .filter((r) => (statusFilter === 'all' || r.status === statusFilter) && (typeFilter === 'all' || r.vanClass === typeFilter))
        .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.name.localeCompare(b.name, undefined, { numeric: true })),
    [rows, statusFilter, typeFilter],
  );
  const openVan = route.param && /^\d+$/.test(route.param) ? Number(route.param) : null;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);

  return (
    <div className="screen rd-screen">
      <div className="screen-header">
        <h1>Readiness</h1>
        <span className="muted">{today}</span>
        <div className="rd-counts" role="group" aria-label="Vans per status">
          <button type="button" className={`rd-count all${statusFilter === 'all' ? ' on' : ''}`} onClick={() => setStatusFilter('all')}>
            <span className="n">{total}</span> all
          </button>
          {STATUS_ORDER.map((s) => (
            <button
              type="button"
              key={s}
              className={`rd-count s-${s}${statusFilter === s ? ' on' : ''}`}
              onClick={() => setStatusFilter(statusFilter === s ? 'all' : s)}
              aria-pressed={statusFilter === s}
              data-testid={`count-${s}`}
            >
              <span className="n">{counts[s]}</span> {READINESS_LABEL[s].toLowerCase()}
            </button>
          ))}
        </div>
        <div className="actions row">
          <select className="select" value={typeFilter} onChange={(e) => setTypeFilter(e.target.value as VanClass | 'all')} aria-label="Van class">
            <option value="all">All classes</option>
            {VAN_CLASSES.map((t) => (
              <option key={t} value={t}>
                {VAN_CLASS_LABEL[t]}
              </option>
            ))}
          </select>
          <div className="seg" role="group" aria-label="View">
            <button type="button" aria-pressed={view === 'tiles'} onClick={() => setView('tiles')}>
              Tiles
            </button>
            <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
              Table
            </button>
          </div>
          <button type="button" className="btn" onClick={() => setShowForecast((x) => !x)} aria-pressed={showForecast}>
            Shop forecast
          </button>
          <button type="button" className="btn" onClick={() => setPmOpen(true)}>
            PM schedules
          </button>
          {canWrite && (
            <>
              <button type="button" className="btn" onClick={() => setImporting('fleet')}>
                Import vans
              </button>
              <button type="button" className="btn" onClick={() => setImporting('inspections')}>
                Import DVIRs
              </button>
              <button type="button" className="btn btn-primary" onClick={() => setDvirFor('new')} title="Shortcut: D">
                Enter DVIR <kbd>D</kbd>
              </button>
            </>
          )}
        </div>
      </div>
      {list.error && (
        <div className="alert" role="alert">
          Could not load readiness: {list.error.message}{' '}
          <button className="btn btn-sm" onClick={list.reload}>
            Retry
          </button>
        </div>
      )}
      <div className={`rd-body${showForecast ? ' with-side' : ''}`}>
        <div className="rd-main">
          {view === 'tiles' ? (
            shown.length === 0 ? (
              <div className="empty-state">
                <h2>{rows.length === 0 ? 'No vans yet' : 'No vans match'}</h2>
                <p>{rows.length === 0 ? 'Add vans on the Fleet screen or import Amazon’s fleet vehicles export.' : 'Change the status or class filter.'}</p>
              </div>
            ) : (
              <div className="rd-grid" data-testid="readiness-grid">
                {shown.map((r) => (
                  <Tile key={r.vanId} row={r} onOpen={(id) => navigate('readiness', id)} lowChargePct={lowChargePct} />
                ))}
              </div>
            )
          ) : (
            <DataTable
              data={shown}
              columns={columns}
              getRowId={(r) => String(r.vanId)}
              onRowActivate={(r) => navigate('readiness', r.vanId)}
              selectedId={openVan ? String(openVan) : null}
              label="Van readiness"
              noun="vans"
              searchPlaceholder="Search vans, reasons, routes…"
              loading={list.loading && !list.data}
            />
          )}
        </div>
        {showForecast && (
          <aside className="rd-side panel" aria-label="Shop forecast">
            <h2>What goes to the shop</h2>
            <p className="muted small">
              {pm.data ? `Next ${daysBetween(today, pm.data.forecastUntil)} days, until ${pm.data.forecastUntil}` : 'The coming days'}: overdue first, then by expected date (miles at each van’s recent daily average).
            </p>
            {pm.data && pm.data.forecast.length === 0 && <p className="muted">Nothing due.</p>}
            <ol className="rd-forecast">
              {pm.data?.forecast.slice(0, 60).map((f) => (
                <li key={`${f.vanId}-${f.code}`} className={`st-${f.state}${f.safety ? ' safety' : ''}`}>
                  <button type="button" className="linkish" onClick={() => navigate('readiness', f.vanId)}>
                    <span className="when">{f.state === 'overdue' ? 'overdue' : f.forecastDate.slice(5)}</span>
                    <span className="what">
                      <strong>{f.vanName}</strong> {f.label}
                    </span>
                    <span className="why muted small">{pmMessage(f)}</span>
                  </button>
                </li>
              ))}
            </ol>
            {pm.data && pm.data.forecast.length > 60 && <p className="muted small">and {pm.data.forecast.length - 60} more</p>}
          </aside>
        )}
      </div>
      {openVan !== null && <VanDrawer vanId={openVan} date={today} onClose={() => navigate('readiness')} onDvir={(id) => setDvirFor(id)} />}
      {dvirFor !== null && <DvirForm vans={rows} vanId={dvirFor === 'new' ? undefined : dvirFor} onClose={() => setDvirFor(null)} />}
      {importing && <FleetImport what={importing} onClose={() => setImporting(null)} />}
      {pmOpen && <PmSettings onClose={() => setPmOpen(false)} />}
    </div>
  );
}
