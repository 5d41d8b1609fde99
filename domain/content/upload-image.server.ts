// An admin uploads an image for the site's pages. The type is read from the bytes (PNG, JPEG,
// WebP, GIF; never SVG), the file is at most MAX_IMAGE_BYTES, and every image has alt text —
// an image a screen reader cannot describe is not taken. It is kept resized to at most
// MAX_IMAGE_WIDTH pixels wide, without its metadata; editors put its address in Markdown.
import type { Db } from '#db/client.server.ts';
import { siteImages } from '#db/schema/content.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { t } from '#lib/i18n.ts';
import { resizeImage, webImageTypeOf } from '#lib/images/resize-image.server.ts';
import { imagePath, MAX_IMAGE_BYTES, MAX_IMAGE_WIDTH } from './image-address.ts';

export { MAX_IMAGE_BYTES, MAX_IMAGE_WIDTH };

export type UploadImageResult = { ok: true; id: string; path: string } | { ok: false; errors: Record<string, string> };

export async function uploadImage(db: Db, actor: Actor, input: { organizationId: string; organizationSlug: string; bytes: Uint8Array | null; alt: string }): Promise<UploadImageResult> {
  const errors: Record<string, string> = {};
  const alt = input.alt.trim();
  if (!alt) errors.alt = t('siteImages.altRequired');
  else if (alt.length > 300) errors.alt = t('form.tooLong', { max: 300 });
  const bytes = input.bytes && input.bytes.length > 0 ? input.bytes : null;
  if (!bytes) errors.image = t('siteImages.fileRequired');
  else if (bytes.length > MAX_IMAGE_BYTES) errors.image = t('siteImages.tooLarge', { max: MAX_IMAGE_BYTES / 1024 / 1024 });
  else if (!webImageTypeOf(bytes)) errors.image = t('siteImages.wrongType');
  if (Object.keys(errors).length) return { ok: false, errors };
  const resized = await resizeImage(bytes!, MAX_IMAGE_WIDTH);
  if (!resized) return { ok: false, errors: { image: t('siteImages.unreadable') } };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(siteImages)
      .values({ organizationId: input.organizationId, contentType: resized.contentType, width: resized.width, height: resized.height, byteSize: resized.bytes.length, alt, bytes: resized.bytes, createdBy: actor.userId })
      .returning({ id: siteImages.id });
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'site.image_uploaded',
      entityType: 'site_image',
      entityId: row!.id,
      after: { contentType: resized.contentType, width: resized.width, height: resized.height, bytes: resized.bytes.length },
    });
    return { ok: true as const, id: row!.id, path: imagePath(input.organizationSlug, row!.id, resized.contentType) };
  });
}
