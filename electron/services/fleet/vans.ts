import { and, asc, eq } from 'drizzle-orm';
import { devices, vans } from '../../db/schema';
import type { Db } from '../../db/open';
import type { HandlersFor, ServiceContext } from '../context';
import { writeAudit } from '../audit';
import { activeOnly, archiveRow, getRow, upsertRow, type RegisterSpec } from '../crud';
import { containsText } from '../search';
import type { Device, Van, VanDetail, fleetChannels } from '../../../shared/contract/fleet';
import { notFound } from '../../../shared/errors';

export const vanRegister: RegisterSpec<Van> = {
  table: vans,
  entity: 'van',
  idColumn: vans.id,
  archivedColumn: vans.archivedAt,
  unique: { column: vans.vin, field: 'vin', label: 'VIN' },
};

export const deviceRegister: RegisterSpec<Device> = {
  table: devices,
  entity: 'device',
  idColumn: devices.id,
  archivedColumn: devices.archivedAt,
  unique: { column: devices.identifier, field: 'identifier', label: 'device id' },
  hasUpdatedAt: false,
};

/** The transaction handle as a Db (the fleet's writes run their reads on it too). */
export type Tx = Db;
export const txDb = (tx: unknown) => tx as Tx;

/** The van, or NOT_FOUND when it does not exist or is archived. */
export function activeVan(db: Db, vanId: number) {
  const van = db.select().from(vans).where(eq(vans.id, vanId)).get();
  if (!van || van.archivedAt) throw notFound('van', vanId);
  return van;
}

export function listVans(ctx: ServiceContext, search?: string, includeArchived?: boolean): Van[] {
  return ctx.db
    .select()
    .from(vans)
    .where(and(activeOnly(vans.archivedAt, includeArchived), containsText(search, [vans.name, vans.vin, vans.plate, vans.make, vans.model])))
    .orderBy(asc(vans.name))
    .all();
}

export function getVanDetail(ctx: ServiceContext, id: number): VanDetail {
  const van = getRow(ctx, vanRegister, id);
  const linked = ctx.db.select().from(devices).where(eq(devices.vanId, id)).all();
  return { ...van, devices: linked };
}

export const vanHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.list' | 'fleet.get' | 'fleet.upsert' | 'fleet.archive' | 'devices.list' | 'devices.upsert' | 'fleet.setCharge'> = {
  'fleet.list': (ctx, input) => listVans(ctx, input.search, input.includeArchived),
  'fleet.get': (ctx, input) => getVanDetail(ctx, input.id),
  'fleet.upsert': (ctx, input) => upsertRow(ctx, vanRegister, input),
  'fleet.archive': (ctx, input) => archiveRow(ctx, vanRegister, input.id, input.archived),
  'devices.list': (ctx, input) => {
    return ctx.db
      .select()
      .from(devices)
      .where(and(activeOnly(devices.archivedAt, input.includeArchived), containsText(input.search, [devices.identifier, devices.label])))
      .orderBy(asc(devices.identifier))
      .all();
  },
  'devices.upsert': (ctx, input) => {
    if (input.vanId != null && !ctx.db.select({ id: vans.id }).from(vans).where(eq(vans.id, input.vanId)).get()) {
      throw notFound('van', input.vanId);
    }
    return upsertRow(ctx, deviceRegister, input);
  },
  'fleet.setCharge': (ctx, input) => {
    const now = ctx.clock.now();
    return ctx.db.transaction((t) => {
      const tx = txDb(t);
      const van = activeVan(tx, input.vanId);
      const set = {
        stateOfChargePct: input.stateOfChargePct,
        ...(input.chargingBay !== undefined ? { chargingBay: input.chargingBay } : {}),
        ...(input.usableRangeMi !== undefined ? { usableRangeMi: input.usableRangeMi } : {}),
      };
      tx.update(vans).set({ ...set, updatedAt: now.toISOString() }).where(eq(vans.id, van.id)).run();
      writeAudit(tx, ctx.actor, now, {
        action: 'charge',
        entity: 'van',
        entityId: van.id,
        before: { stateOfChargePct: van.stateOfChargePct, chargingBay: van.chargingBay, usableRangeMi: van.usableRangeMi },
        after: set,
      });
      const after = activeVan(tx, van.id);
      return { vanId: van.id, stateOfChargePct: after.stateOfChargePct, usableRangeMi: after.usableRangeMi, chargingBay: after.chargingBay };
    });
  },
};
