import PDFDocument from 'pdfkit';
import { fontPath } from './fonts';

/**
 * Every printed sheet the desk writes in landscape US letter (load-out, end-of-shift report): the
 * same margins, the bundled DejaVu fonts as `body` and `bold`, the bytes once `draw` is done.
 */
export function landscapeSheet(title: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', layout: 'landscape', margins: { top: 36, bottom: 36, left: 32, right: 32 }, info: { Title: title, Author: 'Dispatch Desk' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', fontPath('DejaVuSans.ttf'));
    doc.registerFont('bold', fontPath('DejaVuSans-Bold.ttf'));
    try {
      draw(doc);
    } catch (err) {
      reject(err as Error);
      return;
    }
    doc.end();
  });
}
