import type { HandlersFor } from '../context';
import type { rosterChannels } from '../../../shared/contract/roster';
import { driverHandlers } from './drivers';
import { importRoster } from './import';
import { badgeSheet } from './badges';

/** Handlers of the roster room (shared/contract/roster.ts): drivers, the associates import and the badge sheet. */
export const rosterHandlers: HandlersFor<typeof rosterChannels> = {
  ...driverHandlers,
  'roster.import': importRoster,
  'roster.badges': (ctx, input) => badgeSheet(ctx, input),
};
