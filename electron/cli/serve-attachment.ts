import type { OpenedDb } from '../db/open';
import type { DeskServer } from '../server';
import type { ServiceContext } from '../services/context';
import type { EventBus } from '../../shared/events';

/**
 * The seam between `serve` and the pieces it starts beside the server (ingest endpoint,
 * simulator…): its own module so that an attachment never imports `serve` back.
 */

/** What an attachment gets: parsed flags and the running server. */
export interface ServeRun {
  values: Record<string, string | boolean | undefined>;
  server: DeskServer;
  opened: OpenedDb;
  events: EventBus;
  /** A context acting as `name` (desk role) on the served database. */
  ctx(name?: string): ServiceContext;
  /** A line on stderr (stdout stays clean for --json). */
  say(line: string): void;
}

/** Something started beside the server (ingest endpoint, simulator…). Return a stop function. */
export interface ServeAttachment {
  name: string;
  start(run: ServeRun): Promise<(() => Promise<void> | void) | void> | (() => Promise<void> | void) | void;
}
