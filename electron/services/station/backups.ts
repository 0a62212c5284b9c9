import { BACKUP_SETTINGS_KEY, readBackupSettings } from '../../db/backup';
import { backupsDir } from '../../db/files';
import { restoreCommandFor } from '../../db/station-file';
import type { HandlersFor, ReadContext } from '../context';
import { runWrite } from '../write';
import { mergeSettings } from '../crud';
import type { stationChannels } from '../../../shared/contract/station';
import { AppError } from '../../../shared/errors';

/** The station file's manager, or a clear refusal where there is none (a bare test context). */
function host(ctx: ReadContext) {
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
    const h = host(ctx);
    const r = await h.restore(input.name);
    // A file-level swap, not a transaction; afterwards the restored station's own audit log records
    // where it came from (one write on the station's connection, announced as `changed`).
    runWrite({ ...ctx, db: h.opened.db }, 'backups.restore', (w) =>
      w.audit({ action: 'restore', entity: 'station', entityId: null, after: { from: r.restoredFrom, keptPrevious: r.keptPrevious } }),
    );
    return { restoredFrom: r.restoredFrom, keptPrevious: r.keptPrevious, migrated: r.migrated };
  },
  'backups.setSettings': (w, input) => mergeSettings(w, BACKUP_SETTINGS_KEY, readBackupSettings(w.db.$client), input),
};
