import { chargeIsLow, remainingRangeMi } from '../../shared/rules/fleet/readiness';

/**
 * An EDV's state of charge: a bar as wide as the charge, the number always written, and "low" in
 * words and colour when it is under the station's threshold (fleet settings `evLowChargePct`; not
 * judged until the settings are loaded). With `usableRangeMi` it adds the miles left.
 */
export function ChargeBar({ pct, lowPct, usableRangeMi }: { pct: number | null; lowPct: number | null | undefined; usableRangeMi?: number | null }) {
  if (pct == null) return <span className="charge-meter unknown">charge unknown</span>;
  const low = lowPct != null && chargeIsLow(pct, { evLowChargePct: lowPct });
  const range = usableRangeMi === undefined ? null : remainingRangeMi({ stateOfChargePct: pct, usableRangeMi });
  const shown = Math.round(pct);
  return (
    <span
      className={`charge-meter${low ? ' low' : ''}`}
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={shown}
      aria-label={`State of charge${low ? ', low' : ''}`}
      title={usableRangeMi != null ? `Usable range at full charge ${usableRangeMi} mi` : undefined}
    >
      <span className="bar" aria-hidden="true">
        <span style={{ width: `${Math.max(2, Math.min(100, pct))}%` }} />
      </span>
      <span className="pct">{shown} %</span>
      {low && <span className="low-word">low</span>}
      {range != null && <span className="muted">{Math.round(range)} mi</span>}
    </span>
  );
}
