import { z } from 'zod';
import { AppError } from '../../shared/errors';

/**
 * The push protocol between a desk and the head office (issue 15). One HTTP call:
 *   POST /sync/push   Authorization: Bearer <station token>   body PushBody → PushAnswer
 * A push carries one epoch's changes in sequence order (possibly none: then it only asks where the
 * head office stands) and, optionally, a columnar batch of positions. The head office applies the
 * whole call in one PostgreSQL transaction and answers how far it holds the station; the desk then
 * forgets what was acknowledged. Idempotent by (station, epoch, seq): a change at or below the
 * acknowledged sequence is skipped, so a resent batch never doubles anything.
 */

export const PUSH_PATH = '/sync/push';

const op = z.enum(['I', 'U', 'D', 'S', 'B', 'E']);
export const changeSchema = z.object({
  seq: z.number().int().positive(),
  op,
  tbl: z.string(),
  key: z.array(z.union([z.string(), z.number(), z.null()])),
  row: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof changeSchema>;

export const pushBodySchema = z.object({
  /** The epoch the changes belong to. */
  epoch: z.string().min(1).max(100),
  /** The station code the desk pushes as: it must be the one its token names. */
  station: z.string().min(1).max(40),
  /** The station's display name (its `station` row), for the head office's picker. */
  name: z.string().max(200).optional(),
  /** Checked one by one with checkChange (a schema parse of 5000 rows took longer than applying them). */
  changes: z.array(z.unknown()),
  /** Positions with ids in (positionsFrom, …], columnar: one array per column, ids ascending. */
  positions: z.object({ columns: z.record(z.string(), z.array(z.unknown())) }).optional(),
  /** Changes the desk still holds after this batch (for the head office's station list). */
  pending: z.number().int().nonnegative(),
});
export type PushBody = Omit<z.infer<typeof pushBodySchema>, 'changes'> & { changes: Change[] };

const OPS = new Set(['I', 'U', 'D', 'S', 'B', 'E']);
const isKeyValue = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number';

/** The shape of one change (what changeSchema says), checked by hand for speed; null when sound, else why not. */
export function changeProblem(c: unknown): string | null {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) return 'is not an object';
  const x = c as Record<string, unknown>;
  if (!Number.isSafeInteger(x.seq) || (x.seq as number) < 1) return 'seq must be a positive whole number';
  if (typeof x.op !== 'string' || !OPS.has(x.op)) return 'op must be one of I U D S B E';
  if (typeof x.tbl !== 'string') return 'tbl must be text';
  if (!Array.isArray(x.key) || !x.key.every(isKeyValue)) return 'key must be an array of text, numbers or nulls';
  if (x.row !== null && (typeof x.row !== 'object' || Array.isArray(x.row))) return 'row must be an object or null';
  return null;
}

/**
 * The body of a push, checked: the envelope by its schema, each change by `changeProblem`. Parsed by
 * a plain JSON.parse: the desk's generic body parser walks every value with a reviver looking for
 * `__proto__` (most of a snapshot's apply time); here no parsed object is ever merged into another —
 * the envelope is rebuilt by zod and a row's keys must be exactly its table's columns (apply.ts).
 */
export function parsePushBody(text: string): PushBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError('VALIDATION', `Invalid push: malformed JSON (${(err as Error).message.slice(0, 120)})`);
  }
  const parsed = pushBodySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('VALIDATION', `Invalid push: ${issue.path.join('.') || '(body)'}: ${issue.message}`);
  }
  parsed.data.changes.forEach((c, i) => {
    const why = changeProblem(c);
    if (why) throw new AppError('VALIDATION', `Invalid push: changes.${i}: ${why}`);
  });
  return parsed.data as PushBody;
}

export interface PushAnswer {
  ok: true;
  station: string;
  /** The epoch the head office holds of this station (null: it never heard of it). */
  epoch: string | null;
  /** The last sequence number applied of that epoch. */
  lastSeq: number;
  /** False between a snapshot's begin and end marks. */
  snapshotComplete: boolean;
  /** The highest position id held of the epoch. */
  positionsTo: number;
  /** How many days of positions the head office keeps (the desk sends no older ones). */
  keepPositionsDays: number;
}

/**
 * `POST /sync/hello` with a station token: a harmless authenticated check (Settings → Head office →
 * Test connection). Changes nothing; answers which station the token pushes as and how far the head
 * office holds it.
 */
export const HELLO_PATH = '/sync/hello';

export interface HelloAnswer {
  ok: true;
  station: string;
  /** The epoch held of the station (null: it never pushed). */
  epoch: string | null;
  lastSeq: number;
}
