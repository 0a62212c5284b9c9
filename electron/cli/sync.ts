/**
 * `sync --db PATH --to URL --token T [--once] [--every SECONDS] [--json]` — push this desk's changes to
 * the head office (issue 15). With --once: push everything there is, print {ok, pushed, lastSeq,
 * pending} and exit; without: keep pushing every --every seconds (default 30) until SIGINT/SIGTERM,
 * one line per push, a failed push retried after a backoff of 5 s doubling to 5 min (the changes wait
 * on the desk).
 */
import { openDatabase } from '../db/open';
import { syncOnce, type SyncResult } from '../headoffice/sync';
import { SyncLoop } from '../headoffice/sync-loop';
import { CliError, EXIT, parseOptions, printJson, resolveDb, type CliCommand } from './common';

function checkUrl(value: string | undefined): string {
  if (!value) throw new CliError('missing --to URL (the head office, e.g. http://head-office:48800)');
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new CliError(`--to ${value} is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CliError('--to must be an http:// or https:// URL');
  return u.toString();
}

const line = (r: SyncResult) => `pushed ${r.pushed} change(s)${r.positions ? ` and ${r.positions} position(s)` : ''}${r.snapshot ? ' (a full snapshot: new epoch)' : ''}; head office at ${r.lastSeq}; ${r.pending} pending`;

export const syncCommand: CliCommand = {
  usage: 'sync --db PATH --to URL --token T [--once] [--every SECONDS] [--json]',
  summary: "Push this desk's changes to the head office (--once: everything there is now, then exit)",
  async run(argv) {
    const { values } = parseOptions(argv, { db: { type: 'string' }, to: { type: 'string' }, token: { type: 'string' }, once: { type: 'boolean' }, every: { type: 'string' }, json: { type: 'boolean' } });
    const url = checkUrl(values.to);
    if (!values.token) throw new CliError('missing --token T (a station token: token create --role station --name CODE --postgres URL)');
    const every = values.every === undefined ? 30 : Number(values.every);
    if (!Number.isFinite(every) || every < 1) throw new CliError('--every must be a number of seconds ≥ 1');
    const opened = openDatabase(resolveDb(values.db));
    const opts = { url, token: values.token };
    try {
      if (values.once) {
        const r = await syncOnce(opened.sqlite, opts);
        if (values.json) printJson({ ok: r.ok, pushed: r.pushed, lastSeq: r.lastSeq, pending: r.pending, positions: r.positions, epoch: r.epoch, snapshot: r.snapshot });
        else process.stdout.write(line(r) + '\n');
        return EXIT.OK;
      }
      // The same loop as the desk app's background push, with the link from the flags and no local
      // writes to wait for (other processes write this file): a push every --every seconds, backing off
      // after a failure.
      const loop = new SyncLoop({
        sqlite: opened.sqlite,
        link: () => ({ url, token: opts.token, paused: false }),
        everyMs: every * 1000,
        debounceMs: 1000,
        onPush: (o) => {
          const at = new Date().toISOString();
          if (!o.ok) process.stderr.write(`${at} push failed: ${o.error.message}\n`);
          else process.stdout.write((values.json ? JSON.stringify({ ok: true, at, pushed: o.result.pushed, lastSeq: o.result.lastSeq, pending: o.result.pending }) : `${at} ${line(o.result)}`) + '\n');
        },
      });
      loop.start();
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await loop.stop();
      return EXIT.OK;
    } finally {
      opened.close();
    }
  },
};
