/**
 * A van's readiness for a day, as the fleet grid shows it and the board enforces it.
 * grounded / in-shop / out-of-service vans cannot be assigned (hard rule VAN_NOT_READY);
 * attention warns (soft rule VAN_ATTENTION).
 */
export const READINESS_STATUSES = ['ready', 'attention', 'grounded', 'in-shop', 'out-of-service'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];

export interface ReadinessReason {
  code: string;
  message: string;
}

export interface VanReadiness {
  vanId: number;
  status: ReadinessStatus;
  reasons: ReadinessReason[];
}

export const isAssignable = (s: ReadinessStatus) => s === 'ready' || s === 'attention';
