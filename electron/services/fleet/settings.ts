import { settings as settingsTable } from '../../db/schema';
import type { HandlersFor } from '../context';
import { loadFleetSettings } from './readiness';
import { FLEET_SETTINGS_KEY } from '../../../shared/rules/fleet/maintenance';
import type { fleetChannels } from '../../../shared/contract/fleet';

/** The fleet's readiness thresholds (key `fleet.readiness`; DOMAIN.md defaults for anything unset). */
export const fleetSettingsHandlers: Pick<HandlersFor<typeof fleetChannels>, 'fleet.settings' | 'fleet.setSettings'> = {
  'fleet.settings': (ctx) => loadFleetSettings(ctx.db),
  'fleet.setSettings': (w, input) => {
    const before = loadFleetSettings(w.db);
    const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    w.db
      .insert(settingsTable)
      .values({ key: FLEET_SETTINGS_KEY, value: after })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value: after, updatedAt: w.clock.now().toISOString() } })
      .run();
    w.audit({ action: 'update', entity: 'settings', entityId: FLEET_SETTINGS_KEY, before, after });
    return after;
  },
};
