/**
 * Domain vocabulary shared by the services and the console (see ../shared/DOMAIN.md).
 * Lists are `as const` tuples so zod enums, UI pickers and TypeScript unions come from one place.
 */
export const DRIVER_STATUSES = ['active', 'on_leave', 'terminated'] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];

/** What a driver is trained for. Van-type qualifications gate assignments. */
export const QUALIFICATIONS = ['CDV', 'EDV', 'STEP_VAN', 'TRAINER', 'DOT', 'HELPER'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

export const VAN_TYPES = ['CDV', 'EDV', 'STEP_VAN', 'RENTAL'] as const;
export type VanType = (typeof VAN_TYPES)[number];
export const VAN_TYPE_LABEL: Record<VanType, string> = {
  CDV: 'CDV',
  EDV: 'EDV',
  STEP_VAN: 'Step van',
  RENTAL: 'Rental',
};

/** The qualification a driver needs to drive a van of this type (rentals are ordinary cargo vans). */
export const QUALIFICATION_FOR_VAN: Record<VanType, Qualification> = {
  CDV: 'CDV',
  EDV: 'EDV',
  STEP_VAN: 'STEP_VAN',
  RENTAL: 'CDV',
};

/** The van's operational state as set by people (readiness adds inspections, defects, documents). */
export const VAN_STATUSES = ['in_service', 'in_shop', 'out_of_service', 'grounded'] as const;
export type VanStatus = (typeof VAN_STATUSES)[number];

export const OWNERSHIP_TYPES = ['owned', 'leased', 'rental'] as const;
export type OwnershipType = (typeof OWNERSHIP_TYPES)[number];

export const DEVICE_KINDS = ['phone', 'tracker'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A driver's status for one day at the station. */
export const DAY_STATUSES = ['scheduled', 'checked_in', 'late', 'called_out', 'no_show', 'off'] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];

export const SERVICE_TYPES = [
  'Standard Parcel',
  'Standard Parcel - Large Van',
  'Standard Parcel - Extra Large Van',
  'Standard Parcel Step Van',
  'Standard Parcel Electric',
  'Nursery Route Level 1',
  'Nursery Route Level 2',
  'Nursery Route Level 3',
  'Ride Along',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Default van types per service type (editable in settings later). */
export const SERVICE_TYPE_VANS: Record<ServiceType, readonly VanType[]> = {
  'Standard Parcel': ['CDV', 'EDV', 'RENTAL'],
  'Standard Parcel - Large Van': ['CDV', 'EDV'],
  'Standard Parcel - Extra Large Van': ['STEP_VAN'],
  'Standard Parcel Step Van': ['STEP_VAN'],
  'Standard Parcel Electric': ['EDV'],
  'Nursery Route Level 1': ['CDV', 'EDV', 'RENTAL'],
  'Nursery Route Level 2': ['CDV', 'EDV', 'RENTAL'],
  'Nursery Route Level 3': ['CDV', 'EDV', 'RENTAL'],
  'Ride Along': ['CDV', 'EDV', 'STEP_VAN', 'RENTAL'],
};

export const ROUTE_STATUSES = ['planned', 'assigned', 'launched', 'returned', 'cancelled'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

export const TIERS = ['Poor', 'Fair', 'Great', 'Fantastic', 'Fantastic+'] as const;
export type Tier = (typeof TIERS)[number];
