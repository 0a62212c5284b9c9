import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHeadOfficeServer, type HeadOfficeServer } from '../../electron/headoffice/server';
import { CONSOLE_CSP } from '../../electron/server/security';
import { tempDir } from '../helpers/context';
import { describeWithPostgres } from './pg';

const OWNER = 'owner-token-console-test';

/** One request with the headers as given (fetch will not send a foreign Host). */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describeWithPostgres('the head office serves the console with the desk’s protections', (url) => {
  let ho: HeadOfficeServer;
  const logged: string[] = [];
  beforeAll(async () => {
    const staticDir = tempDir('ho-console-');
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Dispatch Desk</title>');
    ho = await startHeadOfficeServer({ postgres: url(), ownerToken: OWNER, staticDir, log: (l) => logged.push(l) });
  });
  afterAll(async () => {
    await ho?.close();
  });

  const host = () => `127.0.0.1:${ho.port}`;

  it('serves the built console (SPA fallback too) with the desk’s security headers, and /healthz says head-office', async () => {
    for (const p of ['/', '/index.html', '/some/screen']) {
      const r = await request(ho.port, { path: p, headers: { Host: host() } });
      expect(r.status, p).toBe(200);
      expect(r.text).toContain('<title>Dispatch Desk</title>');
      expect(r.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
    const health = await request(ho.port, { path: '/healthz', headers: { Host: `localhost:${ho.port}` } });
    expect(JSON.parse(health.text).data.mode).toBe('head-office');
    expect((await request(ho.port, { path: '/missing.js', headers: { Host: host() } })).status).toBe(404);
  });

  it('refuses a wrong Host (DNS rebinding) and a foreign Origin (a cross-site page), on files and on the API', async () => {
    for (const h of [`evil.example:${ho.port}`, 'evil.example', `127.0.0.1:${ho.port + 1}`, `localhost.evil.example:${ho.port}`]) {
      expect((await request(ho.port, { path: '/', headers: { Host: h } })).status, h).toBe(403);
      expect((await request(ho.port, { path: '/healthz', headers: { Host: h } })).status, h).toBe(403);
    }
    const api = (headers: Record<string, string>) =>
      request(ho.port, { method: 'POST', path: '/api/stations.list', headers: { Host: host(), Authorization: `Bearer ${OWNER}`, 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect((await api({ Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api({ Origin: `http://evil.example:${ho.port}` })).status).toBe(403);
    expect((await api({ Origin: `http://127.0.0.1:${ho.port}` })).status).toBe(200);
    expect((await api({})).status).toBe(200);
    // The push path too: a page elsewhere cannot make a browser push for a station.
    expect((await request(ho.port, { method: 'POST', path: '/sync/push', headers: { Host: host(), Origin: 'http://evil.example' }, body: '{}' })).status).toBe(403);
  });

  it('behind a proxy: the public address given (--public-url) is accepted as Host and Origin, pushes included', async () => {
    const staticDir = tempDir('ho-console-');
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Dispatch Desk</title>');
    const proxied = await startHeadOfficeServer({ postgres: url(), ownerToken: OWNER, staticDir, publicUrls: ['https://ho.example.com'] });
    try {
      expect((await request(proxied.port, { path: '/', headers: { Host: 'ho.example.com' } })).status).toBe(200);
      const api = await request(proxied.port, { method: 'POST', path: '/api/stations.list', headers: { Host: 'ho.example.com', Origin: 'https://ho.example.com', Authorization: `Bearer ${OWNER}` }, body: '{}' });
      expect(api.status).toBe(200);
      // Past the guard, a push is judged by its token.
      expect((await request(proxied.port, { method: 'POST', path: '/sync/push', headers: { Host: 'ho.example.com' }, body: '{}' })).status).toBe(401);
      expect((await request(proxied.port, { path: '/', headers: { Host: 'other.example.com' } })).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });

  it('reads need the owner token; no token is ever logged', async () => {
    const r = await request(ho.port, { method: 'POST', path: '/api/stations.list', headers: { Host: host() }, body: '{}' });
    expect(r.status).toBe(401);
    const ok = await request(ho.port, { method: 'POST', path: '/api/stations.list', headers: { Host: host(), Authorization: `Bearer ${OWNER}` }, body: '{}' });
    expect(JSON.parse(ok.text)).toEqual({ ok: true, data: [] });
    await request(ho.port, { path: `/?token=${OWNER}#token=${OWNER}`, headers: { Host: host() } });
    expect(logged.length).toBeGreaterThan(5);
    expect(logged.join('\n')).not.toContain(OWNER);
  });
});
