/** Vocabulary of coaching plans, incidents and training (shared by services and the console). */
export const PLAN_STATUSES = ['suggested', 'accepted', 'dismissed', 'acknowledged', 'closed', 'escalated'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** Plans still being worked (count as "open"). */
export const OPEN_PLAN_STATUSES: PlanStatus[] = ['suggested', 'accepted', 'acknowledged', 'escalated'];

export const PLAN_ACTIONS = ['Ride-along', 'Retraining module', '1:1 talk', 'Safety video review', 'Written warning'] as const;

export const INCIDENT_TYPES = ['collision', 'property_damage', 'injury', 'customer_escalation', 'package_damage', 'traffic_citation', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export const INCIDENT_TYPE_LABEL: Record<IncidentType, string> = {
  collision: 'Collision',
  property_damage: 'Property damage',
  injury: 'Injury',
  customer_escalation: 'Customer escalation',
  package_damage: 'Package damage',
  traffic_citation: 'Traffic citation',
  other: 'Other',
};
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export const INCIDENT_STATUSES = ['open', 'investigating', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
