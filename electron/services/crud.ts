import { and, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import { AppError, notFound } from '../../shared/errors';
import { diffFields } from './write';
import type { ReadDb, WriteContext } from './context';
import { settings as settingsTable } from '../db/schema';

/**
 * The shared create/update/archive writes of the plain registers (drivers, vans, devices), run
 * inside the call's transaction: a uniqueness check that names the field, an audit note with
 * before/after, and NOT_FOUND for an unknown id. An update that changes nothing writes nothing.
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

export function getRow<Row extends { id: number }>(db: ReadDb, spec: RegisterSpec<Row>, id: number): Row {
  const row = db.select().from(spec.table).where(eq(spec.idColumn, id)).get() as Row | undefined;
  if (!row) throw notFound(spec.entity, id);
  return row;
}

export function upsertRow<Row extends { id: number }>(w: WriteContext, spec: RegisterSpec<Row>, input: Partial<Row> & { id?: number }): Row {
  const { id, ...values } = input;
  if (spec.unique) {
    const value = values[spec.unique.field as keyof typeof values];
    const clash: SQL | undefined = and(eq(spec.unique.column, value as never), id ? ne(spec.idColumn, id) : undefined);
    const other = w.db.select({ id: spec.idColumn }).from(spec.table).where(clash).get() as { id: number } | undefined;
    if (other) {
      throw new AppError('CONFLICT', `Another ${spec.entity} already has ${spec.unique.label} ${String(value)}`, {
        issues: [{ path: spec.unique.field, message: `already used by ${spec.entity} #${other.id}` }],
      });
    }
  }
  if (id) {
    const before = getRow(w.db, spec, id);
    const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Row>;
    if (Object.keys(diffFields(before, { ...before, ...given }).after).length === 0) return before;
    const stamp = spec.hasUpdatedAt === false ? {} : { updatedAt: w.clock.now().toISOString() };
    w.db.update(spec.table).set({ ...values, ...stamp }).where(eq(spec.idColumn, id)).run();
    const after = getRow(w.db, spec, id);
    w.audit({ action: 'update', entity: spec.entity, entityId: id, ...diffFields(before, after) });
    return after;
  }
  const inserted = w.db.insert(spec.table).values(values).returning().get() as Row;
  w.audit({ action: 'create', entity: spec.entity, entityId: inserted.id, after: inserted });
  return inserted;
}

export function archiveRow<Row extends { id: number; archivedAt: string | null }>(w: WriteContext, spec: RegisterSpec<Row>, id: number, archived: boolean): Row {
  const before = getRow(w.db, spec, id);
  if (!!before.archivedAt === archived) return before;
  const archivedAt = archived ? w.clock.now().toISOString() : null;
  w.db.update(spec.table).set({ archivedAt }).where(eq(spec.idColumn, id)).run();
  w.audit({
    action: archived ? 'archive' : 'restore',
    entity: spec.entity,
    entityId: id,
    before: { archivedAt: before.archivedAt },
    after: { archivedAt },
  });
  return getRow(w.db, spec, id);
}

/** `archived_at IS NULL` unless archived rows are wanted. */
export const activeOnly = (column: SQLiteColumn, includeArchived?: boolean) => (includeArchived ? undefined : isNull(column));

/**
 * A register search: `text` found anywhere in any of `columns`, case-insensitively, with `%` and
 * `_` taken literally (escaped, and SQLite told the escape character). Undefined for an empty search.
 */
export function searchAny(text: string | undefined, ...columns: SQLiteColumn[]): SQL | undefined {
  const q = text?.trim();
  if (!q) return undefined;
  const pattern = `%${q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
  return or(...columns.map((c) => sql`${c} LIKE ${pattern} ESCAPE '\\'`));
}


/**
 * A settings write (one JSON value under `key` in the settings table): the fields given replace
 * those of `before` (undefined leaves one as it was), one audit note with before/after. Returns the
 * new value.
 */
export function mergeSettings<T extends object>(w: WriteContext, key: string, before: T, input: Partial<T>): T {
  const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as T;
  w.db
    .insert(settingsTable)
    .values({ key, value: after })
    .onConflictDoUpdate({ target: settingsTable.key, set: { value: after, updatedAt: w.clock.now().toISOString() } })
    .run();
  w.audit({ action: 'update', entity: 'settings', entityId: key, before, after });
  return after;
}
