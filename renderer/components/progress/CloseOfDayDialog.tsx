import { useState } from 'react';
import './progress.css';
import { api } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { Dialog } from '../Dialog';
import { PlainTable } from '../PlainTable';
import { StatusChip } from '../StatusChip';
import { useToast } from '../Toasts';
import type { CloseRoute } from '../../../shared/contract/progress';
import { stationHm } from './format';

type Check = 'dvirDone' | 'phoneReturned' | 'keysReturned';

/**
 * The close of the day: every route complete or not, back or still out (by geofence or the Cortex
 * list), RTS packages, and the checks the dispatcher ticks (post-trip DVIR, phone, keys — audited);
 * the end-of-shift report as PDF or CSV.
 */
export function CloseOfDayDialog({ date, tz, canWrite, onClose, save }: { date: string; tz: string | undefined; canWrite: boolean; onClose: () => void; save: (file: { fileName: string; mimeType: string; base64: string }) => Promise<unknown> }) {
  const { data, error, reload } = useChannel('close.day', { date });
  const toast = useToast();
  const [rts, setRts] = useState<Record<number, string>>({});
  const set = async (r: CloseRoute, change: Partial<Record<Check, boolean>> | { rtsPackages: number | null }) => {
    try {
      await api('close.set', { routeId: r.routeId, ...change });
      reload();
    } catch (err) {
      toast.error(`${r.routeCode}: ${(err as Error).message}`);
    }
  };
  const report = async (format: 'pdf' | 'csv') => {
    try {
      await save(await api('close.report', { date, format }));
    } catch (err) {
      toast.error(`Could not make the report: ${(err as Error).message}`);
    }
  };
  const t = data?.totals;
  const box = (r: CloseRoute, k: Check, label: string) => (
    <label className="check">
      <input type="checkbox" checked={r[k]} disabled={!canWrite || (k === 'dvirDone' && r.dvirOnFile)} onChange={(e) => void set(r, { [k]: e.target.checked })} aria-label={`${label} ${r.routeCode}`} />
      {r[k] ? 'yes' : 'no'}
      {k === 'dvirDone' && r.dvirOnFile && <span className="muted"> (on file)</span>}
    </label>
  );
  return (
    <Dialog
      title={`Close of day — ${date}`}
      onClose={onClose}
      variant="wide"
      footer={
        <>
          <button type="button" className="btn" onClick={() => void report('csv')}>
            Report CSV
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void report('pdf')}>
            Report PDF
          </button>
        </>
      }
    >
      {error && <p className="error-text">{error.message}</p>}
      {t && (
        <p className="summary-strip" data-testid="close-totals">
          <span>
            <b>{t.routes}</b> routes
          </span>
          <span>
            <b>{t.complete}</b> complete
          </span>
          <span>
            <b>{t.returned}</b> back
          </span>
          <span className={t.out ? 'bad-text' : ''}>
            <b>{t.out}</b> still out
          </span>
          <span>
            RTS <b>{t.rtsPackages ?? '—'}</b>
          </span>
          <span>
            DVIR <b>{t.dvirDone}</b>/{t.routes}
          </span>
          <span>
            phones <b>{t.phonesReturned}</b>/{t.routes}
          </span>
          <span>
            keys <b>{t.keysReturned}</b>/{t.routes}
          </span>
          <span className="muted">progress as of {data?.asOf ? stationHm(data.asOf, tz) : '— (no Cortex list imported)'}</span>
        </p>
      )}
      {data && data.stillOut.length > 0 && (
        <p data-testid="still-out">
          <StatusChip tone="bad">Still out</StatusChip> {data.stillOut.map((s) => `${s.routeCode} ${s.driverName ?? ''}${s.vanName ? ` (${s.vanName})` : ''}`).join(' · ')}
        </p>
      )}
      {data && (
        <PlainTable label={`Close of day ${date}`} testId="close-table" columns={['Route', 'Driver', 'Van', 'Progress', 'Back', 'RTS pkgs', 'Post-trip DVIR', 'Phone', 'Keys']}>
            {data.routes.map((r) => (
              <tr key={r.routeId} data-out={r.out}>
                <td>
                  <b>{r.routeCode}</b>
                </td>
                <td>{r.driverName ?? '—'}</td>
                <td>{r.vanName ?? '—'}</td>
                <td>
                  {r.complete ? <StatusChip tone="ok">Complete</StatusChip> : <StatusChip tone={r.progress ? 'warn' : 'neutral'}>{r.progress || 'no list'}</StatusChip>}{' '}
                  {r.stopsTotal != null && <span className="muted">{r.stopsDone}/{r.stopsTotal}</span>}
                </td>
                <td>
                  {r.out ? <StatusChip tone="bad">{r.launchedAt ? 'Still out' : 'Still out (list)'}</StatusChip> : r.returnedAt ? `${stationHm(r.returnedAt, tz)} ${r.returnedBy === 'cortex' ? '(list: Complete)' : '(geofence)'}` : <span className="muted">not launched</span>}
                </td>
                <td>
                  <input
                    className="num-input"
                    inputMode="numeric"
                    aria-label={`RTS packages ${r.routeCode}`}
                    disabled={!canWrite}
                    value={rts[r.routeId] ?? (r.rtsPackages == null ? '' : String(r.rtsPackages))}
                    onChange={(e) => setRts((m) => ({ ...m, [r.routeId]: e.target.value }))}
                    onBlur={(e) => {
                      const v = e.target.value.trim();
                      const n = v === '' ? null : Number(v);
                      if (n !== null && (!Number.isInteger(n) || n < 0)) return toast.error(`${r.routeCode}: RTS packages must be a whole number`);
                      if (n !== r.rtsPackages) void set(r, { rtsPackages: n });
                    }}
                  />
                </td>
                <td>{box(r, 'dvirDone', 'Post-trip DVIR')}</td>
                <td>{box(r, 'phoneReturned', 'Phone returned')}</td>
                <td>{box(r, 'keysReturned', 'Keys returned')}</td>
              </tr>
            ))}
          </PlainTable>
      )}
    </Dialog>
  );
}
