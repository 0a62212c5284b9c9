import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import L from 'leaflet';
import { Circle, CircleMarker, MapContainer, Polyline, ScaleControl, Tooltip } from 'react-leaflet';
import 'leaflet/dist/leaflet.css';
import { api } from '../../api/client';
import { useAppInfo, useCanWrite, useChannel, useDeskEvent } from '../../api/hooks';
import { stationDayStart, useToday } from '../../api/stationDay';
import type { Alarm, LiveMap, PositionsEvent, TrackPoint, UnknownDevice } from '../../../shared/contract/telematics';
import type { Van } from '../../../shared/contract/fleet';
import {
  computeFlags,
  displayName,
  kphToMph,
  mapLabel,
  MAP_LABELS,
  vanState,
  VAN_STATE_LABEL,
  VAN_STATES,
  type LivePosition,
  type TelematicsSettings,
  type VanFlag,
  type VanState,
} from '../../../shared/rules/telematics';
import { StatusChip } from '../../components/StatusChip';
import { useToast } from '../../components/Toasts';
import { VanLayer } from './VanLayer';
import { BaseLayer } from './BaseLayer';
import { SideSections, type SideSection } from './SideSections';
import { AlarmBanner } from '../../components/AlarmBanner';
import { BehindList } from '../../components/progress/BehindList';
import { RescueDialog } from '../../components/progress/RescueDialog';
import { useProgressImport } from '../../components/progress/useProgressImport';
import { useFileDrop } from '../../components/useFileDrop';
import { stationHm, lateWords, STATUS_WORDS } from '../../components/progress/format';
import type { RouteProgress } from '../../../shared/contract/progress';
import { FLAG_LABEL, FLAG_TONE, STATE_COLOR, timeAt } from './model';
import './map.css';

/**
 * Live map: every van's latest position coloured by state (on road, idle, stale, at station,
 * returned) with its route code, clustering when zoomed out, the station and its geofence, the
 * selected van's trail for the day and a list of flags sorted by urgency (click one to fly there).
 * Positions arrive as `positions` desk events (at most 4 a second). The basemap is whatever the
 * settings name; when its tiles cannot load (an offline desk) a badge says so and everything else
 * keeps working on a plain background with a scale.
 */
export default function MapScreen() {
  const info = useAppInfo();
  const today = useToday();
  const canWrite = useCanWrite();
  const toast = useToast();
  const [live, setLive] = useState<LiveMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const positions = useRef(new Map<number, LivePosition>());
  const [version, setVersion] = useState(0);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const offset = useRef(0);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [trail, setTrail] = useState<TrackPoint[]>([]);
  const [map, setMap] = useState<L.Map | null>(null);
  const [tiles, setTiles] = useState({ loaded: 0, failed: 0 });
  const [panel, setPanel] = useState<'flags' | 'vans' | 'devices' | 'settings'>('flags');
  const [unknown, setUnknown] = useState<UnknownDevice[]>([]);
  // Route progress (Amazon's Cortex route list): the Behind section, the pop-up's progress, a dropped list imported.
  const progress = useChannel('progress.latest', { date: today });
  const [rescue, setRescue] = useState<string | null>(null);
  const { importProgress } = useProgressImport();
  const { dragFile, dropProps } = useFileDrop(canWrite, ['xlsx', 'csv'], (f) => void importProgress(f), (m) => toast.error(m));

  const load = useCallback(async () => {
    try {
      const data = await api('telematics.live', {});
      offset.current = Date.parse(data.now) - Date.now();
      const m = new Map<number, LivePosition>();
      for (const p of data.positions) m.set(p.deviceId, p);
      positions.current = m;
      setLive(data);
      setVersion((v) => v + 1);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const loadUnknown = useCallback(() => {
    api('telematics.unknownDevices', {}).then(setUnknown, () => {});
  }, []);
  useEffect(loadUnknown, [loadUnknown]);

  // Re-evaluate states (stale, idle) every second against the desk's clock.
  useEffect(() => {
    const t = setInterval(() => setNowMs(Date.now() + offset.current), 1000);
    return () => clearInterval(t);
  }, []);

  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useDeskEvent((e) => {
    if (e.type === 'positions') {
      const data = e.data as PositionsEvent;
      for (const p of data.positions) positions.current.set(p.deviceId, p);
      setVersion((v) => v + 1);
      if (selectedId !== null) {
        const mine = data.positions.find((p) => p.deviceId === selectedId);
        if (mine) setTrail((t) => (t.length && t[t.length - 1]!.at >= mine.at ? t : [...t, { lat: mine.lat, lon: mine.lon, at: mine.at, speedKph: mine.speedKph, course: mine.course }]));
      }
    } else if (e.type === 'changed' || e.type === 'unknownDevices') {
      // Links, routes, returns, settings: reload once things settle.
      clearTimeout(reloadTimer.current);
      reloadTimer.current = setTimeout(() => {
        void load();
        loadUnknown();
      }, 400);
    }
  });

  const settings: TelematicsSettings | null = live?.settings ?? null;
  const { states, flags, counts } = useMemo(() => {
    const st = new Map<number, VanState>();
    const c: Record<VanState, number> = { on_road: 0, idle: 0, stale: 0, at_station: 0, returned: 0 };
    if (!settings) return { states: st, flags: [] as VanFlag[], counts: c };
    for (const p of positions.current.values()) {
      const s = vanState(p, nowMs, settings);
      st.set(p.deviceId, s);
      c[s]++;
    }
    return { states: st, flags: computeFlags([...positions.current.values()], nowMs, settings), counts: c };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, nowMs, settings]);

  const selected = selectedId !== null ? positions.current.get(selectedId) ?? null : null;
  const tz = live?.station?.timeZone ?? info?.station?.timeZone ?? 'UTC';

  // The selected van's trail since the start of the station's day.
  useEffect(() => {
    if (selectedId === null) {
      setTrail([]);
      return;
    }
    const from = stationDayStart(today, tz).toISOString();
    const to = new Date(Date.now() + offset.current + 60_000).toISOString();
    let cancelled = false;
    api('positions.track', { deviceId: selectedId, from, to }).then(
      (t) => !cancelled && setTrail(t),
      (err: Error) => !cancelled && toast.error(`Could not load the trail: ${err.message}`),
    );
    return () => {
      cancelled = true;
    };
  }, [selectedId, today, tz, toast]);

  const select = useCallback(
    (deviceId: number, fly = false) => {
      setSelectedId(deviceId);
      const p = positions.current.get(deviceId);
      if (fly && p && map) map.flyTo([p.lat, p.lon], Math.max(map.getZoom(), 14), { duration: 0.6 });
    },
    [map],
  );

  const station = live?.station ?? null;
  const center: [number, number] = station ? [station.lat, station.lon] : [47.4, -122.24];
  const tileUrl = settings?.tileUrl ?? '';
  const localTiles = settings?.localTiles ?? '';
  const labels = settings?.mapLabels ?? 'route';
  const basemapOffline = (!tileUrl && !localTiles) || (tiles.failed > 0 && tiles.loaded === 0);
  const urgentAlarms = (live?.alarms ?? []).filter((a) => a.urgent && a.lat !== null);
  const showAlarm = (a: Alarm) => {
    if (a.lat !== null && a.lon !== null && map) map.flyTo([a.lat, a.lon], Math.max(map.getZoom(), 15), { duration: 0.6 });
  };
  const setLabels = async (choice: TelematicsSettings['mapLabels']) => {
    try {
      await api('telematics.updateSettings', { mapLabels: choice });
      await load();
    } catch (err) {
      toast.error(`Could not change the labels: ${(err as Error).message}`);
    }
  };
  const sections: SideSection[] = [
    {
      key: 'flags',
      title: 'Flags',
      count: flags.length,
      render: () => <FlagList flags={flags} tz={tz} selectedId={selectedId} onPick={(f) => select(f.deviceId, true)} />,
    },
    {
      key: 'behind',
      title: 'Behind',
      count: progress.data?.behind.length ?? 0,
      render: () => (
        <BehindList
          latest={progress.data}
          tz={tz}
          onRescue={(r) => setRescue(r.routeCode)}
          onPick={(r) => {
            const p = [...positions.current.values()].find((x) => x.routeCode === r.routeCode);
            if (p) select(p.deviceId, true);
            else toast.show(`${r.routeCode}: no position from its van yet`, { tone: 'info' });
          }}
        />
      ),
    },
  ];
  const stateOf = selected ? states.get(selected.deviceId) : undefined;

  if (error && !live) {
    return (
      <div className="screen">
        <div className="screen-header">
          <h1>Map</h1>
        </div>
        <p className="error-text">Could not load the live map: {error}</p>
      </div>
    );
  }

  return (
    <div className={`screen map-screen${dragFile ? ' dragging-file' : ''}`} {...dropProps}>
      <div className="screen-header">
        <h1>Map</h1>
        <div className="summary-strip map-legend" aria-label="Vans by state">
          {VAN_STATES.map((s) => (
            <span key={s} className="legend-item" data-state={s}>
              <i style={{ background: STATE_COLOR[s] }} aria-hidden />
              {VAN_STATE_LABEL[s]} <b>{counts[s]}</b>
            </span>
          ))}
          <span className="legend-item muted" data-testid="van-count">
            {positions.current.size} devices reporting
          </span>
        </div>
        <div className="label-toggle" role="group" aria-label="Map labels">
          <span className="muted">Labels</span>
          {MAP_LABELS.map((choice) => (
            <button
              key={choice}
              className={`btn btn-sm${labels === choice ? ' active' : ''}`}
              aria-pressed={labels === choice}
              disabled={!canWrite}
              onClick={() => void setLabels(choice)}
            >
              {choice === 'route' ? 'Route code' : 'Van name'}
            </button>
          ))}
        </div>
      </div>
      <AlarmBanner onShow={showAlarm} timeZone={tz} />
      <div className="map-body">
        <div className={`map-wrap${basemapOffline ? ' basemap-off' : ''}`}>
          <MapContainer center={center} zoom={12} preferCanvas className="map-canvas" ref={setMap} zoomControl>
            <BaseLayer
              tileUrl={tileUrl}
              localTiles={localTiles}
              attribution={settings?.tileAttribution ?? ''}
              onLoad={() => setTiles((t) => (t.loaded > 0 ? t : { ...t, loaded: t.loaded + 1 }))}
              onError={() => setTiles((t) => ({ ...t, failed: t.failed + 1 }))}
            />
            <ScaleControl position="bottomleft" />
            {station && (
              <>
                <Circle center={[station.lat, station.lon]} radius={station.geofenceM} pathOptions={{ color: '#0f8b8d', weight: 1.5, fillOpacity: 0.08, dashArray: '4 4' }} />
                <CircleMarker center={[station.lat, station.lon]} radius={9} pathOptions={{ color: '#17212e', weight: 2, fillColor: '#ffffff', fillOpacity: 1 }}>
                  <Tooltip permanent direction="top" offset={[0, -10]} className="station-label">
                    {station.code} station
                  </Tooltip>
                </CircleMarker>
              </>
            )}
            {trail.length > 1 && <Polyline positions={trail.map((p) => [p.lat, p.lon] as [number, number])} pathOptions={{ color: '#111827', weight: 3, opacity: 0.7 }} />}
            <VanLayer positions={positions.current} states={states} version={version + nowMs} selectedId={selectedId} onSelect={(id) => select(id)} labels={labels} />
            {urgentAlarms.map((a) => (
              <CircleMarker key={`alarm-${a.id}`} center={[a.lat!, a.lon!]} radius={16} pathOptions={{ color: '#a12a22', weight: 3, fillColor: '#a12a22', fillOpacity: 0.25 }} className="alarm-ring">
                <Tooltip permanent direction="top" offset={[0, -14]} className="alarm-label">
                  {`⚠ ${a.label} · ${a.routeCode ?? a.vanName ?? a.identifier}`}
                </Tooltip>
              </CircleMarker>
            ))}
          </MapContainer>
          {basemapOffline && (
            <div className="basemap-badge" role="status" data-testid="basemap-offline">
              {tileUrl || localTiles ? 'Basemap offline — tiles cannot load; vans, geofence and trails still live' : 'No basemap configured'}
            </div>
          )}
          {selected && (
            <div className="van-card" data-testid="van-card">
              <div className="van-card-head">
                <strong>{mapLabel(selected, labels) ?? displayName(selected)}</strong>
                {stateOf && <StatusChip tone={stateOf === 'stale' ? 'warn' : stateOf === 'returned' ? 'ok' : stateOf === 'idle' ? 'warn' : 'info'}>{VAN_STATE_LABEL[stateOf]}</StatusChip>}
                <button className="btn btn-ghost btn-sm" onClick={() => setSelectedId(null)} aria-label="Close van details">
                  ×
                </button>
              </div>
              <dl>
                <dt>Driver</dt>
                <dd data-testid="van-card-driver">{selected.driverName ?? 'no driver on a route today'}</dd>
                <dt>Route</dt>
                <dd>{selected.routeCode ?? 'none today'}</dd>
                <dt>Van</dt>
                <dd>{selected.vanName ?? 'not linked'}</dd>
                <dt>Progress</dt>
                <dd data-testid="van-card-progress">
                  <RouteProgressSlot routeId={selected.routeId} progress={progress.data?.routes.find((r) => r.routeId === selected.routeId)} tz={tz} />
                </dd>
                <dt>Phone</dt>
                <dd>
                  <span className="mono">{selected.identifier}</span>
                  {selected.phoneNumber ? ` · ${selected.phoneNumber}` : ''}
                  {selected.battery !== null ? ` · battery ${Math.round(selected.battery)} %` : ''}
                </dd>
                <dt>Last fix</dt>
                <dd>
                  {timeAt(selected.at, tz)} · {selected.speedKph !== null ? `${Math.round(kphToMph(selected.speedKph))} mph` : 'speed unknown'}
                  {selected.accuracy !== null ? ` · ±${Math.round(selected.accuracy)} m` : ''}
                </dd>
                {selected.launchedAt && (
                  <>
                    <dt>Launched</dt>
                    <dd>{timeAt(selected.launchedAt, tz)}</dd>
                  </>
                )}
                {selected.plannedReturnAt && (
                  <>
                    <dt>Planned return</dt>
                    <dd>{timeAt(selected.plannedReturnAt, tz)}</dd>
                  </>
                )}
                {selected.returnedAt && (
                  <>
                    <dt>Returned</dt>
                    <dd>{timeAt(selected.returnedAt, tz)}</dd>
                  </>
                )}
                <dt>Trail today</dt>
                <dd data-testid="trail-points">{trail.length} points</dd>
              </dl>
            </div>
          )}
        </div>
        <aside className="map-side" aria-label="Map side panel">
          <div className="tabs" role="tablist">
            <button role="tab" aria-selected={panel === 'flags'} className={panel === 'flags' ? 'active' : ''} onClick={() => setPanel('flags')}>
              Flags <span className="count">{flags.length}</span>
            </button>
            <button role="tab" aria-selected={panel === 'vans'} className={panel === 'vans' ? 'active' : ''} onClick={() => setPanel('vans')}>
              Vans <span className="count">{positions.current.size}</span>
            </button>
            <button role="tab" aria-selected={panel === 'devices'} className={panel === 'devices' ? 'active' : ''} onClick={() => setPanel('devices')}>
              Unknown <span className="count">{unknown.length}</span>
            </button>
            <button role="tab" aria-selected={panel === 'settings'} className={panel === 'settings' ? 'active' : ''} onClick={() => setPanel('settings')}>
              Settings
            </button>
          </div>
          {panel === 'flags' && <SideSections sections={sections} />}
          {panel === 'vans' && <VanList positions={positions.current} states={states} version={version} selectedId={selectedId} onPick={(id) => select(id, true)} />}
          {panel === 'devices' && <UnknownDevices list={unknown} canWrite={canWrite} onLinked={loadUnknown} />}
          {panel === 'settings' && settings && <MapSettings settings={settings} canWrite={canWrite} onSaved={load} />}
        </aside>
      </div>
      {rescue && <RescueDialog date={today} routeCode={rescue} tz={tz} canWrite={canWrite} onClose={() => setRescue(null)} />}
    </div>
  );
}

/** Stops done / total for the van's route from the latest Cortex list, with its verdict; none imported says so. */
function RouteProgressSlot({ routeId, progress, tz }: { routeId: number | null; progress: RouteProgress | undefined; tz: string }) {
  if (routeId === null) return <span className="muted">—</span>;
  if (!progress) return <span className="muted">no progress import yet</span>;
  return (
    <span data-testid="popup-progress">
      {progress.stopsDone ?? '—'}/{progress.stopsTotal ?? '—'} stops · {STATUS_WORDS[progress.status]}
      {progress.projectedFinish ? ` · finish ${stationHm(progress.projectedFinish, tz)}` : ''}
      {progress.status === 'behind' || progress.status === 'no_stops' ? ` (${lateWords(progress)})` : ''}
    </span>
  );
}

function FlagList({ flags, tz, selectedId, onPick }: { flags: VanFlag[]; tz: string; selectedId: number | null; onPick: (f: VanFlag) => void }) {
  if (flags.length === 0) return <p className="muted empty">No flags: every reporting van is moving, fresh and within the limit.</p>;
  return (
    <ul className="flag-list" data-testid="flag-list">
      {flags.map((f) => (
        <li key={`${f.kind}-${f.deviceId}`}>
          <button className={`flag${f.deviceId === selectedId ? ' selected' : ''}`} data-kind={f.kind} onClick={() => onPick(f)} title="Show on the map">
            <StatusChip tone={FLAG_TONE[f.kind]}>{FLAG_LABEL[f.kind]}</StatusChip>
            <span className="flag-label">{f.label}</span>
            <span className="flag-msg">{f.message}</span>
            <span className="flag-time">since {timeAt(f.since, tz)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function VanList({
  positions,
  states,
  version,
  selectedId,
  onPick,
}: {
  positions: Map<number, LivePosition>;
  states: Map<number, VanState>;
  version: number;
  selectedId: number | null;
  onPick: (deviceId: number) => void;
}) {
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return [...positions.values()]
      .filter((p) => !needle || [p.routeCode, p.vanName, p.identifier].some((x) => x?.toLowerCase().includes(needle)))
      .sort((a, b) => displayName(a).localeCompare(displayName(b), undefined, { numeric: true }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [positions, version, q]);
  const shown = rows.slice(0, 300);
  return (
    <div className="van-list">
      <input className="van-search" placeholder="Find a route, van or device…" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Find a van" />
      <ul data-testid="van-list">
        {shown.map((p) => {
          const s = states.get(p.deviceId) ?? 'on_road';
          return (
            <li key={p.deviceId}>
              <button className={`van-row${p.deviceId === selectedId ? ' selected' : ''}`} onClick={() => onPick(p.deviceId)}>
                <i style={{ background: STATE_COLOR[s] }} aria-hidden />
                <span className="van-row-name">{displayName(p)}</span>
                <span className="muted">{p.vanName && p.routeCode ? p.vanName : ''}</span>
                <span className="van-row-state">{VAN_STATE_LABEL[s]}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {rows.length > shown.length && <p className="muted empty">{rows.length - shown.length} more — narrow the search.</p>}
    </div>
  );
}

function UnknownDevices({ list, canWrite, onLinked }: { list: UnknownDevice[]; canWrite: boolean; onLinked: () => void }) {
  const toast = useToast();
  const [vans, setVans] = useState<Van[]>([]);
  const [choice, setChoice] = useState<Record<string, string>>({});
  useEffect(() => {
    api('fleet.list', {}).then(setVans, () => {});
  }, []);
  if (list.length === 0) return <p className="muted empty">Every device that reported is registered.</p>;
  const link = async (identifier: string) => {
    const vanId = Number(choice[identifier]);
    if (!vanId) return;
    try {
      await api('telematics.linkDevice', { identifier, vanId });
      toast.show(`Device ${identifier} linked to ${vans.find((v) => v.id === vanId)?.name ?? 'the van'}.`, { tone: 'ok' });
      onLinked();
    } catch (err) {
      toast.error(`Could not link ${identifier}: ${(err as Error).message}`);
    }
  };
  return (
    <ul className="unknown-list">
      {list.map((u) => (
        <li key={u.identifier}>
          <div>
            <span className="mono">{u.identifier}</span>
            <span className="muted">
              {' '}
              · {u.count} pings, last {new Date(u.lastSeenAt).toLocaleTimeString()}
              {u.remoteAddress ? ` from ${u.remoteAddress}` : ''}
            </span>
          </div>
          {canWrite && (
            <div className="link-row">
              <select aria-label={`Van for ${u.identifier}`} value={choice[u.identifier] ?? ''} onChange={(e) => setChoice({ ...choice, [u.identifier]: e.target.value })}>
                <option value="">Link to van…</option>
                {vans.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
              <button className="btn btn-sm btn-primary" disabled={!choice[u.identifier]} onClick={() => void link(u.identifier)}>
                Link
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function MapSettings({ settings, canWrite, onSaved }: { settings: TelematicsSettings; canWrite: boolean; onSaved: () => void }) {
  const toast = useToast();
  const [form, setForm] = useState(settings);
  useEffect(() => setForm(settings), [settings]);
  const num = (k: keyof TelematicsSettings, label: string, unit: string) => (
    <label className="field">
      <span>{label}</span>
      <span className="with-unit">
        <input type="number" value={form[k] as number} disabled={!canWrite} onChange={(e) => setForm({ ...form, [k]: Number(e.target.value) })} />
        {unit}
      </span>
    </label>
  );
  const save = async () => {
    try {
      await api('telematics.updateSettings', form);
      toast.show('Map settings saved.', { tone: 'ok' });
      onSaved();
    } catch (err) {
      toast.error(`Could not save: ${(err as Error).message}`);
    }
  };
  return (
    <form
      className="map-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {num('speedLimitMph', 'Speeding above', 'mph')}
      {num('staleMin', 'Stale after no ping for', 'min')}
      {num('idleMin', 'Idle flag after', 'min')}
      {num('retentionDays', 'Keep positions for', 'days')}
      <label className="field">
        <span>Basemap tile URL</span>
        <input value={form.tileUrl} disabled={!canWrite} onChange={(e) => setForm({ ...form, tileUrl: e.target.value })} placeholder="https://tile.openstreetmap.org/{z}/{x}/{y}.png" />
        <small className="muted">An http(s) template with {'{z}'}, {'{x}'} and {'{y}'}; empty for none.</small>
      </label>
      <label className="field">
        <span>Basemap attribution (plain text)</span>
        <input value={form.tileAttribution} disabled={!canWrite} onChange={(e) => setForm({ ...form, tileAttribution: e.target.value })} />
      </label>
      <label className="field">
        <span>Local tile file (streets without internet)</span>
        <input
          value={form.localTiles}
          disabled={!canWrite}
          onChange={(e) => setForm({ ...form, localTiles: e.target.value })}
          placeholder="/path/on/this/desk/area.mbtiles"
          aria-describedby="local-tiles-help"
        />
        <small className="muted" id="local-tiles-help">
          An .mbtiles or .pmtiles file of raster tiles on this desk; used instead of the URL. Empty for none.
        </small>
      </label>
      <label className="field">
        <span>Map labels</span>
        <select value={form.mapLabels} disabled={!canWrite} onChange={(e) => setForm({ ...form, mapLabels: e.target.value as TelematicsSettings['mapLabels'] })}>
          <option value="route">Route code</option>
          <option value="van">Van name</option>
        </select>
      </label>
      <label className="field check">
        <input type="checkbox" checked={form.alarmSound} disabled={!canWrite} onChange={(e) => setForm({ ...form, alarmSound: e.target.checked })} />
        <span>Sound for SOS, accident and fall alarms</span>
      </label>
      {canWrite && (
        <button className="btn btn-primary" type="submit">
          Save
        </button>
      )}
    </form>
  );
}
