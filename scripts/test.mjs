#!/usr/bin/env node
/**
 * `npm test`: every check and test suite in order, each under a header, then ONE last line
 *
 *   N passed, N failed, N skipped
 *
 * summed over vitest and both Playwright runs (counted from their JSON reports), and exit 1 on any
 * failure. Steps: prerequisites (scripts/check-prereqs.mjs: stops here, with the apt-get line, when
 * something is missing), typecheck, lint, vitest, renderer build, browser e2e, Electron e2e (under
 * xvfb-run when there is a runtime but no display). A failed typecheck, lint or build counts as one
 * failure each. Last, the run must leave the git working tree as it found it: a test that writes a
 * tracked or unignored file fails the run (screenshots belong in test-results/, which git ignores).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS, missingPrereqs, report } from './check-prereqs.mjs';
import { findElectron, hasDisplay } from './lib/electron-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'test-results', 'reports');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const header = (text) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);
const seconds = (ms) => `${Math.round(ms / 1000)} s`;

/** Run a command with inherited output; returns its exit status and wall time. */
function run(cmd, args, env = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  return { ok: r.status === 0, status: r.status ?? 1, ms: Date.now() - t0 };
}

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

/** Counts from vitest's JSON reporter (Jest's format). */
function vitestCounts(file) {
  const j = readJson(file);
  if (!j) return null;
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + (j.numTodoTests ?? 0), note: '' };
}

/** Counts from Playwright's JSON reporter; flaky tests passed on retry. The first skip reason is kept as a note. */
function playwrightCounts(file) {
  const j = readJson(file);
  if (!j?.stats) return null;
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
  for (const s of j.suites ?? []) visit(s);
  const s = j.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped, note };
}

/** The working tree as git sees it: status lines plus a hash of each listed file, or null outside git. */
function treeState() {
  const r = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return null;
  const state = new Map();
  for (const entry of r.stdout.split('\0').filter(Boolean)) {
    const file = entry.slice(3);
    const full = path.join(root, file);
    let hash = 'absent';
    if (fs.existsSync(full) && fs.statSync(full).isFile()) hash = createHash('sha1').update(fs.readFileSync(full)).digest('hex');
    state.set(file, `${entry.slice(0, 2)} ${hash}`);
  }
  return state;
}

function treeChanges(before, after) {
  const changed = [];
  for (const [file, v] of after) if (before.get(file) !== v) changed.push(file);
  for (const file of before.keys()) if (!after.has(file)) changed.push(file);
  return changed.sort();
}

// ── prerequisites: nothing runs without them ─────────────────────────────────────────────────────
header('prerequisites');
const missing = missingPrereqs();
if (missing.length) {
  console.error(report(missing));
  process.exit(1);
}
console.log(`found: ${CHECKS.filter((c) => !c.needed || c.needed(process.env)).map((c) => c.name).join(', ')}`);

const treeBefore = treeState();
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

/** One row of the summary per step. */
const rows = [];
const total = { passed: 0, failed: 0, skipped: 0 };

/** A step that passes or fails as a whole (typecheck, lint, build). */
function check(name, script) {
  header(`${name} (npm run ${script})`);
  const r = run(npm, ['run', '-s', script]);
  rows.push([name, r.ok ? `ok (${seconds(r.ms)})` : `FAILED (exit ${r.status})`]);
  if (!r.ok) total.failed += 1;
  return r.ok;
}

/** A test suite counted from its JSON report; a failing exit with no failing test counts as one failure. */
function suite(name, counts, r) {
  const c = counts ?? { passed: 0, failed: 0, skipped: 0, note: 'no report written' };
  if (!r.ok && c.failed === 0) c.failed = 1;
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  rows.push([name, `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${seconds(r.ms)})${c.note ? ` — ${c.note}` : ''}`]);
}

check('typecheck', 'typecheck');
check('lint', 'lint');

header('unit + HTTP tests (vitest)');
const vitestReport = path.join(reports, 'vitest.json');
const vitest = run(npm, ['run', '-s', 'test:unit', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
suite('vitest', vitestCounts(vitestReport), vitest);

const built = check('renderer build', 'build:renderer');

for (const [name, script] of [
  ['browser e2e', 'test:e2e'],
  ['Electron e2e', 'test:electron'],
]) {
  header(`${name} (Playwright)`);
  if (!built) {
    console.log(`skipped: the renderer build failed`);
    rows.push([name, 'not run (the renderer build failed)']);
    continue;
  }
  const file = path.join(reports, `${script.replace(':', '-')}.json`);
  const args = ['run', '-s', script, '--', '--reporter=list,json'];
  const env = { PLAYWRIGHT_JSON_OUTPUT_FILE: file };
  const electron = script === 'test:electron' && !findElectron(root).missing;
  // An Electron runtime on a machine without a display: give it a virtual one.
  const r = electron && !hasDisplay() ? run('xvfb-run', ['-a', npm, ...args], env) : run(npm, args, env);
  suite(name, playwrightCounts(file), r);
}

header('working tree');
const treeAfter = treeState();
if (!treeBefore || !treeAfter) {
  rows.push(['working tree', 'not checked (not a git checkout)']);
} else {
  const changed = treeChanges(treeBefore, treeAfter);
  if (changed.length) {
    console.log(`\x1b[31mThe run changed ${changed.length} file(s) in the working tree (tests must write to ignored folders such as test-results/):\x1b[0m`);
    for (const f of changed.slice(0, 30)) console.log(`  ${f}`);
    rows.push(['working tree', `CHANGED by the run: ${changed.length} file(s) — a failure`]);
    total.failed += 1;
  } else {
    console.log('unchanged by the run');
    rows.push(['working tree', 'unchanged']);
  }
}

console.log('\n── npm test ──');
const width = Math.max(...rows.map(([n]) => n.length));
for (const [name, text] of rows) console.log(`  ${name.padEnd(width)}  ${text}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
