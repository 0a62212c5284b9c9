import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useDeskEvent } from '../api/hooks';
import type { StationHealth } from '../../shared/contract/station';

/** The station's health as the desk reports it: loaded once, then kept fresh by `health` events. */
export function useStationHealth(): StationHealth | null {
  const [health, setHealth] = useState<StationHealth | null>(null);
  useEffect(() => {
    api('station.health', {}).then(setHealth, () => setHealth(null));
  }, []);
  useDeskEvent((e) => {
    if (e.type === 'health') setHealth(e.data as StationHealth);
    else if (e.type === 'changed' && (e.channel === 'reconnected' || e.channel === 'connected')) api('station.health', {}).then(setHealth, () => {});
  });
  return health;
}

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
