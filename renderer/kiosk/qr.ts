import jsQR from 'jsqr';
import { TRANSPORTER_ID, transporterIdOf } from '../../shared/badge';

/** A transporter ID as printed on a badge: letters and digits, upper case (the badge's own rule). */
export { TRANSPORTER_ID };

/** Decode a badge's QR code from RGBA pixels (a video frame drawn on a canvas); null when none is seen. */
export function decodeBadge(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const hit = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return hit ? transporterIdOf(hit.data) : null;
}
