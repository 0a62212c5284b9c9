import jsQR from 'jsqr';

/** A transporter ID as printed on a badge: letters and digits, upper case. */
export const TRANSPORTER_ID = /^[A-Z0-9]{6,20}$/;

/** Decode a badge's QR code from RGBA pixels (a video frame drawn on a canvas); null when none is seen. */
export function decodeBadge(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const hit = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  const text = hit?.data.trim().toUpperCase() ?? '';
  return TRANSPORTER_ID.test(text) ? text : null;
}
