import type { Db } from '../db/open';
import type { StationHost } from '../db/station-host';
import type { Clock } from '../../shared/dates';
import type { EventBus } from '../../shared/events';
import type { ChannelMap, OutputOf, ParsedInputOf, Role } from '../../shared/contract/define';

/** Who is calling: the desk itself, or a named token. Written into the audit log. */
export interface Actor {
  name: string;
  role: Role;
}

/** Everything a handler may use. Services never import electron; tests build this directly. */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  actor: Actor;
  events: EventBus;
  /** The database file (for app.info); ':memory:' in tests. */
  dbPath: string;
  /** Process-wide options set by `serve` (e.g. accept unknown devices). */
  options?: Record<string, unknown>;
  /** The station file as the process that opened it manages it (health, backups, restore); absent in bare tests. */
  station?: StationHost;
}

export type Handler<C extends ChannelMap[string]> = (
  ctx: ServiceContext,
  input: ParsedInputOf<C>,
) => OutputOf<C> | Promise<OutputOf<C>>;

/** The handlers of one area: exactly one per channel of its contract part. */
export type HandlersFor<M extends ChannelMap> = { [K in keyof M]: Handler<M[K]> };
