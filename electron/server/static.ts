import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type { ErrorCode } from '../../shared/errors';

/** MIME types of everything Vite emits (and a few more). Unknown extensions go out as octet-stream. */
export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export type StaticAnswer =
  | { kind: 'file'; file: string; size: number; type: string; immutable: boolean }
  | { kind: 'status'; status: number; message: string };

/**
 * Map a URL path to a file under `root`, never outside it. Paths without an extension that match
 * no file fall back to index.html (the console is a single-page app); missing assets are 404.
 */
export function resolveStatic(root: string, urlPath: string): StaticAnswer {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'status', status: 400, message: 'Bad path encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'status', status: 400, message: 'Bad path' };
  const normal = path.posix.normalize('/' + decoded);
  if (normal.split('/').some((seg) => seg === '..')) return { kind: 'status', status: 400, message: 'Bad path' };
  const rootAbs = path.resolve(root);
  const target = path.resolve(rootAbs, '.' + normal);
  const rel = path.relative(rootAbs, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'status', status: 400, message: 'Bad path' };

  const asFile = (file: string): StaticAnswer | null => {
    try {
      const real = fs.realpathSync(file);
      const realRel = path.relative(fs.realpathSync(rootAbs), real);
      if (realRel.startsWith('..') || path.isAbsolute(realRel)) return null;
      const st = fs.statSync(real);
      if (!st.isFile()) return null;
      const ext = path.extname(real).toLowerCase();
      return {
        kind: 'file',
        file: real,
        size: st.size,
        type: MIME[ext] ?? 'application/octet-stream',
        immutable: /(^|\/)assets\//.test(realRel.split(path.sep).join('/')),
      };
    } catch {
      return null;
    }
  };

  const direct = rel === '' ? null : asFile(target);
  if (direct) return direct;
  const last = normal.split('/').pop() ?? '';
  if (rel !== '' && path.posix.extname(last) !== '') return { kind: 'status', status: 404, message: 'Not found' };
  const index = asFile(path.join(rootAbs, 'index.html'));
  if (index) return index;
  return {
    kind: 'status',
    status: 503,
    message: 'The console is not built yet: run `npm run build:renderer` (serve does this for you).',
  };
}

/** The error code of a static answer's status (404 missing, 503 not built, 400 a bad path). */
export const staticErrorCode = (status: number): ErrorCode => (status === 404 ? 'NOT_FOUND' : status === 503 ? 'UNAVAILABLE' : 'VALIDATION');

export function sendStatic(req: http.IncomingMessage, res: http.ServerResponse, answer: Extract<StaticAnswer, { kind: 'file' }>): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', answer.type);
  res.setHeader('Content-Length', answer.size);
  res.setHeader('Cache-Control', answer.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(answer.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
