import type { ReadinessRow } from '../../../shared/contract/fleet';
import { READINESS_LABEL } from '../../../shared/rules/fleet/readiness';
import { VanClassTag } from '../../components/domainChips';
import { INSPECTION_SOURCE_LABEL } from '../../../shared/rules/fleet/maintenance';
import { ChargeBar } from '../../components/ChargeBar';

/** "Pre-trip 09:41 · Ana Ruiz" or "No pre-trip yet today": the van's DVIR state for the day. */
export function PreTripLine({ row }: { row: ReadinessRow }) {
  const p = row.preTrip;
  if (!p) return <span className="rd-pretrip none">{row.assignment ? 'No pre-trip yet' : 'No pre-trip today'}</span>;
  const t = new Date(p.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return (
    <span className="rd-pretrip done" title={`Pre-trip by ${p.inspector} at ${t} (${INSPECTION_SOURCE_LABEL[p.source]}${p.durationSec != null ? `, ${Math.round(p.durationSec / 60)} min` : ''})`}>
      Pre-trip {t} · {p.inspector}
    </span>
  );
}

/** One van on the wall: name, class, status by colour and words, reasons, today's assignment, charge. */
export function Tile({ row, onOpen, lowChargePct }: { row: ReadinessRow; onOpen: (vanId: number) => void; lowChargePct: number | undefined }) {
  const shown = row.reasons.slice(0, 3);
  const more = row.reasons.length - shown.length;
  return (
    <button type="button" className={`rd-tile s-${row.status}`} onClick={() => onOpen(row.vanId)} data-testid={`tile-${row.name}`} aria-label={`${row.name}: ${READINESS_LABEL[row.status]}`}>
      <div className="rd-tile-head">
        <span className="rd-name">{row.name}</span>
        <VanClassTag vanClass={row.vanClass} electric={row.electric} />
      </div>
      <div className="rd-status" data-testid="tile-status">
        {READINESS_LABEL[row.status]}
      </div>
      <ul className="rd-reasons">
        {shown.map((r, i) => (
          <li key={i} title={r.message} data-code={r.code}>
            {r.message}
          </li>
        ))}
        {more > 0 && <li className="more">+{more} more</li>}
      </ul>
      <div className="rd-foot">
        {row.assignment ? (
          <span className="rd-assign" title={`${row.assignment.routeCode} at ${row.assignment.wave} — ${row.assignment.driverName}`}>
            <strong>{row.assignment.routeCode}</strong> {row.assignment.wave} · {row.assignment.driverName}
          </span>
        ) : (
          <span className="rd-assign none">Not assigned</span>
        )}
        <PreTripLine row={row} />
        {row.electric && <ChargeBar pct={row.stateOfChargePct} lowPct={lowChargePct} />}
      </div>
    </button>
  );
}
