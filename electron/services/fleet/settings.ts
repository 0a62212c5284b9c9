import { settings as settingsTable } from '../../db/schema';
import type { LegacyHandlersFor } from '../legacy';
import { writeAudit } from '../audit';
import { loadFleetSettings } from './readiness';
import { txDb } from './vans';
import { FLEET_SETTINGS_KEY } from '../../../shared/rules/fleet/maintenance';
import type { fleetChannels } from '../../../shared/contract/fleet';

/** The fleet's readiness thresholds (key `fleet.readiness`; DOMAIN.md defaults for anything unset). */
export const fleetSettingsHandlers: Pick<LegacyHandlersFor<typeof fleetChannels>, 'fleet.settings' | 'fleet.setSettings'> = {
  'fleet.settings': (ctx) => loadFleetSettings(ctx.db),
  'fleet.setSettings': (ctx, input) => {
    const now = ctx.clock.now();
    return ctx.db.transaction((t) => {
      const tx = txDb(t);
      const before = loadFleetSettings(tx);
      const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      tx.insert(settingsTable)
        .values({ key: FLEET_SETTINGS_KEY, value: after })
        .onConflictDoUpdate({ target: settingsTable.key, set: { value: after, updatedAt: now.toISOString() } })
        .run();
      writeAudit(tx, ctx.actor, now, { action: 'update', entity: 'settings', entityId: FLEET_SETTINGS_KEY, before, after });
      return after;
    });
  },
};
