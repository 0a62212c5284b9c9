import type { Contract } from '../../shared/contract';
import type { HandlersFor } from './context';
import { fleetMaintenanceHandlers } from './fleet-maintenance';
import { telematicsHandlers } from './telematics/handlers';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { vanHandlers } from './fleet';
import { rosterHandlers } from './roster';
import { tokenHandlers } from './tokens';
import { boardHandlers } from './board';
import { scorecardHandlers } from './scorecards';

/** Every channel's handler; the type makes a missing or extra handler a compile error. */
export const handlers: HandlersFor<Contract> = {
  ...fleetMaintenanceHandlers,
  ...telematicsHandlers,
  ...appHandlers,
  ...auditHandlers,
  ...tokenHandlers,
  ...rosterHandlers,
  ...vanHandlers,
  ...boardHandlers,
  ...scorecardHandlers,
};
