/**
 * scripts/check-prereqs.mjs, run as `npm test` runs it, on a machine made of an empty folder
 * (DESK_PREREQ_ROOT), an empty PATH and CHROMIUM_PATH pointing at nothing: it must name exactly the
 * missing Debian packages in one apt-get line and exit non-zero; with the tools in place it passes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const script = path.join(root, 'scripts', 'check-prereqs.mjs');
let tmp: string;
let fakeRoot: string;
let bin: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-prereqs-'));
  fakeRoot = path.join(tmp, 'root');
  bin = path.join(tmp, 'bin');
  fs.mkdirSync(fakeRoot);
  fs.mkdirSync(bin);
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** An executable stub at `file`. */
function tool(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
}

/** Every prerequisite present in the fake machine. */
function everything(): void {
  tool(path.join(fakeRoot, 'usr/bin/chromium'));
  tool(path.join(bin, 'pdftotext'));
  tool(path.join(fakeRoot, 'usr/lib/postgresql/15/bin/initdb'));
  tool(path.join(fakeRoot, 'usr/lib/postgresql/15/bin/pg_ctl'));
  fs.mkdirSync(path.join(fakeRoot, 'usr/share/fonts/truetype/dejavu'), { recursive: true });
  fs.writeFileSync(path.join(fakeRoot, 'usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), '');
}

function run(env: Record<string, string> = {}, args: string[] = []) {
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    // A display is set unless a case removes it, so xvfb is only asked for where a case wants it.
    env: { HOME: tmp, DESK_PREREQ_ROOT: fakeRoot, PATH: bin, CHROMIUM_PATH: '', DISPLAY: ':99', ...env },
  });
  const out = `${r.stdout}${r.stderr}`;
  return { status: r.status, out, aptLines: out.split('\n').filter((l) => l.startsWith('apt-get')) };
}

describe('check-prereqs', () => {
  it('on an empty machine: one apt-get line with exactly the missing packages, exit 1', () => {
    const r = run();
    expect(r.status).toBe(1);
    expect(r.aptLines).toEqual(['apt-get install -y chromium fonts-dejavu-core poppler-utils postgresql']);
    expect(r.out).toContain('✗ Chromium');
    expect(r.out).toContain('✗ pdftotext');
    expect(r.out).not.toContain('xvfb');
  });

  it('passes when everything is there', () => {
    everything();
    const r = run();
    expect(r.out).toContain('Prerequisites found');
    expect(r.aptLines).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('lists only what is missing, and CHROMIUM_PATH wins over /usr/bin/chromium', () => {
    everything();
    fs.rmSync(path.join(bin, 'pdftotext'));
    const r = run({ CHROMIUM_PATH: path.join(tmp, 'nowhere', 'chromium') });
    expect(r.status).toBe(1);
    expect(r.aptLines).toEqual(['apt-get install -y chromium poppler-utils']);
    expect(run({ CHROMIUM_PATH: path.join(fakeRoot, 'usr/bin/chromium') }).aptLines).toEqual(['apt-get install -y poppler-utils']);
  });

  it('asks for xvfb only where an Electron runtime exists and there is no display', () => {
    everything();
    const runtime = path.join(tmp, 'electron-dist');
    tool(path.join(runtime, 'electron'));
    const noDisplay = run({ ELECTRON_OVERRIDE_DIST_PATH: runtime, DISPLAY: '' });
    expect(noDisplay.status).toBe(1);
    expect(noDisplay.aptLines).toEqual(['apt-get install -y xvfb']);
    tool(path.join(bin, 'xvfb-run'));
    expect(run({ ELECTRON_OVERRIDE_DIST_PATH: runtime, DISPLAY: '' }).status).toBe(0);
    fs.rmSync(path.join(bin, 'xvfb-run'));
    expect(run({ ELECTRON_OVERRIDE_DIST_PATH: runtime, DISPLAY: ':99' }).status).toBe(0);
  });

  it('--packages prints just the missing package names, for CI to install', () => {
    fs.mkdirSync(path.join(fakeRoot, 'usr/share/fonts/truetype/dejavu'), { recursive: true });
    fs.writeFileSync(path.join(fakeRoot, 'usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), '');
    const r = run({}, ['--packages']);
    expect(r.status).toBe(0);
    expect(r.out.trim()).toBe('chromium poppler-utils postgresql');
  });
});
