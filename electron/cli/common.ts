import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openDatabase, type OpenedDb } from '../db/open';
import { defaultDbPath } from '../paths';
import type { ServiceContext } from '../services/context';
import { systemClock } from '../../shared/dates';
import { EventBus } from '../../shared/events';
import { AppError } from '../../shared/errors';

/** Exit codes of every command: 0 ok, 2 invalid input, 1 anything else. */
export const EXIT = { OK: 0, FAILURE: 1, INVALID: 2 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.INVALID,
  ) {
    super(message);
  }
}

export interface CliCommand {
  /** One line shown by `help`, e.g. "serve [--db PATH] [--port N]". */
  usage: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** Strict option parsing: an unknown flag or a missing value is an invalid-input error (exit 2). */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new CliError((err as Error).message.split('\n')[0]!);
  }
}

export const dbOption = { db: { type: 'string' } } as const;
export const jsonOption = { json: { type: 'boolean', default: false } } as const;

export function resolveDb(value: string | undefined): string {
  return value ?? defaultDbPath();
}

/** Open the station database and build the context a CLI command acts with (actor "cli"). */
export function openDesk(dbPath: string): { ctx: ServiceContext; opened: OpenedDb } {
  const opened = openDatabase(dbPath);
  const ctx: ServiceContext = {
    db: opened.db,
    clock: systemClock,
    actor: { name: 'cli', role: 'desk' },
    events: new EventBus(),
    dbPath,
  };
  return { ctx, opened };
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Map an error to the exit code contract: validation-like errors are 2, the rest 1. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof AppError) return err.code === 'VALIDATION' || err.code === 'NOT_FOUND' || err.code === 'CONFLICT' ? EXIT.INVALID : EXIT.FAILURE;
  return EXIT.FAILURE;
}

export function requireValue(value: string | undefined, flag: string): string {
  if (!value) throw new CliError(`missing ${flag}`);
  return value;
}

export function parsePort(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError(`${flag} must be a port number 0–65535`);
  return n;
}
