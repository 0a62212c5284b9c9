import type { Channel, Contract } from '../../shared/contract';
import type { Handler } from './context';
import { legacyRoom, type Legacy } from './legacy';
import { stationHandlers } from './station';
import { accessHandlers } from './access';
import { rosterHandlers } from './roster';
import { fleetHandlers } from './fleet';
import { boardHandlers } from './board';
import { telematicsHandlers } from './telematics';
import { scorecardHandlers } from './scorecards';

/** Every channel's handler, one room at a time; the type makes a missing or extra handler a compile error. */
export const handlers: { [K in Channel]: Handler<Contract[K]> | Legacy } = {
  ...stationHandlers,
  ...accessHandlers,
  ...rosterHandlers,
  ...fleetHandlers,
  ...boardHandlers,
  ...legacyRoom(telematicsHandlers),
  ...scorecardHandlers,
};
