import QRCode from 'qrcode';

/**
 * QR codes drawn by the desk (badges in the PDF, the kiosk link in Settings) from one source: the
 * `qrcode` library's module matrix, error correction M. `dark(x, y)` is true for a dark module;
 * the caller adds the quiet zone (4 modules) around `size`.
 */
export interface QrMatrix {
  size: number;
  dark(x: number, y: number): boolean;
}

export const QR_QUIET_ZONE = 4;

export function qrMatrix(text: string): QrMatrix {
  const m = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  return { size: m.size, dark: (x, y) => !!m.get(y, x) };
}

/** An SVG path of the dark modules, one unit per module, with the quiet zone: `viewBox="0 0 {box} {box}"`. */
export function qrSvgPath(text: string): { box: number; d: string } {
  const q = qrMatrix(text);
  const parts: string[] = [];
  for (let y = 0; y < q.size; y++)
    for (let x = 0; x < q.size; x++) if (q.dark(x, y)) parts.push(`M${x + QR_QUIET_ZONE} ${y + QR_QUIET_ZONE}h1v1h-1z`);
  return { box: q.size + 2 * QR_QUIET_ZONE, d: parts.join('') };
}
