/**
 * The contract over Electron IPC: ONE `ipcMain.handle('desk:invoke')` → dispatch() for every
 * channel (the same Result as HTTP), events forwarded as 'desk:event', and two native file
 * dialogs. Every call's sender is checked: the main window's own webContents, its main frame,
 * showing our own page. Anything else is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ServiceContext } from './services/context';
import { dispatch } from './services/dispatch';
import type { Result } from '../shared/errors';

export const IPC = {
  invoke: 'desk:invoke',
  event: 'desk:event',
  pickFile: 'desk:pickFile',
  saveFile: 'desk:saveFile',
} as const;

/** Largest file the picker hands to the renderer (imports are capped at 15 MB of text). */
const MAX_PICK_BYTES = 11 * 1024 * 1024;

export interface IpcBinding {
  /** Stop forwarding events and remove the handlers. */
  dispose(): void;
}

/**
 * @param getWindow the main window (may be recreated, e.g. on macOS activate)
 * @param isOwnUrl  true for the URL of our own page (app://desk/index.html)
 */
export function bindIpc(opts: { ctx: ServiceContext; getWindow: () => BrowserWindow | null; isOwnUrl: (url: string) => boolean }): IpcBinding {
  const { ctx, getWindow, isOwnUrl } = opts;

  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return false;
    if (event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    if (!frame || frame !== win.webContents.mainFrame) return false;
    return isOwnUrl(frame.url);
  };
  const refused = (): Result<never> => ({ ok: false, error: { code: 'FORBIDDEN', message: 'IPC call from an unexpected sender' } });

  ipcMain.handle(IPC.invoke, async (event, channel: unknown, input: unknown) => {
    if (!trusted(event)) return refused();
    if (typeof channel !== 'string' || channel.length > 100) {
      return { ok: false, error: { code: 'VALIDATION', message: 'channel must be a channel name' } };
    }
    return dispatch(ctx, channel, input);
  });

  ipcMain.handle(IPC.pickFile, async (event, filters: unknown) => {
    if (!trusted(event)) throw new Error('IPC call from an unexpected sender');
    const win = getWindow()!;
    const safeFilters = Array.isArray(filters)
      ? filters
          .filter((f): f is { name: string; extensions: string[] } => !!f && typeof f.name === 'string' && Array.isArray(f.extensions))
          .map((f) => ({ name: f.name.slice(0, 60), extensions: f.extensions.filter((e) => typeof e === 'string' && /^[a-z0-9*]{1,8}$/i.test(e)) }))
      : [];
    const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: safeFilters });
    if (r.canceled || r.filePaths.length === 0) return null;
    const file = r.filePaths[0]!;
    const size = fs.statSync(file).size;
    if (size > MAX_PICK_BYTES) throw new Error(`${path.basename(file)} is larger than ${MAX_PICK_BYTES / 1048576} MB`);
    return { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') };
  });

  ipcMain.handle(IPC.saveFile, async (event, suggestedName: unknown, base64: unknown) => {
    if (!trusted(event)) throw new Error('IPC call from an unexpected sender');
    if (typeof suggestedName !== 'string' || typeof base64 !== 'string') throw new Error('saveFile(name, base64)');
    const r = await dialog.showSaveDialog(getWindow()!, { defaultPath: path.basename(suggestedName).slice(0, 200) });
    if (r.canceled || !r.filePath) return null;
    fs.writeFileSync(r.filePath, Buffer.from(base64, 'base64'));
    return r.filePath;
  });

  const unsubscribe = ctx.events.subscribe((e) => {
    const win = getWindow();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(IPC.event, e);
  });

  return {
    dispose() {
      unsubscribe();
      for (const name of [IPC.invoke, IPC.pickFile, IPC.saveFile]) ipcMain.removeHandler(name);
    },
  };
}
