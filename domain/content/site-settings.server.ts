// The site's look per organization: a theme colour (<meta name="theme-color">) and a favicon
// (<link rel="icon">), an uploaded image cut to a 64×64 PNG.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { siteImages, siteSettings } from '#db/schema/content.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { t } from '#lib/i18n.ts';
import { squareIcon, webImageTypeOf } from '#lib/images/resize-image.server.ts';
import { imagePath, MAX_IMAGE_BYTES } from './image-address.ts';

export const DEFAULT_THEME_COLOR = '#1f4e79';
export const FAVICON_SIZE = 64;
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export interface SiteLook {
  themeColor: string;
  /** The favicon's address, or null for the deployment's own. */
  faviconPath: string | null;
}

export async function findSiteLook(db: DbOrTx, organization: { id: string; slug: string }): Promise<SiteLook> {
  const [row] = await db
    .select({ themeColor: siteSettings.themeColor, faviconId: siteImages.id, faviconType: siteImages.contentType })
    .from(siteSettings)
    .leftJoin(siteImages, eq(siteImages.id, siteSettings.faviconImageId))
    .where(eq(siteSettings.organizationId, organization.id));
  return {
    themeColor: row?.themeColor ?? DEFAULT_THEME_COLOR,
    faviconPath: row?.faviconId && row.faviconType ? imagePath(organization.slug, row.faviconId, row.faviconType) : null,
  };
}

export type SaveSiteLookResult = { ok: true } | { ok: false; errors: Record<string, string> };

export async function saveSiteLook(db: DbOrTx, actor: Actor, input: { organizationId: string; themeColor: string; favicon: Uint8Array | null }): Promise<SaveSiteLookResult> {
  const errors: Record<string, string> = {};
  const themeColor = input.themeColor.trim().toLowerCase();
  if (!HEX_COLOR.test(themeColor)) errors.themeColor = t('siteSettings.colorRule');
  const favicon = input.favicon && input.favicon.length > 0 ? input.favicon : null;
  let icon: Awaited<ReturnType<typeof squareIcon>> = null;
  if (favicon) {
    if (favicon.length > MAX_IMAGE_BYTES) errors.favicon = t('siteImages.tooLarge', { max: MAX_IMAGE_BYTES / 1024 / 1024 });
    else if (!webImageTypeOf(favicon)) errors.favicon = t('siteImages.wrongType');
    else if (!(icon = await squareIcon(favicon, FAVICON_SIZE))) errors.favicon = t('siteImages.unreadable');
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(siteSettings).where(eq(siteSettings.organizationId, input.organizationId)).for('update');
    let faviconImageId = before?.faviconImageId ?? null;
    if (icon) {
      const [row] = await tx
        .insert(siteImages)
        .values({ organizationId: input.organizationId, contentType: icon.contentType, width: icon.width, height: icon.height, byteSize: icon.bytes.length, alt: t('siteSettings.faviconAlt'), bytes: icon.bytes, createdBy: actor.userId })
        .returning({ id: siteImages.id });
      faviconImageId = row!.id;
    }
    await tx
      .insert(siteSettings)
      .values({ organizationId: input.organizationId, themeColor, faviconImageId })
      .onConflictDoUpdate({ target: siteSettings.organizationId, set: { themeColor, faviconImageId, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'site.settings_saved',
      entityType: 'organization',
      entityId: input.organizationId,
      before: before ? { themeColor: before.themeColor, faviconImageId: before.faviconImageId } : null,
      after: { themeColor, faviconImageId },
    });
  });
  return { ok: true };
}
