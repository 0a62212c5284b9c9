import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { capturedTables } from '../../electron/db/capture';
import { StationHost } from '../../electron/db/station-host';
import { startHeadOfficeServer, type HeadOfficeServer } from '../../electron/headoffice/server';
import { addHeadOfficeToken } from '../../electron/headoffice/tokens';
import { startDeskServer, type DeskServer } from '../../electron/server';
import { call } from '../../electron/services/dispatch';
import { seedDemo } from '../../electron/services/demo/seed';
import { contract } from '../../shared/contract';
import type { SyncStatus } from '../../shared/contract/sync';
import type { DeskEvent } from '../../shared/events';
import { testDesk, type TestDesk } from '../helpers/context';
import { counts, deskRows, headOfficeRows } from './compare';
import { describeWithPostgres } from './pg';
import { startCli } from './processes';
import { endChild } from '../helpers/child-cli';

/**
 * The background push (issue 15) end to end: a real desk server with its station's background work
 * running, a real head office on PostgreSQL, configured through the desk's HTTP API like Settings does.
 */
describeWithPostgres('the desk pushes in the background and shows it', (pgUrl) => {
  const OWNER = 'owner-token-for-tests';
  const DESK = 'desk-token-for-loop-tests';
  let ho: HeadOfficeServer;
  let hoPort = 0;
  let desk: TestDesk;
  let host: StationHost;
  let server: DeskServer;
  let code = '';
  let pushToken = '';
  let ownerOfDesk = '';
  const logs: string[] = [];
  const events: DeskEvent[] = [];
  const consoleLines: string[] = [];

  let hoUp = false;
  const stopHo = async () => {
    hoUp = false;
    await ho.close();
  };
  const startHo = async (port = 0) => {
    hoUp = true;
    ho = await startHeadOfficeServer({ postgres: pgUrl(), ownerToken: OWNER, port, keepPositionsDays: 36500, log: (l) => logs.push(`ho: ${l}`) });
    hoPort = ho.port;
  };
  const api = async (channel: string, input: unknown = {}, token = DESK) => {
    const res = await fetch(`${server.url}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as { ok: boolean; data: any; error?: { code: string; message: string } } };
  };
  const status = async () => (await api('sync.status')).body.data as SyncStatus;
  /** Wait until the status satisfies `ok` (the loop's own pace; no fixed sleeps). */
  const until = (ok: (s: SyncStatus) => boolean, what: string, timeout = 30_000) =>
    vi.waitFor(
      async () => {
        const s = await status();
        if (!ok(s)) throw new Error(`still waiting for ${what}: ${JSON.stringify(s)}`);
        return s;
      },
      { timeout, interval: 50 },
    );
  const hoLastSeq = async () => Number((await ho.ho.pool.query(`SELECT last_seq FROM ho_stations WHERE code = $1`, [code])).rows[0]?.last_seq ?? -1);
  const note = (n: number) => {
    const d = desk.opened.sqlite.prepare(`SELECT id, transporter_id AS transporterId, name FROM drivers ORDER BY id LIMIT 1 OFFSET ?`).get(n) as { id: number; transporterId: string; name: string };
    return api('roster.upsert', { id: d.id, transporterId: d.transporterId, name: d.name, notes: `loop test ${n} ${Date.now()}` });
  };

  beforeAll(async () => {
    for (const m of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    }
    await startHo();
    desk = testDesk();
    seedDemo(desk.ctx, { seed: 21 });
    code = desk.opened.sqlite.prepare(`SELECT code FROM station`).pluck().get() as string;
    pushToken = (await addHeadOfficeToken(ho.ho.db, code, 'station')).token;
    ownerOfDesk = (await call(desk.ctx, 'tokens.create', { name: 'Owner Dana', role: 'owner' })).token;
    host = new StationHost(desk.opened);
    desk.ctx.events.subscribe((e) => void events.push(e));
    host.startBackground(desk.ctx.events, (l) => logs.push(`station: ${l}`), { backupDelayMs: 3_600_000, integrityDelayMs: 3_600_000, sync: { debounceMs: 50, everyMs: 60_000, backoffMinMs: 100, backoffMaxMs: 400 } });
    server = await startDeskServer({ opened: desk.opened, station: host, events: desk.ctx.events, port: 0, deskToken: DESK, log: (l) => logs.push(`desk: ${l}`) });
  });
  afterAll(async () => {
    await server?.close();
    host?.stop();
    await host?.sync?.stop();
    if (hoUp) await ho.close();
    desk?.close();
    vi.restoreAllMocks();
  });

  it('is "not set up" until configured; fields are checked; an owner token cannot set it', async () => {
    expect(await status()).toMatchObject({ configured: false, tokenSet: false, running: true, pending: 0, nextAttemptAt: null });
    const bad = await api('sync.setSettings', { url: 'ftp://head-office', token: ' ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toMatch(/url/);
    const owner = await api('sync.setSettings', { url: ho.url, token: pushToken }, ownerOfDesk);
    expect(owner.status).toBe(403);
    expect((await status()).configured).toBe(false);
    // Test connection with the typed-in values, before saving: reaches the head office, token accepted.
    const test = await api('sync.test', { url: ho.url, token: pushToken });
    expect(test.body.data).toMatchObject({ ok: true, station: code, lastSeq: null });
    const wrong = await api('sync.test', { url: ho.url, token: 'not-a-push-token' });
    expect(wrong.body.data).toMatchObject({ ok: false, station: null });
    expect(wrong.body.data.message).toMatch(/does not know this push token/);
  });

  it('configured through the API, the loop pushes a full snapshot; a write follows within moments', async () => {
    const set = await api('sync.setSettings', { url: ho.url, token: pushToken });
    expect(set.body).toEqual({ ok: true, data: { url: ho.url, tokenSet: true, paused: false } });
    const first = await until((s) => s.lastOkAt !== null && s.pending === 0 && !s.pushing, 'the first push');
    expect(first).toMatchObject({ configured: true, lastError: null, headOfficeStation: code });
    expect(counts(await headOfficeRows(ho.ho.pool, code))).toEqual(counts(deskRows(desk.opened.sqlite)));
    const seq = await hoLastSeq();
    expect(seq).toBeGreaterThan(100);

    expect((await note(1)).status).toBe(200);
    await vi.waitFor(async () => expect(await hoLastSeq()).toBeGreaterThan(seq), { timeout: 15_000, interval: 50 });
    expect(await headOfficeRows(ho.ho.pool, code)).toEqual(deskRows(desk.opened.sqlite));
    await until((s) => s.pending === 0 && !s.pushing, 'the acknowledgement');
    // The console heard about it: `sync` events carry the status.
    expect(events.some((e) => e.type === 'sync' && (e.data as SyncStatus).pending > 0)).toBe(true);
    expect(events.filter((e) => e.type === 'sync').at(-1)?.data).toMatchObject({ pending: 0 });
  });

  it('head office down: the error shows and pending grows; back up: it catches up, counts equal', async () => {
    await stopHo();
    await note(2);
    const down = await until((s) => s.errorKind === 'unreachable' && s.pending > 0, 'the unreachable error');
    expect(down.errorCause).toBe('connection refused');
    expect(down.failingSince).not.toBeNull();
    expect(down.lastError).toMatch(/cannot be reached/);
    await note(3);
    await note(4);
    // It keeps trying, backing off: another attempt is due.
    const more = await until((s) => s.pending > down.pending && s.nextAttemptAt !== null, 'pending to grow');
    expect(more.errorKind).toBe('unreachable');

    await startHo(hoPort);
    const back = await until((s) => s.pending === 0 && s.lastError === null && !s.pushing, 'the catch-up');
    expect(back.failingSince).toBeNull();
    expect(await headOfficeRows(ho.ho.pool, code)).toEqual(deskRows(desk.opened.sqlite));
  });

  it('pause stops pushing (changes wait); resume and "push now" send them', async () => {
    await api('sync.setSettings', { paused: true });
    const seq = await hoLastSeq();
    await note(5);
    // The write is captured and counted, and no push is scheduled: had the loop pushed, the 50 ms
    // debounce would have fired before the status event that reports the pending change (250 ms).
    const paused = await until((s) => s.paused && s.pending > 0, 'the paused status');
    expect(paused.nextAttemptAt).toBeNull();
    await vi.waitFor(() => expect(events.some((e) => e.type === 'sync' && (e.data as SyncStatus).paused && (e.data as SyncStatus).pending > 0)).toBe(true), { timeout: 5_000, interval: 20 });
    expect(await hoLastSeq()).toBe(seq);

    const now = await api('sync.pushNow');
    expect(now.body.data).toMatchObject({ paused: true, pending: 0, lastError: null });
    expect(await hoLastSeq()).toBeGreaterThan(seq);

    await note(6);
    await until((s) => s.pending > 0, 'a pending change while paused');
    await api('sync.setSettings', { paused: false });
    await until((s) => !s.paused && s.pending === 0 && !s.pushing, 'the push after resume');
    expect(await headOfficeRows(ho.ho.pool, code)).toEqual(deskRows(desk.opened.sqlite));
  });

  it('the token never leaves: no read answer, event, log, audit entry or captured row carries it', async () => {
    const answers: string[] = [];
    for (const [name, def] of Object.entries(contract)) {
      if (def.access !== 'read' || !def.input.safeParse({}).success) continue;
      answers.push(`${name}: ${(await api(name, {})).text}`);
    }
    answers.push((await api('sync.status', {}, ownerOfDesk)).text);
    expect(answers.length).toBeGreaterThan(20);
    const audit = (await api('audit.list', {})).text;
    expect(audit).toContain('headOffice');
    const leaving = capturedTables().map((t) => JSON.stringify(desk.opened.sqlite.prepare(`SELECT * FROM "${t.name}"`).all()));
    const outbox = JSON.stringify(desk.opened.sqlite.prepare(`SELECT * FROM sync_outbox`).all());
    const held = JSON.stringify(await ho.ho.pool.query(`SELECT * FROM settings`).then((r) => r.rows));
    for (const text of [...answers, audit, ...leaving, outbox, held, JSON.stringify(events), ...logs, ...consoleLines]) expect(text).not.toContain(pushToken);
    // It is still there, and still works: the desk pushed with it above.
    expect((await status()).tokenSet).toBe(true);
  });

  it('clearing the URL stops the capture; the token can be cleared and replaced', async () => {
    await api('sync.setSettings', { token: null });
    expect(await status()).toMatchObject({ configured: false, tokenSet: false, nextAttemptAt: null });
    await api('sync.setSettings', { token: pushToken });
    expect((await status()).tokenSet).toBe(true);
    await api('sync.setSettings', { url: null });
    await note(7);
    expect(await status()).toMatchObject({ configured: false, pending: 0 });
  });
});

describeWithPostgres('sync without --once: the same loop, in a process of its own', (pgUrl) => {
  it('pushes, says so one line at a time, and stops on SIGTERM', async () => {
    const ho = await startHeadOfficeServer({ postgres: pgUrl(), ownerToken: 'owner-token-for-tests', keepPositionsDays: 36500 });
    try {
      const desk = testDesk();
      seedDemo(desk.ctx, { seed: 4 });
      desk.opened.sqlite.exec(`UPDATE station SET code = 'CLI1'`);
      desk.close();
      const { token } = await addHeadOfficeToken(ho.ho.db, 'CLI1', 'station');
      const run = startCli(['sync', '--db', desk.dbPath, '--to', ho.url, `--token=${token}`, '--every', '1', '--json']);
      let out = '';
      run.child.stdout!.on('data', (d) => (out += String(d)));
      await vi.waitFor(() => expect(out).toMatch(/"pending":0/), { timeout: 60_000, interval: 50 });
      const first = JSON.parse(out.split('\n')[0]!) as { ok: boolean; pushed: number; lastSeq: number };
      expect(first).toMatchObject({ ok: true });
      expect(first.pushed).toBeGreaterThan(100);
      const done = await endChild(run.child, run.done);
      expect(done.code).toBe(0);
      expect(done.stdout + done.stderr).not.toContain(token);
    } finally {
      await ho.close();
    }
  });
});
