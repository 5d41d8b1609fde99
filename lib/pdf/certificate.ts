// A CE certificate (or a certificate of attendance) as PDF: one landscape Letter page with
// the person, the course, the credit with the accrediting body's statement verbatim, the
// director's signature, and a verification code with a QR code of the public verification
// URL. The QR code is drawn as vector squares, so it stays sharp at any print size.
import QRCode from 'qrcode';
import { formatDate, t } from '#lib/i18n.ts';
import { formatCredit } from '#lib/credit-format.ts';
import { printableImageType } from './image-check.ts';
import { createDocument, finish } from './layout.ts';

export interface CertificateDocument {
  organizationName: string;
  kind: 'credit' | 'attendance';
  recipientName: string;
  courseTitle: string;
  /** In words, as printed: "April 23–26, 2025". */
  courseDates: string;
  place: string;
  body: string;
  unit: 'credits' | 'hours' | 'points';
  /** Credit earned (credit certificates). */
  credit: number;
  /** Minutes attended (certificates of attendance). */
  attendedMinutes: number;
  /** The accrediting body's statement, verbatim. */
  statement: string;
  signerName: string;
  signerTitle: string;
  /** PNG or JPEG bytes of the signature, when staff uploaded one. */
  signatureImage: Buffer | null;
  code: string;
  verificationUrl: string;
  issuedOn: string;
}

export { formatCredit };

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 4;
  const cell = size / (count + quiet * 2);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
  doc.restore();
}

export async function renderCertificatePdf(c: CertificateDocument): Promise<Buffer> {
  const title = c.kind === 'credit' ? t('certificatePdf.creditTitle') : t('certificatePdf.attendanceTitle');
  const doc = createDocument(`${title} — ${c.recipientName}`, { size: 'LETTER', layout: 'landscape', margin: 54 });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.lineWidth(2).rect(30, 30, doc.page.width - 60, doc.page.height - 60).stroke('#1f3b57');

  doc.fillColor('#1f3b57').font('bold').fontSize(16).text(c.organizationName, left, 62, { width, align: 'center' });
  doc.moveDown(0.6).fontSize(26).text(title, { width, align: 'center' });
  doc.fillColor('#000000').font('body').fontSize(12).moveDown(0.8).text(t('certificatePdf.certifies'), { width, align: 'center' });
  doc.font('bold').fontSize(24).moveDown(0.3).text(c.recipientName, { width, align: 'center' });
  doc.font('body').fontSize(12).moveDown(0.3).text(t('certificatePdf.participated'), { width, align: 'center' });
  doc.font('bold').fontSize(16).moveDown(0.3).text(c.courseTitle, { width, align: 'center' });
  doc.font('body').fontSize(12).text([c.courseDates, c.place].filter(Boolean).join(' · '), { width, align: 'center' });
  const unit = t(`certificatePdf.units.${c.unit}`);
  const line =
    c.kind === 'credit'
      ? t('certificatePdf.earned', { credit: formatCredit(c.credit), unit, body: c.body })
      : t('certificatePdf.attendedOnly', { hours: formatCredit(Math.floor(c.attendedMinutes / 15) / 4), body: c.body });
  doc.moveDown(0.6).font('bold').fontSize(13).text(line, { width, align: 'center' });
  if (c.statement.trim()) doc.moveDown(0.5).font('body').fontSize(8.5).text(c.statement.trim(), left + 40, doc.y, { width: width - 80, align: 'center' });

  // Signature (left) and verification (right) along the bottom.
  const bottom = doc.page.height - 160;
  // Checked again here: an image stored before the upload check must not take the process down.
  if (c.signatureImage && printableImageType(c.signatureImage)) {
    try {
      doc.image(c.signatureImage, left + 10, bottom, { fit: [200, 50] });
    } catch {
      // An unreadable image prints no signature rather than no certificate.
    }
  }
  doc.moveTo(left + 10, bottom + 55).lineTo(left + 250, bottom + 55).lineWidth(0.8).stroke('#000000');
  doc.font('bold').fontSize(10).text(c.signerName, left + 10, bottom + 60, { width: 240 });
  if (c.signerTitle) doc.font('body').fontSize(9).text(c.signerTitle, left + 10, doc.y, { width: 240 });
  doc.font('body').fontSize(9).text(t('certificatePdf.issuedOn', { date: formatDate(c.issuedOn) }), left + 10, doc.y, { width: 240 });

  const qrSize = 96;
  const qrX = left + width - qrSize;
  drawQr(doc, c.verificationUrl, qrX, bottom - 10, qrSize);
  doc.font('body').fontSize(8).text(t('certificatePdf.code'), qrX - 330, bottom, { width: 320, align: 'right' });
  doc.font('bold').fontSize(12).text(c.code, qrX - 330, doc.y, { width: 320, align: 'right' });
  // One line, never broken at a hyphen: the URL must read back (and be typed) whole.
  doc.font('body').fontSize(7.5).text(c.verificationUrl, qrX - 330, doc.y + 2, { width: 320, align: 'right', lineBreak: false });
  return finish(doc);
}
