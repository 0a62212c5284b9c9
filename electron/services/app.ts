import type { HandlersFor } from './context';
import type { appChannels } from '../../shared/contract/app';
import { getStation, stationToday } from './station';
import { appVersion } from './version';

export const appHandlers: Pick<HandlersFor<typeof appChannels>, 'app.info'> = {
  'app.info': (ctx) => ({
    version: appVersion(),
    dbPath: ctx.dbPath,
    role: ctx.actor.role,
    actor: ctx.actor.name,
    station: getStation(ctx.db),
    today: stationToday(ctx.db, ctx.clock),
  }),
};
