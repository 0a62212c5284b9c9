/**
 * Electron main process: one window showing the console from dist/renderer over app:// (a
 * privileged custom scheme, electron/app-protocol.ts), the
 * station database and every service in this process, the contract bound to IPC (ipc.ts).
 * Security per the Electron checklist: context isolation, sandbox, no Node in the page, a strict
 * CSP, no navigation or new windows (links open in the system browser), permission requests
 * denied, IPC senders checked, one instance at a time.
 *
 * Options (env or argv): DESK_DB / --db=PATH (default: the user data folder's station.db),
 * DESK_DEMO=1 / --demo (seed the demo station into an empty database first),
 * DESK_SERVE_PORT / --serve-port=N (also serve the console and API over HTTP, e.g. for owners'
 * laptops; DESK_SERVE_HOST / --serve-host=ADDR, default 127.0.0.1; DESK_SERVE_TOKEN or a new token),
 * DESK_INGEST_PORT / --ingest-port=N (telematics ingest, 5055 by default, 0 = off) with
 * DESK_INGEST_HOST / --ingest-host=ADDR (default 127.0.0.1) and --accept-unknown-devices.
 *
 * The app holds the station lock while it runs (a second app, `serve` or `restore` is refused and
 * told who holds it). Start-up failures — a bad station file, a newer database, the lock held — are
 * shown in a dialog that offers to restore the newest backup (electron/startup-dialog.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import { APP_INDEX_URL, isAppPage, registerAppScheme, serveAppScheme } from './app-protocol';
import { acquireStationLock, type StationLock } from './db/lock';
import { openDatabase, type OpenedDb } from './db/open';
import { StationHost } from './db/station-host';
import { showReadOnlyNotice, showStartupProblem } from './startup-dialog';
import { bindIpc, type IpcBinding } from './ipc';
import { startDeskServer, type DeskServer } from './server';
import { DEFAULT_INGEST_PORT, startIngestServer, type IngestServer } from './server/ingest';
import { CONSOLE_CSP } from './server/security';
import { newToken } from './services/access/tokens';
import type { ServiceContext } from './services/context';
import { isDatabaseEmpty, seedDemo } from './services/demo/seed';
import { defaultDbPath, PRODUCT_NAME, userDataDir } from './paths';
import { systemClock } from '../shared/dates';
import { EventBus } from '../shared/events';

const argValue = (name: string): string | undefined => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : undefined;
};

app.setName(PRODUCT_NAME);
app.setPath('userData', userDataDir());

// Packaged: migrations and fonts ship as extraResources beside app.asar; from source they sit in the tree.
const appRoot = app.getAppPath();
const resources = app.isPackaged ? process.resourcesPath : appRoot;
process.env.DESK_MIGRATIONS_DIR ??= app.isPackaged ? path.join(resources, 'migrations') : path.join(appRoot, 'electron', 'db', 'migrations');
process.env.DESK_ASSETS_DIR ??= path.join(resources, 'assets');

const rendererIndex = path.join(appRoot, 'dist', 'renderer', 'index.html');
const isOwnUrl = isAppPage;
// The app:// scheme's privileges must be registered before the app is ready.
registerAppScheme();

/**
 * better-sqlite3 is a native module whose Node build (tests, CLI) cannot load in Electron (other
 * ABI). From source, an Electron build made with `npx @electron/rebuild -f -w better-sqlite3`
 * and copied to build/native/better_sqlite3.node is preferred; packaged apps get electron-builder's
 * rebuild in node_modules, so no override is needed there.
 */
function nativeBinding(): string | undefined {
  if (process.env.DESK_SQLITE_BINDING) return process.env.DESK_SQLITE_BINDING;
  if (app.isPackaged) return undefined;
  const local = path.join(appRoot, 'build', 'native', 'better_sqlite3.node');
  return fs.existsSync(local) ? local : undefined;
}

let mainWindow: BrowserWindow | null = null;
let opened: OpenedDb | null = null;
let lock: StationLock | null = null;
let station: StationHost | null = null;
let ipc: IpcBinding | null = null;
let server: DeskServer | null = null;
let ingest: IngestServer | null = null;

/**
 * The telematics ingest endpoint (OsmAnd / Traccar Client) beside the window, as `serve` has it:
 * port 5055 unless --ingest-port=N / DESK_INGEST_PORT (0 = off); 127.0.0.1 unless
 * --ingest-host=ADDR / DESK_INGEST_HOST (e.g. 0.0.0.0 so drivers' phones on the LAN can report).
 */
async function maybeIngest(ctx: ServiceContext): Promise<void> {
  if (!opened) return;
  const port = Number(argValue('ingest-port') ?? process.env.DESK_INGEST_PORT ?? DEFAULT_INGEST_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ingest port must be 0–65535, not ${port}`);
  try {
    ingest = await startIngestServer({
      ctx,
      port,
      host: argValue('ingest-host') ?? process.env.DESK_INGEST_HOST ?? '127.0.0.1',
      acceptUnknownDevices: process.env.DESK_ACCEPT_UNKNOWN_DEVICES === '1' || process.argv.includes('--accept-unknown-devices'),
    });
    if (ingest) console.log(`${PRODUCT_NAME} telematics ingest at ${ingest.url}/`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`Telematics ingest is off: port ${port} is busy`);
    else throw err;
  }
}

/** Optionally serve the same database over HTTP + WS (owners on the LAN), sharing the event bus. */
async function maybeServe(ctx: ServiceContext): Promise<void> {
  const port = argValue('serve-port') ?? process.env.DESK_SERVE_PORT;
  if (!port || !opened) return;
  const token = process.env.DESK_SERVE_TOKEN ?? newToken();
  server = await startDeskServer({
    opened,
    host: argValue('serve-host') ?? process.env.DESK_SERVE_HOST ?? '127.0.0.1',
    port: Number(port),
    deskToken: token,
    events: ctx.events,
    staticDir: path.dirname(rendererIndex),
    ...(station ? { station } : {}),
  });
  console.log(`${PRODUCT_NAME} also serving at ${server.url}/#token=${token}`);
}

const stationPath = () => argValue('db') ?? defaultDbPath();

/**
 * Take the station lock, open the station (refusals are StationFileErrors the start-up dialog
 * explains), start its background work (automatic backups, integrity check, health events).
 */
function openStation(): ServiceContext {
  const dbPath = stationPath();
  const binding = nativeBinding();
  fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  try {
    lock = acquireStationLock(dbPath, `${PRODUCT_NAME} app ${app.getVersion()} (Electron ${process.versions.electron})`, 'open the station');
  } catch (err) {
    // A folder that cannot hold a lock cannot be written by anyone: the station opens read-only.
    if (!(err instanceof Error && /Cannot create the station lock/.test(err.message))) throw err;
  }
  opened = openDatabase(dbPath, binding ? { nativeBinding: binding } : {});
  station = new StationHost(opened, binding ? { nativeBinding: binding } : {});
  const events = new EventBus();
  station.startBackground(events, (line) => console.log(line));
  const ctx: ServiceContext = { db: opened.db, clock: systemClock, actor: { name: 'desk', role: 'desk' }, events, dbPath, station };
  if ((process.env.DESK_DEMO === '1' || process.argv.includes('--demo')) && !opened.readOnlyReason && isDatabaseEmpty(opened.db)) {
    seedDemo(ctx);
  }
  return ctx;
}

function closeStation(): void {
  station?.stop();
  opened?.close();
  opened = null;
  lock?.release(); // last: nobody may take the station before this process let go of it
  lock = null;
}

function lockDownSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Our page comes over app:// with the CSP set by its handler (and its <meta>); anything framed
    // or loaded over http(s) as a document gets the same policy.
    if (details.resourceType === 'mainFrame' || details.resourceType === 'subFrame') {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONSOLE_CSP] } });
    } else {
      callback({});
    }
  });
}

const openExternally = (url: string) => {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:') void shell.openExternal(u.href);
  } catch {
    /* not a URL: ignore */
  }
};

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (isOwnUrl(url)) return; // hash/route changes of our own page
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(APP_INDEX_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(
    async () => {
      if (!fs.existsSync(rendererIndex)) throw new Error(`The console is not built (${rendererIndex}); run npm run build`);
      lockDownSessions();
      serveAppScheme(path.dirname(rendererIndex));
      let ctx: ServiceContext;
      try {
        ctx = openStation();
      } catch (err) {
        console.error(`${PRODUCT_NAME} could not open the station: ${err instanceof Error ? err.message : String(err)}`);
        closeStation();
        const restored = await showStartupProblem(err, stationPath(), nativeBinding() ? { nativeBinding: nativeBinding()! } : {});
        app.exit(restored ? 0 : 1);
        return;
      }
      if (opened?.readOnlyReason && !(await showReadOnlyNotice(opened.readOnlyReason, ctx.dbPath))) {
        closeStation();
        app.exit(0);
        return;
      }
      ipc = bindIpc({ ctx, getWindow: () => mainWindow, isOwnUrl });
      createWindow();
      maybeServe(ctx).catch((err: unknown) => console.error(`HTTP serving is off: ${err instanceof Error ? err.message : String(err)}`));
      maybeIngest(ctx).catch((err: unknown) => console.error(`Telematics ingest is off: ${err instanceof Error ? err.message : String(err)}`));
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createWindow();
      });
    },
  ).catch((err: unknown) => {
    console.error(`${PRODUCT_NAME} could not start: ${err instanceof Error ? err.message : String(err)}`);
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void server?.close();
    void ingest?.close();
    ipc?.dispose();
    closeStation();
  });
}
