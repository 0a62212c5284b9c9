/**
 * Several processes on one station (issue 11 #1, #2, #3, #5): the lock a server keeps, what it
 * refuses (restore, a second server) and what it lets through (imports, tokens, backups, read-only
 * opens), the copy restore keeps of the old station (WAL included), and two writers at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBackupTarget } from '../../electron/db/backup';
import { openDatabase } from '../../electron/db/open';
import { startDeskServer, type DeskServer } from '../../electron/server';
import { backupInProcess, cli, count, demoStation, faultDir, inspect, serve, type Served, sha256 } from './helpers';

describe('a running server holds the station', () => {
  let db: string;
  let srv: Served;
  let backup: string;
  beforeAll(async () => {
    db = demoStation();
    backup = path.join(path.dirname(db), 'kept-aside.db');
    await backupInProcess(db, backup);
    srv = await serve(db);
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it('#1: restore is refused while it runs, naming the process; the station is untouched', async () => {
    const before = count(db, 'drivers');
    const r = await cli(['restore', '--db', db, '--from', backup]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`process ${srv.pid}`);
    expect(r.stderr).toMatch(/dispatch-desk serve/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(count(db, 'drivers')).toEqual(before);
    expect(before.integrity).toBe('ok');
    // …and the server still serves.
    expect((await srv.call('roster.list', {})).status).toBe(200);
  });

  it('#5: a second serve on the same file refuses to start and says which process holds it', async () => {
    const r = await cli(['serve', '--db', db, '--port', '0', '--ingest-port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`process ${srv.pid}`);
    expect(r.stderr).toMatch(/started \d{4}-\d{2}-\d{2}T/);
    expect(r.stderr).toMatch(/dispatch-desk serve --db/);
    expect(r.stderr).not.toContain(srv.token); // the lock file never holds the token
  });

  it('CLI imports, token commands, backups and read-only opens keep working beside it', async () => {
    const roster = path.join(faultDir(), 'associates.csv');
    fs.writeFileSync(roster, 'Name and ID,TransporterID,Status\nLock Tester,A9LOCKTEST0001,Active\n');
    const imp = await cli(['import', 'roster', roster, '--db', db, '--json']);
    expect(imp.code, imp.stderr).toBe(0);
    // The server sees the import at once.
    const list = await srv.call('roster.list', { search: 'Lock Tester' });
    expect(list.body.data).toHaveLength(1);
    const tok = await cli(['token', 'create', '--name', 'Beside the server', '--db', db]);
    expect(tok.code, tok.stderr).toBe(0);
    const to = path.join(faultDir(), 'beside.db');
    const b = await cli(['backup', '--db', db, '--to', to, '--json']);
    expect(b.code, b.stderr).toBe(0);
    expect(inspect(to, (x) => x.prepare("SELECT count(*) FROM drivers WHERE name = 'Lock Tester'").pluck().get())).toEqual({ integrity: 'ok', value: 1 });
    const ro = openDatabase(db, { readonly: true });
    expect(ro.readOnlyReason).toMatch(/on purpose/);
    ro.close();
  });

  it('#3: a backup onto the live file itself (or a link to it) is refused; writes after it are kept', async () => {
    const link = path.join(faultDir(), 'link.db');
    fs.symlinkSync(db, link);
    const hard = path.join(path.dirname(db), 'hard.db');
    fs.linkSync(db, hard);
    // The CLI as the user runs it, then the other spellings of the same file through the same check.
    const r0 = await cli(['backup', '--db', db, '--to', db]);
    expect(r0.code).toBe(2);
    expect(r0.stderr).toMatch(/live database itself/);
    for (const target of [link, hard, `${db}-wal`]) expect(() => checkBackupTarget(db, target), target).toThrow(/live database itself/);
    fs.rmSync(hard);
    // Another open station (its lock is held) is refused as a target too.
    const r = await cli(['backup', '--db', backup, '--to', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/(in use by|live database)/);
    const added = await srv.call('roster.upsert', { transporterId: 'A9AFTERBACKUP1', name: 'After Backup' });
    expect(added.status).toBe(200);
    await srv.stop();
    expect(count(db, 'drivers', "name = 'After Backup'")).toEqual({ integrity: 'ok', value: 1 });
    srv = await serve(db);
    expect((await srv.call('roster.list', { search: 'After Backup' })).body.data).toHaveLength(1);
  });
});

describe('#2, #4: restore keeps the whole old station and checks the backup first', () => {
  it('the kept copy holds the last write still in the WAL (server killed -9 just after it)', async () => {
    const db = demoStation();
    const backup = path.join(path.dirname(db), 'older.db');
    await backupInProcess(db, backup);
    const srv = await serve(db);
    expect((await srv.call('roster.upsert', { transporterId: 'A9JUSTBEFORE01', name: 'Just Before' })).status).toBe(200);
    await srv.kill(); // nothing checkpointed: the driver lives only in the -wal
    expect(fs.existsSync(`${db}-wal`)).toBe(true);
    const r = await cli(['restore', '--db', db, '--from', backup, '--json']);
    expect(r.code, r.stderr).toBe(0); // the dead server's lock is stale
    const out = JSON.parse(r.stdout) as { keptPrevious: string };
    expect(count(out.keptPrevious, 'drivers', "name = 'Just Before'")).toEqual({ integrity: 'ok', value: 1 });
    expect(count(db, 'drivers', "name = 'Just Before'")).toEqual({ integrity: 'ok', value: 0 });
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
  });

  it('a foreign, newer or damaged backup is refused before anything is touched', async () => {
    const db = demoStation();
    const dir = path.dirname(db);
    const hash = sha256(db);
    const foreign = path.join(dir, 'foreign.db');
    const f = new (await import('better-sqlite3')).default(foreign);
    f.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'hello\')');
    f.close();
    const newer = path.join(dir, 'newer.db');
    await backupInProcess(db, newer);
    const n = new (await import('better-sqlite3')).default(newer);
    n.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', 4_102_444_800_000);
    n.close();
    const damaged = path.join(dir, 'damaged.db');
    fs.copyFileSync(newer, damaged);
    const buf = fs.readFileSync(damaged);
    buf.fill(0xa5, 4096 * 3, 4096 * 6); // scribble over a few pages
    fs.writeFileSync(damaged, buf);
    for (const [from, why] of [
      [foreign, /another program|not a Dispatch Desk station/],
      [newer, /newer or different version/],
      [damaged, /damaged|malformed|not a/],
    ] as const) {
      const r = await cli(['restore', '--db', db, '--from', from]);
      expect(r.code, from).toBe(2);
      expect(r.stderr, from).toMatch(why);
      expect(r.stderr).toMatch(/Nothing was changed/);
      expect(sha256(db)).toBe(hash);
    }
    expect(fs.readdirSync(path.join(dir)).filter((x) => x.startsWith('.'))).toEqual([]); // no temporary copies left
  });
});

describe('#5: two processes writing at once', () => {
  let db: string;
  let child: Served;
  let second: DeskServer;
  beforeAll(async () => {
    db = demoStation();
    child = await serve(db);
    // The second writer: another server on the same file (allowed for this test: it takes no lock).
    second = await startDeskServer({ dbPath: db, port: 0, deskToken: child.token, staticDir: path.dirname(db) });
  });
  afterAll(async () => {
    await second?.close();
    await child?.stop();
  });

  it('20 parallel assigns across both: only 200 or 409 (never a 5xx: BEGIN IMMEDIATE waits on busy_timeout); the driver is never double-booked', async () => {
    const today = (await child.call('app.info')).body.data.today as string;
    const preview = (await child.call('board.autoAssign', { date: today, apply: false })).body.data as { proposals: { routeId: number; driverId: number; vanId: number | null }[] };
    const vans = new Map(((await child.call('fleet.list', {})).body.data as { id: number; vanClass: string; electric: boolean }[]).map((v) => [v.id, `${v.vanClass}/${v.electric}`]));
    const withVan = preview.proposals.filter((p) => p.vanId !== null);
    // Any two proposals whose vans are of one class (the demo's day varies with the weekday it is seeded on).
    const pair = withVan.flatMap((a, i) => withVan.slice(i + 1).filter((b) => vans.get(b.vanId!) === vans.get(a.vanId!)).map((b) => [a, b] as const))[0];
    expect(pair, `two proposals with the same van class among ${withVan.length}`).toBeTruthy();
    const [p, q] = pair!;
    expect(vans.get(p.vanId!)).toMatch(/\//);
    const urls = [child.url, second.url];
    const body = (routeId: number, vanId: number) => JSON.stringify({ routeId, driverId: p.driverId, vanId, override: { reason: 'fault suite: two writers' } });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${urls[i % 2]}/api/board.assign`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${child.token}`, 'Content-Type': 'application/json' },
          body: i % 4 < 2 ? body(p.routeId, p.vanId!) : body(q.routeId, q.vanId!),
        }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() })),
      ),
    );
    const bad = answers.filter((a) => !(a.status === 200 || a.status === 409));
    expect(bad, JSON.stringify(bad.slice(0, 3))).toEqual([]);
    expect(answers.some((a) => a.status === 200)).toBe(true);
    const booked = inspect(db, (x) => x.prepare('SELECT route_id FROM assignments WHERE date = ? AND driver_id = ?').pluck().all(today, p.driverId));
    expect(booked.integrity).toBe('ok');
    expect(booked.value).toHaveLength(1);
  });
});
