import { z } from 'zod';
import { channel } from './define';
import { headOfficeUrlProblem, pushTokenProblem } from '../rules/head-office';

/**
 * Settings → Head office and the status bar (issue 15): where this desk pushes, whether it is
 * paused, and how the background push is doing. The push token is write-only: no answer carries it,
 * only whether one is set.
 */

/** The desk's background push, as `sync.status` answers and the `sync` event carries. */
export interface SyncStatus {
  /** A head office URL and a push token are both set. */
  configured: boolean;
  url: string | null;
  tokenSet: boolean;
  paused: boolean;
  /** The desk runs the background push (false for a read-only station or a process that does not push). */
  running: boolean;
  /** A push is under way now. */
  pushing: boolean;
  /** When the last push attempt ended (ok or not). */
  lastPushAt: string | null;
  /** When the head office last acknowledged a push. */
  lastOkAt: string | null;
  /** Changes captured and not yet acknowledged by the head office. */
  pending: number;
  /** Why the last push failed (null after a push that worked). */
  lastError: string | null;
  /** unreachable: no answer (the changes wait); refused: the head office said no (token, station); failed: anything else. */
  errorKind: 'unreachable' | 'refused' | 'failed' | null;
  /** A few words on the cause, e.g. "connection refused", "token refused". */
  errorCause: string | null;
  /** When the pushes began failing (the first failure of the current run of failures). */
  failingSince: string | null;
  /** When the next push is due (null: none scheduled — not set up, paused, or not running). */
  nextAttemptAt: string | null;
  /** The station code the head office knows this desk as (after a push or a connection test). */
  headOfficeStation: string | null;
  /** The last sequence number the head office holds of this desk. */
  lastSeq: number | null;
}

/** What Settings → Head office shows of the stored link (never the token itself). */
export interface SyncSettings {
  url: string | null;
  tokenSet: boolean;
  paused: boolean;
}

export interface SyncTestResult {
  ok: boolean;
  /** One sentence for the form: what worked, or what failed and why. */
  message: string;
  /** The head office's version (from /healthz), when it answered. */
  version: string | null;
  /** The station the token pushes as, when the token was accepted. */
  station: string | null;
  lastSeq: number | null;
}

/** Text checked by one of the head-office rules (the form runs the same rule beside its field). */
const checkedBy = (problem: (v: string) => string | null) =>
  z
    .string()
    .trim()
    .max(500)
    .superRefine((v, ctx) => {
      const why = problem(v);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    });
const url = checkedBy(headOfficeUrlProblem);
const token = checkedBy(pushTokenProblem);

export const syncChannels = {
  'sync.status': channel<SyncStatus>()({
    input: z.strictObject({}).default({}),
    access: 'read',
    summary: 'How the background push to the head office is doing: last push, pending changes, the last error',
  }),
  'sync.setSettings': channel<SyncSettings>()({
    input: z.strictObject({
      /** null: forget the head office (the desk stops capturing changes for it). */
      url: url.nullable().optional(),
      /** null: clear the token. Never answered back. */
      token: token.nullable().optional(),
      paused: z.boolean().optional(),
    }),
    access: 'write',
    summary: "Set this station's head office URL and push token, or pause/resume pushing (desk only)",
  }),
  'sync.pushNow': channel<SyncStatus>()({
    input: z.strictObject({}).default({}),
    access: 'admin',
    summary: 'Push to the head office now (even while paused or waiting after a failure); answers the status after it',
  }),
  'sync.test': channel<SyncTestResult>()({
    input: z.strictObject({ url: url.optional(), token: token.optional() }).default({}),
    access: 'admin',
    summary: "Test the connection: the head office's /healthz, then whether it accepts the push token (the given ones, or the stored ones)",
  }),
};
