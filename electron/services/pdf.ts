import PDFDocument from 'pdfkit';
import { fontPath } from './fonts';

/**
 * A pdfkit document as every desk PDF starts it (load-out, stand-up, badges): the bundled DejaVu
 * fonts registered as `body` and `bold`, and the bytes collected. Draw on `doc`, call `doc.end()`,
 * then await `done` for the file.
 */
export function deskPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ ...options, info: { Author: 'Dispatch Desk', ...options.info } });
  doc.registerFont('body', fontPath('DejaVuSans.ttf'));
  doc.registerFont('bold', fontPath('DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
