import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

test('healthz and roster.list answer on a fresh server', async () => {
  const h = await fetch(`${s.url}/healthz`);
  expect(h.status).toBe(200);
  expect(await h.json()).toMatchObject({ ok: true, data: { status: 'ok' } });
  const r = await s.call('roster.list', {});
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ ok: true, data: [] });
});
