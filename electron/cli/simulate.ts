import fs from 'node:fs';
import { openDatabase } from '../db/open';
import { Simulation, runSimulation, templateDevices, type SimDevice } from '../services/telematics/simulator';
import { devicesFromDb } from '../services/telematics/sim-setup';
import { DEFAULT_INGEST_PORT } from '../server/ingest';
import { systemClock } from '../../shared/dates';
import { CliError, EXIT, parseOptions, printJson, type CliCommand } from './common';

/** Kent Valley demo station (electron/services/demo/core/). */
const DEFAULT_STATION = { lat: 47.40236, lon: -122.24412 };

function positiveNumber(v: string | undefined, flag: string, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new CliError(`${flag} must be a number above 0 and at most ${max}`);
  return n;
}

export const simulateCommand: CliCommand = {
  usage: 'simulate --target URL [--devices N] [--rate HZ] [--seconds S] [--senders K] [--pipeline P] [--db PATH | --ids TEMPLATE --station LAT,LON] [--json]',
  summary: `Send realistic OsmAnd traffic (vans leave by wave, drive loops, idle at stops, return) to an ingest endpoint (default http://127.0.0.1:${DEFAULT_INGEST_PORT})`,
  async run(argv) {
    const { values } = parseOptions(argv, {
      target: { type: 'string' },
      devices: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      senders: { type: 'string' },
      pipeline: { type: 'string' },
      ids: { type: 'string' },
      station: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
      'wave-gap': { type: 'string' },
      json: { type: 'boolean' },
    });
    const target = values.target ?? `http://127.0.0.1:${DEFAULT_INGEST_PORT}`;
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new CliError('--target must be a URL such as http://127.0.0.1:5055');
    }
    if (url.protocol !== 'http:') throw new CliError('--target must be an http:// URL');
    const count = Math.round(positiveNumber(values.devices, '--devices', 10, 100_000));
    const rate = positiveNumber(values.rate, '--rate', 1, 100);
    const seconds = values.seconds === undefined ? undefined : positiveNumber(values.seconds, '--seconds', 0, 7 * 86_400);
    const senders = Math.round(positiveNumber(values.senders, '--senders', 4, 512));
    const pipeline = Math.round(positiveNumber(values.pipeline, '--pipeline', 1, 1024));
    const seed = Math.round(positiveNumber(values.seed, '--seed', 1, 2 ** 31));
    const waveGap = positiveNumber(values['wave-gap'], '--wave-gap', 20, 86_400);

    let station = DEFAULT_STATION;
    let devices: SimDevice[];
    if (values.db) {
      if (!fs.existsSync(values.db)) throw new CliError(`no database at ${values.db}`);
      const opened = openDatabase(values.db, { readonly: true });
      try {
        const found = devicesFromDb(opened.db, systemClock, count, waveGap);
        if (found.devices.length === 0) throw new CliError(`no phones linked to vans in ${values.db}`);
        devices = found.devices;
        if (found.station) station = found.station;
      } finally {
        opened.close();
      }
    } else {
      devices = templateDevices(count, values.ids ?? 'dsk-phone-{n}', 3, waveGap);
    }
    if (values.station) {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(values.station);
      if (!m || Math.abs(Number(m[1])) > 90 || Math.abs(Number(m[2])) > 180) throw new CliError('--station must be LAT,LON');
      station = { lat: Number(m[1]), lon: Number(m[2]) };
    }

    const sim = new Simulation({ station, devices, seed });
    const ac = new AbortController();
    const stop = () => ac.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (!values.json) {
      process.stderr.write(`Simulating ${devices.length} van(s) at ${rate} Hz → ${url.origin}${seconds ? ` for ${seconds} s` : ' (Ctrl+C to stop)'}\n`);
    }
    let lastReport = 0;
    const summary = await runSimulation({
      target: url.origin,
      sim,
      rate,
      seconds,
      senders,
      pipeline,
      signal: ac.signal,
      onTick: (t, c) => {
        if (!values.json && t - lastReport >= 5) {
          lastReport = t;
          process.stderr.write(`  ${t.toFixed(0)} s: ${c.ok} stored, ${c.sent - c.ok - c.errors} refused, ${c.errors} errors\n`);
        }
      },
    });
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (values.json) {
      const cpu = process.cpuUsage();
      printJson({ target: url.origin, ...summary, stored: summary.ok, cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2) });
    }
    else {
      process.stdout.write(
        `Sent ${summary.sent} positions in ${summary.seconds.toFixed(1)} s: ${summary.ok} stored (${summary.ratePerSecond.toFixed(0)}/s), ` +
          `answers ${JSON.stringify(summary.byStatus)}, ${summary.errors} connection errors, ${summary.skipped} skipped\n`,
      );
    }
    if (summary.sent > 0 && summary.ok === 0) {
      process.stderr.write('No position was stored: is the ingest endpoint running, and are these device ids registered (or --accept-unknown-devices)?\n');
      return EXIT.FAILURE;
    }
    return EXIT.OK;
  },
};
