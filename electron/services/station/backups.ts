import { settings as settingsTable } from '../../db/schema';
import { BACKUP_SETTINGS_KEY, readBackupSettings } from '../../db/backup';
import { backupsDir } from '../../db/files';
import { restoreCommandFor } from '../../db/station-file';
import type { HandlersFor, ServiceContext } from '../context';
import { writeAudit } from '../audit';
import type { stationChannels } from '../../../shared/contract/station';
import { AppError } from '../../../shared/errors';

/** The station file's manager, or a clear refusal where there is none (a bare test context). */
function host(ctx: ServiceContext) {
  if (!ctx.station) throw new AppError('UNAVAILABLE', 'Backups are made by the desk that has the station open');
  return ctx.station;
}

/** Settings → Database and backups: health, the backups list, Back up now, Restore, how many to keep. */
export const backupHandlers: Pick<HandlersFor<typeof stationChannels>, 'station.health' | 'backups.list' | 'backups.create' | 'backups.restore' | 'backups.setSettings'> = {
  'station.health': (ctx) =>
    ctx.station?.health() ?? { status: 'ok', reasons: [], readOnly: null, problems: [], since: null },
  'backups.list': (ctx) => {
    const h = host(ctx);
    const backups = h.backups().map((b) => ({ name: b.name, kind: b.kind, at: b.at, bytes: b.bytes, path: b.path }));
    return {
      folder: backupsDir(h.dbPath),
      backups,
      settings: readBackupSettings(ctx.db.$client),
      restoreCommand: restoreCommandFor(h.dbPath, backups[0]?.path),
    };
  },
  'backups.create': async (ctx) => host(ctx).backupNow(),
  'backups.restore': async (ctx, input) => {
    const r = await host(ctx).restore(input.name);
    // The restored station's own audit log records where it came from.
    writeAudit(ctx.db, ctx.actor, ctx.clock.now(), { action: 'restore', entity: 'station', entityId: null, after: { from: r.restoredFrom, keptPrevious: r.keptPrevious } });
    ctx.events.emit({ type: 'changed', channel: 'backups.restore', at: ctx.clock.now().toISOString(), actor: ctx.actor.name });
    return { restoredFrom: r.restoredFrom, keptPrevious: r.keptPrevious, migrated: r.migrated };
  },
  'backups.setSettings': (ctx, input) => {
    const now = ctx.clock.now();
    return ctx.db.transaction((tx) => {
      const before = readBackupSettings(ctx.db.$client);
      const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      tx.insert(settingsTable)
        .values({ key: BACKUP_SETTINGS_KEY, value: after })
        .onConflictDoUpdate({ target: settingsTable.key, set: { value: after, updatedAt: now.toISOString() } })
        .run();
      writeAudit(tx as unknown as ServiceContext['db'], ctx.actor, now, { action: 'update', entity: 'settings', entityId: BACKUP_SETTINGS_KEY, before, after });
      return after;
    });
  },
};
