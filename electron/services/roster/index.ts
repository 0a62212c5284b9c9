import type { LegacyHandlersFor } from '../legacy';
import type { rosterChannels } from '../../../shared/contract/roster';
import { driverHandlers } from './drivers';
import { importRoster } from './import';

/** Handlers of the roster room (shared/contract/roster.ts): drivers and the associates import. */
export const rosterHandlers: LegacyHandlersFor<typeof rosterChannels> = {
  ...driverHandlers,
  'roster.import': (ctx, input) => importRoster(ctx, input),
};
