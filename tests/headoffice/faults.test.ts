import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/open';
import { openHeadOffice, type OpenedHeadOffice } from '../../electron/db/pg/connect';
import { addHeadOfficeToken } from '../../electron/headoffice/tokens';
import { seedDemo } from '../../electron/services/demo/seed';
import { call } from '../../electron/services/dispatch';
import { fixedClock } from '../../shared/dates';
import { testDesk } from '../helpers/context';
import { freePort } from '../helpers/ports';
import { deskRows, headOfficeRows } from './compare';
import { describeWithPostgres } from './pg';
import { cli, startHeadOffice } from './processes';

/** A seeded desk under `code`, closed again (the CLI opens it). */
function seededDesk(code: string, seed: number): string {
  const desk = testDesk();
  seedDemo(desk.ctx, { seed });
  desk.opened.sqlite.prepare(`UPDATE station SET code = ?`).run(code);
  desk.close();
  return desk.dbPath;
}

/** A day of desk work, through dispatch(), with the desk's clock a day on. */
async function dayOfWork(dbPath: string, tag: string): Promise<void> {
  const desk = testDesk({ file: dbPath, clock: fixedClock('2026-11-27T13:00:00Z') });
  const drivers = await call(desk.ctx, 'roster.list', {});
  for (const d of drivers.slice(0, 20)) await call(desk.ctx, 'roster.upsert', { id: d.id, transporterId: d.transporterId, name: d.name, notes: tag });
  await call(desk.ctx, 'roster.archive', { id: drivers[21]!.id });
  desk.close();
}

const sync = (db: string, url: string, token: string) => cli(['sync', '--db', db, '--to', url, `--token=${token}`, '--once', '--json']);

async function expectSame(ho: OpenedHeadOffice, dbPath: string, code: string): Promise<void> {
  const desk = openDatabase(dbPath);
  try {
    expect(await headOfficeRows(ho.pool, code)).toEqual(deskRows(desk.sqlite));
  } finally {
    desk.close();
  }
}

describeWithPostgres('head office faults (real processes)', (url) => {
  let ho: OpenedHeadOffice;
  beforeAll(async () => {
    ho = await openHeadOffice(url());
  });
  afterAll(async () => {
    await ho?.close();
  });

  it('head office down for a day: the desk keeps working, then catches up with nothing lost or doubled', async () => {
    const db = seededDesk('DOWN1', 21);
    const { token } = await addHeadOfficeToken(ho.db, 'DOWN1', 'station');
    const port = await freePort();
    let server = await startHeadOffice(url(), port);
    const first = await sync(db, server.url, token);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, pending: 0 });
    await server.stop();

    await dayOfWork(db, 'worked while the head office was down');
    const offline = await sync(db, server.url, token);
    expect(offline.code).not.toBe(0);
    expect(offline.stderr).toMatch(/cannot be reached/);
    const waiting = openDatabase(db);
    expect(waiting.sqlite.prepare(`SELECT count(*) FROM sync_outbox`).pluck().get()).toBeGreaterThan(20);
    waiting.close();

    server = await startHeadOffice(url(), port);
    const back = await sync(db, server.url, token);
    expect(back.code, back.stderr).toBe(0);
    const r = JSON.parse(back.stdout);
    expect(r).toMatchObject({ ok: true, pending: 0 });
    expect(r.lastSeq).toBe(JSON.parse(first.stdout).lastSeq + r.pushed);
    await expectSame(ho, db, 'DOWN1');
    await server.stop();
  });

  it('kill -9 of the head office mid-batch: the batch is applied whole or not at all, and the desk resends it', async () => {
    const db = seededDesk('KILL1', 22);
    const { token } = await addHeadOfficeToken(ho.db, 'KILL1', 'station');
    const port = await freePort();
    let server = await startHeadOffice(url(), port);
    expect((await sync(db, server.url, token)).code).toBe(0);
    await server.stop();
    const before = await headOfficeRows(ho.pool, 'KILL1');
    const seqBefore = (await ho.pool.query(`SELECT last_seq FROM ho_stations WHERE code = 'KILL1'`)).rows[0].last_seq;

    await dayOfWork(db, 'sent while the head office died');
    server = await startHeadOffice(url(), port, { DESK_CRASH_AT: 'headoffice:before-commit' });
    const lost = await sync(db, server.url, token);
    expect((await server.done).signal).toBe('SIGKILL');
    expect(lost.code).not.toBe(0);
    // Nothing of the batch: the rows and the sequence are as before it.
    expect(await headOfficeRows(ho.pool, 'KILL1')).toEqual(before);
    expect((await ho.pool.query(`SELECT last_seq FROM ho_stations WHERE code = 'KILL1'`)).rows[0].last_seq).toBe(seqBefore);

    server = await startHeadOffice(url(), port);
    const resent = await sync(db, server.url, token);
    expect(resent.code, resent.stderr).toBe(0);
    expect(JSON.parse(resent.stdout)).toMatchObject({ ok: true, pending: 0 });
    await expectSame(ho, db, 'KILL1');
    await server.stop();
  });
});
