#!/usr/bin/env node
/**
 * `npm run test:weekdays`: the date-sensitive suites as if today were each day of the week, at awkward
 * station hours (just after midnight, late evening, the DST switch), then one table of pass/fail per
 * case and suite, with the failing tests' names. Not part of `npm test` (it is long: each case runs
 * the suites again).
 *
 * The clock is faked from the outside with Debian's libfaketime, so nothing in the product knows about
 * it: one offset in seconds (`faketime -f +N`) computed when each run starts, the same for every process
 * of the run (faketime's `@<time>` form starts each process's clock at that time when the process
 * starts, so a server or a test worker started later runs minutes behind the others). Node and the desk's server run
 * under it; Chromium hangs under libfaketime, so tests/e2e/playwright.config.ts takes the library out
 * of the browser's environment: the browser keeps the real clock and the console follows the desk's
 * clock through app.info's skew, as it does for any client whose clock is off. Monotonic clocks are
 * not faked (FAKETIME_DONT_FAKE_MONOTONIC=1) so timers and timeouts run normally.
 *
 *   node scripts/weekday-sweep.mjs [--cases sun-0005,mon-2330,…] [--suites e2e,faults,unit]
 *                                  [--unit-cases sun-0005,thu-2330] [--unit-paths tests/http,…] [--list]
 *
 * Default: e2e and faults for every case, unit for the cases in --unit-cases (the unit project takes
 * ~6 min a run). Set DESK_E2E_PORT as usual. Exit 1 when anything failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { playwrightCounts, readJson, settle, vitestCounts } from './lib/test-counts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'test-results', 'weekday-sweep');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/**
 * The cases: each weekday once, relative to the week of 2026-12-02, at the station's (America/Los_Angeles,
 * PST = UTC−8) awkward hours; the instants are UTC. Two DST days as a bonus.
 */
export const CASES = [
  { id: 'sun-0005', label: 'Sun 2026-12-06 00:05 PST', utc: '2026-12-06 08:05:00' },
  { id: 'mon-2330', label: 'Mon 2026-12-07 23:30 PST', utc: '2026-12-08 07:30:00' },
  { id: 'tue-0900', label: 'Tue 2026-12-08 09:00 PST', utc: '2026-12-08 17:00:00' },
  { id: 'wed-0005', label: 'Wed 2026-11-25 00:05 PST', utc: '2026-11-25 08:05:00' },
  { id: 'thu-2330', label: 'Thu 2026-12-10 23:30 PST', utc: '2026-12-11 07:30:00' },
  { id: 'fri-0600', label: 'Fri 2026-12-11 06:00 PST', utc: '2026-12-11 14:00:00' },
  { id: 'sat-0005', label: 'Sat 2026-12-12 00:05 PST', utc: '2026-12-12 08:05:00' },
  { id: 'dst-spring', label: 'Sun 2027-03-14 03:10 PDT (spring forward)', utc: '2027-03-14 10:10:00' },
  { id: 'dst-fall', label: 'Sun 2026-11-01 01:30 PST (the second 01:30)', utc: '2026-11-01 09:30:00' },
];
const WEEK = CASES.filter((c) => !c.id.startsWith('dst-')).map((c) => c.id);

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: WEEK.join(',') },
    suites: { type: 'string', default: 'e2e,faults,unit' },
    'unit-cases': { type: 'string', default: 'sun-0005,thu-2330,tue-0900' },
    // Only these unit test paths (vitest filters, comma-separated), e.g. the ones that run on the real clock.
    'unit-paths': { type: 'string', default: '' },
    list: { type: 'boolean', default: false },
  },
});
if (values.list) {
  for (const c of CASES) console.log(`${c.id.padEnd(11)} ${c.label}  (${c.utc} UTC)`);
  process.exit(0);
}
const pick = (list) => list.split(',').filter(Boolean);
const cases = pick(values.cases).map((id) => CASES.find((c) => c.id === id) ?? fail(`unknown case ${id} (see --list)`));
const suites = pick(values.suites);
const unitCases = new Set(pick(values['unit-cases']));
for (const s of suites) if (!['e2e', 'faults', 'unit'].includes(s)) fail(`unknown suite ${s}: e2e, faults or unit`);

function fail(message) {
  console.error(message);
  process.exit(2);
}

/** The environment under faketime: monotonic clocks left alone (timers and timeouts run normally). */
const fakeEnv = () => ({ ...process.env, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' });
/** faketime's offset that makes now the case's instant (whole seconds; the clock then runs on). */
const offsetTo = (utc) => `${Math.round((Date.parse(`${utc.replace(' ', 'T')}Z`) - Date.now()) / 1000)}`.replace(/^(\d)/, '+$1');
const under = (c, cmd, args) => ['faketime', ['-f', offsetTo(c.utc), cmd, ...args]];

// libfaketime must be there and must move Node's clock: a sweep that silently ran on today proves nothing.
const probe = spawnSync('faketime', ['-f', offsetTo('2026-12-06 08:05:00'), process.execPath, '-e', 'console.log(new Date().toISOString())'], { encoding: 'utf8', env: fakeEnv() });
if (probe.error || !probe.stdout.startsWith('2026-12-06T08:0')) {
  fail(`libfaketime is missing or does not move Node's clock (${probe.error?.message ?? probe.stdout.trim()}): sudo apt-get install -y faketime`);
}

function run(c, cmd, args, env = {}) {
  const [bin, argv] = under(c, cmd, args);
  const t0 = Date.now();
  const r = spawnSync(bin, argv, { cwd: root, stdio: 'inherit', env: { ...fakeEnv(), ...env } });
  return { ok: r.status === 0, ms: Date.now() - t0 };
}

/** Failing tests' names from a vitest (Jest-format) report. */
function vitestFailures(report) {
  return (report?.testResults ?? []).flatMap((f) =>
    (f.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => `${path.relative(root, f.name)} › ${a.fullName ?? a.title}`),
  );
}
/** Failing tests' names from a Playwright JSON report. */
function playwrightFailures(report) {
  const names = [];
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) if (spec.tests?.some((t) => t.status === 'unexpected')) names.push(`${spec.file} › ${spec.title}`);
    for (const s of suite.suites ?? []) visit(s);
  };
  for (const s of report?.suites ?? []) visit(s);
  return names;
}

const SUITES = {
  // Faults first: quick to fail when a process cannot start at all under the fake clock.
  faults: (c, file) => {
    const r = run(c, npx, ['vitest', 'run', '--project', 'faults', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
    const report = readJson(file);
    return { ...settle(vitestCounts(report), r.ok), failures: vitestFailures(report), ms: r.ms };
  },
  e2e: (c, file) => {
    const r = run(c, npx, ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: file });
    const report = readJson(file);
    return { ...settle(playwrightCounts(report), r.ok), failures: playwrightFailures(report), ms: r.ms };
  },
  unit: (c, file) => {
    const r = run(c, npx, ['vitest', 'run', '--project', 'unit', ...pick(values['unit-paths']), '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
    const report = readJson(file);
    return { ...settle(vitestCounts(report), r.ok), failures: vitestFailures(report), ms: r.ms };
  },
};

fs.mkdirSync(out, { recursive: true });
if (suites.includes('e2e')) {
  console.log('\n▶ renderer build (real clock)');
  if (spawnSync(npx, ['vite', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) fail('the renderer build failed');
}

const rows = [];
for (const c of cases) {
  for (const suite of ['faults', 'e2e', 'unit'].filter((s) => suites.includes(s))) {
    if (suite === 'unit' && !unitCases.has(c.id)) continue;
    console.log(`\n\x1b[1m▶ ${c.label}: ${suite}\x1b[0m`);
    const result = SUITES[suite](c, path.join(out, `${c.id}-${suite}.json`));
    rows.push({ c, suite, ...result });
    fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(rows.map(({ c: k, ...r }) => ({ case: k.id, label: k.label, ...r })), null, 2));
  }
}

console.log('\n── weekday sweep ──');
let failed = 0;
for (const r of rows) {
  failed += r.failed;
  const mark = r.failed ? '\x1b[31mFAIL\x1b[0m' : 'ok  ';
  console.log(`${mark} ${r.c.label.padEnd(44)} ${r.suite.padEnd(6)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${Math.round(r.ms / 1000)} s)`);
  for (const f of r.failures) console.log(`       ✗ ${f}`);
}
console.log(`${rows.length} runs, ${failed} failed test(s); reports in ${path.relative(root, out)}/`);
process.exitCode = failed > 0 ? 1 : 0;
