import type { HandlersFor } from '../context';
import { mergeSettings } from '../crud';
import { loadFleetSettings } from './readiness';
import { FLEET_SETTINGS_KEY } from '../../../shared/rules/fleet/maintenance';
import type { fleetChannels } from '../../../shared/contract/fleet';

/** The fleet's readiness thresholds (key `fleet.readiness`; DOMAIN.md defaults for anything unset). */
export const fleetSettingsHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.settings' | 'fleet.setSettings'> = {
  'fleet.settings': (ctx) => loadFleetSettings(ctx.db),
  'fleet.setSettings': (w, input) => mergeSettings(w, FLEET_SETTINGS_KEY, loadFleetSettings(w.db), input),
};
