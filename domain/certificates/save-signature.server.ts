// Staff upload the director's signature printed on a course's certificates: the signer's name
// and title, and a PNG or JPEG image of at most 500 KB. The type is read from the file's own
// first bytes (its magic number), never from its name or the browser's say-so, and the image
// is read in full before it is kept (lib/pdf/image-check.ts): a corrupt file is refused here,
// not discovered when a certificate is rendered. Replacing it
// changes certificates rendered from then on; what a certificate says (the signer's name) is
// frozen at issue. Audited (the image's type and size, never its bytes).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courseSignatures } from '#db/schema/credit.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { t } from '#lib/i18n.ts';
import { imageTypeOf, printableImageType } from '#lib/pdf/image-check.ts';

export const MAX_SIGNATURE_BYTES = 500 * 1024;

export { imageTypeOf };

export interface SignatureInput {
  organizationId: string;
  courseId: string;
  signerName: string;
  signerTitle: string;
  /** The uploaded file's bytes; null or empty keeps the current image (name and title change only). */
  image: Uint8Array | null;
}

export type SaveSignatureResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** What staff see of the current signature (no image bytes). */
export async function findSignature(db: DbOrTx, where: { organizationId: string; courseId: string }) {
  const [row] = await db
    .select({ signerName: courseSignatures.signerName, signerTitle: courseSignatures.signerTitle, contentType: courseSignatures.contentType, uploadedAt: courseSignatures.uploadedAt })
    .from(courseSignatures)
    .where(and(eq(courseSignatures.courseId, where.courseId), eq(courseSignatures.organizationId, where.organizationId)));
  return row;
}

export async function saveSignature(db: DbOrTx, actor: Actor, input: SignatureInput): Promise<SaveSignatureResult> {
  const errors: Record<string, string> = {};
  const signerName = input.signerName.trim();
  const signerTitle = input.signerTitle.trim();
  if (!signerName) errors.signerName = t('signature.nameRequired');
  else if (signerName.length > 200) errors.signerName = t('form.tooLong', { max: 200 });
  if (signerTitle.length > 200) errors.signerTitle = t('form.tooLong', { max: 200 });
  const image = input.image && input.image.length > 0 ? input.image : null;
  let contentType: 'image/png' | 'image/jpeg' | null = null;
  if (image) {
    if (image.length > MAX_SIGNATURE_BYTES) errors.image = t('signature.tooLarge');
    else if (!imageTypeOf(image)) errors.image = t('signature.notAnImage');
    else if (!(contentType = printableImageType(image))) errors.image = t('signature.unreadable');
  }
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const before = await findSignature(tx, { organizationId: course.organizationId, courseId: course.id });
    if (!image && !before && !errors.image) errors.image = t('signature.imageRequired');
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const set = { signerName, signerTitle, uploadedBy: actor.userId, uploadedAt: new Date(), ...(image ? { image: Buffer.from(image), contentType: contentType! } : {}) };
    if (before) {
      await tx.update(courseSignatures).set(set).where(and(eq(courseSignatures.courseId, course.id), eq(courseSignatures.organizationId, course.organizationId)));
    } else {
      await tx.insert(courseSignatures).values({ courseId: course.id, organizationId: course.organizationId, signerName, signerTitle, image: Buffer.from(image!), contentType: contentType!, uploadedBy: actor.userId });
    }
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: 'certificate.signature_saved',
      entityType: 'course',
      entityId: course.id,
      before: before ? { signerName: before.signerName, signerTitle: before.signerTitle, contentType: before.contentType } : null,
      after: { signerName, signerTitle, ...(image ? { contentType, bytes: image.length } : { image: 'unchanged' }) },
    });
    return { ok: true as const };
  });
}
