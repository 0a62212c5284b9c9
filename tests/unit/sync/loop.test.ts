import http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncLoop } from '../../../electron/headoffice/sync-loop';
import { call, dispatch } from '../../../electron/services/dispatch';
import { pushBackoffMs } from '../../../shared/rules/head-office';
import type { SyncStatus } from '../../../shared/contract/sync';
import { testDesk, type TestDesk } from '../../helpers/context';
import { freePort } from '../../helpers/ports';
import { startTestServer } from '../../helpers/server';

/**
 * Settings → Head office and the background push without a head office (the PostgreSQL suite,
 * tests/headoffice/loop.test.ts, pushes for real): the channels' checks and secrecy, and the loop's
 * behaviour against a head office that is not there or answers 503.
 */
const PUSH = 'push-token-0123456789';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A desk with a station and two drivers (what a push needs; the demo would take seconds). */
async function seededDesk(): Promise<TestDesk> {
  const desk = testDesk();
  cleanups.push(() => desk.close());
  desk.opened.sqlite.exec(`INSERT INTO station (id, name, code, lat, lon, time_zone) VALUES (1, 'Loop Test', 'LOOP1', 47.4, -122.2, 'America/Los_Angeles')`);
  for (const n of [1, 2]) await call(desk.ctx, 'roster.upsert', { transporterId: `A1LOOP${n}`, name: `Loop Driver ${n}` });
  return desk;
}

/** A head office that answers every push 503 after `delayMs`, counting requests and how many overlap. */
async function failingHeadOffice(delayMs: number) {
  const seen = { requests: 0, open: 0, maxOpen: 0 };
  const server = http.createServer((req, res) => {
    seen.requests++;
    seen.open++;
    seen.maxOpen = Math.max(seen.maxOpen, seen.open);
    req.resume();
    setTimeout(() => {
      seen.open--;
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: { code: 'UNAVAILABLE', message: 'The head office database is unavailable' } }));
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen };
}

describe('sync.* channels', () => {
  it('a fresh desk is not set up; the token goes in, never comes out, and is audited as a word', async () => {
    const desk = await seededDesk();
    expect(await call(desk.ctx, 'sync.status', {})).toMatchObject({ configured: false, tokenSet: false, running: false, pending: 0, lastOkAt: null });
    const set = await call(desk.ctx, 'sync.setSettings', { url: 'https://ho.example.com', token: PUSH });
    expect(set).toEqual({ url: 'https://ho.example.com', tokenSet: true, paused: false });
    await call(desk.ctx, 'sync.setSettings', { token: `${PUSH}-new` });
    const status = await call(desk.ctx, 'sync.status', {});
    expect(status).toMatchObject({ configured: true, tokenSet: true, url: 'https://ho.example.com' });
    expect(JSON.stringify(status)).not.toContain(PUSH);
    const audit = await call(desk.ctx, 'audit.list', {});
    const text = JSON.stringify(audit);
    expect(text).not.toContain(PUSH);
    expect(text).toContain('"token":"replaced"');
    // Saving the same again changes nothing and writes no audit entry.
    await call(desk.ctx, 'sync.setSettings', { url: 'https://ho.example.com' });
    expect(await call(desk.ctx, 'audit.list', {})).toHaveLength(audit.length);
  });

  it('checks the fields like the form does, and an owner may not change them', async () => {
    const desk = await seededDesk();
    const bad = await dispatch(desk.ctx, 'sync.setSettings', { url: 'ftp://ho.example.com', token: 'has spaces in it' });
    expect(bad.ok).toBe(false);
    const issues = (!bad.ok && (bad.error.details as { issues: { path: string; message: string }[] }).issues) || [];
    expect(issues.map((i) => i.path).sort()).toEqual(['token', 'url']);
    expect(issues.find((i) => i.path === 'url')!.message).toMatch(/http:\/\/ or https:\/\//);
    expect((await dispatch(desk.ctx, 'sync.setSettings', { url: 'https://user:pw@ho.example.com' })).ok).toBe(false);
    const owner = await dispatch(desk.as({ name: 'Owner Dana', role: 'owner' }), 'sync.setSettings', { url: 'https://ho.example.com', token: PUSH });
    expect(owner).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(desk.ctx, 'sync.status', {})).toMatchObject({ configured: false });
    // Push now needs the process that runs the loop.
    expect(await dispatch(desk.ctx, 'sync.pushNow', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('Test connection says what is wrong: nobody there, or a station desk instead of a head office', async () => {
    const desk = await seededDesk();
    const nobody = await call(desk.ctx, 'sync.test', { url: `http://127.0.0.1:${await freePort()}`, token: PUSH });
    expect(nobody).toMatchObject({ ok: false, station: null });
    expect(nobody.message).toMatch(/cannot be reached \(connection refused\)/);
    const other = await startTestServer();
    cleanups.push(() => other.close());
    const notHo = await call(desk.ctx, 'sync.test', { url: other.url, token: PUSH });
    expect(notHo.message).toMatch(/not a head office/);
    expect(await dispatch(desk.ctx, 'sync.test', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('forgetting the head office stops the capture and drops what waited', async () => {
    const desk = await seededDesk();
    await call(desk.ctx, 'sync.setSettings', { url: 'https://ho.example.com', token: PUSH });
    desk.opened.sqlite.exec(`UPDATE sync_state SET epoch = 'e1', station = 'X' WHERE id = 1`);
    const [d] = await call(desk.ctx, 'roster.list', {});
    await call(desk.ctx, 'roster.upsert', { id: d!.id, transporterId: d!.transporterId, name: d!.name, notes: 'captured' });
    expect((await call(desk.ctx, 'sync.status', {})).pending).toBeGreaterThan(0);
    await call(desk.ctx, 'sync.setSettings', { url: null });
    await call(desk.ctx, 'roster.upsert', { id: d!.id, transporterId: d!.transporterId, name: d!.name, notes: 'not captured' });
    expect(await call(desk.ctx, 'sync.status', {})).toMatchObject({ configured: false, pending: 0 });
  });
});

describe('the background push loop', () => {
  it('backs off from 5 s doubling to 5 min', () => {
    expect([0, 1, 2, 3, 6, 7, 20, 1000].map((n) => pushBackoffMs(n))).toEqual([0, 5_000, 10_000, 20_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it('shows an unreachable head office, keeps trying, and stops cleanly', async () => {
    const desk = await seededDesk();
    await call(desk.ctx, 'sync.setSettings', { url: `http://127.0.0.1:${await freePort()}`, token: PUSH });
    const events: SyncStatus[] = [];
    desk.ctx.events.subscribe((e) => void (e.type === 'sync' && events.push(e.data as SyncStatus)));
    const loop = new SyncLoop({ sqlite: desk.opened.sqlite, events: desk.ctx.events, debounceMs: 0, backoffMinMs: 20, backoffMaxMs: 40 });
    loop.start();
    cleanups.push(() => loop.stop());
    await vi.waitFor(() => expect(loop.status()).toMatchObject({ errorKind: 'unreachable', errorCause: 'connection refused' }), { timeout: 10_000, interval: 10 });
    const first = loop.status();
    expect(first.failingSince).not.toBeNull();
    expect(first.pending).toBeGreaterThan(0); // the first push began the epoch: the snapshot waits
    await vi.waitFor(() => expect(loop.status().lastPushAt! > first.lastPushAt!).toBe(true), { timeout: 10_000, interval: 10 });
    expect(loop.status().failingSince).toBe(first.failingSince); // still the same run of failures
    expect(events.at(-1)!.errorKind).toBe('unreachable');
    await loop.stop();
    expect(loop.status()).toMatchObject({ running: false, nextAttemptAt: null });
  });

  it('never runs two pushes at once, however often it is asked', async () => {
    const desk = await seededDesk();
    const ho = await failingHeadOffice(100);
    await call(desk.ctx, 'sync.setSettings', { url: ho.url, token: PUSH });
    const loop = new SyncLoop({ sqlite: desk.opened.sqlite, events: desk.ctx.events, debounceMs: 0, backoffMinMs: 1, backoffMaxMs: 1 });
    loop.start();
    cleanups.push(() => loop.stop());
    const asks = [];
    for (let i = 0; i < 5; i++) {
      desk.ctx.events.emit({ type: 'changed', at: new Date().toISOString(), channel: 'roster.upsert' });
      asks.push(loop.pushNow().catch(() => null));
    }
    await Promise.all(asks);
    await vi.waitFor(() => expect(ho.seen.requests).toBeGreaterThanOrEqual(6), { timeout: 10_000, interval: 10 });
    expect(ho.seen.maxOpen).toBe(1);
    const s = loop.status();
    expect(s).toMatchObject({ errorKind: 'failed', errorCause: 'head office answered 503' });
  });

  it('paused: a local write schedules nothing; resumed: it pushes again', async () => {
    const desk = await seededDesk();
    const ho = await failingHeadOffice(0);
    await call(desk.ctx, 'sync.setSettings', { url: ho.url, token: PUSH, paused: true });
    const loop = new SyncLoop({ sqlite: desk.opened.sqlite, events: desk.ctx.events, debounceMs: 0 });
    loop.start();
    cleanups.push(() => loop.stop());
    const [d] = await call(desk.ctx, 'roster.list', {});
    await call(desk.ctx, 'roster.upsert', { id: d!.id, transporterId: d!.transporterId, name: d!.name, notes: 'while paused' });
    expect(loop.status()).toMatchObject({ paused: true, nextAttemptAt: null, pushing: false });
    expect(ho.seen.requests).toBe(0);
    await call(desk.ctx, 'sync.setSettings', { paused: false });
    await vi.waitFor(() => expect(ho.seen.requests).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
  });
});
