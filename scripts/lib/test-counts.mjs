// What scripts/test.mjs counts: passed / failed / skipped from vitest's and Playwright's JSON reports,
// and the git working tree before and after the run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The parsed JSON file, or null when it is missing or unreadable. */
export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Counts from vitest's JSON report (Jest's format); todo tests count as skipped. */
export function vitestCounts(report) {
  if (!report || typeof report.numPassedTests !== 'number') return null;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    note: '',
  };
}

/** Counts from Playwright's JSON report (flaky = passed on retry); the first skip reason becomes the note. */
export function playwrightCounts(report) {
  if (!report?.stats) return null;
  let note = '';
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const skip = t.annotations?.find((a) => a.type === 'skip' && a.description);
        if (!note && t.status === 'skipped' && skip) note = skip.description;
      }
    }
    for (const s of suite.suites ?? []) visit(s);
  };
  for (const s of report.suites ?? []) visit(s);
  const s = report.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped, note };
}

/**
 * A suite's final counts: no report counts as one failure, and so does a failing exit whose report
 * shows no failing test (a crash, a config error, a file that did not load).
 */
export function settle(counts, exitedOk) {
  const c = counts ? { ...counts } : { passed: 0, failed: 0, skipped: 0, note: 'no report was written' };
  if (!exitedOk && c.failed === 0) c.failed = 1;
  return c;
}

/** The working tree as git sees it: each listed path → status and content hash; null outside git. */
export function treeState(root) {
  const r = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return null;
  const state = new Map();
  for (const entry of r.stdout.split('\0').filter(Boolean)) {
    const file = entry.slice(3);
    const full = path.join(root, file);
    const hash = fs.existsSync(full) && fs.statSync(full).isFile() ? createHash('sha1').update(fs.readFileSync(full)).digest('hex') : 'absent';
    state.set(file, `${entry.slice(0, 2)} ${hash}`);
  }
  return state;
}

/** Paths whose status or content differs between two tree states. */
export function treeChanges(before, after) {
  const changed = new Set();
  for (const [file, v] of after) if (before.get(file) !== v) changed.add(file);
  for (const file of before.keys()) if (!after.has(file)) changed.add(file);
  return [...changed].sort();
}
