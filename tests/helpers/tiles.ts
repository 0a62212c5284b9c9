import Database from 'better-sqlite3';
import { PNG } from 'pngjs';

/**
 * A small MBTiles file of raster tiles for tests and screenshots: a street grid (side streets,
 * arterials, a highway), a park and a river drawn in world coordinates, so tiles join up at every
 * zoom. Tile rows are stored TMS (from the south), as the MBTiles spec says.
 */
export interface TileArea {
  lat: number;
  lon: number;
  /** Half the side of the covered square, in degrees. */
  radiusDeg: number;
  minZoom: number;
  maxZoom: number;
  /** MBTiles `format` (a vector format makes a file the desk must refuse). */
  format?: string;
}

const lon2x = (lon: number, z: number) => ((lon + 180) / 360) * 2 ** z;
const lat2y = (lat: number, z: number) => ((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z;
const x2lon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const y2lat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

type Rgb = [number, number, number];
const LAND: Rgb = [242, 239, 233];
const PARK: Rgb = [200, 230, 190];
const WATER: Rgb = [170, 211, 223];
const STREET: Rgb = [255, 255, 255];
const ARTERIAL: Rgb = [252, 214, 164];
const HIGHWAY: Rgb = [233, 144, 160];
const EDGE: Rgb = [205, 200, 190];

/** The colour of one point of the fake city (degrees), given how many degrees one pixel spans. */
function colourAt(lat: number, lon: number, degPerPx: number, area: TileArea): Rgb {
  const dLat = lat - area.lat;
  const dLon = lon - area.lon;
  // A river running south-west to north-east, a park north of the station.
  if (Math.abs(dLat - 0.6 * dLon - 0.018 - 0.003 * Math.sin(dLon * 300)) < 0.0018) return WATER;
  if (dLat > 0.004 && dLat < 0.009 && dLon > -0.006 && dLon < 0.002) return PARK;
  const near = (v: number, step: number, halfWidthPx: number) => {
    const m = ((v % step) + step) % step;
    return Math.min(m, step - m) < Math.max(halfWidthPx * degPerPx, 0.00002);
  };
  if (Math.abs(dLon + 0.012) < Math.max(2.5 * degPerPx, 0.00008)) return HIGHWAY;
  if (near(dLat, 0.01, 2) || near(dLon, 0.012, 2)) return ARTERIAL;
  if (degPerPx < 0.00006 && (near(dLat, 0.0025, 1.2) || near(dLon, 0.003, 1.2))) return STREET;
  if (degPerPx < 0.00006 && (near(dLat, 0.0025, 2) || near(dLon, 0.003, 2))) return EDGE;
  return LAND;
}

function renderTile(z: number, x: number, y: number, area: TileArea): Buffer {
  const png = new PNG({ width: 256, height: 256 });
  const degPerPx = 360 / 2 ** z / 256;
  for (let py = 0; py < 256; py++) {
    const lat = y2lat(y + (py + 0.5) / 256, z);
    for (let px = 0; px < 256; px++) {
      const lon = x2lon(x + (px + 0.5) / 256, z);
      const [r, g, b] = colourAt(lat, lon, degPerPx, area);
      const i = (py * 256 + px) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Write the MBTiles file; answers how many tiles it holds. */
export function writeMbtiles(file: string, area: TileArea): number {
  const db = new Database(file);
  db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
           CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
           CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
  const meta = db.prepare('INSERT INTO metadata VALUES (?, ?)');
  for (const [k, v] of Object.entries({ name: 'Test delivery area', format: area.format ?? 'png', minzoom: String(area.minZoom), maxzoom: String(area.maxZoom) })) meta.run(k, v);
  const put = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
  let n = 0;
  db.transaction(() => {
    for (let z = area.minZoom; z <= area.maxZoom; z++) {
      const x0 = Math.floor(lon2x(area.lon - area.radiusDeg, z));
      const x1 = Math.floor(lon2x(area.lon + area.radiusDeg, z));
      const y0 = Math.floor(lat2y(area.lat + area.radiusDeg, z));
      const y1 = Math.floor(lat2y(area.lat - area.radiusDeg, z));
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          put.run(z, x, 2 ** z - 1 - y, area.format && area.format !== 'png' ? Buffer.from('not a png') : renderTile(z, x, y, area));
          n++;
        }
      }
    }
  })();
  db.close();
  return n;
}

/** The XYZ tile holding a point at zoom z. */
export const tileOf = (lat: number, lon: number, z: number) => ({ z, x: Math.floor(lon2x(lon, z)), y: Math.floor(lat2y(lat, z)) });
