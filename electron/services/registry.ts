import type { Contract } from '../../shared/contract';
import type { HandlersFor } from './context';
import { stationHandlers } from './station';
import { accessHandlers } from './access';
import { rosterHandlers } from './roster';
import { fleetHandlers } from './fleet';
import { boardHandlers } from './board';
import { telematicsHandlers } from './telematics';
import { scorecardHandlers } from './scorecards';
import { scheduleHandlers } from './schedule';
import { progressHandlers } from './progress';
import { syncHandlers } from './headoffice';

/**
 * Every channel's handler, one room at a time; the type makes a missing or extra handler a compile
 * error, and types each handler by its channel's access (read → read-only handle, write → WriteContext).
 */
export const handlers: HandlersFor<Contract> = {
  ...stationHandlers,
  ...accessHandlers,
  ...rosterHandlers,
  ...fleetHandlers,
  ...boardHandlers,
  ...telematicsHandlers,
  ...scorecardHandlers,
  ...scheduleHandlers,
  ...progressHandlers,
  ...syncHandlers,
};
