/**
 * A channel with no test of its own fails the suite: every channel of the contract must be named
 * (as a string, e.g. `call(ctx, 'fleet.pm', …)` or `/api/fleet.pm`) in some test file other than
 * the contract-wide ones, which touch every channel mechanically and prove nothing about what it does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';

const ROOT = path.resolve('tests');
/** The contract-wide tests: they name every channel by construction. */
const CONTRACT_WIDE = new Set(['unit/contract/writes.test.ts', 'unit/contract/coverage.test.ts', 'http/contract.test.ts']);
/** Where tests live (benches and fixtures are not tests). */
const TEST_DIRS = ['unit', 'http', 'e2e', 'electron'];

function testFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
    }
  };
  for (const d of TEST_DIRS) if (fs.existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  return out.filter((f) => !CONTRACT_WIDE.has(path.relative(ROOT, f).split(path.sep).join('/')));
}

describe('every channel has a test of its own', () => {
  it('names each channel in a test file other than the contract-wide ones', () => {
    const text = testFiles().map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const mentioned = (name: string) => new RegExp(`['"\`/]${name.replace(/\./g, '\\.')}['"\`?]`).test(text);
    const untested = Object.keys(contract).filter((name) => !mentioned(name));
    expect(untested, `channels without a test of their own: ${untested.join(', ')}`).toEqual([]);
  });
});
