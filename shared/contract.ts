/**
 * The one list of channels. Each area owns its file under shared/contract/; this joins them.
 * IPC, HTTP, the CLI and tests all resolve a channel through `contract`.
 */
import { joinChannels, type InputOf, type OutputOf } from './contract/define';
import { telematicsChannels } from './contract/telematics';
import { stationChannels } from './contract/station';
import { accessChannels } from './contract/access';
import { rosterChannels } from './contract/roster';
import { fleetChannels } from './contract/fleet';
import { boardChannels } from './contract/board';
import { scorecardChannels } from './contract/scorecards';
import { scheduleChannels } from './contract/schedule';
import { progressChannels } from './contract/progress';
import { syncChannels } from './contract/sync';

export const contract = joinChannels(stationChannels, accessChannels, rosterChannels, fleetChannels, boardChannels, telematicsChannels, scorecardChannels, scheduleChannels, progressChannels, syncChannels);

export type Contract = typeof contract;
export type Channel = keyof Contract & string;
export type Input<K extends Channel> = InputOf<Contract[K]>;
export type Output<K extends Channel> = OutputOf<Contract[K]>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './contract/define';
export type * from './contract/station';
export type * from './contract/access';
export type * from './contract/roster';
export type * from './contract/fleet';
export type * from './contract/board';
export type * from './contract/scorecards';
export type * from './contract/telematics';
export type * from './contract/schedule';
export type * from './contract/progress';
export type * from './contract/sync';
export type { ImportIssue } from './contract/common';
