import type { ReadinessRow } from '../../../shared/contract/fleet';
import { READINESS_LABEL } from '../../../shared/rules/fleet/readiness';
import { VAN_TYPE_LABEL } from '../../../shared/domain';
import { ChargeBar } from '../../components/ChargeBar';

/** One van on the wall: name, type, status by colour and words, reasons, today's assignment, charge. */
export function Tile({ row, onOpen, lowChargePct }: { row: ReadinessRow; onOpen: (vanId: number) => void; lowChargePct: number | undefined }) {
  const shown = row.reasons.slice(0, 3);
  const more = row.reasons.length - shown.length;
  return (
    <button type="button" className={`rd-tile s-${row.status}`} onClick={() => onOpen(row.vanId)} data-testid={`tile-${row.name}`} aria-label={`${row.name}: ${READINESS_LABEL[row.status]}`}>
      <div className="rd-tile-head">
        <span className="rd-name">{row.name}</span>
        <span className="rd-type">{VAN_TYPE_LABEL[row.type]}</span>
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
        {row.type === 'EDV' && <ChargeBar pct={row.stateOfChargePct} lowPct={lowChargePct} />}
      </div>
    </button>
  );
}
