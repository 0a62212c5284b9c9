import type { SyncTestResult } from '../../shared/contract/sync';
import { HELLO_PATH, type HelloAnswer } from './protocol';

/**
 * Settings → Head office → Test connection: the head office's /healthz (is it there, and is it a head
 * office?), then /sync/hello with the push token (does it accept the token, and for which station?).
 * Nothing is pushed or changed. Every outcome is an answer with one sentence, never a throw.
 */

/** A few words on why a request got no answer (fetch wraps the socket error in `cause`). */
export function networkCause(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  const text = `${e.cause?.code ?? ''} ${e.cause?.message ?? ''} ${e.message ?? ''}`;
  if (e.name === 'TimeoutError' || /ETIMEDOUT|timed? ?out/i.test(text)) return 'timed out';
  if (/ECONNREFUSED/.test(text)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'host not found';
  if (/ECONNRESET|socket hang up|other side closed/i.test(text)) return 'connection reset';
  if (/EHOSTUNREACH|ENETUNREACH/.test(text)) return 'no route to host';
  if (/certificate|SSL|TLS/i.test(text)) return 'certificate problem';
  return 'no answer';
}

const fail = (message: string, extra: Partial<SyncTestResult> = {}): SyncTestResult => ({ ok: false, message, version: null, station: null, lastSeq: null, ...extra });

export async function testHeadOffice(url: string, token: string, deskStation: string | null, timeoutMs = 5000): Promise<SyncTestResult> {
  let version: string | null;
  try {
    const res = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => null)) as { data?: { mode?: string; version?: string } } | null;
    if (!res.ok || !body?.data) return fail(`${url} answered ${res.status}, not like a Dispatch Desk head office.`);
    if (body.data.mode !== 'head-office') return fail(`${url} is a Dispatch Desk, but not a head office (it is a station desk). Use the address of \`serve --head-office\`.`);
    version = body.data.version ?? null;
  } catch (err) {
    return fail(`The head office at ${url} cannot be reached (${networkCause(err)}).`);
  }
  try {
    const res = await fetch(new URL(HELLO_PATH, url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => null)) as (HelloAnswer & { error?: { message?: string } }) | null;
    if (res.status === 401) return fail('The head office answers, but does not know this push token (unknown or revoked). Make one there: token create --role station --name CODE --postgres URL.', { version });
    if (res.status === 403) return fail(`The head office answers, but this token may not push: ${body?.error?.message ?? 'it is not a station token'}.`, { version });
    if (res.status === 404) return fail('The head office answers, but is too old to test a push token (no /sync/hello); update it.', { version });
    if (!res.ok || !body?.ok) return fail(`The head office answered ${res.status}: ${body?.error?.message ?? 'an error'}.`, { version });
    if (deskStation && body.station !== deskStation) {
      return fail(`This token pushes as station ${body.station}, but this desk is station ${deskStation}: the head office would refuse its pushes.`, { version, station: body.station, lastSeq: body.lastSeq });
    }
    const held = body.epoch ? `it holds this station’s changes up to #${body.lastSeq}` : 'it has nothing from this station yet (the first push sends a full copy)';
    return { ok: true, message: `Connected to head office ${version ? `v${version} ` : ''}as station ${body.station}: ${held}.`, version, station: body.station, lastSeq: body.epoch ? body.lastSeq : null };
  } catch (err) {
    return fail(`The head office answered /healthz but not the token check (${networkCause(err)}).`, { version });
  }
}
