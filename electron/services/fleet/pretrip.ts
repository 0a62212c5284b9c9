import type { ReadDb } from '../context';
import type { PreTripFact } from '../../../shared/contract/fleet';
import type { InspectionSource } from '../../../shared/rules/fleet/maintenance';

/**
 * Who did a pre-trip inspection on a station date, from every source (the desk's DVIR form,
 * Whip Around's and Amazon's DVIC exports): each van's and each DA's first one of the day. What the
 * board and the readiness grid show as "pre-trip done 09:41" or "no pre-trip yet".
 */
export interface PreTrips {
  byVan: Map<number, PreTripFact>;
  /** DA → their first pre-trip of the day (imports match DAs by transporter ID or name). */
  byDriver: Map<number, PreTripFact>;
}

export function preTripsOn(db: ReadDb, date: string): PreTrips {
  const rows = db.$client
    .prepare(
      `SELECT id AS inspectionId, van_id AS vanId, at, inspector, driver_id AS driverId, duration_sec AS durationSec, source
         FROM inspections WHERE date = ? AND kind = 'pre_trip' ORDER BY at, id`,
    )
    .all(date) as (PreTripFact & { vanId: number; source: InspectionSource })[];
  const out: PreTrips = { byVan: new Map(), byDriver: new Map() };
  for (const { vanId, ...fact } of rows) {
    if (!out.byVan.has(vanId)) out.byVan.set(vanId, fact);
    if (fact.driverId != null && !out.byDriver.has(fact.driverId)) out.byDriver.set(fact.driverId, fact);
  }
  return out;
}
