/**
 * Type-level proof that read handlers cannot write. `npm run typecheck` compiles this file
 * (tsconfig.node.json includes tests/unit): every `@ts-expect-error` below must remain an error, or
 * the type check fails ("unused directive"). The bodies are never run; vitest only checks that the
 * handlers exist and that the read-only handle really reads.
 */
import { describe, expect, it } from 'vitest';
import { drivers } from '../../../electron/db/schema';
import { readOnly, type Handler } from '../../../electron/services/context';
import type { Contract } from '../../../shared/contract';
import { testDesk } from '../../helpers/context';

/** A read channel: the handler sees the read-only handle. */
export const readHandler: Handler<Contract['roster.list']> = (ctx) => {
  const forbidden = () => {
    // @ts-expect-error a read handler cannot insert
    ctx.db.insert(drivers).values({ transporterId: 'A1B2C3D4', name: 'x' }).run();
    // @ts-expect-error nor update
    ctx.db.update(drivers).set({ name: 'x' }).run();
    // @ts-expect-error nor delete
    ctx.db.delete(drivers).run();
    // @ts-expect-error nor run raw SQL through drizzle
    ctx.db.run('DELETE FROM drivers');
    // @ts-expect-error nor exec raw SQL
    ctx.db.$client.exec('DELETE FROM drivers');
    // @ts-expect-error nor run a prepared statement (prepare itself refuses a mutating one at run time)
    ctx.db.$client.prepare('DELETE FROM drivers').run();
    // @ts-expect-error nor open a transaction
    ctx.db.transaction(() => undefined);
    // @ts-expect-error nor write an audit entry
    ctx.audit({ action: 'update', entity: 'driver' });
  };
  void forbidden;
  return ctx.db.select().from(drivers).all();
};

/** An admin channel (desk only, changes nothing) is a read too. */
export const adminHandler: Handler<Contract['tokens.list']> = (ctx) => {
  // @ts-expect-error an admin handler has the read-only handle
  const forbidden = () => ctx.db.delete(drivers).run();
  void forbidden;
  return [];
};

/** A write channel: the transaction's handle and the audit note; no nested transaction. */
export const writeHandler: Handler<Contract['roster.upsert']> = (w, input) => {
  const row = w.db.insert(drivers).values({ transporterId: input.transporterId, name: input.name }).returning().get();
  w.audit({ action: 'create', entity: 'driver', entityId: row.id, after: row });
  const forbidden = () => {
    // @ts-expect-error the call already is one transaction
    w.db.transaction(() => undefined);
  };
  void forbidden;
  return row;
};

// @ts-expect-error a write handler is synchronous (async work goes in a two-stage handler's prepare)
export const asyncWrite: Handler<Contract['roster.archive']> = async (w, input) => w.db.select().from(drivers).all()[input.id]!;

describe('handler types', () => {
  it('the typed handlers exist (their forbidden lines are checked by npm run typecheck)', () => {
    expect([readHandler, adminHandler, writeHandler, asyncWrite].every((h) => typeof h === 'function')).toBe(true);
  });

  it('a read handler runs on the read-only handle', () => {
    const desk = testDesk();
    try {
      expect(readHandler({ ...desk.ctx, db: readOnly(desk.ctx.db) }, {})).toEqual([]);
    } finally {
      desk.close();
    }
  });
});
