import { useEventChannel } from '../api/hooks';
import type { StationHealth } from '../../shared/contract/station';

/** The station's health as the desk reports it: loaded once, then kept fresh by `health` events. */
export const useStationHealth = (): StationHealth | null => useEventChannel('station.health', 'health');

/**
 * Under the top bar: red when the station is degraded (a full disk, failing writes, a failed
 * integrity check), amber when it is read-only — with the reasons in words. Nothing when healthy.
 */
export function HealthBanner() {
  const health = useStationHealth();
  if (!health || health.status === 'ok') return <div className="health-banner-slot" />;
  const degraded = health.status === 'degraded';
  return (
    <div className={`health-banner-slot health-banner ${degraded ? 'health-bad' : 'health-readonly'}`} role="alert" data-testid="health-banner">
      <strong>{degraded ? 'The station database has a problem' : 'Read-only'}</strong>
      <span>{health.reasons.join(' ')}</span>
      {health.problems.includes('disk') && <span className="health-hint">Positions from phones are refused until it is fixed (the phones keep them and resend).</span>}
    </div>
  );
}
