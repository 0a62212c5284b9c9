/**
 * Global setup of the fault suite: compile the CLI once (the same esbuild options as
 * `npm run build:electron`) into test-results/faults/, so the dozens of real processes the suite
 * starts and kills need no tsx, and give `serve` a stub console to serve.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { nodeBundleOptions } from '../../scripts/lib/esbuild-node.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    faultCli: string;
    faultRenderer: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const out = path.join(root, 'test-results', 'faults');
  fs.mkdirSync(out, { recursive: true });
  const cli = path.join(out, 'cli.cjs');
  await build(nodeBundleOptions(root, 'electron/cli.ts', cli));
  const renderer = path.join(out, 'renderer');
  fs.mkdirSync(renderer, { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Dispatch Desk (fault suite stub)</title>');
  project.provide('faultCli', cli);
  project.provide('faultRenderer', renderer);
}
