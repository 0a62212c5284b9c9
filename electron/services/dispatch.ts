import type { z } from 'zod';
import { contract, isChannel, type Channel } from '../../shared/contract';
import type { ChannelDef } from '../../shared/contract/define';
import { AppError, toErrorBody, type Result } from '../../shared/errors';
import type { ServiceContext } from './context';
import { assertWritable, noteWriteFailure, noteWriteSuccess } from '../db/health';
import { handlers } from './registry';

/** Turn zod's issues into `{path, message}` pairs a form can put beside its fields. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(input)',
    message: i.message,
  }));
}

/**
 * The single entry point of every transport: resolve the channel, check the caller's role
 * (before looking at the input, so an owner learns nothing from validation), validate, run,
 * announce writes. Never throws: the answer is a Result.
 */
export async function dispatch(ctx: ServiceContext, name: string, rawInput: unknown): Promise<Result<unknown>> {
  try {
    if (!isChannel(name)) throw new AppError('NOT_FOUND', `Unknown channel: ${name.slice(0, 80)}`);
    const def = contract[name] as ChannelDef;
    if (def.access !== 'read' && ctx.actor.role !== 'desk') {
      throw new AppError('FORBIDDEN', `${name} needs the desk role; this token (${ctx.actor.name}) is read-only`);
    }
    const parsed = def.input.safeParse(rawInput === null ? undefined : rawInput);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      const first = issues[0]!;
      throw new AppError('VALIDATION', `Invalid input: ${first.path} ${first.message}`, { issues });
    }
    const handler = handlers[name as Channel] as (c: ServiceContext, i: unknown) => unknown;
    // A read-only station (file, folder or disk) or paused writes (a restore): a clear 503, not a 500 later.
    if (def.access === 'write') assertWritable(ctx.db.$client);
    let data: unknown;
    try {
      data = await handler(ctx, parsed.data);
    } catch (err) {
      // A full disk or a read-only file: one clear 503, and the station's health says degraded.
      throw noteWriteFailure(ctx.db.$client, err);
    }
    if (def.access === 'write') {
      noteWriteSuccess(ctx.db.$client);
      ctx.events.emit({ type: 'changed', channel: name, at: ctx.clock.now().toISOString(), actor: ctx.actor.name });
    }
    return { ok: true, data };
  } catch (err) {
    if (!(err instanceof AppError)) console.error(`[dispatch] ${name} failed:`, err);
    return { ok: false, error: toErrorBody(err) };
  }
}

/** For scripts and tests: dispatch and unwrap, throwing the AppError on failure. */
export async function call<K extends Channel>(
  ctx: ServiceContext,
  name: K,
  input: unknown,
): Promise<import('../../shared/contract').Output<K>> {
  const res = await dispatch(ctx, name, input);
  if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.details);
  return res.data as import('../../shared/contract').Output<K>;
}
