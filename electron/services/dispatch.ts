import type { z } from 'zod';
import { contract, isChannel, type Channel } from '../../shared/contract';
import { KIOSK_CHANNELS, type ChannelDef } from '../../shared/contract/define';
import { AppError, toErrorBody, type Result } from '../../shared/errors';
import { isTwoStage, readOnly, type ReadContext, type ReadHandler, type ServiceContext, type WriteFn } from './context';
import { handlers } from './registry';
import { asBusy, runWrite } from './write';

/** Turn zod's issues into `{path, message}` pairs a form can put beside its fields. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(input)',
    message: i.message,
  }));
}

/**
 * The single entry point of every transport: resolve the channel, check the caller's role
 * (before looking at the input, so an owner learns nothing from validation), validate, run.
 * A `write` channel runs through `runWrite` (one BEGIN IMMEDIATE transaction, one audit entry,
 * `changed` after the commit); `read` and `admin` (desk-only reads) get the read-only handle.
 * Never throws: the answer is a Result.
 */
export async function dispatch(ctx: ServiceContext, name: string, rawInput: unknown): Promise<Result<unknown>> {
  try {
    if (!isChannel(name)) throw new AppError('NOT_FOUND', `Unknown channel: ${name.slice(0, 80)}`);
    const def = contract[name] as ChannelDef;
    if (ctx.actor.role === 'kiosk') {
      if (!KIOSK_CHANNELS.includes(name)) throw new AppError('FORBIDDEN', `${name} is not open to a kiosk token (${ctx.actor.name}): it may only look a driver up and check in`);
    } else if (def.access !== 'read' && ctx.actor.role !== 'desk') {
      throw new AppError('FORBIDDEN', `${name} needs the desk role; this token (${ctx.actor.name}) is read-only`);
    }
    const parsed = def.input.safeParse(rawInput === null ? undefined : rawInput);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      const first = issues[0]!;
      throw new AppError('VALIDATION', `Invalid input: ${first.path} ${first.message}`, { issues });
    }
    const data = await run(ctx, name, def, parsed.data);
    return { ok: true, data };
  } catch (err) {
    const e = asBusy(err);
    if (!(e instanceof AppError)) console.error(`[dispatch] ${name} failed:`, err);
    return { ok: false, error: toErrorBody(e) };
  }
}

async function run(ctx: ServiceContext, name: Channel, def: ChannelDef, input: unknown): Promise<unknown> {
  const handler: unknown = handlers[name];
  const reader: ReadContext = { ...ctx, db: readOnly(ctx.db) };
  if (def.access !== 'write') return (handler as ReadHandler<ChannelDef>)(reader, input);
  if (isTwoStage(handler)) {
    // Async work (reading the file) outside the transaction; the writes inside it.
    const prepared = await handler.prepare(reader, input);
    return runWrite(ctx, name, (w) => handler.apply(w, input, prepared));
  }
  return runWrite(ctx, name, (w) => (handler as WriteFn<ChannelDef>)(w, input));
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
