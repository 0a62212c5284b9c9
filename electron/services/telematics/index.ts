import { eq } from 'drizzle-orm';
import { devices, unknownDevices, vans } from '../../db/schema';
import { twoStage, type HandlersFor } from '../context';
import { getStation } from '../station/station';
import { getTelematicsSettings, putTelematicsSettings } from './settings';
import { latestLive, track } from './queries';
import { acknowledgeAlarm, listAlarms } from './alarms';
import { checkTileFile, readTile, type TileFileInfo } from './tiles';
import type { telematicsChannels, UnknownDevice } from '../../../shared/contract/telematics';
import type { Device } from '../../../shared/contract/fleet';
import { computeFlags } from '../../../shared/rules/telematics';
import { notFound } from '../../../shared/errors';

export const telematicsHandlers: HandlersFor<typeof telematicsChannels> = {
  'positions.latest': (ctx) => latestLive(ctx.db, ctx.clock),
  'positions.track': (ctx, input) => track(ctx.db, input.deviceId, input.from, input.to, input.limit),
  'telematics.live': (ctx) => {
    const settings = getTelematicsSettings(ctx.db);
    const positions = latestLive(ctx.db, ctx.clock);
    const now = ctx.clock.now();
    const unknown = ctx.db.$client.prepare('SELECT count(*) FROM unknown_devices').pluck().get() as number;
    return {
      now: now.toISOString(),
      station: getStation(ctx.db),
      settings,
      positions,
      flags: computeFlags(positions, now.getTime(), settings),
      unknownDevices: unknown,
      alarms: listAlarms(ctx.db, ctx.clock),
    };
  },
  'telematics.flags': (ctx) => computeFlags(latestLive(ctx.db, ctx.clock), ctx.clock.now().getTime(), getTelematicsSettings(ctx.db)),
  'telematics.unknownDevices': (ctx): UnknownDevice[] =>
    ctx.db.select().from(unknownDevices).orderBy(unknownDevices.lastSeenAt).all().reverse(),
  'telematics.linkDevice': (w, input): Device => {
    if (input.vanId !== null && !w.db.select({ id: vans.id }).from(vans).where(eq(vans.id, input.vanId)).get()) {
      throw notFound('van', input.vanId);
    }
    const before = w.db.select().from(devices).where(eq(devices.identifier, input.identifier)).get();
    const after = before
      ? w.db.update(devices).set({ vanId: input.vanId, archivedAt: null }).where(eq(devices.id, before.id)).returning().get()
      : w.db.insert(devices).values({ identifier: input.identifier, kind: 'phone', label: '', vanId: input.vanId }).returning().get();
    w.db.delete(unknownDevices).where(eq(unknownDevices.identifier, input.identifier)).run();
    w.audit({
      action: before ? 'device.link' : 'device.register',
      entity: 'device',
      entityId: after.id,
      before: before ? { vanId: before.vanId, archivedAt: before.archivedAt } : null,
      after: { identifier: after.identifier, vanId: after.vanId },
    });
    return after;
  },
  'telematics.alarms': (ctx, input) => listAlarms(ctx.db, ctx.clock, input),
  'telematics.ackAlarm': (w, input) => acknowledgeAlarm(w, input),
  'telematics.tile': async (ctx, input) => {
    const path = getTelematicsSettings(ctx.db).localTiles;
    if (!path) return null;
    const tile = await readTile(path, input.z, input.x, input.y);
    return tile ? { contentType: tile.contentType, base64: tile.data.toString('base64') } : null;
  },
  'telematics.settings': (ctx) => getTelematicsSettings(ctx.db),
  // A local tile file is checked (exists, raster MBTiles / PMTiles) before the settings are written.
  'telematics.updateSettings': twoStage<(typeof telematicsChannels)['telematics.updateSettings'], TileFileInfo | null>({
    prepare: async (_ctx, input) => (input.localTiles ? checkTileFile(input.localTiles) : null),
    apply: (w, input) => {
      const before = getTelematicsSettings(w.db);
      const next = { ...before };
      for (const [k, v] of Object.entries(input)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
      putTelematicsSettings(w.db, next, w.clock.now().toISOString());
      w.audit({ action: 'settings.telematics', entity: 'settings', entityId: 'telematics', before, after: next });
      return next;
    },
  }),
};
