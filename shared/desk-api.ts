import type { Result } from './errors';
import type { DeskEvent } from './events';

/**
 * What the Electron preload exposes as `window.desk` (contextBridge). The renderer's API client
 * uses it when present and falls back to HTTP + WebSocket otherwise; both speak the same Result.
 */
export interface DeskBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: DeskEvent) => void): () => void;
  /** Open a file picker in the main process; content comes back base64-encoded. */
  pickFile?(filters: { name: string; extensions: string[] }[]): Promise<{ fileName: string; base64: string } | null>;
  /** Save bytes through a native save dialog; resolves to the path or null if cancelled. */
  saveFile?(suggestedName: string, base64: string): Promise<string | null>;
  readonly platform: string;
}

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}
