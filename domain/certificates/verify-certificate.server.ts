// The public verification of a certificate by its code: what anyone holding the paper may
// learn — whether it is valid, revoked or superseded, and what it certifies. Nothing else
// about the person (no email, no attendance detail).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { certificates } from '#db/schema/credit.ts';
import { organizations } from '#db/schema/organizations.ts';
import { readVerificationCode } from './verification-code.ts';

export type VerificationAnswer =
  | { found: false; reason: 'malformed' | 'unknown' }
  | {
      found: true;
      code: string;
      status: 'valid' | 'revoked' | 'superseded';
      /** Issued long ago: the person's records are retired, only the fact of issue remains. */
      retired: boolean;
      organizationName: string;
      recipientName: string;
      courseTitle: string;
      courseDates: string;
      place: string;
      body: string;
      kind: 'credit' | 'attendance';
      credit: number;
      unit: 'credits' | 'hours' | 'points';
      issuedOn: string;
      revokedOn: string | null;
      revokeReason: string | null;
      supersededOn: string | null;
    };

export async function verifyCertificate(db: DbOrTx, typed: string): Promise<VerificationAnswer> {
  const code = readVerificationCode(typed);
  if (!code) return { found: false, reason: 'malformed' };
  const [row] = await db
    .select({ certificate: certificates, organizationName: organizations.name })
    .from(certificates)
    .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
    .where(eq(certificates.code, code));
  if (!row) return { found: false, reason: 'unknown' };
  const c = row.certificate;
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return {
    found: true,
    code: c.code,
    status: c.status,
    retired: c.recordsRetiredAt !== null,
    organizationName: row.organizationName,
    recipientName: c.recipientName,
    courseTitle: c.courseTitle,
    courseDates: c.courseDates,
    place: c.place,
    body: c.body,
    kind: c.kind,
    credit: c.creditHundredths / 100,
    unit: c.unit,
    issuedOn: day(c.issuedAt)!,
    revokedOn: day(c.revokedAt),
    revokeReason: c.revokeReason,
    supersededOn: day(c.supersededAt),
  };
}
