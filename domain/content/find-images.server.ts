// The organization's uploaded images: the admin's list (no bytes) and one image to serve.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { siteImages } from '#db/schema/content.ts';
import { DomainError } from '#domain/errors.ts';
import { IMAGE_EXTENSIONS } from './image-address.ts';

export async function findSiteImages(db: DbOrTx, organizationId: string) {
  return db
    .select({ id: siteImages.id, contentType: siteImages.contentType, width: siteImages.width, height: siteImages.height, byteSize: siteImages.byteSize, alt: siteImages.alt, createdAt: siteImages.createdAt })
    .from(siteImages)
    .where(eq(siteImages.organizationId, organizationId))
    .orderBy(desc(siteImages.createdAt));
}

/** One image of the organization whose extension matches its type, or IMAGE_NOT_FOUND. */
export async function getSiteImage(db: DbOrTx, organizationId: string, id: string, extension: string) {
  const [image] = await db
    .select()
    .from(siteImages)
    .where(and(eq(siteImages.organizationId, organizationId), eq(siteImages.id, id)));
  if (!image || IMAGE_EXTENSIONS[image.contentType] !== extension) throw new DomainError('IMAGE_NOT_FOUND', id);
  return image;
}
