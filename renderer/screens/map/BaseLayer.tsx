import { useEffect } from 'react';
import L from 'leaflet';
import { TileLayer, useMap } from 'react-leaflet';
import { api } from '../../api/client';

/**
 * The basemap: the local tile file when one is chosen (tiles through the `telematics.tile`
 * channel — IPC in Electron, the API with its token over HTTP — so it works without internet),
 * else the tile server URL. The attribution is shown as text: Leaflet writes it as HTML, so it is
 * escaped first.
 */
export interface BaseLayerProps {
  tileUrl: string;
  localTiles: string;
  attribution: string;
  onLoad: () => void;
  onError: () => void;
}

const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A Leaflet grid layer whose tiles come from the desk's local tile file. */
class DeskTileLayer extends L.GridLayer {
  protected override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const img = document.createElement('img');
    img.alt = '';
    img.setAttribute('role', 'presentation');
    api('telematics.tile', { z: coords.z, x: coords.x, y: coords.y }).then(
      (tile) => {
        if (!tile) return done(undefined, img); // outside the file's area: an empty tile
        img.onload = () => done(undefined, img);
        img.onerror = () => done(new Error('bad tile'), img);
        img.src = `data:${tile.contentType};base64,${tile.base64}`;
      },
      (err: Error) => done(err, img),
    );
    return img;
  }
}

function LocalTiles({ path, attribution, onLoad, onError }: { path: string; attribution: string; onLoad: () => void; onError: () => void }) {
  const map = useMap();
  useEffect(() => {
    const layer = new DeskTileLayer({ attribution: escapeHtml(attribution), maxZoom: 19, className: 'local-tiles' });
    layer.on('tileload', onLoad);
    layer.on('tileerror', onError);
    layer.addTo(map);
    return () => {
      layer.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one layer per file and attribution
  }, [map, path, attribution]);
  return null;
}

export function BaseLayer({ tileUrl, localTiles, attribution, onLoad, onError }: BaseLayerProps) {
  if (localTiles) return <LocalTiles key={localTiles} path={localTiles} attribution={attribution} onLoad={onLoad} onError={onError} />;
  if (!tileUrl) return null;
  return <TileLayer key={tileUrl} url={tileUrl} attribution={escapeHtml(attribution)} eventHandlers={{ tileload: onLoad, tileerror: onError }} />;
}
