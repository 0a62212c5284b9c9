import { useState } from 'react';
import { api, isElectron } from '../../api/client';
import { useAppInfo, useCanWrite, useChannel } from '../../api/hooks';
import { useToday } from '../../api/stationDay';
import type { TokenInfo } from '../../../shared/contract/access';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { TextField, useForm } from '../../components/Form';
import { formatDate } from '../../components/domainChips';
import { StatusChip } from '../../components/StatusChip';
import { useToast } from '../../components/Toasts';
import { BoardRules } from './BoardRules';
import { Backups } from './Backups';
import { RouteSheets } from './RouteSheets';
import './settings.css';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** Settings: station facts, named access tokens (owners' read-only access), the database file and backups. */
export default function SettingsScreen() {
  const info = useAppInfo();
  const today = useToday();
  const canWrite = useCanWrite();
  if (!info) return null;
  const s = info.station;
  const db = info.dbPath;
  return (
    <div className="screen settings">
      <div className="screen-header">
        <h1>Settings</h1>
      </div>
      <div className="grid-2">
        <section className="panel panel-pad" aria-labelledby="station-h">
          <h2 id="station-h">Station</h2>
          {s ? (
            <dl className="facts">
              <dt>Name</dt>
              <dd>{s.name}</dd>
              <dt>Station code</dt>
              <dd className="mono">{s.code}</dd>
              <dt>DSP code</dt>
              <dd className="mono">{s.dspCode || '—'}</dd>
              <dt>Address</dt>
              <dd>{s.address || '—'}</dd>
              <dt>Coordinates</dt>
              <dd className="mono">
                {s.lat.toFixed(5)}, {s.lon.toFixed(5)}
              </dd>
              <dt>Time zone</dt>
              <dd>{s.timeZone}</dd>
              <dt>Geofence radius</dt>
              <dd>{s.geofenceM} m</dd>
              <dt>Today at the station</dt>
              <dd>{formatDate(today)}</dd>
            </dl>
          ) : (
            <p className="muted">No station is set up in this database yet.</p>
          )}
        </section>
        <section className="panel panel-pad" aria-labelledby="db-h">
          <h2 id="db-h">Database</h2>
          <dl className="facts">
            <dt>Database file</dt>
            <dd className="mono" data-testid="db-path">
              {db}
            </dd>
            <dt>Version</dt>
            <dd>Dispatch Desk {info.version}</dd>
            <dt>Signed in as</dt>
            <dd>
              {info.actor} ({info.role === 'desk' ? 'desk, can change data' : 'owner, read-only'})
            </dd>
          </dl>
          {info.readOnly && <div className="alert alert-warn">The database is read-only: {info.readOnly}. You can look, not change.</div>}
          {info.role === 'desk' && (
            <>
              <h3 className="sub">From the command line</h3>
              <p className="muted">Everything lives in this one SQLite file. A backup is safe while the desk runs; a restore from a file elsewhere needs the desk stopped:</p>
              <pre className="cmd">dispatch-desk backup --db "{db}" --to station-backup.db{'\n'}dispatch-desk restore --db "{db}" --from station-backup.db</pre>
            </>
          )}
        </section>
      </div>
      <BoardRules canWrite={canWrite} />
      {info.role === 'desk' ? <Backups canWrite={canWrite} /> : null}
      <RouteSheets canWrite={canWrite} />
      {info.role === 'desk' ? <Tokens canWrite={canWrite} /> : null}
    </div>
  );
}

function Tokens({ canWrite }: { canWrite: boolean }) {
  const toast = useToast();
  const list = useChannel('tokens.list', {});
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<(TokenInfo & { token: string }) | null>(null);
  const [revoking, setRevoking] = useState<TokenInfo | null>(null);
  const tokens = list.data ?? [];
  return (
    <section className="panel panel-pad" aria-labelledby="tokens-h">
      <div className="row" style={{ marginBottom: 8 }}>
        <h2 id="tokens-h" style={{ margin: 0 }}>
          Access tokens
        </h2>
        {canWrite && (
          <button type="button" className="btn btn-primary" style={{ marginLeft: 'auto' }} onClick={() => setCreating(true)}>
            Create owner token
          </button>
        )}
      </div>
      <p className="muted">
        Give owners and fleet managers a named, read-only token: they can open the console from another computer on the station network and look, but not change anything. Revoke a token and it stops
        working at once.
      </p>
      {list.error && <div className="alert">Could not load the tokens: {list.error.message}</div>}
      {tokens.length === 0 ? (
        <div className="dt-empty">
          <strong>No named tokens yet</strong>
          <span>Only this desk can open the console.</span>
        </div>
      ) : (
        <table className="plain-table" aria-label="Access tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>
                  <strong>{t.name}</strong>
                </td>
                <td>{t.role === 'owner' ? 'Owner (read-only)' : 'Desk'}</td>
                <td>{when(t.createdAt)}</td>
                <td>{t.lastUsedAt ? when(t.lastUsedAt) : <span className="muted">never</span>}</td>
                <td>{t.revokedAt ? <StatusChip tone="neutral">Revoked {when(t.revokedAt)}</StatusChip> : <StatusChip tone="ok">Active</StatusChip>}</td>
                <td style={{ textAlign: 'right' }}>
                  {canWrite && !t.revokedAt && (
                    <button type="button" className="btn btn-sm" onClick={() => setRevoking(t)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <CreateToken
          onClose={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false);
            setCreated(t);
          }}
        />
      )}
      {created && <ShowToken token={created} onClose={() => setCreated(null)} />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          message={<p>Anyone using this token loses access at once. This cannot be undone; you can create a new token later.</p>}
          confirmLabel="Revoke token"
          danger
          onCancel={() => setRevoking(null)}
          onConfirm={async () => {
            const t = revoking;
            setRevoking(null);
            try {
              await api('tokens.revoke', { id: t.id });
              toast.show(`Token “${t.name}” revoked.`, { tone: 'ok' });
            } catch (err) {
              toast.error(`Could not revoke: ${(err as Error).message}`);
            }
          }}
        />
      )}
    </section>
  );
}

function CreateToken({ onClose, onCreated }: { onClose: () => void; onCreated: (t: TokenInfo & { token: string }) => void }) {
  const form = useForm({ name: '' });
  const submit = async () => {
    const t = await form.submit((v) => api('tokens.create', { name: v.name, role: 'owner' }));
    if (t) onCreated(t);
  };
  return (
    <Dialog
      title="Create owner token"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="token-form" className="btn btn-primary" disabled={form.busy}>
            Create token
          </button>
        </>
      }
    >
      <form
        id="token-form"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {form.formError && !form.errors.name && <div className="alert">{form.formError}</div>}
        <TextField label="Who is it for?" required autoFocus placeholder="e.g. Owner – Dana" hint="A name you will recognise in the list and the audit log" {...form.bind('name')} />
        <p className="muted">The token is read-only: it can see the board, map, fleet and roster, but not change them.</p>
      </form>
    </Dialog>
  );
}

function ShowToken({ token, onClose }: { token: TokenInfo & { token: string }; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const served = !isElectron() && window.location.protocol.startsWith('http');
  const port = served ? window.location.port || (window.location.protocol === 'https:' ? '443' : '80') : '<port>';
  const lanUrl = `http://<this computer's LAN address>:${port}/#token=${token.token}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog
      title={`Token for ${token.name}`}
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <div className="stack">
        <div className="alert alert-warn">Copy it now: the token is shown only once. The desk keeps only a hash of it.</div>
        <div className="token-box">
          <code data-testid="new-token">{token.token}</code>
          <button type="button" className="btn btn-sm" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
        <div>
          <h3 className="sub">Opening the console from another computer</h3>
          <p className="muted">
            Start the desk so it listens on the station network (<code>npm run -s desk -- serve --host 0.0.0.0</code>), then open on the owner's computer:
          </p>
          <pre className="cmd">{lanUrl}</pre>
          <p className="muted">Or open the desk's address and paste the token in the login field.</p>
        </div>
      </div>
    </Dialog>
  );
}
