import type { z } from 'zod';

/**
 * A channel is one call the UI (or a script) can make: its input schema, its output type and who
 * may call it. `read` channels are open to owner tokens; `write` channels need the desk role.
 */
/** read: owners too; write: desk only, a change (audited, announced); admin: desk only, no change. */
export type Access = 'read' | 'write' | 'admin';
/**
 * desk: everything; owner: read channels only; kiosk: the self check-in page — `KIOSK_CHANNELS` only
 * (look one driver up, check in today), every other channel answers 403.
 */
export type Role = 'desk' | 'owner' | 'kiosk';
export const ROLES = ['desk', 'owner', 'kiosk'] as const satisfies readonly Role[];
/** The only channels a kiosk token may call. */
export const KIOSK_CHANNELS: readonly string[] = ['kiosk.lookup', 'checkin.set'];

export interface ChannelDef<I extends z.ZodType = z.ZodType, O = unknown, A extends Access = Access> {
  readonly input: I;
  /** Kept as its literal ('read' | 'write' | 'admin') so handler types can follow it. */
  readonly access: A;
  readonly summary: string;
  /** Phantom: carries the output type; never set at run time. */
  readonly __output?: O;
}

/** `channel<Output>()({ input, access, summary })` — curried so the output type can be named alone. */
export const channel =
  <O>() =>
  <I extends z.ZodType, A extends Access>(def: { input: I; access: A; summary: string }): ChannelDef<I, O, A> =>
    def;

export type ChannelMap = Record<string, ChannelDef>;

/** Join each area's channels into one map; a name registered twice is a programming error. */
export function joinChannels<T extends ChannelMap[]>(...parts: T): UnionToIntersection<T[number]> {
  const out: ChannelMap = {};
  for (const part of parts) {
    for (const [name, def] of Object.entries(part)) {
      if (name in out) throw new Error(`Channel registered twice: ${name}`);
      out[name] = def;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

export type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void
  ? I
  : never;

/** What a caller passes (before defaults). */
export type InputOf<C extends ChannelDef> = z.input<C['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<C extends ChannelDef> = z.output<C['input']>;
export type OutputOf<C extends ChannelDef> = C extends ChannelDef<z.ZodType, infer O, Access> ? O : never;
