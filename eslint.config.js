// ESLint flat config: typescript-eslint's recommended rules for all code, and the house's room plan as
// import boundaries (ARCHITECTURE.md "One rooms plan, enforced"):
//   renderer        ↛ electron/, Node built-ins, node-only packages
//   shared          ↛ electron/, renderer/, Node built-ins, node-only packages
//   electron/services ↛ server, CLI, main process entry points, the `electron` package
// Folder rules are checked on the resolved file (import-x/no-restricted-paths), so `../../electron/x`
// and any other spelling of the same path are caught. tests/unit/lint/boundaries.test.ts proves that
// each rule fires; add a case there when you add a rule.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Packages that only work in Node or the main process: never in the page, never in shared rules. */
export const NODE_ONLY_PACKAGES = ['better-sqlite3', 'drizzle-orm', 'drizzle-kit', 'electron', 'exceljs', 'pdfkit', 'ws', 'pg'];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** no-restricted-imports options: Node built-ins (with or without `node:`) and the listed packages. */
function noNodeImports(where, packages) {
  const names = builtinModules.filter((m) => !m.startsWith('_'));
  return [
    'error',
    {
      patterns: [
        {
          regex: `^(node:.*|${names.map(escape).join('|')})$`,
          message: `${where} runs without Node: no Node built-ins here.`,
        },
        ...(packages.length
          ? [
              {
                regex: `^(${packages.map(escape).join('|')})(/.*)?$`,
                message: `${where} runs without Node: this package is main-process only (reach it through the contract).`,
              },
            ]
          : []),
      ],
    },
  ];
}

/** Node globals that must not appear where code also runs in the page. */
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate', 'clearImmediate'];
const noNodeGlobals = (where) => ['error', ...NODE_GLOBALS.map((name) => ({ name, message: `${where} runs without Node: no \`${name}\` here.` }))];

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'out/**', 'build/native/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'tests/bench/results/**', 'electron/db/migrations/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Every file: resolve imports like Node + TypeScript's extensionless paths, so folder rules see real files.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `let x; … x = …` where closures read x before the one assignment (e.g. a guard set once the port is known).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // The code base uses `_name` for intentionally unused arguments and destructured leftovers.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './renderer',
              from: './electron',
              message: 'The renderer never imports the main process: use the contract (shared/contract) through the API client.',
            },
            {
              target: './shared',
              from: ['./electron', './renderer'],
              message: 'shared/ is imported by both sides and imports neither.',
            },
            {
              target: './electron',
              from: './renderer',
              message: 'The main process never imports the renderer: put shared code in shared/.',
            },
            {
              target: './electron/services',
              from: ['./electron/server', './electron/cli', './electron/cli.ts', './electron/main.ts', './electron/ipc.ts', './electron/preload.ts'],
              message: 'Services are plain modules: they never import the transports (server, CLI, IPC) or the main process.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests read loosely typed JSON answers and assert on their shape.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['build/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two classic hook rules; the React Compiler rules of plugin v7 are not adopted (no compiler here).
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': noNodeImports('The renderer', NODE_ONLY_PACKAGES),
      'no-restricted-globals': noNodeGlobals('The renderer'),
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': noNodeImports('shared/ (used by both sides)', NODE_ONLY_PACKAGES),
      'no-restricted-globals': noNodeGlobals('shared/ (used by both sides)'),
    },
  },
  {
    files: ['electron/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^electron(/.*)?$', message: 'Services are plain modules: no `electron` import (vitest runs them in Node).' }] },
      ],
    },
  },
);
