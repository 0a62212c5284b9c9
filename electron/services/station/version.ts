import fs from 'node:fs';
import path from 'node:path';

let cached: string | null = null;
/** The app version from package.json (read once; works from source and from the bundle). */
export function appVersion(): string {
  if (cached) return cached;
  for (const dir of [process.cwd(), path.resolve(process.cwd(), '..')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dispatch-desk' && pkg.version) return (cached = pkg.version);
    } catch {
      /* try the next folder */
    }
  }
  return (cached = process.env.npm_package_version ?? '0.0.0');
}
