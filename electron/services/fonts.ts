import fs from 'node:fs';
import path from 'node:path';

/**
 * The bundled DejaVu fonts every PDF uses (load-out, stand-up). `DESK_ASSETS_DIR` first (the
 * packaged app sets it to its resources), then a development checkout, then beside the compiled
 * CLI. A missing font is an error naming the places looked at, never a PDF in a fallback font.
 */
export function fontPath(name: string): string {
  const candidates = [
    process.env.DESK_ASSETS_DIR ? path.join(process.env.DESK_ASSETS_DIR, 'fonts', name) : '',
    path.resolve(process.cwd(), 'assets/fonts', name),
    path.resolve(path.dirname(process.argv[1] ?? '.'), '../assets/fonts', name),
  ].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`font ${name} not found (looked in ${candidates.join(', ')})`);
  return found;
}
