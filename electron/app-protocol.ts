/**
 * The console is served to the window from `app://desk/…`, a privileged custom scheme (standard,
 * secure, fetch-capable), instead of file:// — so the page has an origin of its own, file:// needs
 * no extra privileges (the grantFileProtocolExtraPrivileges fuse is off), and nothing outside
 * dist/renderer can ever be read through it.
 */
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { appSchemeFile } from './app-path';
import { CONSOLE_CSP } from './server/security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Call before `app` is ready: the scheme's privileges cannot be granted later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Is `url` our own page (any hash or query: the console routes in the hash)? */
export const isAppPage = (url: string) => url.split('#')[0]!.split('?')[0] === APP_INDEX_URL;

/** Serve `rendererDir` on app://desk/ (after ready). Anything outside it, or another host, is 404. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appSchemeFile(rendererDir, request.url, APP_HOST);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    if (!res.ok) return new Response('Not found', { status: 404 });
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONSOLE_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: 200, headers });
  });
}
