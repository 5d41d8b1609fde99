// A certificate as PDF, from what was frozen at issue plus the course's signature image.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { certificates, courseSignatures } from '#db/schema/credit.ts';
import { organizations } from '#db/schema/organizations.ts';
import { renderCertificatePdf } from '#lib/pdf/certificate.ts';
import { verificationUrl } from './verification-code.ts';

export type CertificateRow = typeof certificates.$inferSelect;

export function certificateFilename(c: Pick<CertificateRow, 'body' | 'code'>): string {
  return `certificate-${c.body.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${c.code}.pdf`;
}

export async function renderCertificate(db: DbOrTx, certificate: CertificateRow, publicUrl: string): Promise<Buffer> {
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, certificate.organizationId));
  const [signature] = certificate.courseId
    ? await db
        .select()
        .from(courseSignatures)
        .where(and(eq(courseSignatures.courseId, certificate.courseId), eq(courseSignatures.organizationId, certificate.organizationId)))
    : [];
  return renderCertificatePdf({
    organizationName: org?.name ?? '',
    kind: certificate.kind,
    recipientName: certificate.recipientName,
    courseTitle: certificate.courseTitle,
    courseDates: certificate.courseDates,
    place: certificate.place,
    body: certificate.body,
    unit: certificate.unit,
    credit: certificate.creditHundredths / 100,
    attendedMinutes: certificate.attendedMinutes,
    statement: certificate.statement,
    signerName: certificate.signerName,
    signerTitle: signature?.signerTitle ?? '',
    signatureImage: signature?.image ?? null,
    code: certificate.code,
    verificationUrl: verificationUrl(publicUrl, certificate.code),
    issuedOn: certificate.issuedAt.toISOString().slice(0, 10),
  });
}

/** The mailer's renderer for `certificate` attachments: the certificate as it stands, if still valid. */
export function certificateAttachmentRenderer(publicUrl: string) {
  return async (db: DbOrTx, organizationId: string, id: string): Promise<Buffer | undefined> => {
    const [row] = await db
      .select()
      .from(certificates)
      .where(and(eq(certificates.id, id), eq(certificates.organizationId, organizationId)));
    if (!row || row.recordsRetiredAt) return undefined;
    return renderCertificate(db, row, publicUrl);
  };
}
