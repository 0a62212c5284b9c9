import { and, asc } from 'drizzle-orm';
import { drivers } from '../../db/schema';
import type { HandlersFor, ReadContext } from '../context';
import { activeOnly, archiveRow, getRow, searchAny, upsertRow, type RegisterSpec } from '../crud';
import type { Driver, rosterChannels } from '../../../shared/contract/roster';

export const driverRegister: RegisterSpec<Driver> = {
  table: drivers,
  entity: 'driver',
  idColumn: drivers.id,
  archivedColumn: drivers.archivedAt,
  unique: { column: drivers.transporterId, field: 'transporterId', label: 'transporter ID' },
};

export function listDrivers(ctx: ReadContext, search?: string, includeArchived?: boolean): Driver[] {
  return ctx.db
    .select()
    .from(drivers)
    .where(and(activeOnly(drivers.archivedAt, includeArchived), searchAny(search, drivers.name, drivers.transporterId, drivers.phone, drivers.email)))
    .orderBy(asc(drivers.name))
    .all();
}

export const driverHandlers: Omit<HandlersFor<typeof rosterChannels>, 'roster.import' | 'roster.badges'> = {
  'roster.list': (ctx, input) => listDrivers(ctx, input.search, input.includeArchived),
  'roster.get': (ctx, input) => getRow(ctx.db, driverRegister, input.id),
  'roster.upsert': (w, input) => upsertRow(w, driverRegister, input),
  'roster.archive': (w, input) => archiveRow(w, driverRegister, input.id, input.archived),
};
