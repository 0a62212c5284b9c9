import { z } from 'zod';
import {
  DEVICE_KINDS,
  OWNERSHIP_TYPES,
  VAN_STATUSES,
  VAN_TYPES,
  type DeviceKind,
  type OwnershipType,
  type VanStatus,
  type VanType,
} from '../domain';
import { vinProblem, normalizeVin } from '../vin';
import { channel } from './define';
import { archiveInput, id, idInput, listInput, notes, optionalDate, requiredText, shortText } from './common';

export interface Van {
  id: number;
  name: string;
  vin: string;
  plate: string;
  plateState: string;
  make: string;
  model: string;
  year: number | null;
  type: VanType;
  ownership: OwnershipType;
  ownershipEndDate: string | null;
  odometerMi: number;
  status: VanStatus;
  statusReason: string;
  usableRangeMi: number | null;
  stateOfChargePct: number | null;
  chargingBay: string;
  notes: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Device {
  id: number;
  identifier: string;
  kind: DeviceKind;
  label: string;
  phoneNumber: string;
  vanId: number | null;
  lastSeenAt: string | null;
  archivedAt: string | null;
}

export interface VanDetail extends Van {
  devices: Device[];
}

export const vin = z
  .string()
  .max(40, 'VIN must be 17 characters')
  .transform(normalizeVin)
  .superRefine((v, ctx) => {
    const problem = vinProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** US plates: 1–8 letters, digits, spaces or dashes. */
export const plate = shortText(10)
  .toUpperCase()
  .regex(/^[A-Z0-9 -]{0,8}$/, 'must be up to 8 letters, digits, spaces or dashes');

export const vanInput = z.strictObject({
  id: id.optional(),
  name: requiredText(40),
  vin,
  plate: plate.default(''),
  plateState: shortText(2).toUpperCase().regex(/^([A-Z]{2})?$/, 'must be a two-letter state code').default(''),
  make: shortText(40).default(''),
  model: shortText(60).default(''),
  year: z.number().int().min(1980).max(2100).nullable().optional(),
  type: z.enum(VAN_TYPES),
  ownership: z.enum(OWNERSHIP_TYPES).default('owned'),
  ownershipEndDate: optionalDate,
  odometerMi: z.number().min(0).max(2_000_000).default(0),
  status: z.enum(VAN_STATUSES).default('in_service'),
  statusReason: shortText(300).default(''),
  usableRangeMi: z.number().min(0).max(1000).nullable().optional(),
  stateOfChargePct: z.number().min(0).max(100).nullable().optional(),
  chargingBay: shortText(20).default(''),
  notes,
});
export type VanInput = z.input<typeof vanInput>;

export const deviceInput = z.strictObject({
  id: id.optional(),
  identifier: requiredText(64).regex(/^[A-Za-z0-9_.:-]+$/, 'may only contain letters, digits and _ . : -'),
  kind: z.enum(DEVICE_KINDS).default('phone'),
  label: shortText(60).default(''),
  phoneNumber: shortText(40).default(''),
  vanId: id.nullable().optional(),
});

export const fleetChannels = {
  'fleet.list': channel<Van[]>()({
    input: listInput,
    access: 'read',
    summary: 'Vans, optionally filtered by a search text',
  }),
  'fleet.get': channel<VanDetail>()({ input: idInput, access: 'read', summary: 'One van with its linked devices' }),
  'fleet.upsert': channel<Van>()({ input: vanInput, access: 'write', summary: 'Create a van, or update one when id is given' }),
  'fleet.archive': channel<Van>()({ input: archiveInput, access: 'write', summary: 'Archive (or restore) a van' }),
  'devices.list': channel<Device[]>()({ input: listInput, access: 'read', summary: 'Telematics devices and phones' }),
  'devices.upsert': channel<Device>()({ input: deviceInput, access: 'write', summary: 'Create or update a device (link it to a van)' }),
};
