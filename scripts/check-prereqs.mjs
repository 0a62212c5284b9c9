#!/usr/bin/env node
/**
 * What `npm test` needs from the machine, checked before any test runs. When something is missing it
 * says what and why, then prints ONE `apt-get install -y …` line with exactly the missing Debian
 * packages, and exits 1.
 *
 *   node scripts/check-prereqs.mjs              check (exit 0 when all is there)
 *   node scripts/check-prereqs.mjs --packages   print only the missing Debian packages (for .ci/run)
 *
 * To add a prerequisite, add one entry to `CHECKS`. Absolute paths are looked up under
 * DESK_PREREQ_ROOT (default `/`), so a test can point the check at an empty folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findElectron, hasDisplay } from './lib/electron-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The file when it exists and is executable, else null. */
function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** `cmd` on the PATH of `env`, or null. */
function onPath(cmd, env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const hit = executable(path.join(dir, cmd));
    if (hit) return hit;
  }
  return null;
}

/** Node's version against package.json `engines.node` (a `>=X.Y` range). */
function nodeIsNewEnough() {
  const range = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const min = /^>=\s*(\d+)(?:\.(\d+))?/.exec(range);
  if (!min) return true;
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > Number(min[1]) || (major === Number(min[1]) && minor >= Number(min[2] ?? 0));
}

/**
 * Each prerequisite: `find(env, at)` returns what was found (truthy) or null; `at(p)` maps an absolute
 * path under DESK_PREREQ_ROOT. `apt` is the Debian package that provides it; `hint` replaces the apt
 * line for what apt cannot give. `needed(env)` (optional) says whether this machine needs it at all.
 */
export const CHECKS = [
  {
    name: 'Node.js',
    why: `npm test and the app need Node ${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node}`,
    hint: `this is Node ${process.versions.node}: install a newer one (see .nvmrc)`,
    find: () => nodeIsNewEnough(),
  },
  {
    name: 'Chromium',
    why: 'the browser e2e tests drive Debian\'s Chromium (set CHROMIUM_PATH to use another)',
    apt: 'chromium',
    find: (env, at) => executable(env.CHROMIUM_PATH || at('/usr/bin/chromium')),
  },
  {
    name: 'DejaVu fonts',
    why: 'the console renders legibly in the e2e screenshots',
    apt: 'fonts-dejavu-core',
    find: (_env, at) => fs.existsSync(at('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')),
  },
  {
    name: 'pdftotext',
    why: 'tests read the exported PDFs with it',
    apt: 'poppler-utils',
    find: (env) => onPath('pdftotext', env),
  },
  {
    name: 'xvfb-run',
    why: 'the Electron e2e needs a display, and there is none',
    apt: 'xvfb',
    needed: (env) => !findElectron(root).missing && !hasDisplay(env),
    find: (env) => onPath('xvfb-run', env),
  },
  {
    name: 'PostgreSQL server (initdb, pg_ctl)',
    why: 'the head-office tests start a private PostgreSQL',
    apt: 'postgresql',
    find: (env, at) => postgresBin(env, at),
  },
];

/** The folder with PostgreSQL's initdb and pg_ctl: Debian's /usr/lib/postgresql/<v>/bin (newest first), else PATH. */
export function postgresBin(env = process.env, at = (p) => p) {
  const base = at('/usr/lib/postgresql');
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a)) : [];
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (executable(path.join(bin, 'initdb')) && executable(path.join(bin, 'pg_ctl'))) return bin;
  }
  const initdb = onPath('initdb', env);
  return initdb && onPath('pg_ctl', env) ? path.dirname(initdb) : null;
}

/** The prerequisites this machine lacks. */
export function missingPrereqs(env = process.env) {
  const prefix = env.DESK_PREREQ_ROOT || '/';
  const at = (p) => path.join(prefix, p);
  return CHECKS.filter((c) => (c.needed ? c.needed(env) : true) && !c.find(env, at));
}

/** The report for what is missing: one line per item, then the one apt-get line (if any). */
export function report(missing) {
  const lines = ['npm test: missing prerequisites — nothing was run.'];
  for (const c of missing) lines.push(`  ✗ ${c.name}: ${c.why}${c.hint ? ` (${c.hint})` : ''}`);
  const packages = [...new Set(missing.map((c) => c.apt).filter(Boolean))];
  if (packages.length) {
    lines.push('Install the missing Debian packages (as root), then run npm test again:');
    lines.push(`apt-get install -y ${packages.join(' ')}`);
  }
  return lines.join('\n');
}

function main() {
  const missing = missingPrereqs();
  if (process.argv.includes('--packages')) {
    console.log([...new Set(missing.map((c) => c.apt).filter(Boolean))].join(' '));
    return 0;
  }
  if (missing.length === 0) {
    const found = CHECKS.filter((c) => !c.needed || c.needed(process.env)).map((c) => c.name);
    console.log(`Prerequisites found: ${found.join(', ')}.`);
    return 0;
  }
  console.error(report(missing));
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) process.exitCode = main();
