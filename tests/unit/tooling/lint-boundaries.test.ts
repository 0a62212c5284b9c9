/**
 * The room plan in eslint.config.js, proven rule by rule: ESLint's Node API lints a small snippet as
 * if it were a file in that folder and must report the boundary error (and must stay quiet for the
 * allowed imports, so a rule that fires on everything fails too). Import targets are real files: the
 * folder rules resolve them, and a target that stops resolving makes its case fail instead of pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Rule ids reported for `code` linted as `file` (a path relative to the project root). */
async function rulesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  expect(result, `${file} is ignored by the ESLint config`).toBeDefined();
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

/** A relative import from `file` to the project file `target` (which must exist). */
function rel(file: string, target: string): string {
  expect(fs.existsSync(path.join(root, target)), `${target} exists`).toBe(true);
  const spec = path.relative(path.dirname(file), target.replace(/\.tsx?$/, '')).split(path.sep).join('/');
  return spec.startsWith('.') ? spec : `./${spec}`;
}

/** Any one .ts file under `dir` (layout-independent negative controls). */
function someFileUnder(dir: string): string {
  const walk = (d: string): string | undefined => {
    for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = `${d}/${e.name}`;
      if (e.isFile() && /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) return p;
      if (e.isDirectory()) {
        const hit = walk(p);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  const found = walk(dir);
  expect(found, `a .ts file under ${dir}`).toBeDefined();
  return found!;
}

const FOLDER_RULE = 'import-x/no-restricted-paths';
const IMPORT_RULE = 'no-restricted-imports';
const GLOBAL_RULE = 'no-restricted-globals';

describe('renderer', () => {
  const file = 'renderer/screens/probe/Probe.tsx';
  it.each(['electron/main.ts', 'electron/db/open.ts', 'electron/server/index.ts'])('may not import %s', async (target) => {
    expect(await rulesFor(file, `import * as x from '${rel(file, target)}';\nexport default x;\n`)).toEqual([FOLDER_RULE]);
  });
  it.each(['node:fs', 'fs', 'path', 'child_process', 'better-sqlite3', 'ws', 'exceljs', 'pdfkit', 'electron', 'drizzle-orm/sqlite-core'])(
    'may not import %s',
    async (spec) => {
      expect(await rulesFor(file, `import * as x from '${spec}';\nexport default x;\n`)).toEqual([IMPORT_RULE]);
    },
  );
  it('may not use Node globals', async () => {
    expect(await rulesFor(file, 'export const a = process.env.HOME;\nexport const b = Buffer.from("x");\n')).toEqual([GLOBAL_RULE, GLOBAL_RULE]);
  });
  it('may import shared code and browser libraries', async () => {
    const shared = someFileUnder('shared');
    expect(await rulesFor(file, `import * as s from '${rel(file, shared)}';\nimport * as r from 'react';\nexport default [s, r];\n`)).toEqual([]);
  });
});

describe('shared', () => {
  const file = 'shared/rules/probe.ts';
  it.each(['electron/db/open.ts', 'electron/main.ts', 'renderer/App.tsx'])('may not import %s', async (target) => {
    expect(await rulesFor(file, `import * as x from '${rel(file, target)}';\nexport default x;\n`)).toEqual([FOLDER_RULE]);
  });
  it.each(['node:crypto', 'crypto', 'better-sqlite3', 'drizzle-orm', 'electron'])('may not import %s', async (spec) => {
    expect(await rulesFor(file, `import * as x from '${spec}';\nexport default x;\n`)).toEqual([IMPORT_RULE]);
  });
  it('may not use Node globals', async () => {
    expect(await rulesFor(file, 'export const dir = __dirname;\n')).toEqual([GLOBAL_RULE]);
  });
  it('may import other shared code and zod', async () => {
    const other = someFileUnder('shared');
    expect(await rulesFor(file, `import * as s from '${rel(file, other)}';\nimport { z } from 'zod';\nexport default [s, z];\n`)).toEqual([]);
  });
});

describe('electron/services', () => {
  const file = 'electron/services/probe/handlers.ts';
  it.each(['electron/server/index.ts', 'electron/cli.ts', someCliModule(), 'electron/main.ts', 'electron/ipc.ts', 'electron/preload.ts'])(
    'may not import %s',
    async (target) => {
      expect(await rulesFor(file, `import * as x from '${rel(file, target)}';\nexport default x;\n`)).toEqual([FOLDER_RULE]);
    },
  );
  it.each(['electron', 'electron/main'])('may not import the %s package', async (spec) => {
    expect(await rulesFor(file, `import * as x from '${spec}';\nexport default x;\n`)).toEqual([IMPORT_RULE]);
  });
  it('may import the database, shared rules and Node', async () => {
    const shared = someFileUnder('shared');
    const code = `import * as db from '${rel(file, 'electron/db/open.ts')}';\nimport * as s from '${rel(file, shared)}';\nimport fs from 'node:fs';\nexport default [db, s, fs];\n`;
    expect(await rulesFor(file, code)).toEqual([]);
  });
});

describe('the main-process side', () => {
  it('never imports the renderer', async () => {
    const file = 'electron/server/probe.ts';
    expect(await rulesFor(file, `import * as x from '${rel(file, 'renderer/App.tsx')}';\nexport default x;\n`)).toEqual([FOLDER_RULE]);
  });
});

/** One module of the CLI folder (its files move between layouts; any of them will do). */
function someCliModule(): string {
  return someFileUnder('electron/cli');
}
