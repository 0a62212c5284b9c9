import crypto from 'node:crypto';
import path from 'node:path';
import { openDatabase } from '../../electron/db/open';
import { startDeskServer, type DeskServer } from '../../electron/server';
import type { ServiceContext } from '../../electron/services/context';
import { fixedClock, type Clock } from '../../shared/dates';
import { tempDir } from './context';

export interface TestServer {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  port: number;
  /** The desk token (full access). */
  token: string;
  /** A desk-role context on the server's own database, clock and event bus. */
  ctx: ServiceContext;
  server: DeskServer;
  dbPath: string;
  /** POST /api/<channel> with the desk token (or `token`); resolves with status and parsed body. */
  call(channel: string, input?: unknown, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * A real desk server on 127.0.0.1 (port 0 = a free one) over a fresh temp-file database with the
 * fixed test clock (2026-11-26T13:00Z). `seed(ctx)` runs before the server starts listening to
 * requests (use `call(ctx, …)` from electron/services/dispatch or services directly).
 */
export async function startTestServer(
  opts: {
    token?: string;
    seed?: (ctx: ServiceContext) => void | Promise<void>;
    host?: string;
    clock?: Clock;
    staticDir?: string;
    options?: Record<string, unknown>;
  } = {},
): Promise<TestServer> {
  const token = opts.token ?? crypto.randomBytes(18).toString('base64url');
  const dbPath = path.join(tempDir('desk-http-'), 'station.db');
  const opened = openDatabase(dbPath);
  const server = await startDeskServer({
    opened,
    host: opts.host ?? '127.0.0.1',
    port: 0,
    deskToken: token,
    clock: opts.clock ?? fixedClock('2026-11-26T13:00:00Z'),
    staticDir: opts.staticDir ?? path.resolve('dist/renderer'),
    ...(opts.options ? { options: opts.options } : {}),
  });
  const ctx = server.ctxFor({ name: 'desk', role: 'desk' });
  if (opts.seed) await opts.seed(ctx);
  const call = async (channel: string, input: unknown = {}, useToken: string = token) => {
    const res = await fetch(`${server.url}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${useToken}` },
      body: JSON.stringify(input),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body: body as any };
  };
  return {
    url: server.url,
    port: server.port,
    token,
    ctx,
    server,
    dbPath,
    call,
    close: async () => {
      await server.close();
      opened.close();
    },
  };
}
