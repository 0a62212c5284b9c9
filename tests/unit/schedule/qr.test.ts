import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeBadge } from '../../../renderer/kiosk/qr';

/** A badge's QR code as the camera would hand it over: RGBA pixels, a quiet zone, some scale. */
function render(text: string, scale = 6, margin = 4): { data: Uint8ClampedArray; size: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = (n + 2 * margin) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((margin + y) * scale + dy) * size + (margin + x) * scale + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
    }
  return { data, size };
}

describe('badge QR codes', () => {
  it('a generated badge code decodes to its transporter ID', () => {
    const { data, size } = render('A2KX7Q9M4T1B3C');
    expect(decodeBadge(data, size, size)).toBe('A2KX7Q9M4T1B3C');
  });

  it('a QR code that is not a transporter ID is ignored, and a blank frame finds nothing', () => {
    const { data, size } = render('https://example.invalid/x');
    expect(decodeBadge(data, size, size)).toBeNull();
    expect(decodeBadge(new Uint8ClampedArray(64 * 64 * 4).fill(255), 64, 64)).toBeNull();
  });
});
