/**
 * Global setup of the head-office suite (issue 15): one private PostgreSQL for the run (each test
 * file makes its own database), and the CLI compiled once for the tests that start and kill real
 * processes. Without PostgreSQL installed the suite skips, saying so; installed but not starting fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { nodeBundleOptions } from '../../scripts/lib/esbuild-node.mjs';
import { postgresBinaries, startPostgres } from '../helpers/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the run's PostgreSQL ('' when PostgreSQL is not installed). */
    pgUrl: string;
    hoCli: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const out = path.join(root, 'test-results', 'headoffice');
  fs.mkdirSync(out, { recursive: true });
  const cli = path.join(out, 'cli.cjs');
  await build(nodeBundleOptions(root, 'electron/cli.ts', cli));
  project.provide('hoCli', cli);
  if (!postgresBinaries()) {
    process.stderr.write('\nhead-office tests SKIPPED: PostgreSQL is not installed (apt-get install postgresql; scripts/check-prereqs.mjs lists it)\n');
    project.provide('pgUrl', '');
    return () => {};
  }
  const cluster = await startPostgres();
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
