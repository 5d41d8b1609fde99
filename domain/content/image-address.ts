// The stable address of a site image: /o/<org>/media/<id>.<ext>. The bytes behind an id never
// change (a new upload is a new id), so the address is cached for a year.
import type { SiteImageType } from '#db/schema/content.ts';

/** An upload's size limit, and the width it is scaled down to (the body limit allows the former, server/body-limit.server.ts). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGE_WIDTH = 1600;

export const IMAGE_EXTENSIONS: Record<SiteImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

export function imagePath(organizationSlug: string, id: string, contentType: SiteImageType): string {
  return `/o/${organizationSlug}/media/${id}.${IMAGE_EXTENSIONS[contentType]}`;
}

/** `<uuid>.<ext>` → its parts, or null. */
export function parseImageFile(file: string): { id: string; extension: string } | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(png|jpg|webp|gif)$/.exec(file);
  return match ? { id: match[1]!, extension: match[2]! } : null;
}
