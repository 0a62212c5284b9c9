import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useAppInfo } from '../../api/hooks';
import { useDeskNow } from '../../api/stationDay';
import { useRoute } from '../../router';
import type { SyncTestResult } from '../../../shared/contract/sync';
import { headOfficeUrlProblem, pushTokenProblem } from '../../../shared/rules/head-office';
import { formatStationDateTime } from '../../../shared/station-time';
import { ConfirmDialog } from '../../components/Dialog';
import { TextField, useForm } from '../../components/Form';
import { StatusChip } from '../../components/StatusChip';
import { ago, syncStatusLine, useSyncStatus } from '../../components/HeadOfficeStatus';
import { useToast } from '../../components/Toasts';

/**
 * Settings → Head office (desk only): the head office URL and this station's push token (write-only:
 * the desk says "set" or "not set", never shows it), Test connection, Pause/Resume, Push now, and the
 * background push's state. `#/settings/head-office` scrolls here (the status bar links to it).
 */
export function HeadOffice({ canWrite }: { canWrite: boolean }) {
  const toast = useToast();
  const info = useAppInfo();
  const status = useSyncStatus();
  const route = useRoute();
  const ref = useRef<HTMLElement>(null);
  const form = useForm({ url: '', token: '' });
  const [checked, setChecked] = useState<Record<string, string>>({});
  const [test, setTest] = useState<SyncTestResult | null>(null);
  const [busy, setBusy] = useState<'test' | 'push' | 'pause' | null>(null);
  const [forgetting, setForgetting] = useState(false);
  const urlLoaded = useRef(false);
  const tz = info?.station?.timeZone ?? 'UTC';
  // Ages on the desk's clock, not this page's (a client's clock may be off).
  const deskNow = useDeskNow();

  useEffect(() => {
    if (route.param === 'head-office') ref.current?.scrollIntoView({ block: 'start' });
  }, [route.param]);
  useEffect(() => {
    // The stored URL fills the field once; what the user types is theirs after that.
    if (status && !urlLoaded.current) {
      urlLoaded.current = true;
      if (status.url) form.set('url', status.url);
    }
  }, [status, form]);

  /** The same rules as the server, beside the fields before anything is sent. */
  const problems = (needToken: boolean) => {
    const out: Record<string, string> = {};
    const u = headOfficeUrlProblem(form.values.url);
    if (u) out.url = `URL ${u}`;
    const t = form.values.token || needToken ? pushTokenProblem(form.values.token) : null;
    if (t) out.token = `Push token ${t}`;
    setChecked(out);
    return Object.keys(out).length === 0;
  };

  const save = async () => {
    if (!problems(!status?.tokenSet)) return;
    const r = await form.submit((v) => api('sync.setSettings', { url: v.url.trim(), ...(v.token ? { token: v.token.trim() } : {}) }));
    if (r) {
      form.set('token', '');
      setTest(null);
      toast.show('Head office saved; the desk pushes in the background.', { tone: 'ok' });
    }
  };
  const runTest = async () => {
    if (!problems(!status?.tokenSet)) return;
    setBusy('test');
    setTest(null);
    try {
      setTest(await api('sync.test', { url: form.values.url.trim(), ...(form.values.token ? { token: form.values.token.trim() } : {}) }));
    } catch (err) {
      setTest({ ok: false, message: (err as Error).message, version: null, station: null, lastSeq: null });
    } finally {
      setBusy(null);
    }
  };
  const act = async (what: 'push' | 'pause', fn: () => Promise<unknown>) => {
    setBusy(what);
    try {
      await fn();
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const errors = { ...checked, ...form.errors };
  const line = status ? syncStatusLine(status, deskNow, tz) : null;
  const at = (iso: string | null) => (iso ? `${formatStationDateTime(new Date(iso), tz)} (${ago(iso, deskNow)})` : '—');
  return (
    <section className="panel panel-pad head-office" aria-labelledby="head-office-h" id="head-office" ref={ref}>
      <div className="row" style={{ marginBottom: 8 }}>
        <h2 id="head-office-h" style={{ margin: 0 }}>
          Head office
        </h2>
        {line && (
          <span className={`sync-status sync-${line.tone}`} data-testid="head-office-state" style={{ marginLeft: 12, cursor: 'default' }}>
                  {line.text}
          </span>
        )}
        {canWrite && status?.configured && (
          <span style={{ marginLeft: 'auto', display: 'flex', gap: 8 }}>
            <button type="button" className="btn" disabled={busy !== null} onClick={() => void act('pause', () => api('sync.setSettings', { paused: !status.paused }))}>
              {status.paused ? 'Resume pushing' : 'Pause pushing'}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy !== null || !status.running} onClick={() => void act('push', () => api('sync.pushNow', {}))}>
              {busy === 'push' ? 'Pushing…' : 'Push now'}
            </button>
          </span>
        )}
      </div>
      <p className="muted">
        Every change at this station is kept in an outbox and pushed to the head office (one PostgreSQL for all your stations) in the background: soon after each change, and every minute. While
        the head office cannot be reached the desk works as always and the changes wait; nothing is lost or sent twice. Make this station’s push token at the head office:{' '}
        <span className="mono">token create --role station --name {info?.station?.code ?? 'CODE'} --postgres URL</span>.
      </p>
      <div className="grid-2 head-office-grid">
        <form
          className="head-office-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <TextField label="Head office URL" mono placeholder="https://head-office.example.com" {...form.bind('url')} error={errors.url} disabled={!canWrite} hint={<>The address of <span className="mono">serve --head-office</span> (http or https).</>} />
          <TextField
            label="Push token"
            mono
            type="password"
            placeholder={status?.tokenSet ? 'set — type a new one to replace it' : 'not set'}
            {...form.bind('token')}
            error={errors.token}
            disabled={!canWrite}
            hint={status?.tokenSet ? 'A token is set. It is never shown again; type a new one to replace it.' : <>Paste the token <span className="mono">token create --role station</span> printed.</>}
          />
          {form.formError && Object.keys(form.errors).length === 0 && <div className="alert">{form.formError}</div>}
          {test && (
            <div className={`alert ${test.ok ? 'alert-ok' : 'alert-warn'}`} role="status" data-testid="head-office-test">
              {test.message}
            </div>
          )}
          {canWrite && (
            <div className="row" style={{ gap: 8, marginTop: 8, flexWrap: 'wrap' }}>
              <button type="submit" className="btn btn-primary" disabled={form.busy || busy !== null}>
                Save
              </button>
              <button type="button" className="btn" disabled={busy !== null} onClick={() => void runTest()}>
                {busy === 'test' ? 'Testing…' : 'Test connection'}
              </button>
              {status?.tokenSet && (
                <button type="button" className="btn btn-ghost" onClick={() => void act('pause', () => api('sync.setSettings', { token: null }))}>
                  Clear token
                </button>
              )}
              {status?.url && (
                <button type="button" className="btn btn-ghost" onClick={() => setForgetting(true)}>
                  Forget head office…
                </button>
              )}
            </div>
          )}
        </form>
        {status && (
          <dl className="facts" data-testid="head-office-facts">
            <dt>State</dt>
            <dd>
              {!status.configured ? (
                <StatusChip tone="neutral">Not set up</StatusChip>
              ) : status.paused ? (
                <StatusChip tone="warn">Paused</StatusChip>
              ) : status.pushing ? (
                <StatusChip tone="info">Pushing…</StatusChip>
              ) : status.lastError ? (
                <StatusChip tone={status.errorKind === 'unreachable' ? 'warn' : 'bad'}>{status.errorKind === 'unreachable' ? 'Unreachable' : 'Failing'}</StatusChip>
              ) : (
                <StatusChip tone="ok">Pushing in the background</StatusChip>
              )}
            </dd>
            <dt>Pending changes</dt>
            <dd>{status.pending.toLocaleString('en-US')}</dd>
            <dt>Last pushed</dt>
            <dd>{at(status.lastOkAt)}</dd>
            <dt>Last attempt</dt>
            <dd>{at(status.lastPushAt)}</dd>
            <dt>Next attempt</dt>
            <dd>{status.nextAttemptAt ? formatStationDateTime(new Date(status.nextAttemptAt), tz) : '—'}</dd>
            <dt>Head office knows it as</dt>
            <dd className="mono">{status.headOfficeStation ?? '—'}{status.lastSeq !== null ? ` · change #${status.lastSeq}` : ''}</dd>
            {status.lastError && (
              <>
                <dt>Last error</dt>
                <dd className="field-error" style={{ margin: 0 }}>
                  {status.lastError}
                  {status.failingSince ? ` (failing since ${formatStationDateTime(new Date(status.failingSince), tz)})` : ''}
                </dd>
              </>
            )}
          </dl>
        )}
      </div>
      {forgetting && (
        <ConfirmDialog
          title="Forget the head office?"
          message={<p>The desk stops pushing and stops keeping changes for it; the changes still waiting ({status?.pending ?? 0}) are dropped. Set it up again later and the first push sends a full copy.</p>}
          confirmLabel="Forget head office"
          danger
          onCancel={() => setForgetting(false)}
          onConfirm={async () => {
            setForgetting(false);
            await act('pause', () => api('sync.setSettings', { url: null }));
            form.set('url', '');
          }}
        />
      )}
    </section>
  );
}
