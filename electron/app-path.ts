import path from 'node:path';

/**
 * The file an `app://desk/…` request may read: inside `root` (dist/renderer) only, on our host
 * only; null for anything else (another host, `..`, an encoded escape). Pure, so it is unit-tested
 * without Electron (electron/app-protocol.ts serves what it returns).
 */
export function appSchemeFile(root: string, requestUrl: string, host = 'desk'): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== host) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  return file.startsWith(base + path.sep) ? file : null;
}
