import { useState } from 'react';
import { api, isElectron } from '../../api/client';
import { useAppInfo, useCanWrite, useChannel } from '../../api/hooks';
import { useToday } from '../../api/stationDay';
import type { TokenInfo } from '../../../shared/contract/access';
import { qrSvgPath } from '../../../shared/qr';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { TextField, useForm } from '../../components/Form';
import { formatDate } from '../../components/domainChips';
import { StatusChip } from '../../components/StatusChip';
import { useToast } from '../../components/Toasts';
import { BoardRules } from './BoardRules';
import { Backups } from './Backups';
import { HeadOffice } from './HeadOffice';
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
      {info.role === 'desk' ? <HeadOffice canWrite={canWrite} /> : null}
      <RouteSheets canWrite={canWrite} />
      {info.role === 'desk' ? <Tokens canWrite={canWrite} /> : null}
    </div>
  );
}

function Tokens({ canWrite }: { canWrite: boolean }) {
  const toast = useToast();
  const list = useChannel('tokens.list', {});
  const [creating, setCreating] = useState<TokenRole | null>(null);
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
          <span style={{ marginLeft: 'auto', display: 'flex', gap: 8 }}>
            <button type="button" className="btn" onClick={() => setCreating('kiosk')}>
              Create kiosk token
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setCreating('owner')}>
              Create owner token
            </button>
          </span>
        )}
      </div>
      <p className="muted">
        Give owners and fleet managers a named, read-only token: they can open the console from another computer on the station network and look, but not change anything. A kiosk token opens only
        the self check-in page (a tablet at the door): it can look a driver up and check them in, nothing else. Revoke a token and it stops working at once.
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
                <td>{ROLE_LABEL[t.role]}</td>
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
          initialRole={creating}
          onClose={() => setCreating(null)}
          onCreated={(t) => {
            setCreating(null);
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

type TokenRole = 'owner' | 'kiosk';
const ROLE_LABEL: Record<TokenInfo['role'], string> = { owner: 'Owner (read-only)', kiosk: 'Kiosk (check-in only)', desk: 'Desk' };
const ROLE_ABOUT: Record<TokenRole, string> = {
  owner: 'Read-only: it can see the board, map, fleet and roster, but not change them.',
  kiosk: 'Opens only the self check-in page: a driver types their transporter ID or shows their badge, and is checked in. Every other call is refused.',
};

function CreateToken({ initialRole, onClose, onCreated }: { initialRole: TokenRole; onClose: () => void; onCreated: (t: TokenInfo & { token: string }) => void }) {
  const form = useForm({ name: '' });
  const [role, setRole] = useState<TokenRole>(initialRole);
  const submit = async () => {
    const t = await form.submit((v) => api('tokens.create', { name: v.name, role }));
    if (t) onCreated(t);
  };
  return (
    <Dialog
      title={`Create ${role} token`}
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
        <fieldset className="role-picker">
          <legend>Role</legend>
          {(['owner', 'kiosk'] as const).map((r) => (
            <label key={r}>
              <input type="radio" name="token-role" value={r} checked={role === r} onChange={() => setRole(r)} /> {ROLE_LABEL[r]}
            </label>
          ))}
        </fieldset>
        <TextField
          label={role === 'kiosk' ? 'Where is the kiosk?' : 'Who is it for?'}
          required
          autoFocus
          placeholder={role === 'kiosk' ? 'e.g. Kiosk – front door' : 'e.g. Owner – Dana'}
          hint="A name you will recognise in the list and the audit log (letters, digits, spaces, dashes)"
          {...form.bind('name')}
        />
        <p className="muted">{ROLE_ABOUT[role]}</p>
      </form>
    </Dialog>
  );
}

/** Where another machine opens this desk: its LAN address when the server has one, else this page's own address (served), else unknown (Electron without a server). */
function deskBase(lanUrls: string[] | undefined): { base: string | null; lan: boolean } {
  if (lanUrls && lanUrls.length > 0) return { base: lanUrls[0]!, lan: true };
  if (!isElectron() && window.location.protocol.startsWith('http')) return { base: window.location.origin, lan: false };
  return { base: null, lan: false };
}

function ShowToken({ token, onClose }: { token: TokenInfo & { token: string }; onClose: () => void }) {
  const info = useAppInfo();
  const [copied, setCopied] = useState<string | null>(null);
  const { base, lan } = deskBase(info?.lanUrls);
  const kiosk = token.role === 'kiosk';
  const url = `${base ?? "http://<this computer's LAN address>:<port>"}${kiosk ? '/kiosk' : '/'}#token=${token.token}`;
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
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
          <button type="button" className="btn btn-sm" onClick={() => void copy('token', token.token)}>
            {copied === 'token' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <div>
          <h3 className="sub">{kiosk ? 'Opening the check-in kiosk on a tablet' : 'Opening the console from another computer'}</h3>
          {!lan && (
            <p className="muted">
              Start the desk so it listens on the station network (<code>npm run -s desk -- serve --host 0.0.0.0</code>)
              {base ? '; the address below works on this computer only until then.' : ', then open:'}
            </p>
          )}
          <div className={kiosk && base ? 'kiosk-link' : undefined}>
            <div className="stack">
              <pre className="cmd" data-testid="token-url">
                {url}
              </pre>
              <div>
                <button type="button" className="btn btn-sm" onClick={() => void copy('url', url)}>
                  {copied === 'url' ? 'Copied' : 'Copy link'}
                </button>
              </div>
              {kiosk ? (
                <p className="muted">Open it on the tablet (or scan the code with the tablet's camera). The kiosk keeps the token for that browser tab.</p>
              ) : (
                <p className="muted">Or open the desk's address and paste the token in the login field.</p>
              )}
            </div>
            {kiosk && base && <QrCode text={url} label="QR code of the kiosk link" />}
          </div>
        </div>
      </div>
    </Dialog>
  );
}

/** A QR code as crisp SVG squares (the same matrix the badge PDF draws). */
function QrCode({ text, label }: { text: string; label: string }) {
  const { box, d } = qrSvgPath(text);
  return (
    <svg className="qr" data-testid="kiosk-qr" role="img" aria-label={label} viewBox={`0 0 ${box} ${box}`} width={196} height={196} shapeRendering="crispEdges">
      <rect width={box} height={box} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
