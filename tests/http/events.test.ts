/** WS /events: authentication like the API, a `changed` event after every write, Host/Origin checks. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { DeskEvent } from '../../shared/events';
import { startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

const wsUrl = () => `${s.url.replace('http', 'ws')}/events`;

/** Open a socket; resolves with it and a queue of received events once the server said hello. */
function open(protocols: string[] | undefined, options: WebSocket.ClientOptions = {}) {
  return new Promise<{ ws: WebSocket; events: DeskEvent[]; next: (type: string) => Promise<DeskEvent> }>((resolve, reject) => {
    const ws = new WebSocket(wsUrl(), protocols, options);
    const events: DeskEvent[] = [];
    const waiters: { type: string; fn: (e: DeskEvent) => void }[] = [];
    ws.on('message', (m) => {
      const e = JSON.parse(String(m)) as DeskEvent;
      events.push(e);
      for (const w of [...waiters]) if (w.type === e.type) {
        waiters.splice(waiters.indexOf(w), 1);
        w.fn(e);
      }
      if (e.type === 'hello') resolve({ ws, events, next });
    });
    const next = (type: string) =>
      new Promise<DeskEvent>((res, rej) => {
        const t = setTimeout(() => rej(new Error(`no ${type} event`)), 3000);
        waiters.push({ type, fn: (e) => (clearTimeout(t), res(e)) });
      });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

test('subprotocol auth: desk.v1 echoed, changed event after a write', async () => {
  const { ws, next } = await open(['desk.v1', `bearer.${s.token}`]);
  expect(ws.protocol).toBe('desk.v1');
  const changed = next('changed');
  const w = await s.call('roster.upsert', { transporterId: 'EVENTS1234', name: 'Eve Events' });
  expect(w.status).toBe(200);
  const e = await changed;
  expect(e).toMatchObject({ type: 'changed', channel: 'roster.upsert', actor: 'desk' });
  expect(typeof e.at).toBe('string');
  ws.close();
});

test('Authorization header works too; owners receive events', async () => {
  const made = await s.call('tokens.create', { name: 'Events Owner', role: 'owner' });
  const owner = made.body.data.token as string;
  const a = await open(undefined, { headers: { Authorization: `Bearer ${s.token}` } });
  const b = await open(['desk.v1', `bearer.${owner}`]);
  const pa = a.next('changed');
  const pb = b.next('changed');
  await s.call('fleet.upsert', { name: 'Van E', vin: '1M8GDM9AXKP042788', type: 'CDV' });
  expect((await pa).channel).toBe('fleet.upsert');
  expect((await pb).channel).toBe('fleet.upsert');
  // revoking the owner's token closes its socket at the next event
  const closed = new Promise<number>((r) => b.ws.on('close', (code) => r(code)));
  await s.call('tokens.revoke', { id: made.body.data.id });
  expect(await closed).toBe(4401);
  a.ws.close();
});

test('bad or missing token, foreign Host or Origin, other paths: refused during the upgrade', async () => {
  await expect(open(['desk.v1', 'bearer.wrong'])).rejects.toThrow('HTTP 401');
  await expect(open(['desk.v1'])).rejects.toThrow('HTTP 401');
  await expect(open(undefined, { headers: { Authorization: 'Bearer nope-nope' } })).rejects.toThrow('HTTP 401');
  await expect(open(['desk.v1', `bearer.${s.token}`], { headers: { Host: 'evil.example' } })).rejects.toThrow('HTTP 403');
  await expect(open(['desk.v1', `bearer.${s.token}`], { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  const same = await open(['desk.v1', `bearer.${s.token}`], { origin: s.url });
  same.ws.close();
  await expect(
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${s.url.replace('http', 'ws')}/other`, ['desk.v1', `bearer.${s.token}`]);
      ws.on('unexpected-response', (_q, r) => reject(new Error(`HTTP ${r.statusCode}`)));
      ws.on('open', resolve);
      ws.on('error', reject);
    }),
  ).rejects.toThrow('HTTP 404');
  expect((await s.call('app.info')).status).toBe(200);
});

test('a kiosk token gets no event stream (403 at the upgrade), while its API calls still work', async () => {
  const made = await s.call('tokens.create', { name: 'Kiosk – front door', role: 'kiosk' });
  expect(made.status).toBe(200);
  const kiosk = made.body.data.token as string;
  // The kiosk page subscribes to nothing; a socket would carry every change at the station.
  await expect(open(['desk.v1', `bearer.${kiosk}`])).rejects.toThrow('HTTP 403');
  await expect(open(undefined, { headers: { Authorization: `Bearer ${kiosk}` } })).rejects.toThrow('HTTP 403');
  const body = await new Promise<string>((resolve, reject) => {
    const ws = new WebSocket(wsUrl(), ['desk.v1', `bearer.${kiosk}`]);
    ws.on('unexpected-response', (_q, r) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => resolve(text));
    });
    ws.on('open', () => reject(new Error('a kiosk socket was opened')));
    ws.on('error', () => {});
  });
  expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  // The same token still looks a driver up (its one read), so the refusal is about the stream only.
  await s.call('roster.upsert', { transporterId: 'KIOSKWS123', name: 'Kim Kiosk' });
  const res = await fetch(`${s.url}/api/kiosk.lookup`, { method: 'POST', headers: { Authorization: `Bearer ${kiosk}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ transporterId: 'KIOSKWS123' }) });
  expect(res.status).toBe(200);
});
