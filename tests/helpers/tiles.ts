import fs from 'node:fs';
import Database from 'better-sqlite3';
import { zxyToTileId } from 'pmtiles';
import { PNG } from 'pngjs';

/**
 * A small MBTiles (or PMTiles) file of raster tiles for tests and screenshots: a street grid (side streets,
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

/** Every tile of the area, zoom by zoom (XYZ rows, counted from the north). */
function* areaTiles(area: TileArea): Generator<{ z: number; x: number; y: number; data: Buffer }> {
  for (let z = area.minZoom; z <= area.maxZoom; z++) {
    const x0 = Math.floor(lon2x(area.lon - area.radiusDeg, z));
    const x1 = Math.floor(lon2x(area.lon + area.radiusDeg, z));
    const y0 = Math.floor(lat2y(area.lat + area.radiusDeg, z));
    const y1 = Math.floor(lat2y(area.lat - area.radiusDeg, z));
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) yield { z, x, y, data: area.format && area.format !== 'png' ? Buffer.from('not a png') : renderTile(z, x, y, area) };
    }
  }
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
    for (const t of areaTiles(area)) {
      put.run(t.z, t.x, 2 ** t.z - 1 - t.y, t.data);
      n++;
    }
  })();
  db.close();
  return n;
}

/** Unsigned LEB128, as PMTiles directories write their numbers. */
function varint(n: number, out: number[]): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/**
 * Write the area as a PMTiles v3 file (the spec's layout: 127-byte header, root directory, JSON
 * metadata, tile data; nothing compressed, one root directory — enough for a small area). The
 * `pmtiles` package only reads, so the test writes its own. Answers each tile's bytes by "z/x/y".
 */
export function writePmtiles(file: string, area: TileArea): Map<string, Buffer> {
  const tiles = [...areaTiles(area)].map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  const entries: { id: number; offset: number; length: number }[] = [];
  let offset = 0;
  for (const t of tiles) {
    entries.push({ id: t.id, offset, length: t.data.length });
    offset += t.data.length;
  }
  const dir: number[] = [];
  varint(entries.length, dir);
  entries.forEach((e, i) => varint(e.id - (i > 0 ? entries[i - 1]!.id : 0), dir));
  for (let i = 0; i < entries.length; i++) varint(1, dir); // run lengths
  for (const e of entries) varint(e.length, dir);
  entries.forEach((e, i) => varint(i > 0 && e.offset === entries[i - 1]!.offset + entries[i - 1]!.length ? 0 : e.offset + 1, dir));
  const root = Buffer.from(dir);
  const metadata = Buffer.from(JSON.stringify({ name: 'Test delivery area' }));
  const type = ({ png: 2, mvt: 1, pbf: 1, jpg: 3, webp: 4 } as Record<string, number>)[area.format ?? 'png'] ?? 0;

  const h = Buffer.alloc(127);
  const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
  h.write('PMTiles', 0, 'latin1');
  h[7] = 3;
  const u64 = (at: number, n: number) => v.setBigUint64(at, BigInt(n), true);
  u64(8, 127); // root directory
  u64(16, root.length);
  u64(24, 127 + root.length); // metadata
  u64(32, metadata.length);
  u64(40, 0); // no leaf directories
  u64(48, 0);
  u64(56, 127 + root.length + metadata.length); // tile data
  u64(64, offset);
  u64(72, tiles.length); // addressed tiles, tile entries, tile contents
  u64(80, tiles.length);
  u64(88, tiles.length);
  h[96] = 1; // clustered
  h[97] = 1; // internal compression: none
  h[98] = 1; // tile compression: none
  h[99] = type;
  h[100] = area.minZoom;
  h[101] = area.maxZoom;
  const e7 = (deg: number) => Math.round(deg * 1e7);
  v.setInt32(102, e7(area.lon - area.radiusDeg), true);
  v.setInt32(106, e7(area.lat - area.radiusDeg), true);
  v.setInt32(110, e7(area.lon + area.radiusDeg), true);
  v.setInt32(114, e7(area.lat + area.radiusDeg), true);
  h[118] = area.minZoom;
  v.setInt32(119, e7(area.lon), true);
  v.setInt32(123, e7(area.lat), true);
  fs.writeFileSync(file, Buffer.concat([h, root, metadata, ...tiles.map((t) => t.data)]));
  return new Map(tiles.map((t) => [`${t.z}/${t.x}/${t.y}`, t.data]));
}

/** The XYZ tile holding a point at zoom z. */
export const tileOf = (lat: number, lon: number, z: number) => ({ z, x: Math.floor(lon2x(lon, z)), y: Math.floor(lat2y(lat, z)) });
