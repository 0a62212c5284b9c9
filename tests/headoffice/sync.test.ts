import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSyncState } from '../../electron/db/capture';
import { startHeadOfficeServer, type HeadOfficeServer } from '../../electron/headoffice/server';
import { syncOnce } from '../../electron/headoffice/sync';
import { addHeadOfficeToken } from '../../electron/headoffice/tokens';
import { PUSH_PATH } from '../../electron/headoffice/protocol';
import { backupStation } from '../../electron/db/backup';
import { restoreIntoOpenStation } from '../../electron/db/restore';
import { seedDemo } from '../../electron/services/demo/seed';
import { call } from '../../electron/services/dispatch';
import { testDesk, tempDir } from '../helpers/context';
import { fixedClock } from '../../shared/dates';
import { counts, deskRows, headOfficeRows } from './compare';
import { describeWithPostgres } from './pg';

describeWithPostgres('push to the head office: snapshot, changes, resume, never double', (url) => {
  let ho: HeadOfficeServer;
  beforeAll(async () => {
    ho = await startHeadOfficeServer({ postgres: url(), ownerToken: 'owner-token-for-tests', keepPositionsDays: 36500 });
  });
  afterAll(async () => {
    await ho?.close();
  });

  it('a new station arrives whole, later changes follow, a resent batch changes nothing', async () => {
    const desk = testDesk();
    seedDemo(desk.ctx, { seed: 7 });
    const code = (desk.opened.sqlite.prepare(`SELECT code FROM station`).pluck().get() as string);
    const { token } = await addHeadOfficeToken(ho.ho.db, code, 'station');
    const opts = { url: ho.url, token, batchChanges: 700 };

    const first = await syncOnce(desk.opened.sqlite, opts);
    expect(first).toMatchObject({ ok: true, pending: 0, snapshot: true });
    expect(first.pushed).toBeGreaterThan(700); // several batches
    const want = deskRows(desk.opened.sqlite);
    expect(counts(want).drivers).toBeGreaterThan(10);
    expect(await headOfficeRows(ho.ho.pool, code)).toEqual(want);

    // Desk work through dispatch(): the same rows arrive, nothing else.
    const drivers = await call(desk.ctx, 'roster.list', {});
    await call(desk.ctx, 'roster.upsert', { id: drivers[0]!.id, transporterId: drivers[0]!.transporterId, name: drivers[0]!.name, notes: 'moved to nights' });
    await call(desk.ctx, 'roster.archive', { id: drivers[1]!.id });
    const second = await syncOnce(desk.opened.sqlite, opts);
    expect(second.snapshot).toBe(false);
    expect(second.pushed).toBeGreaterThan(0);
    expect(second.lastSeq).toBe(first.lastSeq + second.pushed);
    expect(await headOfficeRows(ho.ho.pool, code)).toEqual(deskRows(desk.opened.sqlite));

    // Nothing new: nothing pushed. A batch sent again (an answer lost on the way) is skipped.
    expect((await syncOnce(desk.opened.sqlite, opts)).pushed).toBe(0);
    const state = readSyncState(desk.opened.sqlite);
    const resend = { epoch: state.epoch, station: code, pending: 0, changes: [{ seq: second.lastSeq, op: 'U', tbl: 'drivers', key: [drivers[0]!.id], row: { ...(deskRows(desk.opened.sqlite).drivers!.get(`[${drivers[0]!.id}]`) as object), notes: 'stale' } }] };
    const res = await fetch(new URL(PUSH_PATH, ho.url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(resend) });
    expect(res.status).toBe(200);
    expect(await headOfficeRows(ho.ho.pool, code)).toEqual(deskRows(desk.opened.sqlite));
    desk.close();
  });

  it('a restored desk starts a new epoch: the head office takes its snapshot, not the numbers it saw', async () => {
    const desk = testDesk();
    seedDemo(desk.ctx, { seed: 11 });
    desk.opened.sqlite.exec(`UPDATE station SET code = 'RST1'`);
    const { token } = await addHeadOfficeToken(ho.ho.db, 'RST1', 'station');
    const opts = { url: ho.url, token };
    const first = await syncOnce(desk.opened.sqlite, opts);
    const backup = path.join(tempDir(), 'before.db');
    await backupStation(desk.opened.sqlite, desk.dbPath, backup);
    // After the backup: changes that reach the head office, then the desk goes back to the backup.
    const drivers = await call(desk.ctx, 'roster.list', {});
    for (const d of drivers.slice(0, 5)) await call(desk.ctx, 'roster.upsert', { id: d.id, transporterId: d.transporterId, name: d.name, notes: 'after the backup' });
    await syncOnce(desk.opened.sqlite, opts);
    await restoreIntoOpenStation(desk.opened, backup);
    expect(readSyncState(desk.opened.sqlite).epoch).not.toBe(first.epoch);
    // The restored desk works on: fewer changes than the head office saw of the old epoch.
    await call(desk.ctx, 'roster.upsert', { id: drivers[9]!.id, transporterId: drivers[9]!.transporterId, name: drivers[9]!.name, notes: 'after the restore' });
    const after = await syncOnce(desk.opened.sqlite, opts);
    expect(after.snapshot).toBe(false); // the restore already began the epoch
    expect(after.epoch).not.toBe(first.epoch);
    const ho1 = await headOfficeRows(ho.ho.pool, 'RST1');
    expect(ho1).toEqual(deskRows(desk.opened.sqlite));
    expect([...ho1.drivers!.values()].filter((d) => (d as { notes: string }).notes === 'after the backup')).toEqual([]);
    desk.close();
  });

  it("a desk clock wrong by hours changes nothing: order is the sequence, not the clock", async () => {
    const desk = testDesk({ clock: fixedClock('2026-11-26T21:00:00Z') });
    seedDemo(desk.ctx, { seed: 13 });
    desk.opened.sqlite.exec(`UPDATE station SET code = 'CLK1'`);
    const { token } = await addHeadOfficeToken(ho.ho.db, 'CLK1', 'station');
    const [d] = await call(desk.ctx, 'roster.list', {});
    const late = { ...desk.ctx, clock: fixedClock('2026-11-27T04:00:00Z') }; // seven hours ahead
    const early = { ...desk.ctx, clock: fixedClock('2026-11-26T14:00:00Z') }; // then seven behind
    await call(late, 'roster.upsert', { id: d!.id, transporterId: d!.transporterId, name: d!.name, notes: 'first, clock ahead' });
    await call(early, 'roster.upsert', { id: d!.id, transporterId: d!.transporterId, name: d!.name, notes: 'second, clock behind' });
    await syncOnce(desk.opened.sqlite, { url: ho.url, token, now: () => new Date('2026-11-25T03:00:00Z') });
    const held = await headOfficeRows(ho.ho.pool, 'CLK1');
    expect((held.drivers!.get(`[${d!.id}]`) as { notes: string }).notes).toBe('second, clock behind');
    expect(held).toEqual(deskRows(desk.opened.sqlite));
    desk.close();
  });

  it('refuses a push with another station’s token, and an owner token may not push', async () => {
    const desk = testDesk();
    seedDemo(desk.ctx, { seed: 5 });
    desk.opened.sqlite.exec(`UPDATE station SET code = 'OWN1'`);
    const other = await addHeadOfficeToken(ho.ho.db, 'OTHR', 'station');
    await expect(syncOnce(desk.opened.sqlite, { url: ho.url, token: other.token })).rejects.toThrow(/pushes as station OTHR; the desk is station OWN1/);
    await expect(syncOnce(desk.opened.sqlite, { url: ho.url, token: 'owner-token-for-tests' })).rejects.toThrow(/Only a station token may push/);
    await expect(syncOnce(desk.opened.sqlite, { url: ho.url, token: 'not-a-token' })).rejects.toThrow(/Unknown or revoked token/);
    const r = await ho.ho.pool.query(`SELECT count(*)::int AS n FROM drivers WHERE ho_station IN ('OWN1', 'OTHR')`);
    expect(r.rows[0].n).toBe(0);
    expect(readSyncState(desk.opened.sqlite).lastError).toMatch(/refused/);
    desk.close();
  });

  it('a change written while its push is on the way is kept for the next push, not forgotten with the acknowledged', async () => {
    const desk = testDesk();
    seedDemo(desk.ctx, { seed: 17 });
    desk.opened.sqlite.exec(`UPDATE station SET code = 'MID1'`);
    const [d] = await call(desk.ctx, 'roster.list', {});
    let pushes = 0;
    // The head office's request log runs once a push is answered, before the desk reads the answer:
    // the change lands after the desk read its last batch and before it forgets what was acknowledged.
    const mid = await startHeadOfficeServer({
      postgres: url(),
      ownerToken: 'owner-token-for-tests',
      keepPositionsDays: 36500,
      log: (line) => {
        if (line.startsWith('POST /sync/push 200') && ++pushes === 2) desk.opened.sqlite.prepare(`UPDATE drivers SET notes = 'written mid-push' WHERE id = ?`).run(d!.id);
      },
    });
    try {
      const { token } = await addHeadOfficeToken(mid.ho.db, 'MID1', 'station');
      // One batch for the whole snapshot: the change is written after the desk read past the end.
      const first = await syncOnce(desk.opened.sqlite, { url: mid.url, token, batchChanges: 1_000_000, batchBytes: 60 * 1024 * 1024 });
      expect(pushes).toBeGreaterThanOrEqual(2);
      expect(first.pending).toBe(1);
      expect(desk.opened.sqlite.prepare(`SELECT count(*) FROM sync_outbox`).pluck().get()).toBe(1);
      const second = await syncOnce(desk.opened.sqlite, { url: mid.url, token });
      expect(second).toMatchObject({ pushed: 1, pending: 0, lastSeq: first.lastSeq + 1 });
      const held = await headOfficeRows(mid.ho.pool, 'MID1');
      expect((held.drivers!.get(`[${d!.id}]`) as { notes: string }).notes).toBe('written mid-push');
      expect(held).toEqual(deskRows(desk.opened.sqlite));
    } finally {
      await mid.close();
      desk.close();
    }
  });

  it('a snapshot holding a row twice is refused whole', async () => {
    const desk = testDesk();
    seedDemo(desk.ctx, { seed: 19 });
    const driver = deskRows(desk.opened.sqlite).drivers!.values().next().value as { id: number };
    desk.close();
    const { token } = await addHeadOfficeToken(ho.ho.db, 'DUP1', 'station');
    const snapshot = { seq: 2, op: 'S', tbl: 'drivers', key: [driver.id], row: driver };
    const body = { epoch: 'e-dup', station: 'DUP1', pending: 0, changes: [{ seq: 1, op: 'B', tbl: '', key: [], row: null }, snapshot, { ...snapshot, seq: 3 }, { seq: 4, op: 'E', tbl: '', key: [], row: null }] };
    const res = await fetch(new URL(PUSH_PATH, ho.url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/holds a row of drivers twice; nothing of this batch was applied/);
    const held = await ho.ho.pool.query(`SELECT epoch, last_seq FROM ho_stations WHERE code = 'DUP1'`);
    expect(held.rows.map((r) => [r.epoch, Number(r.last_seq)])).toEqual([]);
    expect((await ho.ho.pool.query(`SELECT count(*)::int AS n FROM drivers WHERE ho_station = 'DUP1'`)).rows[0].n).toBe(0);
  });
});
