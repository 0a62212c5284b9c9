#!/usr/bin/env node
/**
 * `npm run screenshots`: refresh the README's pictures in docs/ on purpose. Builds the console, runs
 * the e2e tests that take them (against a fresh demo station), and copies each picture from
 * test-results/screenshots/ into docs/. `npm test` never writes docs/: its screenshots stay in
 * test-results/screenshots/ (ignored by git).
 *
 * To add a README picture: take it in an e2e test tagged `@readme` (into SCREENSHOTS_DIR), then add
 * one entry to PICTURES.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shots = path.join(root, 'test-results', 'screenshots');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The e2e screenshot (in test-results/screenshots/) → its place in docs/. */
const PICTURES = [
  { shot: 'readme-roster.png', to: 'docs/screenshot.png' },
  // The head-office console (tests/e2e/headoffice.spec.ts): taken only where PostgreSQL is installed.
  { shot: 'readme-headoffice-picker.png', to: 'docs/headoffice-picker.png', needs: 'PostgreSQL' },
  { shot: 'readme-headoffice-roster.png', to: 'docs/headoffice-roster.png', needs: 'PostgreSQL' },
];

function step(what, args) {
  console.log(`▶ ${what}`);
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, DESK_SCREENSHOTS_DIR: shots } });
  if (r.status !== 0) {
    console.error(`npm run screenshots: ${what} failed; docs/ left as it was`);
    process.exit(1);
  }
}

for (const p of PICTURES) fs.rmSync(path.join(shots, p.shot), { force: true });
step('building the console', ['run', '-s', 'build:renderer']);
step('taking the README screenshots', ['run', '-s', 'test:e2e', '--', '--grep', '@readme']);
for (const p of PICTURES) {
  const from = path.join(shots, p.shot);
  if (!fs.existsSync(from) && p.needs) {
    console.log(`${p.to} left as it was: its test needs ${p.needs}`);
    continue;
  }
  if (!fs.existsSync(from)) {
    console.error(`npm run screenshots: ${p.shot} was not taken (is its test tagged @readme?)`);
    process.exit(1);
  }
  fs.copyFileSync(from, path.join(root, p.to));
  console.log(`${p.to} ← ${path.relative(root, from)}`);
}
