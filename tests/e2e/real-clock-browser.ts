import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { BROWSER_ARGS, CHROMIUM, withoutFaketime } from './playwright.config';

/**
 * Under the weekday sweep (libfaketime) the browser runs in a Playwright server of its own, started
 * here without the fake clock, and the tests connect to it (PW_TEST_CONNECT_WS_ENDPOINT). Chromium
 * hangs under libfaketime, so it always had the real clock; this also gives its *driver* the real
 * clock. With the driver in the faked test process, page.clock.install() logs the driver's time and
 * the page replays it against the browser's real time: when the fake day is more than 24.8 days
 * (2^31 ms) in the past, the page clock's real-time timer gets a delay below −2^31 ms, which
 * setTimeout wraps (32-bit) to weeks, and no page timer ever fires (Playwright 1.65) — the board and
 * map "hang" on Loading… (the sweep's dst-fall case, 2026-11-01, was the only such case).
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (!process.env.FAKETIME || process.env.PW_TEST_CONNECT_WS_ENDPOINT) return undefined;
  const script = `
    const { chromium } = require('playwright-core');
    chromium.launchServer({ executablePath: ${JSON.stringify(CHROMIUM)}, args: ${JSON.stringify(BROWSER_ARGS)}, headless: true, host: '127.0.0.1' })
      .then((s) => { console.log(s.wsEndpoint()); process.on('SIGTERM', () => s.close().then(() => process.exit(0))); });`;
  const child = spawn(process.execPath, ['-e', script], { env: withoutFaketime(process.env), stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: string) => {
      out += c;
      const m = /ws:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`the real-clock browser server exited (${code}) before it listened`)));
  });
  process.env.PW_TEST_CONNECT_WS_ENDPOINT = endpoint;
  return async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
}
