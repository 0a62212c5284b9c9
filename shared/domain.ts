/**
 * Domain vocabulary shared by the services and the console (see ../shared/DOMAIN.md).
 * Lists are `as const` tuples so zod enums, UI pickers and TypeScript unions come from one place.
 */
export const DRIVER_STATUSES = ['active', 'on_leave', 'terminated'] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];

/** What a driver is trained for. CDV, EDV and STEP_VAN gate which van classes they drive (shared/rules/fleet/classes.ts). */
export const QUALIFICATIONS = ['CDV', 'EDV', 'STEP_VAN', 'TRAINER', 'DOT', 'HELPER'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

/**
 * Van classes as Amazon names them (its fleet export's `serviceTier`/`serviceType`): cargo vans by
 * size, step vans, electric vans (Rivian EDV). Whether a van is electric and who owns it are
 * separate facts (`electric`, `ownership`), so a rental XL cargo van is an XL cargo van.
 */
export const VAN_CLASSES = ['small_cargo', 'standard_cargo', 'large_cargo', 'xl_cargo', 'step_van', 'electric_van'] as const;
export type VanClass = (typeof VAN_CLASSES)[number];
export const VAN_CLASS_LABEL: Record<VanClass, string> = {
  small_cargo: 'Small cargo van',
  standard_cargo: 'Standard cargo van',
  large_cargo: 'Large cargo van',
  xl_cargo: 'XL cargo van',
  step_van: 'Step van',
  electric_van: 'Electric van',
};
/** Chip text, where space is short. */
export const VAN_CLASS_SHORT: Record<VanClass, string> = {
  small_cargo: 'Small',
  standard_cargo: 'Standard',
  large_cargo: 'Large',
  xl_cargo: 'XL',
  step_van: 'Step',
  electric_van: 'EDV',
};

/**
 * The van type of stations made before van classes (migration 0005 converts them):
 * CDV → standard cargo, EDV → electric van (electric), STEP_VAN → step van, RENTAL → standard
 * cargo rented. Kept so older callers' inputs still read.
 */
export const LEGACY_VAN_TYPES = ['CDV', 'EDV', 'STEP_VAN', 'RENTAL'] as const;
export type LegacyVanType = (typeof LEGACY_VAN_TYPES)[number];
export const LEGACY_VAN_TYPE_CLASS: Record<LegacyVanType, { vanClass: VanClass; electric: boolean; rental: boolean }> = {
  CDV: { vanClass: 'standard_cargo', electric: false, rental: false },
  EDV: { vanClass: 'electric_van', electric: true, rental: false },
  STEP_VAN: { vanClass: 'step_van', electric: false, rental: false },
  RENTAL: { vanClass: 'standard_cargo', electric: false, rental: true },
};

/** The van's operational state as set by people (readiness adds inspections, defects, documents). */
export const VAN_STATUSES = ['in_service', 'in_shop', 'out_of_service', 'grounded'] as const;
export type VanStatus = (typeof VAN_STATUSES)[number];

/** Who owns the van: Amazon-owned, Amazon-leased, or a rental (provider and return date on the van). */
export const OWNERSHIP_TYPES = ['owned', 'leased', 'rental'] as const;
export type OwnershipType = (typeof OWNERSHIP_TYPES)[number];
export const OWNERSHIP_LABEL: Record<OwnershipType, string> = { owned: 'Amazon-owned', leased: 'Amazon-leased', rental: 'Rental' };

export const DEVICE_KINDS = ['phone', 'tracker'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A driver's status for one day at the station. */
export const DAY_STATUSES = ['scheduled', 'checked_in', 'late', 'called_out', 'no_show', 'off'] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];

export const ROUTE_STATUSES = ['planned', 'assigned', 'launched', 'returned', 'cancelled'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

export const TIERS = ['Poor', 'Fair', 'Great', 'Fantastic', 'Fantastic+'] as const;
export type Tier = (typeof TIERS)[number];
