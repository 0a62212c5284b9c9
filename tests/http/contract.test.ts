/**
 * Contract-wide over real HTTP: every `write` and `admin` channel answers an owner token 403
 * (before validation: the body is empty), and a write that meets another writer's lock answers
 * 503 BUSY with Retry-After — never 500.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../electron/services/dispatch';
import { contract, KIOSK_CHANNELS, type Channel } from '../../shared/contract';
import { startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
let owner: string;
let kiosk: string;
beforeAll(async () => {
  s = await startTestServer();
  owner = (await call(s.ctx, 'tokens.create', { name: 'Owner Dana', role: 'owner' })).token;
  kiosk = (await call(s.ctx, 'tokens.create', { name: 'Kiosk – front door', role: 'kiosk' })).token;
});
afterAll(async () => s?.close());

const deskOnly = (Object.keys(contract) as Channel[]).filter((c) => contract[c].access !== 'read');

describe('owner tokens', () => {
  it('the contract has desk-only channels of both kinds', () => {
    expect(deskOnly.some((c) => contract[c].access === 'admin')).toBe(true);
    expect(deskOnly.filter((c) => contract[c].access === 'write').length).toBeGreaterThan(40);
  });

  it.each(deskOnly)('%s answers an owner 403', async (name) => {
    const res = await s.call(name, {}, owner);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the same owner token reads (so the 403s are about the role, not the token)', async () => {
    expect((await s.call('roster.list', {}, owner)).status).toBe(200);
  });
});

describe('kiosk tokens', () => {
  const others = (Object.keys(contract) as Channel[]).filter((c) => !KIOSK_CHANNELS.includes(c));

  it('may call exactly the look-up and check-in', () => {
    expect([...KIOSK_CHANNELS].sort()).toEqual(['checkin.set', 'kiosk.lookup']);
    expect(others.length).toBe(Object.keys(contract).length - 2);
  });

  it.each(others)('%s answers a kiosk 403', async (name) => {
    const res = await s.call(name, {}, kiosk);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the same kiosk token reaches its two channels (so the 403s are about the role)', async () => {
    expect((await s.call('kiosk.lookup', { transporterId: 'NOBODY1' }, kiosk)).status).toBe(404);
    expect((await s.call('checkin.set', { transporterId: 'NOBODY1', status: 'checked_in' }, kiosk)).status).toBe(404);
  });
});

describe('BUSY', () => {
  it('a write blocked by another writer answers 503 with Retry-After, and goes through once the lock is gone', async () => {
    s.ctx.db.$client.pragma('busy_timeout = 0');
    const other = new Database(s.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await fetch(`${s.url}/api/roster.upsert`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}` },
        body: JSON.stringify({ transporterId: 'A2KX7Q9M4T1B3C', name: 'Maria Gonzalez' }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await s.call('roster.upsert', { transporterId: 'A2KX7Q9M4T1B3C', name: 'Maria Gonzalez' })).status).toBe(200);
  });
});
