/**
 * The desk's local HTTP + WebSocket transport over `dispatch()`:
 *   GET  /healthz            no auth; {ok:true,data:{status:'ok',version}}
 *   POST /api/<channel>      JSON input, `Authorization: Bearer <token>` → Result, status by error code
 *   GET  /tiles/{z}/{x}/{y}.png  same token → a tile of the local tile file (telematics.tile)
 *   WS   /events             same token (header or `bearer.<token>` subprotocol) → every EventBus event
 *   GET  /*                  the built console (dist/renderer), SPA fallback to index.html
 * Host/Origin are checked on every request (DNS-rebinding defence). Tokens are never logged.
 */
import type { Tile } from '../../shared/contract/telematics';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { eq } from 'drizzle-orm';
import { WebSocketServer, WebSocket } from 'ws';
import { openDatabase, type OpenedDb } from '../db/open';
import { apiTokens } from '../db/schema';
import type { Actor, ServiceContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { findToken, hashToken } from '../services/access/tokens';
import { appVersion } from '../services/station/version';
import { isChannel } from '../../shared/contract';
import { systemClock, type Clock } from '../../shared/dates';
import { AppError, HTTP_STATUS, toErrorBody, type ErrorBody, type ErrorCode } from '../../shared/errors';
import { EventBus, type DeskEvent } from '../../shared/events';
import { HostGuard, SECURITY_HEADERS, lanAddresses } from './security';
import { FailureLimiter } from './rate-limit';
import { StationHost } from '../db/station-host';
import { resolveStatic, sendStatic, staticErrorCode } from './static';

/** Largest accepted request body (imports carry whole files, base64-encoded). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_TOKEN_LENGTH = 512;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface DeskServerOptions {
  /** An already-open database (the caller keeps ownership), or… */
  opened?: OpenedDb;
  /** …a file to open (closed again by close()). */
  dbPath?: string;
  /** Address to bind; default 127.0.0.1. `0.0.0.0` lets owners on the station LAN connect. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The desk's own token (full access). */
  deskToken: string;
  clock?: Clock;
  /** Built console; default `<cwd>/dist/renderer`. */
  staticDir?: string;
  /** Process-wide service options (serve flags), passed to every ServiceContext. */
  options?: Record<string, unknown>;
  /** Share a bus with other producers (ingest, simulator); default a new one. */
  events?: EventBus;
  /** One line per request (method, path, status, ms) — never headers or bodies. Default: silent. */
  log?: (line: string) => void;
  maxBodyBytes?: number;
  /** The station file's manager (health, backups); default one made for `opened`. */
  station?: StationHost;
  /** Failed token attempts allowed per client address before 429 (burst, then per second). */
  authFailures?: { burst: number; perSecond: number };
}

export interface DeskServer {
  url: string;
  host: string;
  port: number;
  opened: OpenedDb;
  events: EventBus;
  /** A service context for `actor` on this server's database, clock, bus and options. */
  ctxFor(actor: Actor): ServiceContext;
  /** Number of open /events sockets. */
  readonly wsClients: number;
  close(): Promise<void>;
}

export class HttpError extends AppError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    details?: unknown,
  ) {
    super(code, message, details);
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  // Answering before the request body arrived (e.g. 413): keep the connection for the short
  // linger (see lingerAndClose) rather than let Node reset it under a client still sending.
  if (res.req && !res.req.complete) res.shouldKeepAlive = true;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  res.end(text);
}

export function sendError(res: http.ServerResponse, err: unknown, extra: Record<string, string> = {}): void {
  const body: ErrorBody = toErrorBody(err);
  const status = err instanceof HttpError ? err.status : HTTP_STATUS[body.code] ?? 500;
  sendJson(res, status, { ok: false, error: body }, extra);
}

/** `Bearer <token>` → token; anything else → null. */
export function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

/** The token a WebSocket upgrade carries: Authorization header, else a `bearer.<token>` subprotocol. */
function wsToken(req: http.IncomingMessage): string | null {
  const fromHeader = bearer(req.headers.authorization);
  if (fromHeader) return fromHeader;
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const p = protocols.find((x) => x.startsWith('bearer.'));
  return p ? p.slice('bearer.'.length) : null;
}

/** JSON.parse that refuses prototype-pollution keys anywhere in the document. */
export function parseJsonObject(text: string): Record<string, unknown> {
  let bad: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v) => {
      if (FORBIDDEN_KEYS.has(key)) bad = key;
      return v;
    });
  } catch (err) {
    throw new HttpError(400, 'VALIDATION', `Malformed JSON: ${(err as Error).message.slice(0, 120)}`);
  }
  if (bad) {
    throw new HttpError(400, 'VALIDATION', `Invalid input: key "${bad}" is not allowed`, {
      issues: [{ path: bad, message: 'key not allowed' }],
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'VALIDATION', 'Invalid input: the body must be a JSON object', {
      issues: [{ path: '(input)', message: 'expected a JSON object' }],
    });
  }
  return value as Record<string, unknown>;
}

/**
 * Read the body up to `limit` bytes. Over the limit (by Content-Length or while streaming) it
 * rejects with 413 at once; nothing beyond the limit is kept in memory.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      reject(new HttpError(413, 'TOO_LARGE', `Request body over ${Math.round(limit / 1048576)} MB`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        req.off('data', onData);
        reject(new HttpError(413, 'TOO_LARGE', `Request body over ${Math.round(limit / 1048576)} MB`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
}

/**
 * After answering early (413, 401/403 on an upload…), stop caring about the rest of the body: the
 * answer goes out at once; what is still in flight is discarded (never buffered) for a short grace
 * so the client can read the answer instead of a connection reset, then the socket is dropped.
 */
const LINGER_MS = 2000;
const LINGER_BYTES = 64 * 1024 * 1024;
export function lingerAndClose(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.on('finish', () => {
    if (req.complete) return;
    const socket = req.socket;
    let drained = 0;
    const t = setTimeout(() => socket.destroy(), LINGER_MS);
    t.unref();
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > LINGER_BYTES) socket.destroy();
    });
    req.on('end', () => clearTimeout(t));
    socket.on('close', () => clearTimeout(t));
    req.resume();
  });
}

export function timingSafeEqualText(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a, 'utf8').digest();
  const hb = crypto.createHash('sha256').update(b, 'utf8').digest();
  return crypto.timingSafeEqual(ha, hb);
}

export async function startDeskServer(opts: DeskServerOptions): Promise<DeskServer> {
  if (!opts.deskToken) throw new Error('startDeskServer: a desk token is required');
  const ownsDb = !opts.opened;
  const opened = opts.opened ?? openDatabase(opts.dbPath ?? (() => { throw new Error('startDeskServer: opened or dbPath is required'); })());
  const host = opts.host ?? '127.0.0.1';
  const clock = opts.clock ?? systemClock;
  const events = opts.events ?? new EventBus();
  const staticDir = path.resolve(opts.staticDir ?? path.join(process.cwd(), 'dist', 'renderer'));
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = opts.log ?? (() => {});
  const version = appVersion();
  const station = opts.station ?? new StationHost(opened);
  const limiter = new FailureLimiter(opts.authFailures?.burst ?? 20, opts.authFailures?.perSecond ?? 1);

  let lanUrls: string[] = [];
  const ctxFor = (actor: Actor): ServiceContext => ({
    db: opened.db,
    clock,
    actor,
    events,
    dbPath: opened.path,
    station,
    // The LAN addresses are known once the server listens (the kiosk link in Settings, app.info).
    options: { ...(opts.options ?? {}), lanUrls },
  });

  /** 429 before the token is looked at when this address has failed too often. */
  const tooManyFailures = (req: http.IncomingMessage): HttpError | null => {
    const wait = limiter.retryAfter(req.socket.remoteAddress ?? '');
    return wait > 0 ? new HttpError(429, 'UNAUTHORIZED', `Too many wrong tokens from this address; try again in ${wait} s`, { retryAfter: wait }) : null;
  };

  const lastUsedWritten = new Map<string, number>();
  /** Who presents `token`: the desk, a live named token (looked up now, so new and revoked ones count at once), or nobody. */
  const authenticate = (token: string | null): Actor | null => {
    if (!token || token.length > MAX_TOKEN_LENGTH) return null;
    if (timingSafeEqualText(token, opts.deskToken)) return { name: 'desk', role: 'desk' };
    const found = findToken(opened.db, token);
    if (!found) return null;
    const now = Date.now();
    const h = hashToken(token);
    if ((lastUsedWritten.get(h) ?? 0) < now - 60_000) {
      lastUsedWritten.set(h, now);
      try {
        opened.db.update(apiTokens).set({ lastUsedAt: clock.now().toISOString() }).where(eq(apiTokens.hash, h)).run();
      } catch {
        /* bookkeeping only */
      }
    }
    return found;
  };

  let guard: HostGuard; // set once the port is known

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://desk.invalid');
    const route = url.pathname;

    if (!guard.hostAllowed(req.headers.host) || !guard.originAllowed(req.headers.origin as string | undefined)) {
      lingerAndClose(req, res);
      throw new HttpError(403, 'FORBIDDEN', 'Host or Origin not allowed (this desk answers only to its own address)');
    }

    if (route === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'VALIDATION', 'Use GET /healthz');
      const h = station.health();
      sendJson(res, 200, { ok: true, data: { status: h.status, version, ...(h.reasons.length ? { reasons: h.reasons } : {}) } });
      return;
    }

    if (route === '/api' || route.startsWith('/api/')) {
      lingerAndClose(req, res);
      if (req.method !== 'POST') throw new HttpError(405, 'VALIDATION', `Use POST ${route}`);
      const limited = tooManyFailures(req);
      if (limited) throw limited;
      const actor = authenticate(bearer(req.headers.authorization));
      if (!actor) {
        limiter.fail(req.socket.remoteAddress ?? '');
        throw new HttpError(401, 'UNAUTHORIZED', 'Missing or wrong token (Authorization: Bearer <token>)');
      }
      const name = route.slice('/api/'.length);
      if (!isChannel(name)) throw new AppError('NOT_FOUND', `Unknown channel: ${name.slice(0, 80)}`);
      const type = String(req.headers['content-type'] ?? '');
      const declared = Number(req.headers['content-length'] ?? NaN);
      const body = await readBody(req, limit);
      if (body.length > 0 || (Number.isFinite(declared) && declared > 0)) {
        if (!/^application\/json\s*(;|$)/i.test(type)) {
          throw new HttpError(400, 'VALIDATION', 'Send the input as JSON (Content-Type: application/json)');
        }
      }
      const input = body.trim() === '' ? undefined : parseJsonObject(body);
      const result = await dispatch(ctxFor(actor), name, input);
      if (result.ok) sendJson(res, 200, result);
      // BUSY: another program holds the write lock; a client may retry after a second.
      else sendJson(res, HTTP_STATUS[result.error.code] ?? 500, result, result.error.code === 'BUSY' ? { 'Retry-After': '1' } : {});
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      lingerAndClose(req, res);
      throw new HttpError(405, 'VALIDATION', `${req.method} is not allowed here`);
    }
    // The local tile file's tiles, with the API's token: the `telematics.tile` channel as bytes.
    const tile = /^\/tiles\/(\d{1,2})\/(\d{1,8})\/(\d{1,8})\.(png|jpg|jpeg|webp)$/.exec(route);
    if (tile) {
      const actor = authenticate(bearer(req.headers.authorization));
      if (!actor) throw new HttpError(401, 'UNAUTHORIZED', 'Missing or wrong token (Authorization: Bearer <token>)');
      const result = await dispatch(ctxFor(actor), 'telematics.tile', { z: +tile[1]!, x: +tile[2]!, y: +tile[3]! });
      if (!result.ok) return sendJson(res, HTTP_STATUS[result.error.code] ?? 500, result);
      const data = result.data as Tile | null;
      if (!data) throw new HttpError(404, 'NOT_FOUND', 'No tile there (or no local tile file chosen)');
      const bytes = Buffer.from(data.base64, 'base64');
      res.writeHead(200, { 'Content-Type': data.contentType, 'Content-Length': bytes.length, 'Cache-Control': 'private, max-age=3600' });
      res.end(req.method === 'HEAD' ? undefined : bytes);
      return;
    }
    // The self check-in kiosk is its own small page.
    const answer = resolveStatic(staticDir, route === '/kiosk' || route === '/kiosk/' ? '/kiosk.html' : route);
    if (answer.kind === 'status') {
      throw new HttpError(answer.status, staticErrorCode(answer.status), answer.message);
    }
    sendStatic(req, res, answer);
  };

  const started = Date.now;
  const server = http.createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (req, res) => {
    const t0 = started();
    res.on('finish', () => {
      // Path only: no query string, no headers (tokens live in headers and fragments).
      const p = (req.url ?? '/').split('?')[0]!.slice(0, 200);
      log(`${req.method} ${p} ${res.statusCode} ${started() - t0}ms`);
    });
    handle(req, res).catch((err: unknown) => {
      const aborted = (err as NodeJS.ErrnoException)?.code === 'ECONNRESET' || (err as Error)?.message === 'aborted';
      if (aborted) return; // the client went away mid-request: nothing to answer, nothing to report
      if (!(err instanceof AppError)) console.error('[desk-server] request failed:', err instanceof Error ? err.message : err);
      try {
        const extra: Record<string, string> =
          err instanceof HttpError && err.status === 405
            ? { Allow: req.url?.startsWith('/api') ? 'POST' : 'GET, HEAD' }
            : err instanceof HttpError && err.status === 429
              ? { 'Retry-After': String((err.details as { retryAfter: number }).retryAfter) }
              : {};
        sendError(res, err, extra);
      } catch {
        res.destroy();
      }
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  // ---- WS /events ---------------------------------------------------------------------------
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has('desk.v1') ? 'desk.v1' : false),
  });
  interface Client {
    ws: WebSocket;
    actor: Actor;
    token: string;
    checkedAt: number;
    alive: boolean;
  }
  const clients = new Set<Client>();

  const refuse = (socket: Duplex, status: number, text: string, headers = '') => {
    const body = JSON.stringify({ ok: false, error: { code: status === 401 || status === 429 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : 'NOT_FOUND', message: text } });
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n${headers}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      socket.on('error', () => socket.destroy());
      const route = new URL(req.url ?? '/', 'http://desk.invalid').pathname;
      if (route !== '/events') return refuse(socket, 404, 'Only /events speaks WebSocket');
      if (!guard.hostAllowed(req.headers.host) || !guard.originAllowed(req.headers.origin as string | undefined)) {
        return refuse(socket, 403, 'Host or Origin not allowed');
      }
      const limited = tooManyFailures(req);
      if (limited) return refuse(socket, 429, limited.message, `Retry-After: ${(limited.details as { retryAfter: number }).retryAfter}\r\n`);
      const token = wsToken(req);
      const actor = authenticate(token);
      if (!actor || !token) {
        limiter.fail(req.socket.remoteAddress ?? '');
        return refuse(socket, 401, 'Missing or wrong token');
      }
      // The kiosk page subscribes to nothing: its token may look a driver up and check in, and
      // the event stream would show it every change at the station (names, routes, positions).
      if (actor.role === 'kiosk') return refuse(socket, 403, 'A kiosk token has no event stream: it may only look a driver up and check in');
      wss.handleUpgrade(req, socket, head, (ws) => {
        const client: Client = { ws, actor, token, checkedAt: Date.now(), alive: true };
        clients.add(client);
        log(`WS /events open (${actor.name})`);
        ws.on('pong', () => (client.alive = true));
        ws.on('message', () => {}); // the stream is one-way; ignore chatter
        ws.on('error', () => ws.terminate());
        ws.on('close', () => clients.delete(client));
        ws.send(JSON.stringify({ type: 'hello', at: clock.now().toISOString(), actor: actor.name, data: { version, role: actor.role } }));
      });
    } catch (err) {
      console.error('[desk-server] upgrade failed:', err instanceof Error ? err.message : err);
      socket.destroy();
    }
  });

  /** Named tokens are re-checked at most once a second, and at once after any token change. */
  const stillValid = (c: Client, force = false): boolean => {
    if (c.actor.name === 'desk' && c.actor.role === 'desk' && timingSafeEqualText(c.token, opts.deskToken)) return true;
    if (!force && Date.now() - c.checkedAt < 1000) return true;
    c.checkedAt = Date.now();
    return findToken(opened.db, c.token) !== null;
  };

  const unsubscribe = events.subscribe((event: DeskEvent) => {
    if (clients.size === 0) return;
    // Serialized and encoded once for every console (a positions event can be megabytes).
    const frame = Buffer.from(JSON.stringify(event), 'utf8');
    const tokensChanged = typeof event.channel === 'string' && event.channel.startsWith('tokens.');
    for (const c of clients) {
      if (c.ws.readyState !== WebSocket.OPEN) continue;
      if (!stillValid(c, tokensChanged)) {
        c.ws.close(4401, 'token revoked');
        clients.delete(c);
        continue;
      }
      // A console that cannot keep up (4 MB queued) is dropped; it reconnects and refetches.
      if (c.ws.bufferedAmount > 4 * 1024 * 1024) {
        c.ws.terminate();
        clients.delete(c);
        continue;
      }
      c.ws.send(frame, { binary: false });
    }
  });

  /**
   * A token revoked by another process (the CLI) must close its sockets at once: SQLite's
   * data_version changes whenever another connection commits, and then every named token's
   * socket is checked again (a few indexed lookups, 4 times a second, only when something changed).
   */
  let dataVersion = -1;
  const revocationWatch = setInterval(() => {
    if (clients.size === 0 || !opened.sqlite.open) return;
    let v: number;
    try {
      v = opened.sqlite.pragma('data_version', { simple: true }) as number;
    } catch {
      return;
    }
    if (v === dataVersion) return;
    dataVersion = v;
    for (const c of clients) {
      if (c.ws.readyState === WebSocket.OPEN && !stillValid(c, true)) {
        c.ws.close(4401, 'token revoked');
        clients.delete(c);
      }
    }
  }, 250);
  revocationWatch.unref();

  const heartbeat = setInterval(() => {
    for (const c of clients) {
      if (!c.alive || !stillValid(c)) {
        c.ws.terminate();
        clients.delete(c);
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, 30_000);
  heartbeat.unref();

  // ---- listen ------------------------------------------------------------------------------
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err) => {
    unsubscribe();
    clearInterval(heartbeat);
    clearInterval(revocationWatch);
    if (ownsDb) opened.close();
    throw err;
  });
  const port = (server.address() as { port: number }).port;
  guard = new HostGuard(host, port);
  lanUrls = lanAddresses(host).map((a) => `http://${a}:${port}`);
  const urlHost = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    opened,
    events,
    ctxFor,
    get wsClients() {
      return clients.size;
    },
    close() {
      closing ??= (async () => {
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(revocationWatch);
        for (const c of clients) c.ws.close(1001, 'server shutting down');
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => {
            for (const c of clients) c.ws.terminate();
            server.closeAllConnections();
          }, 500).unref();
        });
        wss.close();
        if (ownsDb) opened.close();
      })();
      return closing;
    },
  };
}
