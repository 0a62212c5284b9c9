import type { BoardRoute, BoardView } from '../../../shared/contract/board';
import { StatusChip } from '../../components/StatusChip';

/** The day at a glance: routes, assigned and open; available and free drivers and vans; what is short; a swap in progress. */
export function CountsBar({ counts, swapFrom, failed }: { counts: BoardView['counts'] | undefined; swapFrom: BoardRoute | null; failed: boolean }) {
  const shortDrivers = counts ? counts.unassigned - counts.freeDrivers : 0;
  const shortVans = counts ? counts.unassigned - counts.freeVans : 0;
  return (
    <div className="counts-bar" role="status" aria-label="Board counts" data-testid="counts-bar">
      {counts ? (
        <>
          <Count v={counts.routes} l="Routes" />
          <Count v={counts.assigned} l="Assigned" tone={counts.assigned === counts.routes && counts.routes > 0 && counts.conflicts === 0 ? 'ok' : undefined} />
          <Count v={counts.unassigned} l="Open" tone={counts.unassigned > 0 ? 'warn' : undefined} />
          {counts.conflicts > 0 && <Count v={counts.conflicts} l="Not ready — reassign" tone="bad" />}
          <span className="counts-sep" />
          <Count v={counts.availableDrivers} l="Available drivers" sub={`${counts.checkedIn} checked in`} />
          <Count v={counts.readyVans} l="Ready vans" />
          <span className="counts-sep" />
          <Count v={counts.freeDrivers} l="Free drivers" />
          <Count v={counts.freeVans} l="Free vans" />
          <span className="counts-flags">
            {counts.routes > 0 && counts.unassigned === 0 && counts.conflicts === 0 && <StatusChip tone="ok">Every route assigned</StatusChip>}
            {counts.conflicts > 0 && (
              <StatusChip tone="bad">
                {counts.conflicts} {counts.conflicts === 1 ? 'route' : 'routes'} in conflict: the load-out will not print
              </StatusChip>
            )}
            {shortDrivers > 0 && <StatusChip tone="bad">Short {shortDrivers} {shortDrivers === 1 ? 'driver' : 'drivers'}</StatusChip>}
            {shortVans > 0 && <StatusChip tone="bad">Short {shortVans} {shortVans === 1 ? 'van' : 'vans'}</StatusChip>}
            {swapFrom && (
              <StatusChip tone="info">
                Swap: {swapFrom.code} ({swapFrom.driver?.name}) ↔ press S on the other route · Esc cancels
              </StatusChip>
            )}
          </span>
        </>
      ) : (
        <span className="muted">{failed ? '' : 'Loading the board…'}</span>
      )}
    </div>
  );
}

function Count({ v, l, sub, tone }: { v: number; l: string; sub?: string; tone?: 'ok' | 'warn' | 'bad' }) {
  return (
    <div className={`count-item${tone ? ` ${tone}` : ''}`}>
      <span className="count-v">{v}</span>
      <span className="count-l">
        {l}
        {sub && <span className="count-sub"> · {sub}</span>}
      </span>
    </div>
  );
}
