import { and, asc, eq } from 'drizzle-orm';
import { devices, vans } from '../../db/schema';
import type { HandlersFor, ReadContext, ReadDb } from '../context';
import { activeOnly, archiveRow, getRow, searchAny, upsertRow, type RegisterSpec } from '../crud';
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

/** The van, or NOT_FOUND when it does not exist or is archived. */
export function activeVan(db: ReadDb, vanId: number) {
  const van = db.select().from(vans).where(eq(vans.id, vanId)).get();
  if (!van || van.archivedAt) throw notFound('van', vanId);
  return van;
}

export function listVans(ctx: ReadContext, search?: string, includeArchived?: boolean): Van[] {
  return ctx.db
    .select()
    .from(vans)
    .where(
      and(
        activeOnly(vans.archivedAt, includeArchived),
        searchAny(search, vans.name, vans.vin, vans.plate, vans.make, vans.model),
      ),
    )
    .orderBy(asc(vans.name))
    .all();
}

export function getVanDetail(ctx: ReadContext, id: number): VanDetail {
  const van = getRow(ctx.db, vanRegister, id);
  const linked = ctx.db.select().from(devices).where(eq(devices.vanId, id)).all();
  return { ...van, devices: linked };
}

export const vanHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.list' | 'fleet.get' | 'fleet.upsert' | 'fleet.archive' | 'devices.list' | 'devices.upsert' | 'fleet.setCharge'> = {
  'fleet.list': (ctx, input) => listVans(ctx, input.search, input.includeArchived),
  'fleet.get': (ctx, input) => getVanDetail(ctx, input.id),
  'fleet.upsert': (w, input) => upsertRow(w, vanRegister, input),
  'fleet.archive': (w, input) => archiveRow(w, vanRegister, input.id, input.archived),
  'devices.list': (ctx, input) => {
    return ctx.db
      .select()
      .from(devices)
      .where(and(activeOnly(devices.archivedAt, input.includeArchived), searchAny(input.search, devices.identifier, devices.label)))
      .orderBy(asc(devices.identifier))
      .all();
  },
  'devices.upsert': (w, input) => {
    if (input.vanId != null && !w.db.select({ id: vans.id }).from(vans).where(eq(vans.id, input.vanId)).get()) {
      throw notFound('van', input.vanId);
    }
    return upsertRow(w, deviceRegister, input);
  },
  'fleet.setCharge': (w, input) => {
    const van = activeVan(w.db, input.vanId);
    const set = {
      stateOfChargePct: input.stateOfChargePct,
      ...(input.chargingBay !== undefined ? { chargingBay: input.chargingBay } : {}),
      ...(input.usableRangeMi !== undefined ? { usableRangeMi: input.usableRangeMi } : {}),
    };
    w.db.update(vans).set({ ...set, updatedAt: w.clock.now().toISOString() }).where(eq(vans.id, van.id)).run();
    w.audit({
      action: 'charge',
      entity: 'van',
      entityId: van.id,
      before: { stateOfChargePct: van.stateOfChargePct, chargingBay: van.chargingBay, usableRangeMi: van.usableRangeMi },
      after: set,
    });
    const after = activeVan(w.db, van.id);
    return { vanId: van.id, stateOfChargePct: after.stateOfChargePct, usableRangeMi: after.usableRangeMi, chargingBay: after.chargingBay };
  },
};
