import os from 'node:os';

/**
 * Security pieces shared by the HTTP server and the Electron main process. The CSP must stay the
 * same as the <meta http-equiv="Content-Security-Policy"> in renderer/index.html (a unit test checks).
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; " +
  "base-uri 'none'; frame-ancestors 'none'";

/** Headers sent with every answer of the desk server. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '']);

/** The host names (without port) this machine answers to on its network interfaces. */
function interfaceHosts(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) out.push(a.family === 'IPv6' || (a.family as unknown) === 6 ? `[${a.address.split('%')[0]}]` : a.address);
  }
  return out;
}

/**
 * The addresses other machines on the station network can open the desk at (for the kiosk link and
 * the owner's URL): the bound address when it is a LAN one, every non-internal IPv4 interface when
 * bound to all of them, none when bound to loopback. `interfaces` is injectable for tests.
 */
export function lanAddresses(bindHost: string, interfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces): string[] {
  if (ANY_ADDRESS.has(bindHost)) {
    const out: string[] = [];
    for (const list of Object.values(interfaces())) for (const a of list ?? []) if (!a.internal && (a.family === 'IPv4' || (a.family as unknown) === 4)) out.push(a.address);
    return out;
  }
  const bare = bindHost.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.includes(bare) || bare === '::1' || bare.startsWith('127.')) return [];
  return [bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost];
}

/**
 * DNS-rebinding defence: a request's Host must name this server — the bound address, a loopback
 * name, or (when bound to every interface) one of this machine's own addresses — with the port.
 * A page on evil.example that rebinds its name to 127.0.0.1 still sends `Host: evil.example`.
 */
export class HostGuard {
  private readonly fixed: Set<string>;
  private readonly anyInterface: boolean;
  /** Host header values of the public addresses given (e.g. a head office behind a proxy's name). */
  private readonly publicHosts = new Set<string>();
  constructor(
    bindHost: string,
    private readonly port: number,
    /** This machine's interface addresses (injectable so tests can give a LAN address without a LAN). */
    private readonly interfaces: () => string[] = interfaceHosts,
    /** Further addresses this server is reached at, as URLs (`https://head-office.example`): their host and port count as ours. */
    publicUrls: readonly string[] = [],
  ) {
    this.anyInterface = ANY_ADDRESS.has(bindHost);
    const bound = bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
    this.fixed = new Set([...LOOPBACK_NAMES, bound.toLowerCase()]);
    for (const u of publicUrls) {
      const url = new URL(u);
      const name = url.hostname.toLowerCase();
      const port = url.port || (url.protocol === 'https:' ? '443' : '80');
      this.publicHosts.add(`${name}:${port}`);
      if (!url.port) this.publicHosts.add(name); // browsers leave a default port out of Host
    }
  }

  /** Is `host` (a Host header value, `name:port`) one of ours? */
  hostAllowed(host: string | undefined): boolean {
    if (!host) return false;
    if (this.publicHosts.has(host.trim().toLowerCase())) return true;
    const m = /^(\[[0-9a-f:.%]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
    if (!m) return false;
    const name = m[1]!.toLowerCase();
    const port = m[2] === undefined ? 80 : Number(m[2]);
    if (port !== this.port) return false;
    if (this.fixed.has(name)) return true;
    if (!this.anyInterface) return false;
    // Bound to every interface: this machine's addresses, and its own host name (plain or mDNS .local).
    const self = os.hostname().toLowerCase();
    if (name === self || name === `${self}.local`) return true;
    return this.interfaces().some((h) => h.toLowerCase() === name);
  }

  /** An Origin header, when present, must be http(s)://<allowed host>. Absent is fine (curl, scripts). */
  originAllowed(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (url.pathname !== '/' || url.username || url.password) return false;
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return this.hostAllowed(`${url.hostname}:${port}`);
  }
}
