#!/usr/bin/env node
/**
 * `npm test`: every check and test suite in order, each under a header, then ONE last line
 *
 *   N passed, N failed, N skipped
 *
 * summed over vitest and both Playwright runs (counted from their JSON reports), and exit 1 on any
 * failure. Steps: prerequisites (scripts/check-prereqs.mjs: stops here, with the apt-get line, when
 * something is missing), typecheck, lint, every `check:*` script of package.json, vitest, renderer
 * build, browser e2e, Electron e2e (under xvfb-run when there is a runtime but no display). A failed
 * typecheck, lint, check or build counts as one failure each. Last, the run must leave the git
 * working tree as it found it: a test that writes a tracked or unignored file fails the run
 * (screenshots belong in test-results/, which git ignores).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS, missingPrereqs, report } from './check-prereqs.mjs';
import { playwrightCounts, readJson, settle, treeChanges, treeState, vitestCounts } from './lib/test-counts.mjs';
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

// ── prerequisites: nothing runs without them ─────────────────────────────────────────────────────
header('prerequisites');
const missing = missingPrereqs();
if (missing.length) {
  console.error(report(missing));
  process.exit(1);
}
const found = CHECKS.filter((c) => !c.needed || c.needed(process.env)).map((c) => c.name);
console.log(`found: ${found.join(', ')}`);

const treeBefore = treeState(root);
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

/** One row of the summary per step. */
const rows = [['prerequisites', `ok (${found.length} found)`]];
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
  const c = settle(counts, r.ok);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  rows.push([name, `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${seconds(r.ms)})${c.note ? ` — ${c.note}` : ''}`]);
}

check('typecheck', 'typecheck');
check('lint', 'lint');
// Every `check:<name>` script in package.json is a step too (e.g. check:cycles): add checks there.
const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const script of Object.keys(scripts).filter((s) => s.startsWith('check:'))) check(script.slice('check:'.length), script);

header('unit + HTTP tests (vitest)');
const vitestReport = path.join(reports, 'vitest.json');
const vitest = run(npm, ['run', '-s', 'test:unit', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
suite('vitest', vitestCounts(readJson(vitestReport)), vitest);

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
  suite(name, playwrightCounts(readJson(file)), r);
}

header('working tree');
const treeAfter = treeState(root);
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
