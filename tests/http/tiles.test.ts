import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import Database from 'better-sqlite3';
import { startTestServer, type TestServer } from '../helpers/server';
import { tempDir } from '../helpers/context';
import { tileOf, writeMbtiles, writePmtiles } from '../helpers/tiles';
import { call } from '../../electron/services/dispatch';
import { closeTileFiles } from '../../electron/services/telematics/tiles';

// The local tile source: an MBTiles file on the desk, chosen in the map settings, served through
// the `telematics.tile` channel and GET /tiles/{z}/{x}/{y}.png with the API's token.

const AREA = { lat: 47.40236, lon: -122.24412, radiusDeg: 0.01, minZoom: 12, maxZoom: 14 };
let srv: TestServer;
let file: string;

beforeAll(async () => {
  const dir = tempDir('desk-tiles-');
  file = path.join(dir, 'area.mbtiles');
  writeMbtiles(file, AREA);
  srv = await startTestServer();
});
afterAll(async () => {
  closeTileFiles();
  await srv.close();
});

describe('local tile file', () => {
  it('no file chosen: no tile', async () => {
    expect(await call(srv.ctx, 'telematics.tile', { z: 13, x: 1, y: 1 })).toBeNull();
  });

  it('refuses a missing file, a vector MBTiles and a path that is not .mbtiles/.pmtiles, naming why; keeps the settings', async () => {
    const dir = tempDir('desk-tiles-');
    const vector = path.join(dir, 'vector.mbtiles');
    writeMbtiles(vector, { ...AREA, minZoom: 12, maxZoom: 12, format: 'pbf' });
    await expect(call(srv.ctx, 'telematics.updateSettings', { localTiles: path.join(dir, 'none.mbtiles') })).rejects.toThrow(/no such file/);
    await expect(call(srv.ctx, 'telematics.updateSettings', { localTiles: vector })).rejects.toThrow(/vector tiles/);
    await expect(call(srv.ctx, 'telematics.updateSettings', { localTiles: '/etc/passwd' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await call(srv.ctx, 'telematics.settings', {})).localTiles).toBe('');
  });

  it('serves the tiles of the chosen MBTiles file (rows flipped from TMS), over the channel and GET /tiles with the token', async () => {
    await call(srv.ctx, 'telematics.updateSettings', { localTiles: file });
    const t = tileOf(AREA.lat, AREA.lon, 14);
    const tile = await call(srv.ctx, 'telematics.tile', t);
    expect(tile?.contentType).toBe('image/png');
    const stored = new Database(file, { readonly: true })
      .prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?')
      .pluck()
      .get(14, t.x, 2 ** 14 - 1 - t.y) as Buffer;
    expect(Buffer.from(tile!.base64, 'base64').equals(stored)).toBe(true);
    expect(PNG.sync.read(stored).width).toBe(256);
    // outside the file's area: none
    expect(await call(srv.ctx, 'telematics.tile', { z: 14, x: 0, y: 0 })).toBeNull();

    const res = await fetch(`${srv.url}/tiles/${t.z}/${t.x}/${t.y}.png`, { headers: { Authorization: `Bearer ${srv.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(stored)).toBe(true);
    expect((await fetch(`${srv.url}/tiles/${t.z}/${t.x}/${t.y}.png`)).status).toBe(401);
    expect((await fetch(`${srv.url}/tiles/14/0/0.png`, { headers: { Authorization: `Bearer ${srv.token}` } })).status).toBe(404);
    expect((await srv.call('telematics.tile', { z: 3, x: 9, y: 0 })).status).toBe(400);
  });

  it('serves the tiles of a PMTiles file: the exact bytes stored for z/x/y, over the channel and GET /tiles; a vector PMTiles is refused', async () => {
    const dir = tempDir('desk-tiles-');
    const pm = path.join(dir, 'area.pmtiles');
    const stored = writePmtiles(pm, AREA);
    expect(stored.size).toBeGreaterThan(3);
    await call(srv.ctx, 'telematics.updateSettings', { localTiles: pm });
    const t = tileOf(AREA.lat, AREA.lon, 14);
    const want = stored.get(`${t.z}/${t.x}/${t.y}`)!;
    expect(PNG.sync.read(want).width).toBe(256);
    const tile = await call(srv.ctx, 'telematics.tile', t);
    expect(tile?.contentType).toBe('image/png');
    expect(Buffer.from(tile!.base64, 'base64').equals(want)).toBe(true);
    // Another zoom's tile is another tile (the directory is read, not the first tile every time).
    const t12 = tileOf(AREA.lat, AREA.lon, 12);
    expect(Buffer.from((await call(srv.ctx, 'telematics.tile', t12))!.base64, 'base64').equals(stored.get(`${t12.z}/${t12.x}/${t12.y}`)!)).toBe(true);
    expect(await call(srv.ctx, 'telematics.tile', { z: 14, x: 0, y: 0 })).toBeNull();
    const res = await fetch(`${srv.url}/tiles/${t.z}/${t.x}/${t.y}.png`, { headers: { Authorization: `Bearer ${srv.token}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(want)).toBe(true);

    const vector = path.join(dir, 'vector.pmtiles');
    writePmtiles(vector, { ...AREA, maxZoom: 12, format: 'mvt' });
    await expect(call(srv.ctx, 'telematics.updateSettings', { localTiles: vector })).rejects.toThrow(/vector tiles/);
    expect((await call(srv.ctx, 'telematics.settings', {})).localTiles).toBe(pm);
  });

  it('attribution is plain text: HTML is refused, and an older HTML attribution reads as its words', async () => {
    expect((await srv.call('telematics.updateSettings', { tileAttribution: '<a href="x">OSM</a>' })).status).toBe(400);
    srv.ctx.db.$client.prepare("UPDATE settings SET value = json_set(value, '$.tileAttribution', ?) WHERE key = 'telematics'").run('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors');
    expect((await call(srv.ctx, 'telematics.settings', {})).tileAttribution).toBe('© OpenStreetMap contributors');
  });
});
