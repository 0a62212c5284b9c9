import fs from 'node:fs';
import Database from 'better-sqlite3';
import { PMTiles, TileType, type Source, type RangeResponse } from 'pmtiles';
import { validationError } from '../../../shared/errors';

/**
 * The local tile source: an MBTiles (SQLite, opened read-only) or PMTiles file of raster tiles of
 * the delivery area, chosen in the map settings, so the map has streets without internet. The desk
 * serves its tiles through the `telematics.tile` channel (IPC and HTTP, auth as every channel) and
 * at `GET /tiles/{z}/{x}/{y}.png` on the HTTP server. Vector tiles are refused with a reason (the
 * map draws raster tiles only).
 */

export interface TileFileInfo {
  format: 'png' | 'jpg' | 'webp';
  minZoom: number | null;
  maxZoom: number | null;
}

interface TileSource extends TileFileInfo {
  contentType: string;
  get(z: number, x: number, y: number): Promise<Buffer | null>;
  close(): void;
}

const CONTENT_TYPE: Record<TileFileInfo['format'], string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

const refuse = (path: string, why: string) => validationError(`local tile file ${path}: ${why}`, [{ path: 'localTiles', message: why }]);

function rasterFormat(path: string, format: string | undefined): TileFileInfo['format'] {
  const f = (format ?? '').toLowerCase();
  if (f === 'png' || f === 'webp') return f;
  if (f === 'jpg' || f === 'jpeg') return 'jpg';
  if (f === 'pbf' || f === 'mvt') throw refuse(path, 'holds vector tiles; the map shows raster tiles only (PNG, JPEG or WebP)');
  throw refuse(path, `tile format "${format ?? 'missing'}" is not a raster format (PNG, JPEG or WebP)`);
}

function openMbtiles(path: string): TileSource {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw refuse(path, `cannot be opened (${(err as Error).message})`);
  }
  try {
    const meta = new Map(
      (db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]),
    );
    const format = rasterFormat(path, meta.get('format'));
    const tile = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
    const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : null);
    return {
      format,
      contentType: CONTENT_TYPE[format],
      minZoom: num(meta.get('minzoom')),
      maxZoom: num(meta.get('maxzoom')),
      // MBTiles rows count from the south (TMS): row = 2^z − 1 − y.
      get: async (z, x, y) => (tile.get(z, x, 2 ** z - 1 - y) as Buffer | undefined) ?? null,
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'VALIDATION') throw err;
    throw refuse(path, `is not an MBTiles file (${(err as Error).message})`);
  }
}

/** PMTiles' byte source over a file on disk (its own FileSource is a browser File). */
class DiskSource implements Source {
  constructor(
    private readonly path: string,
    private readonly fd: number,
  ) {}
  getKey() {
    return this.path;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const buf = Buffer.alloc(length);
    const n = await new Promise<number>((resolve, reject) => fs.read(this.fd, buf, 0, length, offset, (e, read) => (e ? reject(e) : resolve(read))));
    return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + n) };
  }
}

async function openPmtiles(path: string): Promise<TileSource> {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (err) {
    throw refuse(path, `cannot be opened (${(err as Error).message})`);
  }
  const pm = new PMTiles(new DiskSource(path, fd));
  try {
    const h = await pm.getHeader();
    const format = rasterFormat(
      path,
      { [TileType.Png]: 'png', [TileType.Jpeg]: 'jpg', [TileType.Webp]: 'webp', [TileType.Mvt]: 'mvt' }[h.tileType as number],
    );
    return {
      format,
      contentType: CONTENT_TYPE[format],
      minZoom: h.minZoom,
      maxZoom: h.maxZoom,
      get: async (z, x, y) => {
        const t = await pm.getZxy(z, x, y);
        return t ? Buffer.from(t.data) : null;
      },
      close: () => fs.closeSync(fd),
    };
  } catch (err) {
    fs.closeSync(fd);
    if ((err as { code?: string }).code === 'VALIDATION') throw err;
    throw refuse(path, `is not a PMTiles file (${(err as Error).message})`);
  }
}

function openTileFile(path: string): Promise<TileSource> | TileSource {
  if (!fs.existsSync(path)) throw refuse(path, 'no such file on this desk');
  return /\.pmtiles$/i.test(path) ? openPmtiles(path) : openMbtiles(path);
}

/** One open source per file, reopened when the file changes on disk. */
const open = new Map<string, { mtimeMs: number; source: Promise<TileSource> }>();

async function sourceFor(path: string): Promise<TileSource> {
  const mtimeMs = fs.statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const cached = open.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.source;
  if (cached) void cached.source.then((s) => s.close()).catch(() => undefined);
  const source = Promise.resolve().then(() => openTileFile(path));
  open.set(path, { mtimeMs, source });
  source.catch(() => open.delete(path));
  return source;
}

/** Check a file is a raster MBTiles / PMTiles file (throws VALIDATION naming the reason). */
export async function checkTileFile(path: string): Promise<TileFileInfo> {
  const s = await sourceFor(path);
  return { format: s.format, minZoom: s.minZoom, maxZoom: s.maxZoom };
}

/** One tile of the file, or null where it has none. */
export async function readTile(path: string, z: number, x: number, y: number): Promise<{ contentType: string; data: Buffer } | null> {
  const s = await sourceFor(path);
  const data = await s.get(z, x, y);
  return data ? { contentType: s.contentType, data } : null;
}

/** Close every open tile file (server shutdown, tests). */
export function closeTileFiles(): void {
  for (const { source } of open.values()) void source.then((s) => s.close()).catch(() => undefined);
  open.clear();
}
