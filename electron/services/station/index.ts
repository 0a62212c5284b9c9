import type { HandlersFor } from '../context';
import type { stationChannels } from '../../../shared/contract/station';
import { getStation, stationToday } from './station';
import { appVersion } from './version';
import { backupHandlers } from './backups';

/** Handlers of the station room (shared/contract/station.ts): the app.* channels. */
export const stationHandlers: HandlersFor<typeof stationChannels> = {
  'app.info': (ctx) => ({
    version: appVersion(),
    dbPath: ctx.dbPath,
    role: ctx.actor.role,
    actor: ctx.actor.name,
    station: getStation(ctx.db),
    today: stationToday(ctx.db, ctx.clock),
    readOnly: ctx.station?.health().readOnly ?? null,
    now: ctx.clock.now().toISOString(),
  }),
  ...backupHandlers,
};
