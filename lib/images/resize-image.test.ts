import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { resizeImage, squareIcon, webImageTypeOf } from './resize-image.server.ts';

const picture = (format: 'png' | 'jpeg' | 'webp' | 'gif', width = 40, height = 20) =>
  sharp({ create: { width, height, channels: 3, background: '#1f4e79' } })
    .toFormat(format)
    .toBuffer();

describe('uploaded images', () => {
  test.each(['png', 'jpeg', 'webp', 'gif'] as const)('a %s is recognised from its bytes', async (format) => {
    expect(webImageTypeOf(await picture(format))).toBe(format === 'jpeg' ? 'image/jpeg' : `image/${format}`);
  });

  test.each([
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>')],
    ['an SVG with an XML declaration', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a PDF', Buffer.from('%PDF-1.7\n')],
    ['a RIFF that is not WebP', Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt ')],
    ['nothing', Buffer.alloc(0)],
  ])('%s is not taken', async (_what, bytes) => {
    expect(webImageTypeOf(bytes)).toBeNull();
    expect(await resizeImage(bytes, 1600)).toBeNull();
  });

  test('a file that only starts like a PNG is refused when decoded', async () => {
    const png = await picture('png');
    expect(await resizeImage(png.subarray(0, 40), 1600)).toBeNull();
  });

  test('a wide image is scaled down to the maximum width, keeping its proportions and format', async () => {
    const resized = await resizeImage(await picture('jpeg', 3200, 1000), 1600);
    expect(resized).toMatchObject({ contentType: 'image/jpeg', width: 1600, height: 500 });
    expect((await sharp(resized!.bytes).metadata()).width).toBe(1600);
  });

  test('a small image is not enlarged', async () => {
    expect(await resizeImage(await picture('webp', 300, 200), 1600)).toMatchObject({ contentType: 'image/webp', width: 300, height: 200 });
  });

  test('camera metadata is dropped', async () => {
    const withExif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Someone', ImageDescription: 'Room 4' } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const resized = await resizeImage(withExif, 1600);
    expect((await sharp(resized!.bytes).metadata()).exif).toBeUndefined();
  });

  test('a favicon is cut to a square PNG', async () => {
    const icon = await squareIcon(await picture('jpeg', 300, 100), 64);
    expect(icon).toMatchObject({ contentType: 'image/png', width: 64, height: 64 });
    expect(await sharp(icon!.bytes).metadata()).toMatchObject({ format: 'png', width: 64, height: 64 });
  });
});
