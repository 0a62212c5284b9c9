/**
 * Runs sandboxed with context isolation: the only thing the page gets is `window.desk`
 * (shared/desk-api.ts). No Node, no ipcRenderer, no arbitrary channels.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskBridge } from '../shared/desk-api';
import type { DeskEvent } from '../shared/events';
import type { Result } from '../shared/errors';

// Kept literal (not imported from ipc.ts): a sandboxed preload bundles nothing from the main side.
const INVOKE = 'desk:invoke';
const EVENT = 'desk:event';

const bridge: DeskBridge = {
  invoke: (channel: string, input: unknown) => ipcRenderer.invoke(INVOKE, String(channel), input) as Promise<Result<unknown>>,
  onEvent(listener: (event: DeskEvent) => void) {
    const handler = (_e: IpcRendererEvent, event: DeskEvent) => listener(event);
    ipcRenderer.on(EVENT, handler);
    return () => {
      ipcRenderer.removeListener(EVENT, handler);
    };
  },
  pickFile: (filters) => ipcRenderer.invoke('desk:pickFile', filters),
  saveFile: (suggestedName, base64) => ipcRenderer.invoke('desk:saveFile', suggestedName, base64),
  platform: process.platform,
};

contextBridge.exposeInMainWorld('desk', bridge);
