/**
 * A driver's badge: what its QR code holds and what the kiosk accepts — one rule for both. The code
 * holds the transporter ID alone, upper case (no URL, no prefix), so any QR reader shows the ID too.
 */

/** Amazon transporter IDs: 6–20 upper-case letters and digits, e.g. A1B2C3D4E5F6G7 (the roster's rule). */
export const TRANSPORTER_ID = /^[A-Z0-9]{6,20}$/;

/** The text a badge's QR code holds for a driver: the transporter ID, trimmed and upper case. */
export function badgeQrText(transporterId: string): string {
  return transporterId.trim().toUpperCase();
}

/** A scanned or typed text → the transporter ID it names, or null when it is not one. */
export function transporterIdOf(text: string): string | null {
  const id = badgeQrText(text);
  return TRANSPORTER_ID.test(id) ? id : null;
}
