import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import Supercluster, { type PointFeature } from 'supercluster';
import { displayName, mapLabel, VAN_STATE_LABEL, type LivePosition, type MapLabels, type VanState } from '../../../shared/rules/telematics';
import { STATE_COLOR } from './model';

/**
 * Every van as an L.circleMarker on the map's canvas renderer (preferCanvas), updated in place
 * when positions arrive (no React per marker, so 1,000+ vans stay smooth). Below `clusterBelowZoom`
 * nearby vans merge into counted clusters (supercluster); from `labelZoom` on, vans in view carry
 * a permanent label: their route code or their van name, as the `labels` setting says (never mixed).
 */
export interface VanLayerProps {
  positions: Map<number, LivePosition>;
  states: Map<number, VanState>;
  /** Bumped whenever positions or states changed. */
  version: number;
  selectedId: number | null;
  onSelect: (deviceId: number) => void;
  clusterBelowZoom?: number;
  labelZoom?: number;
  /** Route codes or van names (the map setting). */
  labels?: MapLabels;
}

interface Entry {
  marker: L.CircleMarker;
  state: VanState | null;
  selected: boolean;
  labelled: boolean;
  label: string;
  onMap: boolean;
}

const MAX_LABELS = 250;

export function VanLayer({ positions, states, version, selectedId, onSelect, clusterBelowZoom = 12, labelZoom = 14, labels = 'route' }: VanLayerProps) {
  const map = useMap();
  const entries = useRef(new Map<number, Entry>());
  const vanGroup = useRef<L.LayerGroup | null>(null);
  const clusterGroup = useRef<L.LayerGroup | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const props = useRef({ positions, states, selectedId, labels });
  props.current = { positions, states, selectedId, labels };

  // One render pass: markers in place, clusters or singles, labels in view.
  const redraw = useRef(() => {});
  redraw.current = () => {
    const group = vanGroup.current;
    const clusters = clusterGroup.current;
    if (!group || !clusters) return;
    const { positions: pos, states: st, selectedId: sel } = props.current;
    const zoom = map.getZoom();
    const bounds = map.getBounds().pad(0.2);
    const clustering = zoom < clusterBelowZoom && pos.size > 1;
    let singles: Set<number> | null = null;
    clusters.clearLayers();
    if (clustering) {
      const index = new Supercluster<{ id: number }>({ radius: 48, maxZoom: clusterBelowZoom - 1, minPoints: 3 });
      const pts: PointFeature<{ id: number }>[] = [];
      for (const p of pos.values()) pts.push({ type: 'Feature', properties: { id: p.deviceId }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } });
      index.load(pts);
      singles = new Set();
      const b = bounds;
      for (const c of index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.floor(zoom))) {
        const props = c.properties as { cluster?: boolean; point_count?: number; id?: number; cluster_id?: number };
        if (props.cluster) {
          const [lon, lat] = c.geometry.coordinates as [number, number];
          const n = props.point_count ?? 0;
          const size = n >= 100 ? 44 : n >= 20 ? 36 : 30;
          const m = L.marker([lat, lon], {
            icon: L.divIcon({ className: 'van-cluster', html: `<span>${n}</span>`, iconSize: [size, size] }),
            title: `${n} vans — click to zoom in`,
            keyboard: false,
          });
          const cid = props.cluster_id!;
          m.on('click', () => map.flyTo([lat, lon], Math.min(index.getClusterExpansionZoom(cid), 18), { duration: 0.5 }));
          clusters.addLayer(m);
        } else if (props.id !== undefined) singles.add(props.id);
      }
    }
    const labelsOn = zoom >= labelZoom;
    let labels = 0;
    // Skip a label whose spot is taken (a coarse screen grid), so labels never pile up.
    const taken = new Set<string>();
    const freeSpot = (lat: number, lon: number) => {
      const pt = map.latLngToContainerPoint([lat, lon]);
      const key = `${Math.floor(pt.x / 84)}:${Math.floor(pt.y / 18)}`;
      if (taken.has(key)) return false;
      taken.add(key);
      return true;
    };
    for (const [id, p] of pos) {
      let e = entries.current.get(id);
      const state = st.get(id) ?? 'on_road';
      const selected = id === sel;
      const label = mapLabel(p, props.current.labels);
      if (!e) {
        const marker = L.circleMarker([p.lat, p.lon], { radius: 6, weight: 1.5, color: '#ffffff', fillOpacity: 0.95, bubblingMouseEvents: false });
        marker.on('click', () => onSelectRef.current(id));
        marker.on('mouseover', () => {
          const cur = props.current.positions.get(id);
          if (!cur || entries.current.get(id)?.labelled) return;
          const text = `${mapLabel(cur, props.current.labels) ?? displayName(cur)} · ${VAN_STATE_LABEL[props.current.states.get(id) ?? 'on_road']}`;
          marker.unbindTooltip();
          marker.bindTooltip(text, { direction: 'right', offset: [8, 0], className: 'van-tip' }).openTooltip();
        });
        e = { marker, state: null, selected: false, labelled: false, label: '', onMap: false };
        entries.current.set(id, e);
      } else {
        const ll = e.marker.getLatLng();
        if (ll.lat !== p.lat || ll.lng !== p.lon) e.marker.setLatLng([p.lat, p.lon]);
      }
      if (e.state !== state || e.selected !== selected) {
        e.marker.setStyle({
          fillColor: STATE_COLOR[state],
          color: selected ? '#111827' : '#ffffff',
          weight: selected ? 3 : 1.5,
          radius: selected ? 9 : 6,
        } as L.CircleMarkerOptions);
        if (selected) e.marker.bringToFront();
        e.state = state;
        e.selected = selected;
      }
      const show = !singles || singles.has(id) || selected;
      if (show && !e.onMap) {
        group.addLayer(e.marker);
        e.onMap = true;
      } else if (!show && e.onMap) {
        group.removeLayer(e.marker);
        e.onMap = false;
      }
      const wantLabel = label !== null && show && labelsOn && labels < MAX_LABELS && bounds.contains([p.lat, p.lon]) && (selected || freeSpot(p.lat, p.lon));
      if (wantLabel) labels++;
      // Permanent route-code labels only when zoomed in; otherwise the hover tooltip is made on demand.
      if (wantLabel !== e.labelled || (wantLabel && e.label !== label)) {
        e.marker.unbindTooltip();
        if (wantLabel) e.marker.bindTooltip(label!, { permanent: true, direction: 'right', offset: [8, 0], className: 'van-label' });
        e.labelled = wantLabel;
        e.label = wantLabel ? label! : '';
      }
    }
    for (const [id, e] of entries.current) {
      if (!pos.has(id)) {
        group.removeLayer(e.marker);
        entries.current.delete(id);
      }
    }
  };

  useEffect(() => {
    const group = L.layerGroup().addTo(map);
    const clusters = L.layerGroup().addTo(map);
    vanGroup.current = group;
    clusterGroup.current = clusters;
    const onView = () => redraw.current();
    map.on('zoomend moveend', onView);
    redraw.current();
    return () => {
      map.off('zoomend moveend', onView);
      group.remove();
      clusters.remove();
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a Map kept for the component's life, not a DOM node: clear what it holds now
      entries.current.clear();
      vanGroup.current = null;
      clusterGroup.current = null;
    };
  }, [map]);

  useEffect(() => {
    redraw.current();
  }, [version, selectedId, labels]);

  return null;
}
