/**
 * When the desktop app cannot open its station at start — a damaged or foreign file, a newer
 * database, the station held by another process — it says so in a dialog instead of only logging
 * and exiting, and offers the way back: restore the newest backup (the same guarded restore as
 * `dispatch-desk restore`), then start again. A read-only station opens read-only after a notice.
 */
import { app, dialog } from 'electron';
import { AppError } from '../shared/errors';
import { restoreStation } from './db/restore';
import { StationFileError } from './db/station-file';
import { formatBytes } from './db/files';

const PRODUCT = 'Dispatch Desk';

/**
 * Show why the station could not be opened; restore and relaunch if the user asks to. Resolves
 * when the app should quit: true when it restored (and a new instance will start).
 */
export async function showStartupProblem(err: unknown, dbPath: string, opts: { nativeBinding?: string } = {}): Promise<boolean> {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof StationFileError) {
    const d = err.details;
    const newest = d.backups[0];
    const buttons = newest ? [`Restore the backup of ${newest.at.slice(0, 16).replace('T', ' ')} UTC`, 'Quit'] : ['Quit'];
    const r = await dialog.showMessageBox({
      type: 'error',
      title: `${PRODUCT} cannot open the station`,
      message: `The station database cannot be opened: ${d.reason}.`,
      detail:
        `File: ${d.file}\n\n` +
        (newest
          ? `Newest backups:\n${d.backups.map((b) => `  ${b.path} (${b.at.slice(0, 16).replace('T', ' ')} UTC, ${formatBytes(b.bytes)})`).join('\n')}\n\n` +
            `Restoring keeps the current file as a backup first. The same from a terminal:\n${d.restoreCommand}`
          : `No backups were found beside it. Restore one with:\n${d.restoreCommand}`),
      buttons,
      defaultId: 0,
      cancelId: buttons.length - 1,
      noLink: true,
    });
    if (newest && r.response === 0) {
      try {
        const done = await restoreStation(d.file, newest.path, { ...opts, command: `${PRODUCT} (restore from the start-up dialog)` });
        await dialog.showMessageBox({
          type: 'info',
          title: `${PRODUCT}: station restored`,
          message: 'The station was restored; Dispatch Desk starts again.',
          detail: done.keptPrevious ? `The file it replaced is kept as ${done.keptPrevious}.` : '',
          buttons: ['Start'],
        });
        app.relaunch();
        return true;
      } catch (e) {
        await dialog.showMessageBox({ type: 'error', title: `${PRODUCT}: restore failed`, message: (e as Error).message, buttons: ['Quit'] });
      }
    }
    return false;
  }
  const held = err instanceof AppError && err.code === 'CONFLICT' && (err.details as { holder?: unknown } | undefined)?.holder;
  await dialog.showMessageBox({
    type: 'error',
    title: held ? `${PRODUCT}: the station is in use` : `${PRODUCT} could not start`,
    message: held ? 'The station is already open in another Dispatch Desk.' : 'Dispatch Desk could not start.',
    detail: `${message}\n\nDatabase: ${dbPath}`,
    buttons: ['Quit'],
  });
  return false;
}

/** A station that opened read-only: say why before the window shows it read-only. */
export async function showReadOnlyNotice(reason: string, dbPath: string): Promise<boolean> {
  const r = await dialog.showMessageBox({
    type: 'warning',
    title: `${PRODUCT}: read-only`,
    message: 'The station database is read-only; Dispatch Desk opens it read-only.',
    detail: `${reason}\n\nDatabase: ${dbPath}\n\nYou can look at everything; changes are refused until the file or folder can be written again (then restart).`,
    buttons: ['Open read-only', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  return r.response === 0;
}
