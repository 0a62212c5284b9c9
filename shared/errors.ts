/**
 * The one error family of Dispatch Desk. Services throw AppError; every transport (IPC, HTTP, CLI)
 * turns it into the same `{ ok:false, error }` answer, and HTTP maps the code to one status.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'UNAVAILABLE'
  /** The station database is locked by another writer (SQLITE_BUSY): try again shortly. */
  | 'BUSY'
  | 'INTERNAL';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNAVAILABLE: 503,
  BUSY: 503,
  INTERNAL: 500,
};

/** A field-level problem: `path` is the input field (e.g. "vin"), or a row/column for imports. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A broken rule (board conflicts, fleet readiness…): machine code plus words for a person. */
export interface RuleIssue {
  rule: string;
  message: string;
  severity?: 'hard' | 'soft';
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const validationError = (message: string, issues: FieldIssue[]) =>
  new AppError('VALIDATION', message, { issues });
export const notFound = (what: string, id: unknown) =>
  new AppError('NOT_FOUND', `${what} ${String(id)} not found`);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Turn anything thrown into an error body without leaking internals. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(x)}`);
}
