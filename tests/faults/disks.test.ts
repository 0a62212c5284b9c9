/**
 * Failing disks (issue 11 #6). The suite runs as root, where file modes do not stop writes:
 *  - a read-only FILE or FOLDER is made with the immutable flag (`chattr +i`), which stops root
 *    too; where the machine does not allow it the desk is started with `serve --read-only`
 *    (SQLite opens the file read-only) — each test says which one it used;
 *  - a FULL DISK is a small tmpfs mounted for the test (`mount -t tmpfs -o size=…`) and filled up;
 *    where mounting is not allowed, SQLite's `max_page_count` makes the database full instead.
 * Expected: read-only is named at start and the desk runs read-only (writes 503 "the database is
 * read-only: <reason>", ingest 503); a full disk turns /healthz to degraded with the reason, ingest
 * answers 503 at once, writes 503, a backup to it leaves no file; when space returns everything
 * resumes and no acknowledged position is lost.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/open';
import { startDeskServer } from '../../electron/server';
import { startIngestServer } from '../../electron/server/ingest';
import { cli, count, demoStation, faultDir, inspect, serve, type Served, until } from './helpers';

const immutable: string[] = [];
afterAll(() => {
  for (const p of immutable) spawnSync('chattr', ['-i', p]);
});
function makeImmutable(p: string): boolean {
  const r = spawnSync('chattr', ['+i', p]);
  if (r.status !== 0) return false;
  immutable.push(p);
  return true;
}

async function health(url: string): Promise<{ status: string; reasons?: string[] }> {
  return ((await (await fetch(`${url}/healthz`)).json()) as { data: { status: string; reasons?: string[] } }).data;
}

function fix(ingestUrl: string, ts: number): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(`${ingestUrl}/?id=dsk-phone-002&lat=47.46&lon=-122.31&timestamp=${ts}`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      })
      .on('error', () => resolve(0));
  });
}

async function expectReadOnly(srv: Served, reason: RegExp): Promise<void> {
  const h = await health(srv.url);
  expect(h.status).toBe('read-only');
  expect(h.reasons!.join(' ')).toMatch(reason);
  const info = (await srv.call('app.info')).body.data;
  expect(info.readOnly).toMatch(reason);
  expect((await srv.call('roster.list', {})).body.data.length).toBeGreaterThan(10); // reads work
  const w = await srv.call('roster.upsert', { transporterId: 'A9READONLY0001', name: 'Cannot Write' });
  expect(w.status).toBe(503);
  expect(w.body.error.message).toMatch(/^The database is read-only: /);
  expect(w.body.error.message).toMatch(reason);
  const t0 = Date.now();
  expect(await fix(srv.ingestUrl!, Math.floor(Date.now() / 1000) - 60)).toBe(503);
  expect(Date.now() - t0).toBeLessThan(2_000);
}

describe('a read-only station is named at start and served read-only', () => {
  it('a read-only file', async () => {
    const db = demoStation();
    const how = makeImmutable(db) ? 'immutable file (chattr +i)' : 'serve --read-only';
    const srv = await serve(db, { ingest: true, ...(how === 'serve --read-only' ? { args: ['--read-only'] } : {}) });
    try {
      await expectReadOnly(srv, how.startsWith('immutable') ? /the file .*station\.db is read-only/ : /read-only on purpose/);
    } finally {
      await srv.stop();
    }
    console.log(`read-only file: ${how}`);
  });

  it('a read-only folder', async (ctx) => {
    const db = demoStation();
    const dir = path.dirname(db);
    if (!makeImmutable(dir)) ctx.skip(); // needs chattr: a folder cannot be made read-only for root otherwise
    const srv = await serve(db, { ingest: true });
    try {
      await expectReadOnly(srv, /the folder .* is read-only/);
      expect(fs.readdirSync(dir)).toEqual(['station.db']); // not even a lock or -wal was written there
    } finally {
      await srv.stop();
    }
  });
});

/** Mount a tmpfs of `mb` MB, or null where this machine does not allow it. */
function mountTmpfs(mb: number): { dir: string; unmount: () => void } | null {
  if (process.env.DESK_FAULTS_NO_MOUNT === '1') return null; // to run the fallback on purpose
  const dir = faultDir('desk-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir]);
  if (r.status !== 0) return null;
  return { dir, unmount: () => spawnSync('umount', ['-l', dir]) };
}

/** Fill the file system holding `dir` to the last byte; returns the filler to delete. */
function fillUp(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(256 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch {
    /* ENOSPC at the big chunks… */
  }
  try {
    for (;;) fs.writeSync(fd, chunk, 0, 512);
  } catch {
    /* …and at the last blocks */
  }
  fs.closeSync(fd);
  return filler;
}

describe('a full disk', () => {
  it('degraded with the reason, 503 at once, no partial backup; everything resumes when space returns, nothing acknowledged lost', async () => {
    const mounted = mountTmpfs(24);
    const acked: number[] = [];
    let ts = Math.floor(Date.now() / 1000) - 50_000;
    if (mounted) {
      console.log('full disk: a 24 MB tmpfs, filled up');
      try {
        const db = path.join(mounted.dir, 'station.db');
        fs.copyFileSync(demoStation(), db);
        const srv = await serve(db, { ingest: true });
        try {
          for (let i = 0; i < 20; i++) if ((await fix(srv.ingestUrl!, ts++)) === 200) acked.push(ts - 1);
          expect(acked.length).toBe(20);
          const filler = fillUp(mounted.dir);
          // Positions keep coming until SQLite needs a page it cannot have: then 503, at once.
          let status = 200;
          for (let i = 0; i < 20_000 && status === 200; i++) {
            status = await fix(srv.ingestUrl!, ts++);
            if (status === 200) acked.push(ts - 1);
          }
          expect(status).toBe(503);
          const h = await health(srv.url);
          expect(h.status).toBe('degraded');
          expect(h.reasons!.join(' ')).toMatch(/full/);
          const t0 = Date.now();
          expect(await fix(srv.ingestUrl!, ts++)).toBe(503);
          expect(Date.now() - t0).toBeLessThan(2_000);
          const w = await srv.call('roster.upsert', { transporterId: 'A9DISKFULL0001', name: 'Disk Full' });
          expect(w.status).toBe(503);
          expect(w.body.error.message).toMatch(/full|cannot be written/);
          // A backup onto the full disk fails and leaves nothing behind.
          const target = path.join(mounted.dir, 'backup.db');
          const b = await cli(['backup', '--db', db, '--to', target]);
          expect(b.code).not.toBe(0);
          expect(fs.readdirSync(mounted.dir).filter((f) => !['station.db', 'station.db-wal', 'station.db-shm', 'station.db.lock', 'filler.bin', 'backups'].includes(f))).toEqual([]);
          // (The automatic backup at start may have run into the full disk too: nothing half-written there either.)
          const backups = path.join(mounted.dir, 'backups');
          for (const f of fs.existsSync(backups) ? fs.readdirSync(backups) : []) {
            expect(f.startsWith('.')).toBe(false);
            expect(count(path.join(backups, f), 'drivers').integrity).toBe('ok');
          }
          // Space returns: degraded clears by itself, writes and ingest resume.
          fs.rmSync(filler);
          await until(async () => (await health(srv.url)).status === 'ok', 15_000, '/healthz ok again');
          expect(await fix(srv.ingestUrl!, ts++)).toBe(200);
          acked.push(ts - 1);
          expect((await srv.call('roster.upsert', { transporterId: 'A9DISKFULL0001', name: 'Disk Full' })).status).toBe(200);
        } finally {
          await srv.stop();
        }
        const stored = new Set(inspect(db, (x) => (x.prepare("SELECT at FROM positions p JOIN devices d ON d.id = p.device_id WHERE d.identifier = 'dsk-phone-002'").pluck().all() as string[]).map((a) => Date.parse(a) / 1000)).value);
        expect(acked.filter((t) => !stored.has(t))).toEqual([]);
        expect(count(db, 'drivers').integrity).toBe('ok');
      } finally {
        mounted.unmount();
      }
      return;
    }
    // Fallback (no mount here): the database itself is full — SQLite's max_page_count.
    console.log('full disk: mount not allowed here; SQLite max_page_count makes the database full');
    const db = demoStation();
    const opened = openDatabase(db);
    const server = await startDeskServer({ opened, port: 0, deskToken: 'fault-suite-token-123456', staticDir: path.dirname(db) });
    const ingest = (await startIngestServer({ ctx: server.ctxFor({ name: 'telematics', role: 'desk' }), port: 'random' }))!;
    try {
      const pages = opened.sqlite.pragma('page_count', { simple: true }) as number;
      opened.sqlite.pragma(`max_page_count = ${pages}`);
      let status = 200;
      for (let i = 0; i < 20_000 && status === 200; i++) {
        status = await fix(ingest.url, ts++);
        if (status === 200) acked.push(ts - 1);
      }
      expect(status).toBe(503);
      expect((await health(server.url)).status).toBe('degraded');
      opened.sqlite.pragma(`max_page_count = ${pages + 1_000_000}`);
      await until(async () => (await health(server.url)).status === 'ok', 15_000, '/healthz ok again');
      expect(await fix(ingest.url, ts++)).toBe(200);
    } finally {
      await ingest.close();
      await server.close();
      opened.close();
    }
  });
});
