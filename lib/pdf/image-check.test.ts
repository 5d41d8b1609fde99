// An uploaded signature is read in full before it is kept or printed: a damaged PNG is refused
// (pdfkit would otherwise decode it later, asynchronously, and a throw there ends the process).
import zlib from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, test } from 'vitest';
import { signaturePng } from '../../tests/helpers/png.ts';
import { renderCertificatePdf } from './certificate.ts';
import { imageTypeOf, printableImageType } from './image-check.ts';

/** Rewrites one chunk's data and its CRC, so only the content is wrong. */
function withChunk(png: Buffer, type: string, change: (data: Buffer) => Buffer): Buffer {
  const parts: Buffer[] = [png.subarray(0, 8)];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const name = png.toString('latin1', offset + 4, offset + 8);
    let data = png.subarray(offset + 8, offset + 8 + length);
    if (name === type) data = change(Buffer.from(data));
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(name, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
    parts.push(head, data, crc);
    offset += 12 + length;
  }
  return Buffer.concat(parts);
}

describe('printable signature images', () => {
  const canvas = createCanvas(120, 40);
  canvas.getContext('2d').fillRect(10, 18, 100, 4);
  const canvasPng = canvas.toBuffer('image/png');
  const jpeg = canvas.toBuffer('image/jpeg');
  const png = signaturePng();

  test('real PNGs and JPEGs pass', () => {
    expect(printableImageType(png)).toBe('image/png');
    expect(printableImageType(canvasPng)).toBe('image/png');
    expect(printableImageType(jpeg)).toBe('image/jpeg');
  });

  test.each([
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00')],
    ['SVG text', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['nothing', Buffer.alloc(0)],
    ['a PNG cut short', png.subarray(0, png.length - 20)],
    ['a PNG with a flipped byte (CRC)', (() => { const b = Buffer.from(png); b[b.length - 20]! ^= 0xff; return b; })()],
    ['a PNG whose pixels do not inflate', withChunk(png, 'IDAT', (d) => Buffer.concat([d.subarray(0, 2), Buffer.alloc(d.length - 2, 0xaa)]))],
    ['a PNG with too few pixels', withChunk(png, 'IDAT', () => zlib.deflateSync(Buffer.alloc(10)))],
    ['a PNG with a bad row filter', withChunk(png, 'IDAT', (d) => { const raw = zlib.inflateSync(d); raw[0] = 9; return zlib.deflateSync(raw); })],
    ['an interlaced PNG', withChunk(png, 'IHDR', (d) => { d[12] = 1; return d; })],
    ['a JPEG that is only its magic number', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46])],
  ])('%s is refused', (_, bytes) => {
    expect(printableImageType(bytes)).toBeNull();
  });

  test('the type comes from the bytes only', () => {
    expect(imageTypeOf(png)).toBe('image/png');
    expect(imageTypeOf(jpeg)).toBe('image/jpeg');
  });

  test('a certificate with a damaged signature still renders, without the image', async () => {
    const damaged = withChunk(png, 'IDAT', (d) => Buffer.concat([d.subarray(0, 2), Buffer.alloc(d.length - 2, 0xaa)]));
    const pdf = await renderCertificatePdf({
      organizationName: 'American Balint Society',
      kind: 'credit',
      recipientName: 'Morgan Member',
      courseTitle: 'Intensive',
      courseDates: 'April 23–26, 2025',
      place: '',
      body: 'APA',
      unit: 'credits',
      credit: 3,
      attendedMinutes: 180,
      statement: '',
      signerName: 'Dana Director',
      signerTitle: '',
      signatureImage: damaged,
      code: '7K3M-QX9D-2HBT-W4RN-C',
      verificationUrl: 'https://hub.example.org/verify/7K3M-QX9D-2HBT-W4RN-C',
      issuedOn: '2025-04-28',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(false);
  });
});
