// Whether an uploaded image can be printed on a PDF without surprises. The first bytes (the
// magic number) say PNG or JPEG; a PNG is then read in full here, synchronously — chunk CRCs,
// the header, the compressed pixels inflated and every row's filter byte checked — because
// pdfkit decodes a PNG with transparency later, asynchronously, where a corrupt file would
// throw outside any try/catch and take the process down. A JPEG is embedded as it is (pdfkit
// only reads its markers, synchronously), so opening it is the check.
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const MAX_PIXELS = 4096 * 4096;

/** `image/png` or `image/jpeg` from the bytes themselves, or null. */
export function imageTypeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length >= PNG_MAGIC.length && PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

function readablePng(b: Buffer): boolean {
  let offset = 8;
  let header: Buffer | undefined;
  let palette = false;
  let ended = false;
  const data: Buffer[] = [];
  while (offset + 12 <= b.length) {
    const length = b.readUInt32BE(offset);
    if (offset + 12 + length > b.length) return false;
    const type = b.toString('latin1', offset + 4, offset + 8);
    if (zlib.crc32(b.subarray(offset + 4, offset + 8 + length)) !== b.readUInt32BE(offset + 8 + length)) return false;
    const body = b.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset += 12 + length;
  }
  if (!header || header.length !== 13 || data.length === 0 || !ended) return false;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8]!;
  const colorType = header[9]!;
  const interlace = header[12]!;
  const channels = CHANNELS[colorType];
  if (!channels || ![1, 2, 4, 8, 16].includes(bitDepth) || width === 0 || height === 0 || width * height > MAX_PIXELS) return false;
  if (colorType === 3 && !palette) return false;
  // Interlaced PNGs are refused: nobody needs one for a signature, and it is one decoder path fewer.
  if (interlace !== 0) return false;
  const rowBytes = Math.ceil((width * channels * bitDepth) / 8);
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(Buffer.concat(data), { maxOutputLength: height * (rowBytes + 1) + 1 });
  } catch {
    return false;
  }
  if (raw.length !== height * (rowBytes + 1)) return false;
  for (let row = 0; row < height; row++) if (raw[row * (rowBytes + 1)]! > 4) return false;
  return true;
}

function readableJpeg(b: Buffer): boolean {
  try {
    // openImage is pdfkit's own reader (missing from its type definitions).
    (new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(source: Buffer): unknown }).openImage(b);
    return true;
  } catch {
    return false;
  }
}

/** The image's type when it can be printed on a PDF; null otherwise. */
export function printableImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const type = imageTypeOf(bytes);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'image/png') return readablePng(b) ? type : null;
  if (type === 'image/jpeg') return readableJpeg(b) ? type : null;
  return null;
}
