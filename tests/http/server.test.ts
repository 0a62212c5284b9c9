/**
 * The desk server against a real socket on 127.0.0.1: every status of the HTTP contract, hostile
 * input that must leave the data unchanged, static serving, and robustness.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../../electron/services/dispatch';
import { handlers } from '../../electron/services/registry';
import { CONSOLE_CSP } from '../../electron/server/security';
import { withCheckDigit } from '../../shared/vin';
import { tempDir } from '../helpers/context';
import { startTestServer, type TestServer } from '../helpers/server';

const VIN = withCheckDigit('1FTBW3XM0HKA12345');
const VIN2 = withCheckDigit('1FTBW3XM0HKA54321');

/** Raw request with full control of headers and body (fetch refuses to set Host). */
function raw(
  s: TestServer,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: s.port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

const api = (s: TestServer, channel: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  raw(s, {
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, ...headers },
    body,
  });

let s: TestServer;
let staticDir: string;

beforeAll(async () => {
  const dir = tempDir('desk-static-');
  staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Dispatch Desk</title><div id="root"></div>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log("desk")');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.css'), 'body{}');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(staticDir, 'link.txt'));
  s = await startTestServer({
    staticDir,
    seed: async (ctx) => {
      await call(ctx, 'roster.upsert', { transporterId: 'A1B2C3D4E5', name: 'Dana Driver', qualifications: ['CDV'] });
      await call(ctx, 'fleet.upsert', { name: 'Van 01', vin: VIN, type: 'CDV' });
    },
  });
});
afterAll(async () => s?.close());

describe('health and routing', () => {
  test('GET /healthz needs no token', async () => {
    const r = await raw(s, { method: 'GET', path: '/healthz' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, data: { status: 'ok', version: expect.any(String) } });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  test('wrong methods are 405 with Allow', async () => {
    const a = await raw(s, { method: 'GET', path: '/api/roster.list', headers: { Authorization: `Bearer ${s.token}` } });
    expect(a.status).toBe(405);
    expect(a.headers.allow).toBe('POST');
    expect((await raw(s, { method: 'PUT', path: '/healthz' })).status).toBe(405);
    expect((await raw(s, { method: 'DELETE', path: '/' })).status).toBe(405);
    expect((await raw(s, { method: 'OPTIONS', path: '/api/roster.list' })).status).toBe(405);
  });

  test('200 with the desk token; 404 unknown channel; 404 unknown entity; 409 conflict', async () => {
    const list = await s.call('roster.list');
    expect(list.status).toBe(200);
    expect(list.body.data.map((d: { name: string }) => d.name)).toEqual(['Dana Driver']);
    const unknown = await s.call('nope.list');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const missing = await s.call('roster.get', { id: 999999 });
    expect(missing.status).toBe(404);
    const dup = await s.call('roster.upsert', { transporterId: 'A1B2C3D4E5', name: 'Someone Else' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CONFLICT');
  });

  test('an empty body means "no input" for channels with defaults', async () => {
    const r = await raw(s, { path: '/api/roster.list', headers: { Authorization: `Bearer ${s.token}` } });
    expect(r.status).toBe(200);
    const u = await raw(s, { path: '/api/roster.upsert', headers: { Authorization: `Bearer ${s.token}` } });
    expect(u.status).toBe(400);
  });
});

describe('authentication and authorization', () => {
  test('401 for missing, wrong, malformed and oversized tokens', async () => {
    const cases: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong-token-123' },
      { Authorization: `Bearer ${s.token}x` },
      { Authorization: `Basic ${Buffer.from('desk:' + s.token).toString('base64')}` },
      { Authorization: 'Bearer ' },
      { Authorization: `Bearer ${'a'.repeat(5000)}` },
      { Authorization: s.token },
    ];
    for (const h of cases) {
      const r = await raw(s, { path: '/api/roster.list', headers: { 'Content-Type': 'application/json', ...h }, body: '{}' });
      expect(r.status, JSON.stringify(h).slice(0, 60)).toBe(401);
      expect(r.json.error.code).toBe('UNAUTHORIZED');
      expect(r.text).not.toContain(s.token);
    }
  });

  test('auth comes before the channel lookup (no channel probing without a token)', async () => {
    const r = await raw(s, { path: '/api/nope.list', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
  });

  test('owner token: reads, 403 on writes even with invalid input, 403 on admin channels', async () => {
    const made = await s.call('tokens.create', { name: 'Olive Owner', role: 'owner' });
    expect(made.status).toBe(200);
    const owner = made.body.data.token as string;
    expect((await s.call('roster.list', {}, owner)).status).toBe(200);
    expect((await s.call('fleet.list', {}, owner)).status).toBe(200);
    const info = await s.call('app.info', {}, owner);
    expect(info.body.data).toMatchObject({ role: 'owner', actor: 'Olive Owner' });
    const valid = await s.call('roster.upsert', { transporterId: 'OWNER12345', name: 'Nope' }, owner);
    expect(valid.status).toBe(403);
    const invalid = await s.call('roster.upsert', { name: 12, bogus: true }, owner);
    expect(invalid.status).toBe(403);
    expect(invalid.body.error.code).toBe('FORBIDDEN');
    expect((await s.call('fleet.archive', { id: 1 }, owner)).status).toBe(403);
    expect((await s.call('tokens.list', {}, owner)).status).toBe(403);
  });

  test('a token made while the server runs works at once; revoked it stops at once', async () => {
    const made = await s.call('tokens.create', { name: 'Temp Laptop', role: 'owner' });
    const t = made.body.data.token as string;
    expect((await s.call('roster.list', {}, t)).status).toBe(200);
    expect((await s.call('tokens.revoke', { id: made.body.data.id })).status).toBe(200);
    const after = await s.call('roster.list', {}, t);
    expect(after.status).toBe(401);
  });

  test('a named desk token writes, and the audit names it', async () => {
    const made = await s.call('tokens.create', { name: 'Night Desk', role: 'desk' });
    const t = made.body.data.token as string;
    const w = await s.call('roster.upsert', { transporterId: 'NIGHT12345', name: 'Nia Night' }, t);
    expect(w.status).toBe(200);
    const audit = await s.call('audit.list', { entity: 'driver', limit: 5 });
    expect(audit.body.data[0]).toMatchObject({ actor: 'Night Desk', action: expect.any(String) });
    const mine = await s.call('roster.upsert', { transporterId: 'DESK123456', name: 'Desi Desk' });
    expect(mine.status).toBe(200);
    const audit2 = await s.call('audit.list', { entity: 'driver', limit: 1 });
    expect(audit2.body.data[0].actor).toBe('desk');
  });
});

describe('Host and Origin (DNS rebinding)', () => {
  const ok = (extra: Record<string, string>) =>
    raw(s, {
      path: '/api/roster.list',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, ...extra },
      body: '{}',
    });

  test('foreign or port-less Host is 403; our names are fine', async () => {
    for (const host of ['evil.example', `evil.example:${s.port}`, '127.0.0.1', `127.0.0.1:${s.port + 1}`, `localhost.evil.example:${s.port}`, `10.0.0.1:${s.port}`]) {
      const r = await ok({ Host: host });
      expect(r.status, host).toBe(403);
      expect(r.json.error.code).toBe('FORBIDDEN');
    }
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, `LOCALHOST:${s.port}`]) {
      expect((await ok({ Host: host })).status, host).toBe(200);
    }
    const health = await raw(s, { method: 'GET', path: '/healthz', headers: { Host: 'evil.example' } });
    expect(health.status).toBe(403);
    const page = await raw(s, { method: 'GET', path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  test('Origin, when sent, must be this server', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${s.port}`, 'null', `http://127.0.0.1:${s.port + 1}`, 'file://', `ftp://127.0.0.1:${s.port}`]) {
      const r = await ok({ Origin: origin });
      expect(r.status, origin).toBe(403);
    }
    expect((await ok({ Origin: `http://127.0.0.1:${s.port}` })).status).toBe(200);
    expect((await ok({ Origin: `http://localhost:${s.port}` })).status).toBe(200);
  });
});

describe('malformed and hostile input changes nothing', () => {
  async function snapshot() {
    const roster = await s.call('roster.list', { includeArchived: true });
    const fleet = await s.call('fleet.list', { includeArchived: true });
    const audit = await s.call('audit.list', { limit: 1000 });
    return { roster: roster.body.data, fleet: fleet.body.data, audit: audit.body.data };
  }

  const deep = (n: number) => '{"name":' + '['.repeat(n) + ']'.repeat(n) + '}';
  const driver = { transporterId: 'HOSTILE001', name: 'Hostile Test' };
  const van = { name: 'Van X', vin: VIN2, type: 'EDV' };
  const j = (v: unknown) => JSON.stringify(v);

  const common: [string, string][] = [
    ['array', '[]'],
    ['array of objects', `[${j(driver)}]`],
    ['string', '"hello"'],
    ['number', '42'],
    ['null', 'null'],
    ['true', 'true'],
    ['malformed', '{"name": '],
    ['trailing junk', `${j(driver)} junk`],
    ['single quotes', "{'name':'x'}"],
    ['__proto__ key', '{"__proto__":{"role":"desk","polluted":true},"transporterId":"HOSTILE001","name":"x"}'],
    ['constructor key', '{"constructor":{"prototype":{"polluted":true}},"transporterId":"HOSTILE001","name":"x"}'],
    ['nested __proto__', '{"name":{"__proto__":{"polluted":true}}}'],
    ['deep nesting', deep(50_000)],
    ['BOM + junk', '\ufeff{]'],
    ['nested junk', j({ name: { a: [1, { b: null }] }, transporterId: [[['x']]] })],
  ];
  const roster: [string, string][] = [
    ...common,
    ['wrong types', j({ transporterId: 123456, name: ['a'], qualifications: 'CDV', status: 7 })],
    ['huge name', j({ ...driver, name: 'x'.repeat(1_000_000) })],
    ['9 MB notes', j({ ...driver, notes: 'n'.repeat(9 * 1024 * 1024) })],
    ['unicode transporter id', j({ ...driver, transporterId: 'Ａ１Ｂ２Ｃ３Ｄ４' })],
    ['RTL override + lone surrogate', '{"transporterId":"\\u202eA1B2C3\\ud800","name":"\\ud800\\u0000"}'],
    ['SQL in transporter id', j({ ...driver, transporterId: "A1'; DROP TABLE drivers;--" })],
    ['SQL in id', j({ ...driver, id: '1 OR 1=1' })],
    ['SQL with missing id field', j({ name: "Robert'); DROP TABLE drivers;--" })],
    ['negative id', j({ ...driver, id: -1 })],
    ['fractional id', j({ ...driver, id: 1.5 })],
    ['huge id', '{"transporterId":"HOSTILE001","name":"x","id":1e999}'],
    ['unknown key', j({ ...driver, isAdmin: true })],
    ['operator object', j({ ...driver, qualifications: ['CDV', { $ne: null }] })],
    ['bad email', j({ ...driver, email: 'not-an-email<script>' })],
    ['bad date', j({ ...driver, licenceExpiry: '2026-02-30' })],
    ['missing fields', '{}'],
  ];
  const fleet: [string, string][] = [
    ...common,
    ['wrong types', j({ name: 5, vin: 17, type: ['CDV'], year: '2020' })],
    ['VIN with I/O/Q', j({ ...van, vin: 'IOQBW3XM0HKA12345' })],
    ['VIN bad check digit', j({ ...van, vin: VIN2.slice(0, 8) + (VIN2[8] === '1' ? '2' : '1') + VIN2.slice(9) })],
    ['VIN too long', j({ ...van, vin: 'V'.repeat(100_000) })],
    ['unknown type', j({ ...van, type: 'TANK' })],
    ['negative odometer', j({ ...van, odometerMi: -5 })],
    ['infinite year', '{"name":"Van X","vin":"' + VIN2 + '","type":"EDV","year":1e999}'],
    ['SQL in name', j({ ...van, name: "x' OR '1'='1", vin: "'; DELETE FROM vans;--" })],
    ['unicode plate', j({ ...van, plate: '京A·12345' })],
    ['unknown key', j({ ...van, archivedAt: '2020-01-01' })],
    ['huge name', j({ ...van, name: '🚚'.repeat(200_000) })],
  ];

  test.each([
    ['roster.upsert', roster],
    ['fleet.upsert', fleet],
  ] as const)('%s: every hostile body is a 4xx, and nothing changes', async (channel, cases) => {
    const before = await snapshot();
    for (const [label, body] of cases) {
      const r = await api(s, channel, body);
      expect(r.status, `${channel} ${label}: ${r.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${channel} ${label}`).toBeLessThan(500);
      expect(r.json?.ok, label).toBe(false);
    }
    // wrong content types with a valid body
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const r = await api(s, channel, channel === 'roster.upsert' ? j(driver) : j(van), { 'Content-Type': type });
      expect(r.status, type).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect((await s.call('app.info')).status).toBe(200);
  });

  test('30 MB body: 413 without reading it all, server still up', async () => {
    const before = await snapshot();
    const t0 = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: s.port,
        method: 'POST',
        path: '/api/roster.upsert',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, 'Transfer-Encoding': 'chunked' },
        agent: false,
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (err) => reject(err));
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 30) {
          sent++;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      req.write('{"name":"');
      pump();
    });
    expect(status).toBe(413);
    expect(Date.now() - t0).toBeLessThan(10_000);
    // Declared by Content-Length: refused before any body is read.
    const declared = await raw(s, {
      path: '/api/roster.upsert',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, 'Content-Length': String(31457280) },
      body: undefined,
    }).catch((e: Error) => ({ status: -1, text: e.message, json: null, headers: {} }));
    expect(declared.status).toBe(413);
    expect(await snapshot()).toEqual(before);
    expect((await s.call('roster.list')).status).toBe(200);
  });
});

describe('static console', () => {
  test('index, assets with MIME types and headers, SPA fallback', async () => {
    const index = await raw(s, { method: 'GET', path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.text).toContain('Dispatch Desk');
    const js = await raw(s, { method: 'GET', path: '/assets/app-1234.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await raw(s, { method: 'GET', path: '/assets/app-1234.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    const spa = await raw(s, { method: 'GET', path: '/roster/42?x=1' });
    expect(spa.status).toBe(200);
    expect(spa.text).toContain('<div id="root">');
    expect((await raw(s, { method: 'GET', path: '/assets/missing.js' })).status).toBe(404);
    const head = await raw(s, { method: 'HEAD', path: '/assets/app-1234.js' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  test('no way out of the folder', async () => {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/link.txt', '/%2e%2e%5csecret.txt', '/%00', '/%E0%A4%A']) {
      const r = await raw(s, { method: 'GET', path: p });
      expect(r.text, p).not.toContain('TOP SECRET');
      expect([200, 400, 404], p).toContain(r.status);
    }
  });

  test('the CSP header matches renderer/index.html', () => {
    const html = fs.readFileSync('renderer/index.html', 'utf8');
    const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(m?.[1]).toBe(CONSOLE_CSP);
  });
});

describe('robustness', () => {
  test('a throwing handler answers 500 and the server keeps serving', async () => {
    const table = handlers as unknown as Record<string, (...a: unknown[]) => unknown>;
    const original = table['app.info']!;
    table['app.info'] = () => {
      throw new Error('boom');
    };
    try {
      const r = await s.call('app.info');
      expect(r.status).toBe(500);
      expect(r.body.error.code).toBe('INTERNAL');
    } finally {
      table['app.info'] = original;
    }
    expect((await s.call('app.info')).status).toBe(200);
  });

  test('garbage on the socket and aborted uploads do not hurt', async () => {
    const reply = await new Promise<string>((resolve) => {
      const sock = net.connect(s.port, '127.0.0.1', () => sock.write('GARBAGE\r\n\r\n'));
      let got = '';
      sock.on('data', (d) => (got += d.toString()));
      sock.on('close', () => resolve(got));
      sock.on('error', () => resolve(got));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: s.port,
        method: 'POST',
        path: '/api/roster.upsert',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, 'Content-Length': '5000' },
      });
      req.on('error', () => resolve());
      // Abort once the first part of the body has gone out (the server is waiting for the rest).
      req.write('{"name":', () => {
        req.destroy();
        resolve();
      });
    });
    const many = await Promise.all(Array.from({ length: 50 }, () => s.call('roster.list')));
    expect(many.every((r) => r.status === 200)).toBe(true);
  });
});
