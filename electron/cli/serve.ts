/**
 * `serve [--db PATH] [--port N] [--host ADDR] [--token T] [--demo] [--json] [--verbose]`
 * Serves the built console, the API and WS events from one station database until SIGINT/SIGTERM.
 *
 * Adding a flag (ingest port, simulator…): add it to `serveFlags` and push a `ServeAttachment` (serve-attachment.ts)
 * onto `serveAttachments` (or add one entry to the list below) that reads `run.values` and starts
 * its own piece beside the server; whatever `start` returns is awaited on shutdown.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/open';
import { acquireStationLock, type StationLock } from '../db/lock';
import { StationHost } from '../db/station-host';
import { AppError } from '../../shared/errors';
import { startDeskServer, type DeskServer } from '../server';
import type { ServiceContext } from '../services/context';
import { isDatabaseEmpty, seedDemo } from '../services/demo/seed';
import { newToken } from '../services/access/tokens';
import { appVersion } from '../services/station/version';
import { systemClock } from '../../shared/dates';
import { EventBus } from '../../shared/events';
import { CliError, dbOption, EXIT, parseOptions, parsePort, printJson, resolveDb, type CliCommand } from './common';
import { telematicsServeAttachment, telematicsServeFlags } from '../server/ingest-serve';
import type { ServeAttachment, ServeRun } from './serve-attachment';
import { DEFAULT_HEAD_OFFICE_PORT, serveHeadOffice } from './head-office';

export const DEFAULT_PORT = 48700;
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererDir = () => process.env.DESK_RENDERER_DIR ?? path.join(projectRoot, 'dist', 'renderer');

/** Every flag `serve` understands. Other areas add theirs here (one line each). */
export const serveFlags = {
  ...dbOption,
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  demo: { type: 'boolean' },
  'read-only': { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  ...telematicsServeFlags,
  // Issue 15: the head office (PostgreSQL) instead of a station.
  'head-office': { type: 'boolean' },
  postgres: { type: 'string' },
  'keep-positions-days': { type: 'string' },
  'public-url': { type: 'string' },
} as const;

/** Attachments, started in order after the server listens. Add one entry per area. */
export const serveAttachments: ServeAttachment[] = [telematicsServeAttachment];

/** Build dist/renderer with `vite build` when it is missing. */
export function ensureRendererBuilt(say: (line: string) => void): string {
  const dir = rendererDir();
  if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  say('Building the console (vite build)…');
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !fs.existsSync(path.join(dir, 'index.html'))) {
    throw new CliError('could not build the console (npm run build:renderer failed)', EXIT.FAILURE);
  }
  return dir;
}

/** Seed the demo station into an empty database; returns what happened, for one line of output. */
export async function seedDemoIfEmpty(ctx: ServiceContext): Promise<'seeded' | 'not-empty'> {
  if (!isDatabaseEmpty(ctx.db)) return 'not-empty';
  seedDemo(ctx);
  return 'seeded';
}

function checkToken(token: string): string {
  if (!/^[A-Za-z0-9._~+/=-]{1,256}$/.test(token)) {
    throw new CliError('--token must be 1–256 characters of letters, digits or . _ ~ + / = -');
  }
  if (token.length < 16) process.stderr.write('Note: a --token shorter than 16 characters is easy to guess; fine for tests, not for a LAN.\n');
  return token;
}

/** What the lock file says this process is: the command line without the token. */
function describeServe(argv: string[]): string {
  const shown = argv.map((a, i) => (argv[i - 1] === '--token' ? '…' : a.startsWith('--token=') ? '--token=…' : a));
  return ['dispatch-desk', 'serve', ...shown].join(' ');
}

/**
 * The station lock for this server; a second server is refused with who holds it. A folder that
 * cannot be written cannot hold a lock either, and nobody can write that station: serve it read-only.
 */
function lockStation(dbPath: string, argv: string[]): StationLock | null {
  fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  try {
    return acquireStationLock(dbPath, describeServe(argv), 'serve it');
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') throw new CliError(err.message, EXIT.FAILURE);
    if (err instanceof AppError && err.code === 'UNAVAILABLE') return null;
    throw err;
  }
}

function checkHost(host: string): string {
  if (host !== 'localhost' && net.isIP(host) === 0) throw new CliError('--host must be an IP address (e.g. 127.0.0.1 or 0.0.0.0) or localhost');
  return host;
}

export const serveCommand: CliCommand = {
  usage: 'serve [--db PATH] [--port N] [--host ADDR] [--token T] [--demo] [--read-only] [--json]  |  serve --head-office --postgres URL [--port N] [--token T] [--public-url URL]',
  summary: 'Serve the console, the API and events (default http://127.0.0.1:48700)',
  async run(argv) {
    const { values } = parseOptions(argv, serveFlags);
    const port = parsePort(values.port, '--port', DEFAULT_PORT);
    const host = checkHost(values.host ?? '127.0.0.1');
    const token = values.token !== undefined ? checkToken(values.token) : newToken();
    if (values['head-office']) {
      return serveHeadOffice({
        postgres: values.postgres,
        port: parsePort(values.port, '--port', DEFAULT_HEAD_OFFICE_PORT),
        host,
        token,
        json: values.json,
        verbose: values.verbose,
        keepPositionsDays: values['keep-positions-days'],
        // Served as found (not built here: the head office's tests start it often; a missing build answers 503 saying so).
        staticDir: rendererDir(),
        publicUrl: values['public-url'],
      });
    }
    if (values['public-url'] !== undefined) throw new CliError('--public-url is for a head office (serve --head-office)');
    const dbPath = resolveDb(values.db);
    const say = (line: string) => process.stderr.write(line + '\n');

    const staticDir = ensureRendererBuilt(say);
    const lock = lockStation(dbPath, argv);
    let opened;
    try {
      opened = openDatabase(dbPath, values['read-only'] ? { readonly: true } : {});
    } catch (err) {
      lock?.release();
      throw err;
    }
    const events = new EventBus();
    const station = new StationHost(opened);
    let server: DeskServer | null = null;
    const stops: (() => Promise<void> | void)[] = [];
    const closeStation = () => {
      station.stop();
      opened.close();
      lock?.release(); // last: nobody may take the station before this process let go of it
    };
    if (opened.readOnlyReason) say(`Read-only: ${opened.readOnlyReason}. The console shows the data; every change is refused.`);
    try {
      station.startBackground(events, say);
      const base: ServiceContext = { db: opened.db, clock: systemClock, actor: { name: 'desk', role: 'desk' }, events, dbPath, station };
      if (values.demo && opened.readOnlyReason) say('The station is read-only; demo seeding skipped');
      else if (values.demo) {
        const r = await seedDemoIfEmpty(base);
        say(r === 'seeded' ? `Seeded the demo station into ${dbPath}` : `${dbPath} already has data; demo seeding skipped`);
      }
      try {
        server = await startDeskServer({
          opened,
          host,
          port,
          deskToken: token,
          staticDir,
          events,
          station,
          options: {},
          ...(values.verbose ? { log: (l: string) => say(l) } : {}),
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new CliError(`port ${port} on ${host} is already in use (try --port 0 for any free port)`, EXIT.FAILURE);
        if (code === 'EADDRNOTAVAIL') throw new CliError(`${host} is not an address of this machine`, EXIT.INVALID);
        if (code === 'EACCES') throw new CliError(`not allowed to listen on port ${port}`, EXIT.FAILURE);
        throw err;
      }
      const run: ServeRun = {
        values: values as ServeRun['values'],
        server,
        opened,
        events,
        ctx: (name = 'desk') => server!.ctxFor({ name, role: 'desk' }),
        say,
      };
      for (const a of serveAttachments) {
        const stop = await a.start(run);
        if (stop) stops.push(stop);
      }
    } catch (err) {
      for (const stop of stops.reverse()) await stop();
      await server?.close();
      closeStation();
      throw err;
    }

    const consoleUrl = `${server.url}/#token=${encodeURIComponent(token)}`;
    if (values.json) {
      printJson({ ok: true, url: server.url, consoleUrl, port: server.port, host, token, db: dbPath, version: appVersion() });
    } else {
      process.stdout.write(
        `Dispatch Desk ${appVersion()} serving ${dbPath}\n` +
          `  Console: ${consoleUrl}\n` +
          `  API:     POST ${server.url}/api/<channel>  (Authorization: Bearer <the token above>)\n` +
          (host === '0.0.0.0' || host === '::' ? `  Listening on every interface: owners on the LAN use http://<this machine's address>:${server.port}/ with their own token\n` : '') +
          `Press Ctrl+C to stop.\n`,
      );
    }

    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        say(`\n${signal}: stopping…`);
        resolve();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        say(`stopping failed: ${(err as Error).message}`);
      }
    }
    await server.close();
    closeStation();
    say('Stopped.');
    return EXIT.OK;
  },
};
