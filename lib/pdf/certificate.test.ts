// The certificate as a reader and a phone see it: the text read back with pdf.js, and the
// QR code decoded from the page rendered to pixels (pdf.js on @napi-rs/canvas, then jsQR).
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';
import { getDocumentProxy, renderPageAsImage } from 'unpdf';
import { describe, expect, test } from 'vitest';
import { renderCertificatePdf, type CertificateDocument } from './certificate.ts';
import { pdfText } from './pdf-text.ts';

// jsqr is CommonJS: Node hands over module.exports, TypeScript (NodeNext) sees it under .default.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

const APA_STATEMENT =
  'The American Balint Society is approved by the American Psychological Association to sponsor continuing education for psychologists. The American Balint Society maintains responsibility for this program and its content.';

const base: CertificateDocument = {
  organizationName: 'American Balint Society',
  kind: 'credit',
  recipientName: 'Zoë Łukasiewicz',
  courseTitle: 'Balint Leadership Training Intensive',
  courseDates: 'April 23–26, 2025',
  place: 'Spokane, WA',
  body: 'APA',
  unit: 'credits',
  credit: 19.25,
  attendedMinutes: 1155,
  statement: APA_STATEMENT,
  signerName: 'Dana Director',
  signerTitle: 'Course director',
  signatureImage: null,
  code: '7K3M-QX9D-2HBT-W4RN-C',
  verificationUrl: 'https://balint.example.org/verify/7K3M-QX9D-2HBT-W4RN-C',
  issuedOn: '2025-04-26',
};

async function decodeQr(pdf: Buffer): Promise<string | null> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const png = await renderPageAsImage(document, 1, { canvasImport: () => import('@napi-rs/canvas'), scale: 2 });
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height);
  return jsQR(new Uint8ClampedArray(pixels.data), image.width, image.height)?.data ?? null;
}

describe('certificate PDF', () => {
  test('a credit certificate names the person, the credit, the statement and the verification URL, and its QR code opens that URL', async () => {
    const pdf = await renderCertificatePdf(base);
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Certificate of Continuing Education Credit');
    expect(text).toContain('Zoë Łukasiewicz');
    expect(text).toContain('19.25 credits (APA)');
    expect(text).toContain('maintains responsibility for this program and its content');
    expect(text).toContain('7K3M-QX9D-2HBT-W4RN-C');
    expect(text).toContain(base.verificationUrl);
    expect(await decodeQr(pdf)).toBe(base.verificationUrl);
  });

  test('a certificate of attendance says it carries no credit', async () => {
    const pdf = await renderCertificatePdf({ ...base, kind: 'attendance', credit: 0, attendedMinutes: 200, code: 'AAAA-BBBB-CCCC-DDDD-E', verificationUrl: 'https://balint.example.org/verify/AAAA-BBBB-CCCC-DDDD-E' });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Certificate of Attendance');
    expect(text).toContain('attended 3.25 hours');
    expect(text).toContain('carries no APA credit');
    expect(await decodeQr(pdf)).toBe('https://balint.example.org/verify/AAAA-BBBB-CCCC-DDDD-E');
  });

  test('a signature image is printed', async () => {
    const canvas = createCanvas(200, 50);
    const context = canvas.getContext('2d');
    context.fillStyle = '#000';
    context.fillRect(10, 20, 180, 4);
    const signature = canvas.toBuffer('image/png');
    const without = await renderCertificatePdf(base);
    const withImage = await renderCertificatePdf({ ...base, signatureImage: signature });
    expect(withImage.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    expect(without.includes(Buffer.from('/Subtype /Image'))).toBe(false);
  });
});
