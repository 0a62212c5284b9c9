import type { Channel, Input, Output } from '../../shared/contract';
import type { ErrorBody, Result } from '../../shared/errors';
import type { DeskEvent } from '../../shared/events';

/**
 * The renderer's one way to reach the desk: `window.desk` (Electron preload) when present,
 * otherwise HTTP `POST /api/<channel>` and `WS /events` on the serving origin with a bearer token.
 * The token arrives in the URL fragment (`#token=…`, never sent to a server or logged) or from the
 * login field, and is kept in sessionStorage for this tab only.
 */
export class ApiError extends Error {
  readonly code: ErrorBody['code'];
  readonly details: unknown;
  constructor(body: ErrorBody) {
    super(body.message);
    this.code = body.code;
    this.details = body.details;
  }
  /** Field-level issues from validation or uniqueness errors: `{ path, message }[]`. */
  get issues(): { path: string; message: string }[] {
    const d = this.details as { issues?: { path: string; message: string }[] } | undefined;
    return Array.isArray(d?.issues) ? d.issues : [];
  }
}

const TOKEN_KEY = 'desk.token';

export function takeTokenFromUrl(): void {
  const m = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]!));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}
export const getToken = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (t: string) => sessionStorage.setItem(TOKEN_KEY, t);
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);
export const isElectron = () => typeof window !== 'undefined' && !!window.desk;

export async function invokeHttp(channel: string, input: unknown): Promise<Result<unknown>> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
  } catch (err) {
    return { ok: false, error: { code: 'UNAVAILABLE', message: `Cannot reach the desk: ${(err as Error).message}` } };
  }
  try {
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `Unexpected answer (${res.status})` } };
  }
}

/** Call a channel; resolves with its data or throws ApiError. */
export async function api<K extends Channel>(channel: K, input: Input<K>): Promise<Output<K>> {
  const result = window.desk ? await window.desk.invoke(channel, input) : await invokeHttp(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.data as Output<K>;
}

export type ConnectionState = 'connecting' | 'live' | 'offline';
type EventSink = (e: DeskEvent) => void;

/**
 * Subscribe to desk events. Over HTTP it keeps one WebSocket, reconnecting with backoff, and reports
 * the connection state (shown in the status bar).
 */
export function subscribeEvents(onEvent: EventSink, onState: (s: ConnectionState) => void = () => {}): () => void {
  if (window.desk) {
    onState('live');
    return window.desk.onEvent(onEvent);
  }
  let ws: WebSocket | null = null;
  let stopped = false;
  let delay = 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    onState('connecting');
    const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const token = getToken() ?? '';
    // Browsers cannot set headers on a WebSocket: the token travels as a subprotocol.
    ws = new WebSocket(`${proto}://${window.location.host}/events`, ['desk.v1', `bearer.${token}`]);
    ws.onopen = () => {
      delay = 500;
      onState('live');
    };
    ws.onmessage = (m) => {
      try {
        onEvent(JSON.parse(String(m.data)) as DeskEvent);
      } catch {
        /* ignore malformed frames */
      }
    };
    ws.onclose = () => {
      if (stopped) return;
      onState('offline');
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    ws?.close();
  };
}
