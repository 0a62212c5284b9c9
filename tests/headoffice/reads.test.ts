import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHeadOfficeServer, type HeadOfficeServer } from '../../electron/headoffice/server';
import { HEAD_OFFICE_CHANNELS } from '../../electron/headoffice/replica';
import { syncOnce } from '../../electron/headoffice/sync';
import { addHeadOfficeToken } from '../../electron/headoffice/tokens';
import { seedDemo } from '../../electron/services/demo/seed';
import { call, dispatch } from '../../electron/services/dispatch';
import { fixedClock } from '../../shared/dates';
import { testDesk, type TestDesk } from '../helpers/context';
import { describeWithPostgres } from './pg';

const clock = fixedClock('2026-11-26T16:30:00Z');
/** The head office's clock: the tests' moment unless a test moves it (and puts it back). */
let hoNow = '2026-11-26T16:30:00Z';
const hoClock = { now: () => new Date(hoNow) };
const OWNER = 'owner-token-for-tests';
const STATIONS = [
  { code: 'DSE4', seed: 1 },
  { code: 'DWA6', seed: 2 },
  { code: 'DSE5', seed: 3 },
];

describeWithPostgres('head-office reads equal each desk’s own answers', (url) => {
  let ho: HeadOfficeServer;
  const desks = new Map<string, TestDesk>();
  const read = async (channel: string, body: object) => {
    const res = await fetch(`${ho.url}/api/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${OWNER}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    ho = await startHeadOfficeServer({ postgres: url(), ownerToken: OWNER, clock: hoClock, keepPositionsDays: 36500 });
    for (const s of STATIONS) {
      const desk = testDesk({ clock });
      seedDemo(desk.ctx, { seed: s.seed, station: s.code });
      const { token } = await addHeadOfficeToken(ho.ho.db, s.code, 'station');
      await syncOnce(desk.opened.sqlite, { url: ho.url, token });
      desks.set(s.code, desk);
    }
  }, 600_000);
  afterAll(async () => {
    for (const d of desks.values()) d.close();
    await ho?.close();
  });

  /** Each channel's inputs to compare: the default, and one that picks something (a week). */
  async function inputsFor(channel: string, desk: TestDesk): Promise<object[]> {
    if (channel === 'scorecards.week') {
      const weeks = await call(desk.ctx, 'scorecards.weeks', {});
      expect(weeks.length).toBeGreaterThan(0);
      return [{ week: weeks[0]!.week }, { week: weeks.at(-1)!.week }];
    }
    if (channel === 'standup.summary' || channel === 'fleet.readiness') return [{}, { date: '2026-11-20' }];
    return [{}];
  }

  it('for every head-office channel and every demo station: the same answer as the desk', async () => {
    let compared = 0;
    for (const channel of HEAD_OFFICE_CHANNELS) {
      for (const [code, desk] of desks) {
        for (const input of await inputsFor(channel, desk)) {
          const own = await dispatch({ ...desk.ctx, actor: { name: 'owner', role: 'owner' } }, channel, input);
          expect(own.ok, `${channel} on the desk ${code}`).toBe(true);
          const got = await read(channel, { station: code, ...input });
          expect(got.status, `${channel} ${code}`).toBe(200);
          expect(got.body, `${channel} ${code} ${JSON.stringify(input)}`).toEqual(JSON.parse(JSON.stringify(own)));
          compared++;
        }
      }
    }
    expect(compared).toBe(HEAD_OFFICE_CHANNELS.length * 3 + 3 * 3);
  });

  it('all stations: every station’s own answer, and the station list', async () => {
    const all = await read('standup.summary', {});
    expect(all.status).toBe(200);
    expect(all.body.data.stations.map((s: { code: string }) => s.code)).toEqual(['DSE4', 'DSE5', 'DWA6']);
    for (const s of all.body.data.stations) {
      const own = await dispatch({ ...desks.get(s.code)!.ctx, actor: { name: 'owner', role: 'owner' } }, 'standup.summary', {});
      expect(s.result).toEqual(JSON.parse(JSON.stringify(own)));
    }
    const list = await read('stations.list', {});
    expect(list.body.data.map((s: { code: string; name: string; pending: number; complete: boolean }) => [s.code, s.name, s.pending, s.complete])).toEqual([
      ['DSE4', 'DSE4 Kent Valley', 0, true],
      ['DSE5', 'DSE5 Everett Paine Field', 0, true],
      ['DWA6', 'DWA6 Tacoma Tideflats', 0, true],
    ]);
  });

  it('a push keeps the station copy current without rebuilding it, and the answers still agree', async () => {
    const desk = desks.get('DWA6')!;
    expect((await read('roster.list', { station: 'DWA6' })).status).toBe(200); // the copy exists
    const rebuilds = ho.replicas.rebuilds;
    const drivers = await call(desk.ctx, 'roster.list', {});
    await call(desk.ctx, 'roster.upsert', { id: drivers[0]!.id, transporterId: drivers[0]!.transporterId, name: drivers[0]!.name, notes: 'pushed later' });
    await call(desk.ctx, 'roster.archive', { id: drivers[1]!.id });
    await call(desk.ctx, 'incidents.create', { type: 'customer_escalation', date: '2026-11-25', driverId: drivers[2]!.id, description: 'left at the wrong door' });
    const { token } = await addHeadOfficeToken(ho.ho.db, 'DWA6', 'station');
    expect((await syncOnce(desk.opened.sqlite, { url: ho.url, token })).pushed).toBeGreaterThan(3);
    for (const [channel, input] of [['roster.list', {}], ['incidents.list', {}], ['standup.summary', {}], ['coaching.list', {}]] as const) {
      const own = await dispatch({ ...desk.ctx, actor: { name: 'owner', role: 'owner' } }, channel, input);
      expect((await read(channel, { station: 'DWA6', ...input })).body, channel).toEqual(JSON.parse(JSON.stringify(own)));
    }
    expect(ho.replicas.rebuilds).toBe(rebuilds);
  });

  it('every head-office channel reads the clock only through the station’s today (its answers are kept per day)', async () => {
    // 2026-11-26 at the station (America/Los_Angeles): just after midnight and just before the next.
    const [early, late] = [fixedClock('2026-11-26T08:05:00Z'), fixedClock('2026-11-27T07:55:00Z')];
    const desk = desks.get('DSE4')!;
    for (const channel of HEAD_OFFICE_CHANNELS) {
      for (const input of await inputsFor(channel, desk)) {
        const a = await dispatch({ ...desk.ctx, clock: early, actor: { name: 'owner', role: 'owner' } }, channel, input);
        const b = await dispatch({ ...desk.ctx, clock: late, actor: { name: 'owner', role: 'owner' } }, channel, input);
        expect(a.ok, channel).toBe(true);
        expect(b, `${channel} ${JSON.stringify(input)}`).toEqual(a);
      }
    }
  });

  it('a repeated all-stations stand-up is kept; a push, or midnight at the station, gives a new answer', async () => {
    const desk = desks.get('DSE5')!;
    const own = async () => JSON.parse(JSON.stringify(await dispatch({ ...desk.ctx, clock: hoClock, actor: { name: 'owner', role: 'owner' } }, 'standup.summary', {})));
    const ofDse5 = async () => (await read('standup.summary', {})).body.data.stations.find((s: { code: string }) => s.code === 'DSE5').result;
    const before = await ofDse5();
    const computed = ho.replicas.computed;
    expect(await ofDse5()).toEqual(before);
    expect(ho.replicas.computed).toBe(computed); // three stations answered from what was kept

    // A van grounded at the desk and pushed: the next stand-up shows it.
    const van = desk.opened.sqlite.prepare(`SELECT id, name FROM vans WHERE archived_at IS NULL AND status = 'in_service' ORDER BY id LIMIT 1`).get() as { id: number; name: string };
    desk.opened.sqlite.prepare(`UPDATE vans SET status = 'grounded', status_reason = 'brakes (head-office test)' WHERE id = ?`).run(van.id);
    const { token } = await addHeadOfficeToken(ho.ho.db, 'DSE5', 'station');
    expect((await syncOnce(desk.opened.sqlite, { url: ho.url, token })).pushed).toBeGreaterThan(0);
    const after = await ofDse5();
    expect(after).not.toEqual(before);
    expect(after.data.groundedVans.map((v: { name: string }) => v.name)).toContain(van.name);
    expect(after).toEqual(await own());

    try {
      // Later the same day at the station: still the kept answer. After its midnight: the next day's.
      hoNow = '2026-11-27T07:55:00Z';
      const kept = ho.replicas.computed;
      expect(await ofDse5()).toEqual(after);
      expect(ho.replicas.computed).toBe(kept);
      hoNow = '2026-11-27T08:05:00Z';
      const next = await ofDse5();
      expect(next.data.date).toBe('2026-11-27');
      expect(next).toEqual(await own());
    } finally {
      hoNow = '2026-11-26T16:30:00Z';
    }
  });

  it('refuses a station token on reads and a write channel altogether', async () => {
    const { token } = await addHeadOfficeToken(ho.ho.db, 'RDX1', 'station');
    const res = await fetch(`${ho.url}/api/standup.summary`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
    expect(res.status).toBe(403);
    expect((await read('roster.upsert', { station: 'DSE4', name: 'x' })).status).toBe(404);
  });
});
