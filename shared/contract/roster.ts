import { z } from 'zod';
import { DRIVER_STATUSES, QUALIFICATIONS, type DriverStatus, type Qualification } from '../domain';
import { channel } from './define';
import { TRANSPORTER_ID } from '../badge';
import { archiveInput, fileInput, id, idInput, listInput, notes, optionalDate, requiredText, shortText, type ImportIssue } from './common';

export interface Driver {
  id: number;
  transporterId: string;
  name: string;
  phone: string;
  workPhone: string;
  email: string;
  licenceNumber: string;
  licenceExpiry: string | null;
  dotMedicalExpiry: string | null;
  hireDate: string | null;
  status: DriverStatus;
  position: string;
  qualifications: Qualification[];
  usualVanId: number | null;
  notes: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Amazon transporter IDs are uppercase letters and digits, e.g. A1B2C3D4E5F6G7. */
export const transporterId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(TRANSPORTER_ID, 'must be 6–20 letters or digits (Amazon transporter ID)');

const phone = shortText(40).regex(/^[0-9+()\-. x]*$/, 'may only contain digits, spaces and + ( ) - .').default('');

export const driverInput = z.strictObject({
  id: id.optional(),
  transporterId,
  name: requiredText(120),
  phone,
  workPhone: phone,
  email: z.union([z.literal(''), z.string().trim().max(200).email('must be an email address')]).default(''),
  licenceNumber: shortText(40).default(''),
  licenceExpiry: optionalDate,
  dotMedicalExpiry: optionalDate,
  hireDate: optionalDate,
  status: z.enum(DRIVER_STATUSES).default('active'),
  position: shortText(80).default('Delivery Associate'),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).default([]),
  usualVanId: id.nullable().optional(),
  notes,
});
export type DriverInput = z.input<typeof driverInput>;

export interface RosterImportResult {
  ok: boolean;
  dryRun: boolean;
  drivers: number;
  added: string[];
  changed: string[];
  unchanged: number;
  errors: ImportIssue[];
  /** Who would be added or changed, as the file names them (rows without errors; unchanged rows left out): for the preview. */
  preview: { row: number; transporterId: string; name: string; action: 'add' | 'change' }[];
}

/** The badge sheet: a PDF file (base64) and how many badges it holds. */
export interface BadgeSheet {
  fileName: string;
  mimeType: string;
  base64: string;
  badges: number;
  pages: number;
}

export const rosterChannels = {
  'roster.list': channel<Driver[]>()({ input: listInput, access: 'read', summary: 'Drivers, optionally filtered by a search text' }),
  'roster.get': channel<Driver>()({ input: idInput, access: 'read', summary: 'One driver by id' }),
  'roster.upsert': channel<Driver>()({ input: driverInput, access: 'write', summary: 'Create a driver, or update one when id is given' }),
  'roster.archive': channel<Driver>()({ input: archiveInput, access: 'write', summary: 'Archive (or with archived:false restore) a driver' }),
  'roster.badges': channel<BadgeSheet>()({
    input: z.strictObject({ driverIds: z.array(id).min(1).max(2000).optional() }).default({}),
    access: 'read',
    summary: "Printable badge sheet (PDF, 8 a page): each driver's name, transporter ID and a QR code of the ID for the kiosk; default every active driver",
  }),
  'roster.import': channel<RosterImportResult>()({
    input: fileInput.extend({ dryRun: z.boolean().default(true) }),
    access: 'write',
    summary: "Import Amazon's associates export (CSV); all or nothing, updates by transporter ID",
  }),
};
