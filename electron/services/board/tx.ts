import type { ServiceContext } from '../context';

/** Run `fn` in one transaction with a context whose db is the transaction. */
export function inTx<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => T): T {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: txDb(ctx, tx) }));
}

/**
 * The transaction as a Db. Readers that use the raw connection (`db.$client`, e.g. readiness)
 * get the same connection, which is inside the transaction.
 */
export function txDb(ctx: ServiceContext, tx: unknown): ServiceContext['db'] {
  const db = tx as ServiceContext['db'];
  if (!db.$client) Object.defineProperty(db, '$client', { value: ctx.db.$client, enumerable: false });
  return db;
}
