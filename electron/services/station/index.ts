import type { HandlersFor } from '../context';
import type { stationChannels } from '../../../shared/contract/station';
import { getStation, stationToday } from './station';
import { appVersion } from './version';
import { backupHandlers } from './backups';

/** The server's LAN URLs, as `serve` put them in the process options (strings only). */
const lanUrlsOf = (options: Record<string, unknown> | undefined): string[] =>
  Array.isArray(options?.lanUrls) ? options.lanUrls.filter((u): u is string => typeof u === 'string') : [];

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
    lanUrls: lanUrlsOf(ctx.options),
  }),
  ...backupHandlers,
};
