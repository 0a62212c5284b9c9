import { and, eq, isNull, ne, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import { AppError, notFound } from '../../shared/errors';
import { diffFields, writeAudit } from './audit';
import type { ServiceContext } from './context';

/**
 * The shared create/update/archive path of the plain registers (drivers, vans, devices):
 * one transaction, a uniqueness check that names the field, an audit entry with before/after,
 * and NOT_FOUND for an unknown id.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = SQLiteTableWithColumns<any>;

export interface RegisterSpec<Row extends { id: number }> {
  table: AnyTable;
  /** Word used in messages and the audit log, e.g. "driver". */
  entity: string;
  idColumn: SQLiteColumn;
  archivedColumn?: SQLiteColumn;
  /** Natural key that must be unique, e.g. transporterId or vin. */
  unique?: { column: SQLiteColumn; field: keyof Row & string; label: string };
  hasUpdatedAt?: boolean;
}

export function getRow<Row extends { id: number }>(ctx: ServiceContext, spec: RegisterSpec<Row>, id: number): Row {
  const row = ctx.db.select().from(spec.table).where(eq(spec.idColumn, id)).get() as Row | undefined;
  if (!row) throw notFound(spec.entity, id);
  return row;
}

export function upsertRow<Row extends { id: number }>(
  ctx: ServiceContext,
  spec: RegisterSpec<Row>,
  input: Partial<Row> & { id?: number },
): Row {
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) => {
    const txCtx = { ...ctx, db: tx as unknown as ServiceContext['db'] };
    const { id, ...values } = input;
    if (spec.unique) {
      const value = values[spec.unique.field as keyof typeof values];
      const clash: SQL | undefined = and(eq(spec.unique.column, value as never), id ? ne(spec.idColumn, id) : undefined);
      const other = tx.select({ id: spec.idColumn }).from(spec.table).where(clash).get() as { id: number } | undefined;
      if (other) {
        throw new AppError('CONFLICT', `Another ${spec.entity} already has ${spec.unique.label} ${String(value)}`, {
          issues: [{ path: spec.unique.field, message: `already used by ${spec.entity} #${other.id}` }],
        });
      }
    }
    const stamp = spec.hasUpdatedAt === false ? {} : { updatedAt: now.toISOString() };
    if (id) {
      const before = getRow(txCtx, spec, id);
      tx.update(spec.table).set({ ...values, ...stamp }).where(eq(spec.idColumn, id)).run();
      const after = getRow(txCtx, spec, id);
      const diff = diffFields(before, after);
      if (Object.keys(diff.after).length > 0) {
        writeAudit(txCtx.db, ctx.actor, now, { action: 'update', entity: spec.entity, entityId: id, ...diff });
      }
      return after;
    }
    const inserted = tx.insert(spec.table).values(values).returning().get() as Row;
    writeAudit(txCtx.db, ctx.actor, now, { action: 'create', entity: spec.entity, entityId: inserted.id, after: inserted });
    return inserted;
  });
}

export function archiveRow<Row extends { id: number; archivedAt: string | null }>(
  ctx: ServiceContext,
  spec: RegisterSpec<Row>,
  id: number,
  archived: boolean,
): Row {
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) => {
    const txCtx = { ...ctx, db: tx as unknown as ServiceContext['db'] };
    const before = getRow(txCtx, spec, id);
    if (!!before.archivedAt === archived) return before;
    const archivedAt = archived ? now.toISOString() : null;
    tx.update(spec.table).set({ archivedAt }).where(eq(spec.idColumn, id)).run();
    writeAudit(txCtx.db, ctx.actor, now, {
      action: archived ? 'archive' : 'restore',
      entity: spec.entity,
      entityId: id,
      before: { archivedAt: before.archivedAt },
      after: { archivedAt },
    });
    return getRow(txCtx, spec, id);
  });
}

/** `archived_at IS NULL` unless archived rows are wanted. */
export const activeOnly = (column: SQLiteColumn, includeArchived?: boolean) =>
  includeArchived ? undefined : isNull(column);
