import { useSyncExternalStore } from 'react';

/**
 * Tiny hash router: `#/<screen>` and `#/<screen>/<param>` (e.g. `#/driver/12`).
 * Screens read the route with `useRoute()` and move with `navigate('roster')` or
 * `navigate('driver', 12)`. The `#token=…` fragment is consumed by the API client before routing.
 */
export interface Route {
  /** Screen id, e.g. 'roster'; '' when the hash is empty. */
  screen: string;
  /** The optional second segment, decoded (e.g. '12'). */
  param: string | undefined;
  /** Everything after the screen id, decoded, for screens that nest deeper. */
  rest: string[];
}

export function parseHash(hash: string): Route {
  const clean = hash.replace(/^#\/?/, '');
  if (!clean || clean.startsWith('token=')) return { screen: '', param: undefined, rest: [] };
  const parts = clean.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { screen: parts[0] ?? '', param: parts[1], rest: parts.slice(1) };
}

export function hrefFor(screen: string, ...params: (string | number)[]): string {
  return '#/' + [screen, ...params.map((p) => encodeURIComponent(String(p)))].join('/');
}

export function navigate(screen: string, ...params: (string | number)[]): void {
  const next = hrefFor(screen, ...params);
  if (window.location.hash !== next) window.location.hash = next;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

let cachedHash = '';
let cachedRoute: Route = parseHash('');
function snapshot(): Route {
  const h = window.location.hash;
  if (h !== cachedHash) {
    cachedHash = h;
    cachedRoute = parseHash(h);
  }
  return cachedRoute;
}

/** The current route; re-renders on hash changes. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
