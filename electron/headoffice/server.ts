/**
 * The head office's HTTP server (issue 15):
 *   GET  /healthz              no auth; {ok:true,data:{status:'ok',mode:'head-office',version,now}} (now: the head office's
 *                              clock, ISO; its console measures its own clock's skew by it)
 *   POST /sync/push            station token → applies one push (protocol.ts) in one transaction
 *   POST /sync/hello           station token → {ok, station, epoch, lastSeq}; changes nothing (Test connection)
 *   POST /api/stations.list    owner token → [{code, name, lastPushAt, lastSeq, pending, complete}]
 *   POST /api/<read channel>   owner token, body {station?: CODE, ...the channel's input} → with a
 *                              station: the desk's own answer for it ({ok, data}); without: every
 *                              station's answer, {ok, data: {stations: [{code, name, result}]}}
 *   GET  /*                    the built console (the desk's own files), which asks /healthz, sees
 *                              mode 'head-office' and shows its read-only head-office screens
 * Tokens: the owner token given at start (`--token`) and the named tokens of `ho_tokens` (role
 * station: may only push, as its own station; role owner: may only read). Tokens are never logged.
 * Host and Origin are checked on every request, with the desk's own guard (DNS rebinding, cross-site pages).
 */
import http from 'node:http';
import { and, eq, isNull } from 'drizzle-orm';
import { openHeadOffice, type OpenedHeadOffice } from '../db/pg/connect';
import { hoStations, hoTokens } from '../db/pg/head-office';
import { hashToken } from '../services/access/tokens';
import { appVersion } from '../services/station/version';
import { systemClock, type Clock } from '../../shared/dates';
import { AppError, HTTP_STATUS, type Result } from '../../shared/errors';
import { isHeadOfficeChannel, StationReplicas } from './replica';
import { bearer, HttpError, lingerAndClose, parseJsonObject, readBody, sendError, sendJson, timingSafeEqualText } from '../server';
import { HostGuard, SECURITY_HEADERS } from '../server/security';
import { resolveStatic, sendStatic, staticErrorCode } from '../server/static';
import { applyPush } from './apply';
import { HELLO_PATH, parsePushBody, PUSH_PATH, type HelloAnswer } from './protocol';
import { listStations } from './stations';

export const DEFAULT_KEEP_POSITIONS_DAYS = 90;
/** A snapshot batch carries thousands of rows; the desk keeps its batches under this. */
export const MAX_PUSH_BYTES = 64 * 1024 * 1024;

export interface HeadOfficeServerOptions {
  postgres: string;
  host?: string;
  port?: number;
  /** The owner's token (read access), as `serve --token`. */
  ownerToken: string;
  keepPositionsDays?: number;
  clock?: Clock;
  log?: (line: string) => void;
  /** The built console (dist/renderer, as the desk's `serve` serves it); without it GET /* is 404. */
  staticDir?: string;
  /** Addresses the head office is reached at besides its own (a proxy's https://name): allowed as Host and Origin. */
  publicUrls?: string[];
}

export interface HeadOfficeServer {
  url: string;
  port: number;
  ho: OpenedHeadOffice;
  replicas: StationReplicas;
  close(): Promise<void>;
}

type Caller = { role: 'owner'; name: string } | { role: 'station'; name: string; station: string };

export async function startHeadOfficeServer(opts: HeadOfficeServerOptions): Promise<HeadOfficeServer> {
  const ho = await openHeadOffice(opts.postgres);
  const clock = opts.clock ?? systemClock;
  const keepPositionsDays = opts.keepPositionsDays ?? DEFAULT_KEEP_POSITIONS_DAYS;
  const replicas = new StationReplicas(ho.pool, clock);
  const sendResult = (res: http.ServerResponse, r: Result<unknown>) => (r.ok ? sendJson(res, 200, r) : sendJson(res, HTTP_STATUS[r.error.code] ?? 500, r));

  async function callerOf(req: http.IncomingMessage): Promise<Caller> {
    const token = bearer(req.headers.authorization);
    if (!token) throw new HttpError(401, 'UNAUTHORIZED', 'Missing token (Authorization: Bearer <token>)');
    if (timingSafeEqualText(token, opts.ownerToken)) return { role: 'owner', name: 'owner' };
    const row = (await ho.db.select().from(hoTokens).where(and(eq(hoTokens.hash, hashToken(token)), isNull(hoTokens.revokedAt))).limit(1))[0];
    if (!row) throw new HttpError(401, 'UNAUTHORIZED', 'Unknown or revoked token');
    return row.role === 'station' && row.station ? { role: 'station', name: row.name, station: row.station } : { role: 'owner', name: row.name };
  }

  let guard: HostGuard; // set once the port is known

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<number> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    // An answer before the body arrived (refused, unauthorised) drains it briefly instead of resetting the sender.
    lingerAndClose(req, res);
    if (!guard.hostAllowed(req.headers.host) || !guard.originAllowed(req.headers.origin)) {
      throw new HttpError(403, 'FORBIDDEN', 'Host or Origin not allowed (this head office answers only to its own address)');
    }
    const url = new URL(req.url ?? '/', 'http://head-office');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true, data: { status: 'ok', mode: 'head-office', version: appVersion(), now: clock.now().toISOString() } });
      return 200;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/api/') && url.pathname !== PUSH_PATH) {
      const answer = opts.staticDir ? resolveStatic(opts.staticDir, url.pathname) : ({ kind: 'status', status: 404, message: 'This head office serves no console (no staticDir)' } as const);
      if (answer.kind === 'status') throw new HttpError(answer.status, staticErrorCode(answer.status), answer.message);
      sendStatic(req, res, answer);
      return 200;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'VALIDATION', 'Use POST');
    const caller = await callerOf(req);
    if (url.pathname === PUSH_PATH) {
      if (caller.role !== 'station') throw new HttpError(403, 'FORBIDDEN', 'Only a station token may push (token create --role station --name CODE)');
      const body = parsePushBody(await readBody(req, MAX_PUSH_BYTES));
      if (body.station !== caller.station) {
        throw new HttpError(403, 'FORBIDDEN', `This token pushes as station ${caller.station}; the desk is station ${body.station}. Nothing was applied.`);
      }
      const answer = await applyPush(ho.pool, caller.station, body, { keepPositionsDays, now: clock.now(), onCommitted: (a) => replicas.afterPush(a) });
      sendJson(res, 200, answer);
      return 200;
    }
    if (url.pathname === HELLO_PATH) {
      if (caller.role !== 'station') throw new HttpError(403, 'FORBIDDEN', 'Only a station token may push (token create --role station --name CODE)');
      const held = (await ho.db.select({ epoch: hoStations.epoch, lastSeq: hoStations.lastSeq }).from(hoStations).where(eq(hoStations.code, caller.station)).limit(1))[0];
      const answer: HelloAnswer = { ok: true, station: caller.station, epoch: held?.epoch ?? null, lastSeq: held?.lastSeq ?? 0 };
      sendJson(res, 200, answer);
      return 200;
    }
    if (url.pathname === '/api/stations.list') {
      if (caller.role !== 'owner') throw new HttpError(403, 'FORBIDDEN', 'A station token may only push');
      sendJson(res, 200, { ok: true, data: await listStations(ho.pool) });
      return 200;
    }
    const channel = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : '';
    if (isHeadOfficeChannel(channel)) {
      if (caller.role !== 'owner') throw new HttpError(403, 'FORBIDDEN', 'A station token may only push');
      const { station, ...input } = parseJsonObject((await readBody(req, 1024 * 1024)) || '{}');
      if (station !== undefined && typeof station !== 'string') throw new HttpError(400, 'VALIDATION', 'station must be a station code');
      if (station) {
        const result = await replicas.read(station, channel, input, caller.name);
        sendResult(res, result);
        return result.ok ? 200 : 400;
      }
      sendJson(res, 200, { ok: true, data: { stations: await replicas.readAll(channel, input, caller.name) } });
      return 200;
    }
    throw new HttpError(404, 'NOT_FOUND', `No such path: ${url.pathname}`);
  }

  const server = http.createServer((req, res) => {
    const t0 = Date.now();
    handle(req, res)
      .then((status) => opts.log?.(`${req.method} ${req.url?.split('?')[0]} ${status} ${Date.now() - t0} ms`))
      .catch((err: unknown) => {
        const pgDown = (err as { code?: string }).code === 'ECONNREFUSED' || /terminat|connection/i.test(String((err as Error).message));
        sendError(res, err instanceof AppError ? err : pgDown ? new HttpError(503, 'UNAVAILABLE', 'The head office database is unavailable; try again later') : err);
        opts.log?.(`${req.method} ${req.url?.split('?')[0]} error ${Date.now() - t0} ms`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const host = opts.host ?? '127.0.0.1';
  guard = new HostGuard(host, port, undefined, opts.publicUrls);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    ho,
    replicas,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      replicas.close();
      await ho.close();
    },
  };
}
