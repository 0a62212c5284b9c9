/**
 * How `npm test` adds up its final line (scripts/lib/test-counts.mjs): the JSON reports' shapes as
 * vitest and Playwright write them, failures that leave no failing test behind, and the working-tree
 * check on a real scratch git repository.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { playwrightCounts, settle, treeChanges, treeState, vitestCounts } from '../../../scripts/lib/test-counts.mjs';

describe('counts from the JSON reports', () => {
  it('vitest: passed, failed, and skipped + todo', () => {
    expect(vitestCounts({ numPassedTests: 7, numFailedTests: 2, numPendingTests: 1, numTodoTests: 3 })).toEqual({ passed: 7, failed: 2, skipped: 4, note: '' });
    expect(vitestCounts(null)).toBeNull();
    expect(vitestCounts({ unrelated: true })).toBeNull();
  });

  it('Playwright: flaky counts as passed, and the first skip reason is kept', () => {
    const report = {
      stats: { expected: 5, unexpected: 1, flaky: 1, skipped: 2 },
      suites: [
        {
          specs: [],
          suites: [
            {
              specs: [
                { tests: [{ status: 'expected', annotations: [] }] },
                { tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'Electron runtime not installed' }] }] },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightCounts(report)).toEqual({ passed: 6, failed: 1, skipped: 2, note: 'Electron runtime not installed' });
    expect(playwrightCounts({})).toBeNull();
  });

  it('a failing run with no failing test, or no report, is one failure', () => {
    expect(settle({ passed: 3, failed: 0, skipped: 0, note: '' }, false).failed).toBe(1);
    expect(settle({ passed: 3, failed: 2, skipped: 0, note: '' }, false).failed).toBe(2);
    expect(settle({ passed: 3, failed: 0, skipped: 0, note: '' }, true).failed).toBe(0);
    expect(settle(null, false)).toMatchObject({ passed: 0, failed: 1 });
  });
});

describe('the working-tree check', () => {
  let repo = '';
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('sees a tracked file changed, a new unignored file, and a dirty file changed again, not ignored output', () => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-tree-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
    git('init', '-q');
    fs.writeFileSync(path.join(repo, '.gitignore'), 'test-results/\n');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'a');
    fs.writeFileSync(path.join(repo, 'b.txt'), 'b');
    git('add', '.');
    git('commit', '-qm', 'init');
    fs.writeFileSync(path.join(repo, 'b.txt'), 'b, edited before the run');

    const before = treeState(repo)!;
    expect(treeChanges(before, treeState(repo)!)).toEqual([]);

    fs.mkdirSync(path.join(repo, 'test-results'));
    fs.writeFileSync(path.join(repo, 'test-results', 'shot.png'), 'x');
    expect(treeChanges(before, treeState(repo)!)).toEqual([]);

    fs.writeFileSync(path.join(repo, 'a.txt'), 'changed by a test');
    fs.writeFileSync(path.join(repo, 'b.txt'), 'b, changed again by a test');
    fs.writeFileSync(path.join(repo, 'new.png'), 'x');
    expect(treeChanges(before, treeState(repo)!)).toEqual(['a.txt', 'b.txt', 'new.png']);
  });
});
