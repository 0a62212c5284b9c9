import type { HandlersFor } from '../context';
import type { rosterChannels } from '../../../shared/contract/roster';
import { driverHandlers } from './drivers';
import { importRoster } from './import';

/** Handlers of the roster room (shared/contract/roster.ts): drivers and the associates import. */
export const rosterHandlers: HandlersFor<typeof rosterChannels> = {
  ...driverHandlers,
  'roster.import': importRoster,
};
