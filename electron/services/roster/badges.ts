import { and, eq, inArray, isNull } from 'drizzle-orm';
import { drivers } from '../../db/schema';
import type { ReadContext } from '../context';
import { deskPdf } from '../pdf';
import { getStation, stationToday } from '../station/station';
import { notFound, validationError } from '../../../shared/errors';
import { badgeQrText, TRANSPORTER_ID } from '../../../shared/badge';
import { QR_QUIET_ZONE, qrMatrix } from '../../../shared/qr';
import type { BadgeSheet } from '../../../shared/contract/roster';

/**
 * The badge sheet: one card per driver with name, transporter ID and a QR code of the ID — exactly
 * the text the kiosk's scanner accepts (`shared/badge.ts`). US-letter portrait, 2 × 4 cards of
 * 3.5 × 2.25 in with cut lines, drawn with pdfkit like the load-out sheet (DejaVu Sans; the QR code
 * as vector squares, so it prints sharp at any size).
 */
export const BADGE_LAYOUT = { page: { width: 612, height: 792 }, columns: 2, rows: 4, card: { width: 252, height: 162 }, gap: { x: 18, y: 12 }, qrSize: 92 } as const;
export const BADGES_PER_PAGE = BADGE_LAYOUT.columns * BADGE_LAYOUT.rows;

/** Top-left corner of the n-th card on its page (points, from the top-left of the page). */
export function badgeOrigin(n: number): { x: number; y: number } {
  const { page, columns, rows, card, gap } = BADGE_LAYOUT;
  const i = n % BADGES_PER_PAGE;
  const left = (page.width - (columns * card.width + (columns - 1) * gap.x)) / 2;
  const top = (page.height - (rows * card.height + (rows - 1) * gap.y)) / 2;
  return { x: left + (i % columns) * (card.width + gap.x), y: top + Math.floor(i / columns) * (card.height + gap.y) };
}

interface BadgeDriver {
  name: string;
  transporterId: string;
}

/** The drivers to print: the ones asked for (archived ones refused as not found), else every active driver, by name. */
function badgeDrivers(ctx: ReadContext, ids: number[] | undefined): BadgeDriver[] {
  const cols = { id: drivers.id, name: drivers.name, transporterId: drivers.transporterId };
  let list: (BadgeDriver & { id: number })[];
  if (ids) {
    list = ctx.db.select(cols).from(drivers).where(and(inArray(drivers.id, ids), isNull(drivers.archivedAt))).all();
    const found = new Set(list.map((d) => d.id));
    const missing = [...new Set(ids)].filter((id) => !found.has(id));
    if (missing.length > 0) throw notFound('driver', missing.join(', '));
  } else {
    list = ctx.db.select(cols).from(drivers).where(and(eq(drivers.status, 'active'), isNull(drivers.archivedAt))).all();
  }
  // A badge the kiosk could not read would be a wrong card in a driver's hand: refuse it instead.
  const unreadable = list.filter((d) => !TRANSPORTER_ID.test(badgeQrText(d.transporterId)));
  if (unreadable.length > 0) {
    throw validationError(
      `No badge for ${unreadable.map((d) => `${d.name} (“${d.transporterId}”)`).join(', ')}: a transporter ID must be 6–20 letters or digits for the kiosk to read it. Correct it on the roster.`,
      unreadable.map((d) => ({ path: 'transporterId', message: `${d.name}: not a transporter ID` })),
    );
  }
  return list.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }));
}

export function badgePdf(list: BadgeDriver[], station: string): Promise<Buffer> {
  const { card, qrSize } = BADGE_LAYOUT;
  const { doc, done } = deskPdf({ size: 'LETTER', margin: 0, info: { Title: `Driver badges — ${station}` } });
  if (list.length === 0) doc.font('body').fontSize(12).fillColor('#444').text('No active drivers on the roster.', 72, 72);
  list.forEach((d, n) => {
    if (n > 0 && n % BADGES_PER_PAGE === 0) doc.addPage();
    const { x, y } = badgeOrigin(n);
    // Cut line, then the station band.
    doc.save().lineWidth(0.5).dash(3, { space: 3 }).strokeColor('#9aa3ad').rect(x, y, card.width, card.height).stroke().restore();
    doc.rect(x, y, card.width, 22).fill('#17212e');
    doc.font('bold').fontSize(8.5).fillColor('#ffffff').text(station, x + 10, y + 7, { width: card.width - 20, height: 11, lineBreak: false, ellipsis: true });
    // The name across the card (shrunk to fit before it wraps to a second line).
    const nameW = card.width - 20;
    doc.font('bold');
    const size = [14, 12.5, 11].find((pts) => doc.fontSize(pts).widthOfString(d.name) <= nameW) ?? 11;
    doc.fontSize(size).fillColor('#111111').text(d.name, x + 10, y + 30, { width: nameW, height: 2.4 * size, ellipsis: true });
    // The QR code bottom right, quiet zone included (white), one square per dark module.
    const q = qrMatrix(badgeQrText(d.transporterId));
    const unit = qrSize / (q.size + 2 * QR_QUIET_ZONE);
    const qx = x + card.width - qrSize - 6;
    const qy = y + card.height - qrSize - 4;
    doc.rect(qx, qy, qrSize, qrSize).fill('#ffffff');
    for (let my = 0; my < q.size; my++)
      for (let mx = 0; mx < q.size; mx++) if (q.dark(mx, my)) doc.rect(qx + (mx + QR_QUIET_ZONE) * unit, qy + (my + QR_QUIET_ZONE) * unit, unit + 0.05, unit + 0.05);
    doc.fill('#000000');
    // The ID, left of the code.
    const textW = qx - x - 14;
    doc.font('body').fontSize(7).fillColor('#555555').text('TRANSPORTER ID', x + 10, y + 96, { width: textW, lineBreak: false });
    doc.font('bold').fontSize(11).fillColor('#111111').text(badgeQrText(d.transporterId), x + 10, y + 106, { width: textW, height: 14, lineBreak: false });
    doc.font('body').fontSize(7).fillColor('#555555').text('Scan or type it at the check-in kiosk.', x + 10, y + 130, { width: textW, height: 20 });
  });
  doc.end();
  return done;
}

/** `roster.badges`: the sheet for the given drivers, or every active driver. */
export async function badgeSheet(ctx: ReadContext, input: { driverIds?: number[] | undefined }): Promise<BadgeSheet> {
  const list = badgeDrivers(ctx, input.driverIds);
  const station = getStation(ctx.db);
  const pdf = await badgePdf(list, station?.name ?? 'Dispatch Desk');
  return {
    fileName: `badges-${station?.code ?? 'station'}-${stationToday(ctx.db, ctx.clock)}.pdf`,
    mimeType: 'application/pdf',
    base64: pdf.toString('base64'),
    badges: list.length,
    pages: Math.max(1, Math.ceil(list.length / BADGES_PER_PAGE)),
  };
}
