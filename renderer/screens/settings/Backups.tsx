import { useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/hooks';
import type { BackupEntry } from '../../../shared/contract/station';
import { ConfirmDialog } from '../../components/Dialog';
import { NumberField, useForm } from '../../components/Form';
import { StatusChip, type Tone } from '../../components/StatusChip';
import { useToast } from '../../components/Toasts';

const KIND: Record<string, [string, Tone]> = {
  auto: ['Automatic', 'info'],
  manual: ['Manual', 'ok'],
  'pre-migrate': ['Before an upgrade', 'neutral'],
  'before-restore': ['Before a restore', 'warn'],
  'before-demo': ['Before the demo', 'neutral'],
  other: ['Other', 'neutral'],
};

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const size = (n: number) => (n < 1048576 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`);

/**
 * Settings → Backups (desk only): Back up now, the backups folder newest first with time, kind and
 * size, Restore on any of them (the current data is kept as a backup first), and how many
 * automatic backups to keep. Everything goes through the same guards as the CLI.
 */
export function Backups({ canWrite }: { canWrite: boolean }) {
  const toast = useToast();
  const list = useChannel('backups.list', {});
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const data = list.data;

  const backUp = async () => {
    setBusy('backup');
    try {
      const r = await api('backups.create', {});
      toast.show(`Backed up (${size(r.bytes)}) to ${r.path}`, { tone: 'ok' });
      list.reload();
    } catch (err) {
      toast.error(`Backup failed: ${(err as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  const restore = async (b: BackupEntry) => {
    setRestoring(null);
    setBusy('restore');
    try {
      const r = await api('backups.restore', { name: b.name });
      toast.show(`Restored the station from ${when(b.at)}.${r.keptPrevious ? ` The data it replaced is kept as ${r.keptPrevious}.` : ''}`, { tone: 'ok', ms: 12_000 });
      list.reload();
    } catch (err) {
      toast.error(`Restore failed: ${(err as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel panel-pad" aria-labelledby="backups-h">
      <div className="row" style={{ marginBottom: 8 }}>
        <h2 id="backups-h" style={{ margin: 0 }}>
          Backups
        </h2>
        <button type="button" className="btn btn-primary" style={{ marginLeft: 'auto' }} disabled={busy !== null} onClick={() => void backUp()}>
          {busy === 'backup' ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      <p className="muted">
        Every backup is a checked copy of the whole station, safe to take while the desk runs. Restoring keeps the current data as a backup first; a restore that fails changes nothing.
        {data && (
          <>
            {' '}
            Folder: <span className="mono">{data.folder}</span>
          </>
        )}
      </p>
      {list.error && <div className="alert">Could not list the backups: {list.error.message}</div>}
      {busy === 'restore' && <div className="alert alert-info">Restoring… changes are paused for a moment.</div>}
      {data && data.backups.length === 0 ? (
        <div className="dt-empty">
          <strong>No backups yet</strong>
          <span>The desk takes one automatically {data.settings.everyHours > 0 ? `every ${data.settings.everyHours} h while it runs` : 'only before upgrades'}.</span>
        </div>
      ) : (
        <table className="plain-table" aria-label="Backups">
          <thead>
            <tr>
              <th>Taken</th>
              <th>Kind</th>
              <th style={{ textAlign: 'right' }}>Size</th>
              <th>File</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(data?.backups ?? []).map((b) => {
              const [label, tone] = KIND[b.kind] ?? KIND.other!;
              return (
                <tr key={b.name}>
                  <td className="nowrap">{when(b.at)}</td>
                  <td>
                    <StatusChip tone={tone}>{label}</StatusChip>
                  </td>
                  <td style={{ textAlign: 'right' }} className="num">
                    {size(b.bytes)}
                  </td>
                  <td className="mono muted" title={b.path}>
                    {b.name}
                  </td>
                  <td style={{ textAlign: 'right' }}>
                    {canWrite && (
                      <button type="button" className="btn btn-sm" disabled={busy !== null} onClick={() => setRestoring(b)}>
                        Restore…
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {data && canWrite && <KeepSettings keep={data.settings.keep} everyHours={data.settings.everyHours} onSaved={list.reload} />}
      {data && (
        <p className="muted" style={{ marginTop: 10 }}>
          To restore a file from elsewhere, stop the desk and run:
          <br />
          <code className="mono">{data.restoreCommand.replace(/--from .*$/, '--from <backup file>')}</code>
        </p>
      )}
      {restoring && (
        <ConfirmDialog
          title="Restore this backup?"
          message={
            <>
              <p>
                The station goes back to how it was on <strong>{when(restoring.at)}</strong> ({KIND[restoring.kind]?.[0] ?? 'backup'}, {size(restoring.bytes)}). Everything entered since then is
                replaced; it is kept as a backup first, so this can be undone by restoring that one.
              </p>
              <p className="muted">Every open console reloads. Phones keep their positions while the restore runs and send them again.</p>
            </>
          }
          confirmLabel="Restore"
          danger
          onCancel={() => setRestoring(null)}
          onConfirm={() => void restore(restoring)}
        />
      )}
    </section>
  );
}

function KeepSettings({ keep, everyHours, onSaved }: { keep: number; everyHours: number; onSaved: () => void }) {
  const toast = useToast();
  const form = useForm<{ keep: number | null; everyHours: number | null }>({ keep, everyHours });
  const save = async () => {
    const r = await form.submit((v) => api('backups.setSettings', { keep: v.keep ?? undefined, everyHours: v.everyHours ?? undefined }));
    if (r) {
      toast.show(`Keeping ${r.keep} automatic backups, one every ${r.everyHours} h`, { tone: 'ok' });
      onSaved();
    }
  };
  return (
    <form
      className="row backup-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <NumberField label="Automatic backups kept" min={1} max={365} step={1} {...form.bind('keep')} />
      <NumberField label="One every (hours, 0 = off)" min={0} max={720} step={1} {...form.bind('everyHours')} />
      <button type="submit" className="btn" disabled={form.busy}>
        Save
      </button>
      {form.formError && <div className="field-error">{form.formError}</div>}
    </form>
  );
}
