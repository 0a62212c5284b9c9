import type { SyncSettings } from '../../shared/contract/sync';

/**
 * Where and as whom this desk pushes (Settings → Head office), kept in the `sync_state` row: that
 * table is never captured, so the push token stays on the desk (it never reaches the outbox, the
 * head office or the audit log). Only the push loop reads the token; every answer says "set" or not.
 */
export interface HeadOfficeLink {
  url: string | null;
  token: string | null;
  paused: boolean;
}

/** A connection that can read a row (the station's, or a read handler's read-only view). */
export type RowReader = { prepare(source: string): { get(...params: unknown[]): unknown } };

export function readLink(sqlite: RowReader): HeadOfficeLink {
  const row = sqlite.prepare(`SELECT head_office_url AS url, push_token AS token, paused FROM sync_state WHERE id = 1`).get() as { url: string | null; token: string | null; paused: number } | undefined;
  return { url: row?.url ?? null, token: row?.token ?? null, paused: !!row?.paused };
}

/** What may be shown of a link: everything but the token. */
export const linkSettings = (l: HeadOfficeLink): SyncSettings => ({ url: l.url, tokenSet: !!l.token, paused: l.paused });

/** Both a URL and a token: the desk can push. */
export const isConfigured = (l: HeadOfficeLink): l is HeadOfficeLink & { url: string; token: string } => !!l.url && !!l.token;

/**
 * The number of captured changes the head office has not acknowledged yet: those after the last
 * acknowledged sequence number (a push forgets the acknowledged rows once at its end, see sync.ts).
 */
export const pendingChanges = (sqlite: RowReader): number =>
  (sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox WHERE seq > (SELECT coalesce(max(last_pushed_seq), 0) FROM sync_state WHERE id = 1)`).get() as { n: number }).n;
