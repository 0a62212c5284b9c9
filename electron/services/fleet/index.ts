import type { HandlersFor } from '../context';
import type { fleetChannels } from '../../../shared/contract/fleet';
import { vanHandlers } from './vans';
import { overviewHandlers } from './overview';
import { inspectionHandlers } from './inspections';
import { defectHandlers } from './defects';
import { pmHandlers } from './pm';
import { fleetSettingsHandlers } from './settings';
import { documentHandlers } from './documents';
import { importFleet } from './import-vans';
import { importInspections } from './import-inspections';

/** Handlers of the fleet room (shared/contract/fleet.ts): vans, devices, readiness, maintenance and their imports. */
export const fleetHandlers: HandlersFor<typeof fleetChannels> = {
  ...vanHandlers,
  ...overviewHandlers,
  ...inspectionHandlers,
  ...defectHandlers,
  ...pmHandlers,
  ...fleetSettingsHandlers,
  ...documentHandlers,
  'fleet.import': importFleet,
  'fleet.importInspections': importInspections,
};
