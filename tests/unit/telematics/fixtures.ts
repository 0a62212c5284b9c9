import type { DecodedPosition } from '../../../electron/services/telematics/osmand';

/** A station in Seattle-ish with a 300 m geofence; 0.01° latitude ≈ 1.1 km, so FAR is well outside. */
export const ST = { lat: 47.5, lon: -122.3 };
export const FAR = { lat: 47.55, lon: -122.3 };

/** A decoded OsmAnd fix of `identifier` at `at`, outside the station at 40 km/h unless told otherwise. */
export const fix = (identifier: string, at: string, over: Partial<Omit<DecodedPosition, 'at'>> = {}): DecodedPosition => ({
  identifier,
  lat: FAR.lat,
  lon: FAR.lon,
  speedKph: 40,
  course: 0,
  altitude: null,
  accuracy: 5,
  battery: 80,
  valid: true,
  timeFlag: null,
  attributes: {},
  ...over,
  at: new Date(at),
});
