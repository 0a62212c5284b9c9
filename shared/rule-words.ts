/**
 * Plain words for rule codes. Codes (`DAILY_HOURS`) are for the API, scripts and the audit log;
 * every screen and printed sheet says the words from this one table. A code not listed here (an
 * area's own warning) is shown as its words made readable, never as the bare code.
 */
export const RULE_WORDS: Record<string, string> = {
  // Hard: the assignment is refused.
  DRIVER_DOUBLE_BOOKED: 'Driver already on another route',
  VAN_DOUBLE_BOOKED: 'Van already on another route',
  DEVICE_DOUBLE_BOOKED: 'Device already handed out',
  VAN_REQUIRED: 'Needs a van',
  VAN_NOT_READY: 'Van not ready',
  DRIVER_NOT_QUALIFIED: 'Driver not qualified for this van',
  VAN_TYPE_MISMATCH: 'Wrong kind of van for this route',
  LICENCE_EXPIRED: 'Licence expired',
  DRIVER_UNAVAILABLE: 'Driver not available',
  ROUTE_CANCELLED: 'Route cancelled',
  // Soft: saved only with a reason.
  DAILY_HOURS: 'Too many hours on duty today',
  WEEKLY_HOURS: 'Too many hours this week',
  REST_BETWEEN_SHIFTS: 'Not enough rest between shifts',
  CONSECUTIVE_DAYS: 'Too many days in a row',
  LICENCE_EXPIRING: 'Licence runs out soon',
  EV_RANGE: 'Charge may not cover the route',
  VAN_ATTENTION: 'Van needs attention before the route ends',
  TRAINING_EXPIRED: 'Mandatory training expired',
};

/** The words for a rule code: from the table, else the code made readable ("SOME_RULE" → "Some rule"). */
export function ruleWords(code: string): string {
  const known = RULE_WORDS[code];
  if (known) return known;
  const s = code.toLowerCase().replace(/_/g, ' ').trim();
  return s ? s[0]!.toUpperCase() + s.slice(1) : code;
}
