import type { ReadinessRow } from '../../../shared/contract/fleet';
import { READINESS_LABEL } from '../../../shared/rules/fleet/readiness';
import { VAN_TYPE_LABEL } from '../../../shared/domain';

/** The charge bar of an EDV: width = state of charge, colour by level; the number is always written. */
export function ChargeBar({ pct, low = 30 }: { pct: number | null; low?: number }) {
  if (pct == null) return <div className="rd-charge unknown">charge unknown</div>;
  const level = pct < low ? 'low' : pct < 60 ? 'mid' : 'high';
  return (
    <div className={`rd-charge ${level}`} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label="State of charge">
      <div className="bar">
        <span style={{ width: `${Math.max(2, Math.min(100, pct))}%` }} />
      </div>
      <span className="pct">{Math.round(pct)} %</span>
    </div>
  );
}

/** One van on the wall: name, type, status by colour and words, reasons, today's assignment, charge. */
export function Tile({ row, onOpen, lowCharge }: { row: ReadinessRow; onOpen: (vanId: number) => void; lowCharge?: number }) {
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
        {row.type === 'EDV' && <ChargeBar pct={row.stateOfChargePct} low={lowCharge} />}
      </div>
    </button>
  );
}
