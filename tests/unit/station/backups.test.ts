/**
 * Settings → Database and backups through the channels (the buttons call exactly these): the
 * station's health, Back up now, the list, how many to keep, Restore; owners get none of them.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { StationHost } from '../../../electron/db/station-host';
import { call, dispatch } from '../../../electron/services/dispatch';
import type { ServiceContext } from '../../../electron/services/context';
import { testDesk, type TestDesk } from '../../helpers/context';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.close();
  desk = null;
});

function withHost(): { d: TestDesk; ctx: ServiceContext } {
  const d = (desk = testDesk());
  const ctx: ServiceContext = { ...d.ctx, station: new StationHost(d.opened) };
  return { d, ctx };
}

const driverCount = (d: TestDesk) => d.opened.sqlite.prepare('SELECT count(*) FROM drivers').pluck().get() as number;

describe('backups channels', () => {
  it("station.health says ok on a sound, writable station; it says read-only with the reason when it is", async () => {
    const { d, ctx } = withHost();
    expect(await call(ctx, 'station.health', {})).toMatchObject({ status: 'ok', reasons: [], readOnly: null });
    d.opened.health.setReadOnly('test: the folder is read-only');
    const h = await call(ctx, 'station.health', {});
    expect(h.status).toBe('read-only');
    expect(h.reasons[0]).toMatch(/read-only: test: the folder is read-only/);
    // A read-only station refuses every write on the write path with 503 (UNAVAILABLE), nothing written.
    const r = await dispatch(ctx, 'roster.upsert', { transporterId: 'A1B2C3D4E5F6G7', name: 'Ana Ruiz' });
    expect(r.ok ? null : r.error.code).toBe('UNAVAILABLE');
    expect(driverCount(d)).toBe(0);
  });

  it('backups.create writes a checked copy that backups.list shows with its kind, time and size; restore brings it back', async () => {
    const { d, ctx } = withHost();
    await call(ctx, 'roster.upsert', { transporterId: 'A1B2C3D4E5F6G7', name: 'Ana Ruiz' });
    const made = await call(ctx, 'backups.create', {});
    expect(fs.statSync(made.path).size).toBe(made.bytes);
    const list = await call(ctx, 'backups.list', {});
    expect(list.backups).toHaveLength(1);
    expect(list.backups[0]).toMatchObject({ kind: 'manual', bytes: made.bytes, path: made.path });
    expect(list.restoreCommand).toContain(made.path);

    await call(ctx, 'roster.upsert', { transporterId: 'B9Z8Y7X6W5V4U3', name: 'Ben Okafor' });
    expect(driverCount(d)).toBe(2);
    const r = await call(ctx, 'backups.restore', { name: list.backups[0]!.name });
    expect(r.restoredFrom).toBe(made.path);
    expect(r.keptPrevious).toMatch(/before-restore/);
    expect(driverCount(d)).toBe(1);
    // The restored station's audit log records where it came from.
    const audit = d.opened.sqlite.prepare("SELECT actor, after FROM audit_log WHERE action = 'restore'").get() as { actor: string; after: string };
    expect(audit.actor).toBe('desk');
    expect(JSON.parse(audit.after)).toMatchObject({ from: made.path });
  });

  it('backups.setSettings keeps the numbers (validated) and the list shows them', async () => {
    const { ctx } = withHost();
    expect(await call(ctx, 'backups.setSettings', { keep: 3, everyHours: 12 })).toEqual({ keep: 3, everyHours: 12 });
    expect((await call(ctx, 'backups.list', {})).settings).toEqual({ keep: 3, everyHours: 12 });
    const bad = await dispatch(ctx, 'backups.setSettings', { keep: 0 });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
  });

  it('an owner gets none of them (backups are the desk\'s)', async () => {
    const { ctx } = withHost();
    const owner = { ...ctx, actor: { name: 'owner-phone', role: 'owner' as const } };
    for (const [name, input] of [
      ['backups.list', {}],
      ['backups.create', {}],
      ['backups.restore', { name: 'x.db' }],
      ['backups.setSettings', { keep: 2 }],
    ] as const) {
      const r = await dispatch(owner, name, input);
      expect(r.ok ? null : r.error.code, name).toBe('FORBIDDEN');
    }
  });
});
