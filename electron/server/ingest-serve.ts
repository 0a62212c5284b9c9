import type { ServeAttachment } from '../cli/serve-attachment';
import { CliError, EXIT, parsePort } from '../cli/common';
import { DEFAULT_INGEST_PORT, startIngestServer, type IngestServer } from './ingest';
import { Simulation, runSimulation } from '../services/telematics/simulator';
import { devicesFromDb } from '../services/telematics/sim-setup';

/** `serve` flags of the telematics area. */
export const telematicsServeFlags = {
  'ingest-port': { type: 'string' },
  'accept-unknown-devices': { type: 'boolean' },
  simulate: { type: 'boolean' },
} as const;

/**
 * Starts the OsmAnd ingest endpoint beside the console (5055 unless `--ingest-port`, 0 = off) and,
 * with `--simulate`, a simulator driving today's vans against it in-process.
 */
export const telematicsServeAttachment: ServeAttachment = {
  name: 'telematics',
  async start(run) {
    const explicit = run.values['ingest-port'] !== undefined;
    const port = parsePort(run.values['ingest-port'] as string | undefined, '--ingest-port', DEFAULT_INGEST_PORT);
    const host = (run.values.host as string | undefined) ?? '127.0.0.1';
    const ctx = run.ctx('telematics');
    let ingest: IngestServer | null = null;
    try {
      ingest = await startIngestServer({
        db: run.opened.db,
        clock: ctx.clock,
        events: run.events,
        port,
        host,
        acceptUnknownDevices: !!run.values['accept-unknown-devices'],
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && !explicit) {
        run.say(`Telematics ingest: port ${port} is busy; ingest is off (choose one with --ingest-port N)`);
      } else if (code === 'EADDRINUSE') {
        throw new CliError(`ingest port ${port} on ${host} is already in use`, EXIT.FAILURE);
      } else throw err;
    }
    if (ingest) {
      run.say(
        `  Ingest:  OsmAnd / Traccar Client on ${ingest.url}/ ` +
          `(${ingest.store.acceptUnknownDevices ? 'unknown devices are registered' : 'unknown devices answered 404 and listed on the map'})`,
      );
    } else if (port === 0) run.say('  Ingest:  off (--ingest-port 0)');

    const ac = new AbortController();
    let simDone: Promise<unknown> | null = null;
    if (run.values.simulate) {
      if (!ingest) throw new CliError('--simulate needs the ingest endpoint (do not combine it with --ingest-port 0)');
      const found = devicesFromDb(run.opened.db, ctx.clock, 1000);
      if (!found.station || found.devices.length === 0) {
        run.say('  Simulator: nothing to drive (no station or no phones linked to vans); try --demo');
      } else {
        const sim = new Simulation({ station: found.station, devices: found.devices, seed: 7 });
        run.say(`  Simulator: ${found.devices.length} vans reporting at 1 Hz`);
        simDone = runSimulation({ target: ingest.url, sim, rate: 1, senders: 4, signal: ac.signal }).catch((err) =>
          run.say(`Simulator stopped: ${(err as Error).message}`),
        );
      }
    }
    return async () => {
      ac.abort();
      await simDone;
      await ingest?.close();
    };
  },
};
