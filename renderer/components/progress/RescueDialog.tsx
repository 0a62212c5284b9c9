import { Fragment, useState } from 'react';
import './progress.css';
import { api } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { Dialog } from '../Dialog';
import { PlainTable } from '../PlainTable';
import { StatusChip } from '../StatusChip';
import { useToast } from '../Toasts';
import type { RescueCandidate } from '../../../shared/contract/progress';
import { lateWords, stationHm } from './format';

const KIND_WORDS: Record<RescueCandidate['kind'], string> = { finished: 'Finished', ahead: 'Ahead of pace', on_pace: 'On pace', standby: 'Standby' };

/**
 * Who could take stops from a behind route, ranked by the desk (fits first, nearer first where a
 * position is known; unknown positions lower, never left out), each with the arithmetic; one
 * click records the rescue (audited).
 */
export function RescueDialog({ date, routeCode, tz, canWrite, onClose }: { date: string; routeCode: string; tz: string | undefined; canWrite: boolean; onClose: () => void }) {
  const { data, error } = useChannel('rescues.suggest', { date, routeCode });
  const toast = useToast();
  const [busy, setBusy] = useState<number | null>(null);
  const record = async (c: RescueCandidate) => {
    setBusy(c.driverId);
    try {
      await api('rescues.record', { date, routeCode, toDriverId: c.driverId, stops: c.stops > 0 ? c.stops : null });
      toast.show(`Rescue recorded: ${c.name} takes ${c.stops} stops of ${routeCode}`, { tone: 'ok' });
      onClose();
    } catch (err) {
      toast.error(`Could not record the rescue: ${(err as Error).message}`);
    } finally {
      setBusy(null);
    }
  };
  const r = data?.route;
  return (
    <Dialog title={`Rescue ${routeCode}`} onClose={onClose} variant="wide">
      {error && <p className="error-text">{error.message}</p>}
      {!data && !error && <p className="muted">Ranking rescuers…</p>}
      {r && (
        <p className="rescue-route" data-testid="rescue-route">
          <b>{r.driverName}</b>: {r.stopsDone}/{r.stopsTotal} stops, {r.pace ?? 0}/h (plan {r.plannedPace}/h) · finish {r.projectedFinish ? stationHm(r.projectedFinish, tz) : 'cannot project'} · plan {stationHm(r.plannedEnd, tz)} · limit{' '}
          {stationHm(r.limitEnd, tz)} · <b>{lateWords(r)}</b>
          <span className="muted"> · list as of {stationHm(data.asOf, tz)}</span>
        </p>
      )}
      {data?.refusal && <p className="muted" data-testid="rescue-refusal">{data.refusal}</p>}
      {data && !data.refusal && data.candidates.length === 0 && <p className="muted">Nobody can take stops: no driver finished, ahead or on pace with time left, and no standby on the schedule.</p>}
      {data && data.candidates.length > 0 && (
        <PlainTable label={`Rescuers for ${routeCode}`} testId="rescue-candidates" columns={['#', 'Driver', 'Now', 'Distance', { label: 'Stops', num: true }, 'Done', 'Limit', 'Van', 'Verdict', '']}>
            {data.candidates.map((c, i) => (
              <Fragment key={c.driverId}>
              <tr data-fits={c.fits} className="rescue-main">
                <td>{i + 1}</td>
                <td>
                  <b>{c.name}</b>
                </td>
                <td>
                  {KIND_WORDS[c.kind]}
                  {c.routeCode ? ` (${c.routeCode})` : ''}
                </td>
                <td>{c.distanceKm == null ? <span className="muted">unknown</span> : `${c.distanceKm} km`}</td>
                <td className="num">{c.stops}</td>
                <td>{stationHm(c.doneAt, tz)}</td>
                <td>
                  {stationHm(c.limitEnd, tz)} <span className="muted">({c.slackMin >= 0 ? `${c.slackMin} min spare` : `${-c.slackMin} min over`})</span>
                </td>
                <td>
                  {c.vanName ?? '—'}
                  {c.notes.filter((n) => !n.startsWith('spare van')).map((n) => (
                    <div key={n} className="muted">
                      {n}
                    </div>
                  ))}
                </td>
                <td>{c.fits ? <StatusChip tone="ok">Fits</StatusChip> : <StatusChip tone="warn">{c.vanFits ? 'Too late' : 'No van'}</StatusChip>}</td>
                <td>
                  {canWrite && (
                    <button type="button" className={`btn btn-sm${i === 0 && c.fits ? ' btn-primary' : ''}`} disabled={busy !== null} onClick={() => void record(c)}>
                      Record rescue
                    </button>
                  )}
                </td>
              </tr>
              <tr data-fits={c.fits} className="rescue-math-row">
                <td />
                <td colSpan={9} className="rescue-math muted">
                  {c.arithmetic}
                </td>
              </tr>
              </Fragment>
            ))}
          </PlainTable>
      )}
    </Dialog>
  );
}
