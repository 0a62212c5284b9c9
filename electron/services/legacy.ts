import type { ChannelMap, OutputOf, ParsedInputOf } from '../../shared/contract/define';
import type { ServiceContext } from './context';

/**
 * TRANSITION ONLY (removed once every room is on the write path): a room whose handlers still
 * open their own transactions and write their own audit entries.
 */
export interface Legacy {
  legacy: (ctx: ServiceContext, input: unknown) => unknown;
}
export type LegacyHandlersFor<M extends ChannelMap> = {
  [K in keyof M]: (ctx: ServiceContext, input: ParsedInputOf<M[K]>) => OutputOf<M[K]> | Promise<OutputOf<M[K]>>;
};
export const isLegacy = (h: unknown): h is Legacy => typeof h === 'object' && h !== null && 'legacy' in h;

/** Mark every handler of a room as legacy. */
export function legacyRoom<M extends ChannelMap>(room: LegacyHandlersFor<M>): Record<keyof M, Legacy> {
  return Object.fromEntries(Object.entries(room).map(([k, fn]) => [k, { legacy: fn as Legacy['legacy'] }])) as Record<keyof M, Legacy>;
}
