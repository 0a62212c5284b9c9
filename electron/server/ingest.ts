import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Db } from '../db/open';
import type { ServiceContext } from '../services/context';
import { decodeOsmAnd } from '../services/telematics/osmand';
import { PositionStore, type StoreOptions } from '../services/telematics/store';
import { systemClock, type Clock } from '../../shared/dates';
import { EventBus } from '../../shared/events';
import { afterBurstCollect, boundHeapGrowth } from './memory';

/**
 * The telematics ingest endpoint: its own HTTP server speaking the OsmAnd / Traccar Client
 * protocol (port 5055 by default, like Traccar). Any path; GET or POST; answers with an empty body:
 * 200 stored, 400 malformed, 403 a browser (below), 404 unknown device, 405 other methods, 413
 * body over 64 KiB, 503 queue full or the station cannot be written (the phone retries; while
 * the queue is full, 503 comes before the request is decoded, so it also answers what would be
 * 400 or 404).
 *
 * Phones and trackers never send `Origin` or `Sec-Fetch-*`; browsers always do on cross-site
 * requests. Any web page open on a computer that can reach the desk could otherwise forge
 * positions with a simple form post, so such requests are refused (403) before they are read.
 */

/** A request made by a web browser (a page, not a phone): it carries Origin or Sec-Fetch-* headers. */
export function fromBrowser(headers: http.IncomingHttpHeaders): boolean {
  if (headers.origin !== undefined) return true;
  for (const name of Object.keys(headers)) if (name.startsWith('sec-fetch-')) return true;
  return false;
}

export const DEFAULT_INGEST_PORT = 5055;
const MAX_BODY = 64 * 1024;
/** Requests read per event-loop turn before the sockets that bring more wait for the next turn. */
const TURN_REQUESTS = 100;

/**
 * Bounds the requests one event-loop turn reads. In a flood every phone's socket is readable at
 * once, and Node parses and answers everything they brought before it looks at anything else —
 * thousands of requests, hundreds of milliseconds in which the console and `/healthz` wait. Past
 * `limit` requests in a turn, a socket that brings another stops reading (what it already sent
 * is still answered) until the next turn; the socket the desk's HTTP server paused itself (its
 * answers backed up) is left to it.
 */
function turnBudget(limit: number): { count(socket: Socket): void } {
  let seen = 0;
  const paused = new Set<Socket>();
  let next: ReturnType<typeof setImmediate> | null = null;
  const nextTurn = () => {
    next = null;
    seen = 0;
    for (const s of paused) if (!s.destroyed && !(s as Socket & { _paused?: boolean })._paused) s.resume();
    paused.clear();
  };
  return {
    count(socket) {
      next ??= setImmediate(nextTurn);
      if (++seen <= limit || paused.has(socket) || (socket as Socket & { _paused?: boolean })._paused) return;
      paused.add(socket);
      socket.pause();
    },
  };
}

export interface IngestServerOptions extends StoreOptions {
  /** Either a full service context (events reach the consoles) or just a database. */
  ctx?: Pick<ServiceContext, 'db' | 'clock' | 'events'>;
  db?: Db;
  clock?: Clock;
  events?: EventBus;
  /** 5055 by default; 0 = off (returns null); 'random' = any free port (tests, bench). */
  port?: number | 'random';
  host?: string;
  acceptUnknownDevices?: boolean;
  /** Log one line per rejected request (off by default: phones retry a lot). */
  log?: (line: string) => void;
}

export interface IngestServer {
  port: number;
  host: string;
  url: string;
  store: PositionStore;
  server: http.Server;
  close(): Promise<void>;
}

export async function startIngestServer(opts: IngestServerOptions): Promise<IngestServer | null> {
  const port = opts.port ?? DEFAULT_INGEST_PORT;
  if (port === 0) return null;
  const db = opts.ctx?.db ?? opts.db;
  if (!db) throw new Error('startIngestServer needs ctx or db');
  const clock = opts.clock ?? opts.ctx?.clock ?? systemClock;
  const events = opts.events ?? opts.ctx?.events ?? new EventBus();
  const store = new PositionStore(
    { db, clock, events },
    {
      maxQueue: opts.maxQueue,
      maxBatch: opts.maxBatch,
      flushDelayMs: opts.flushDelayMs,
      emitIntervalMs: opts.emitIntervalMs,
      pruneIntervalMs: opts.pruneIntervalMs,
      acceptUnknownDevices: opts.acceptUnknownDevices ?? false,
    },
  );
  const host = opts.host ?? '127.0.0.1';

  const answer = (res: http.ServerResponse, status: number) => {
    if (res.writableEnded) return;
    res.writeHead(status, { 'Content-Length': '0' });
    res.end();
  };

  // A flood's garbage goes back to the system as soon as it is over (see memory.ts), and so does
  // the page cache it filled (SQLite keeps up to 16 MB of pages per connection until told).
  boundHeapGrowth();
  const burst = afterBurstCollect({ onQuiet: () => store.releaseMemory() });
  const turn = turnBudget(TURN_REQUESTS);
  const server = http.createServer((req, res) => {
    burst.count();
    turn.count(req.socket);
    const method = req.method ?? 'GET';
    if (fromBrowser(req.headers)) {
      store.stats.rejectedInvalid++;
      opts.log?.('ingest 403 a browser request (Origin / Sec-Fetch-*)');
      req.resume();
      res.setHeader('Connection', 'close');
      return answer(res, 403);
    }
    if (method !== 'GET' && method !== 'POST') {
      req.resume();
      res.setHeader('Allow', 'GET, POST');
      return answer(res, 405);
    }
    // Full (or closed, or the station cannot be written): 503 before anything is read or decoded.
    // In a flood most requests are refused, and decoding what is refused anyway took a tenth of
    // the desk's time; the phone resends (an unknown device is listed once it gets through).
    if (store.refusing) {
      store.stats.rejectedFull++;
      req.resume();
      return answer(res, 503);
    }
    const handle = (body: string) => {
      const decoded = decodeOsmAnd({ method, url: req.url ?? '/', contentType: req.headers['content-type'], body }, clock.now());
      if (!decoded.ok) {
        store.stats.rejectedInvalid++;
        opts.log?.(`ingest 400 ${decoded.message}`);
        return answer(res, 400);
      }
      store.submit(decoded.position, req.socket.remoteAddress ?? '').then(
        (status) => answer(res, status),
        () => answer(res, 500),
      );
    };
    if (method === 'GET' || req.headers['content-length'] === '0') {
      req.resume();
      return handle('');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      if (tooLarge) return;
      size += c.length;
      if (size > MAX_BODY) {
        tooLarge = true;
        chunks.length = 0;
        res.setHeader('Connection', 'close');
        answer(res, 413);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!tooLarge) handle(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => answer(res, 400));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  // Bound the sockets a flood can hold open (each keeps a little memory).
  server.maxConnections = 4096;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port === 'random' ? 0 : port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    host,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    store,
    server,
    close: async () => {
      burst.stop();
      // Store what is queued and let those requests get their answer, then close the sockets.
      store.close();
      await new Promise((r) => setImmediate(r));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
