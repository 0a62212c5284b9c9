import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDesk, type TestDesk } from '../../helpers/context';
import { readOnly, type WriteDb } from '../../../electron/services/context';
import { runWrite, systemActor } from '../../../electron/services/write';
import { dispatch } from '../../../electron/services/dispatch';
import { drivers } from '../../../electron/db/schema';
import { AppError } from '../../../shared/errors';
import type { DeskEvent } from '../../../shared/events';

// The write path itself (electron/services/write.ts): one transaction, one audit entry, the
// event after the commit, nothing kept on a dry run, a throw, or a write without a note.

let desk: TestDesk;
afterEach(() => desk?.close());

const count = (sql: string) => desk.opened.sqlite.prepare(sql).pluck().get() as number;
const drivers_ = () => count('SELECT count(*) FROM drivers');
const audits = () => count('SELECT count(*) FROM audit_log');
const lines = () => count('SELECT count(*) FROM audit_changes');
const addDriver = (db: WriteDb, tid: string) =>
  db.insert(drivers).values({ transporterId: tid, name: `Driver ${tid}` }).returning().get();

function watch() {
  const events: DeskEvent[] = [];
  desk.ctx.events.subscribe((e) => void events.push(e));
  return events;
}

describe('runWrite', () => {
  it('commits, writes one audit row with a line per further note, and announces after the commit', () => {
    desk = testDesk();
    const events = watch();
    let seenInside = -1;
    desk.ctx.events.subscribe(() => {
      // The event fires after the commit: a second connection already sees the rows.
      const other = new Database(desk.dbPath, { readonly: true });
      seenInside = other.prepare('SELECT count(*) FROM drivers').pluck().get() as number;
      other.close();
    });
    const out = runWrite({ ...desk.ctx, actor: systemActor('test') }, 'test.write', (w) => {
      const a = addDriver(w.db, 'A1');
      const b = addDriver(w.db, 'A2');
      w.audit({ action: 'create', entity: 'driver', entityId: a.id, after: a });
      w.audit({ action: 'create', entity: 'driver', entityId: b.id, after: b });
      return [a.id, b.id];
    });
    expect(out).toHaveLength(2);
    expect([drivers_(), audits(), lines()]).toEqual([2, 1, 1]);
    expect(events).toEqual([{ type: 'changed', channel: 'test.write', at: desk.ctx.clock.now().toISOString(), actor: 'system:test' }]);
    expect(seenInside).toBe(2);
    const row = desk.opened.sqlite.prepare('SELECT actor, action, entity, entity_id AS entityId FROM audit_log').get();
    expect(row).toEqual({ actor: 'system:test', action: 'create', entity: 'driver', entityId: String(out[0]) });
  });

  it('runs in BEGIN IMMEDIATE: the write lock is taken before the handler reads', () => {
    desk = testDesk();
    const other = new Database(desk.dbPath);
    let otherCouldLock = true;
    runWrite(desk.ctx, 'test.lock', (w) => {
      try {
        other.pragma('busy_timeout = 0');
        other.exec('BEGIN IMMEDIATE');
        other.exec('ROLLBACK');
      } catch {
        otherCouldLock = false;
      }
      w.audit({ action: 'noop', entity: 'test' });
    });
    other.close();
    expect(otherCouldLock).toBe(false);
  });

  it('discard() rolls back: no rows, no audit, no event (a dry run)', () => {
    desk = testDesk();
    const events = watch();
    const out = runWrite(desk.ctx, 'test.preview', (w) => {
      addDriver(w.db, 'A1');
      w.audit({ action: 'create', entity: 'driver' });
      w.discard();
      return 'previewed';
    });
    expect(out).toBe('previewed');
    expect([drivers_(), audits(), events.length]).toEqual([0, 0, 0]);
  });

  it('a write that changes nothing and notes nothing commits nothing and announces nothing', () => {
    desk = testDesk();
    const events = watch();
    runWrite(desk.ctx, 'test.nothing', (w) => w.db.select().from(drivers).all());
    expect([audits(), events.length]).toEqual([0, 0]);
  });

  it('a write that changes rows without an audit note fails and keeps nothing', () => {
    desk = testDesk();
    const events = watch();
    expect(() => runWrite(desk.ctx, 'test.sneaky', (w) => addDriver(w.db, 'A1'))).toThrow(/without an audit note/);
    expect([drivers_(), audits(), events.length]).toEqual([0, 0, 0]);
  });

  it('a throw rolls everything back', () => {
    desk = testDesk();
    expect(() =>
      runWrite(desk.ctx, 'test.fail', (w) => {
        addDriver(w.db, 'A1');
        w.audit({ action: 'create', entity: 'driver' });
        throw new AppError('CONFLICT', 'no');
      }),
    ).toThrow('no');
    expect([drivers_(), audits()]).toEqual([0, 0]);
  });

  it('refuses async handlers and nested writes', () => {
    desk = testDesk();
    expect(() => runWrite(desk.ctx, 'test.async', async () => 1)).toThrow(/synchronous/);
    expect(() => runWrite(desk.ctx, 'test.outer', () => runWrite(desk.ctx, 'test.inner', () => 1))).toThrow(/inside another transaction/);
    expect(audits()).toBe(0);
  });

  it('SQLITE_BUSY from another writer becomes BUSY (runWrite and dispatch alike)', async () => {
    desk = testDesk();
    desk.opened.sqlite.pragma('busy_timeout = 0');
    const other = new Database(desk.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      let err: unknown;
      try {
        runWrite(desk.ctx, 'test.busy', (w) => w.audit({ action: 'x', entity: 'y' }));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BUSY');
      const res = await dispatch(desk.ctx, 'roster.upsert', { transporterId: 'A2KX7Q9M4T1B3C', name: 'Ann Lee' });
      expect(res).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // Once the other writer is done, the same call goes through.
    expect(await dispatch(desk.ctx, 'roster.upsert', { transporterId: 'A2KX7Q9M4T1B3C', name: 'Ann Lee' })).toMatchObject({ ok: true });
  });
});

describe('the read-only handle', () => {
  it('reads, and refuses a mutating statement at run time', () => {
    desk = testDesk();
    const r = readOnly(desk.ctx.db);
    expect(r.select().from(drivers).where(eq(drivers.id, 1)).all()).toEqual([]);
    expect(r.$client.prepare('SELECT count(*) FROM drivers').pluck().get()).toBe(0);
    expect(() => r.$client.prepare("INSERT INTO drivers (transporter_id, name) VALUES ('A1', 'x')")).toThrow(/may not change the database/);
    expect(() => r.$client.prepare('DELETE FROM audit_log')).toThrow(/may not change/);
    expect(drivers_()).toBe(0);
  });
});

describe('one write path, enforced', () => {
  const WRITE_PATH = 'electron/services/write.ts';
  /** Every TypeScript source of the app (electron/ and shared/), relative to the checkout. */
  function sources(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) out.push(p.split(path.sep).join('/'));
      }
    };
    walk('electron');
    walk('shared');
    return out;
  }
  const offenders = (pattern: RegExp, allowed: string[]) => sources().filter((f) => !allowed.includes(f) && pattern.test(fs.readFileSync(f, 'utf8')));

  it('the audit log is written in one place: writeAudit( and inserts into audit_log/audit_changes only in write.ts', () => {
    expect(offenders(/\bwriteAudit\s*\(/, [WRITE_PATH])).toEqual([]);
    expect(offenders(/insert\((auditLog|auditChanges)\)|INSERT\s+INTO\s+["`]?audit_(log|changes)/i, [WRITE_PATH])).toEqual([]);
    // …and write.ts itself calls it exactly once (the sanity check that the pattern can match).
    expect(fs.readFileSync(WRITE_PATH, 'utf8').match(/\bwriteAudit\s*\(/g)).toHaveLength(2); // the call and the definition
  });

  it('services open no transactions of their own (only the write path and the positions group commit)', () => {
    expect(offenders(/\.transaction\s*\(/, [WRITE_PATH, 'electron/services/telematics/store.ts']).filter((f) => f.startsWith('electron/services/'))).toEqual([]);
  });
});

