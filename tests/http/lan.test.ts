/** Bound to every interface (owners on the station LAN): this machine's own addresses are accepted as Host, others not. */
import http from 'node:http';
import os from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

const lan = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ host: '0.0.0.0' });
});
afterAll(async () => s?.close());

function get(host: string, connectTo = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: connectTo, port: s.port, path: '/healthz', headers: { Host: host }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

test('loopback names and this machine’s LAN address are ours; anything else is 403', async () => {
  expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
  expect(await get(`127.0.0.1:${s.port}`)).toBe(200);
  expect(await get(`localhost:${s.port}`)).toBe(200);
  expect(await get(`evil.example:${s.port}`)).toBe(403);
  expect(await get(`192.0.2.77:${s.port}`)).toBe(403);
  expect(await get(`${os.hostname()}:${s.port}`)).toBe(200);
  expect(await get(`${os.hostname()}.local:${s.port}`)).toBe(200);
  expect(await get(`${os.hostname()}.evil.example:${s.port}`)).toBe(403);
  if (lan) {
    expect(await get(`${lan}:${s.port}`, lan)).toBe(200);
    const r = await s.call('roster.list');
    expect(r.status).toBe(200);
  }
});
