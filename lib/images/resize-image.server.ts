// Uploaded images for the public site (issue 14): the type is read from the bytes themselves
// (the magic number), never from the file's name or the browser's say-so; only PNG, JPEG, WebP
// and GIF are taken (SVG never: it can carry script). sharp then decodes the image in full —
// a file that only starts like an image is refused here — turns it upright, drops its metadata
// (camera, place) and scales it down to a maximum width, keeping its format.
import sharp from 'sharp';

export type WebImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The image type from the first bytes, or null for anything else (SVG, HTML, PDF...). */
export function webImageTypeOf(bytes: Uint8Array): WebImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  return null;
}

export interface ResizedImage {
  bytes: Buffer;
  contentType: WebImageType;
  width: number;
  height: number;
}

/** Most pixels an upload may decode to (a small file can unpack into a huge bitmap). */
const MAX_INPUT_PIXELS = 40_000_000;

/** Null when the bytes are not a readable PNG, JPEG, WebP or GIF. */
export async function resizeImage(input: Uint8Array, maxWidth: number): Promise<ResizedImage | null> {
  const contentType = webImageTypeOf(input);
  if (!contentType) return null;
  try {
    const animated = contentType === 'image/gif' || contentType === 'image/webp';
    let pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated, failOn: 'error' })
      .rotate()
      .resize({ width: maxWidth, withoutEnlargement: true });
    pipeline =
      contentType === 'image/png' ? pipeline.png() : contentType === 'image/jpeg' ? pipeline.jpeg({ quality: 82, mozjpeg: true }) : contentType === 'image/webp' ? pipeline.webp({ quality: 80 }) : pipeline.gif();
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType, width: info.width, height: info.pageHeight ?? info.height };
  } catch {
    return null;
  }
}

/** A square PNG icon (the favicon), from any accepted image. */
export async function squareIcon(input: Uint8Array, size: number): Promise<ResizedImage | null> {
  if (!webImageTypeOf(input)) return null;
  try {
    const data = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate().resize(size, size, { fit: 'cover' }).png().toBuffer();
    return { bytes: data, contentType: 'image/png', width: size, height: size };
  } catch {
    return null;
  }
}
