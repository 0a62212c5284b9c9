// Reads the `npm test` log and prints one plain closing line, "N passed, N failed, N skipped",
// adding up vitest's "Tests …" line and each Playwright run's "N passed / failed / skipped" lines.
import fs from 'node:fs';

const text = fs.readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
const total = { passed: 0, failed: 0, skipped: 0 };
const add = (kind, n) => {
  if (kind === 'flaky') kind = 'passed';
  if (kind in total) total[kind] += Number(n);
};
for (const line of text.split('\n')) {
  const vitest = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (vitest) {
    for (const m of vitest[1].matchAll(/(\d+) (passed|failed|skipped)/g)) add(m[2], m[1]);
    continue;
  }
  const pw = /^\s+(\d+) (passed|failed|skipped|flaky)(?: \(|$)/.exec(line);
  if (pw) add(pw[2], pw[1]);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
