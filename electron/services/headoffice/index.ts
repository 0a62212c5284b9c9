import type { HandlersFor, ReadContext, WriteContext } from '../context';
import type { syncChannels } from '../../../shared/contract/sync';
import { AppError } from '../../../shared/errors';
import { linkSettings, readLink, type HeadOfficeLink } from '../../headoffice/link';
import { testHeadOffice } from '../../headoffice/probe';
import { syncStatusOf } from '../../headoffice/sync-loop';

/**
 * Settings → Head office (issue 15): the link (URL, push token, paused) and the background push.
 * The token goes in and never comes out: answers and audit entries say only whether it is set.
 */

/** What the audit log keeps of a link: the token as a word, never its value. */
const audited = (l: HeadOfficeLink, tokenWord = l.token ? 'set' : 'not set') => ({ url: l.url, token: tokenWord, paused: l.paused });

function setLink(w: WriteContext, input: { url?: string | null; token?: string | null; paused?: boolean }) {
  const sqlite = w.db.$client;
  const before = readLink(sqlite);
  const after: HeadOfficeLink = {
    url: input.url === undefined ? before.url : input.url,
    token: input.token === undefined ? before.token : input.token,
    paused: input.paused ?? before.paused,
  };
  if (after.url === before.url && after.token === before.token && after.paused === before.paused) return linkSettings(before);
  sqlite
    .prepare(
      `INSERT INTO sync_state (id, head_office_url, push_token, paused) VALUES (1, @url, @token, @paused)
       ON CONFLICT (id) DO UPDATE SET head_office_url = @url, push_token = @token, paused = @paused`,
    )
    .run({ url: after.url, token: after.token, paused: after.paused ? 1 : 0 });
  if (after.url === null && before.url !== null) {
    // Forgetting the head office stops the capture too (no epoch: the triggers write nothing); a
    // head office set up later gets a full snapshot on its first push.
    sqlite.prepare(`UPDATE sync_state SET epoch = NULL, last_pushed_seq = 0, positions_pushed_to = 0, last_error = NULL WHERE id = 1`).run();
    sqlite.prepare(`DELETE FROM sync_outbox`).run();
  }
  const replaced = after.token !== before.token && !!before.token && !!after.token;
  w.audit({ action: 'update', entity: 'settings', entityId: 'headOffice', before: audited(before), after: audited(after, replaced ? 'replaced' : undefined) });
  return linkSettings(after);
}

const loopOf = (ctx: ReadContext) => {
  const loop = ctx.station?.sync;
  if (!loop) throw new AppError('UNAVAILABLE', 'This process does not push to the head office (a read-only station, or no desk has the station open)');
  return loop;
};

export const syncHandlers: HandlersFor<typeof syncChannels> = {
  'sync.status': (ctx) => ctx.station?.sync?.status() ?? syncStatusOf(ctx.db.$client, readLink(ctx.db.$client)),
  'sync.setSettings': setLink,
  'sync.pushNow': (ctx) => loopOf(ctx).pushNow(),
  'sync.test': async (ctx, input) => {
    const stored = readLink(ctx.db.$client);
    const url = input.url ?? stored.url;
    const token = input.token ?? stored.token;
    if (!url) throw new AppError('VALIDATION', 'Enter the head office URL to test', { issues: [{ path: 'url', message: 'is required' }] });
    if (!token) throw new AppError('VALIDATION', 'Enter the push token to test', { issues: [{ path: 'token', message: 'is required' }] });
    const station = ctx.db.$client.prepare(`SELECT code FROM station ORDER BY id LIMIT 1`).get() as { code: string } | undefined;
    return testHeadOffice(url, token, station?.code || null);
  },
};
