// A person's transcript across every organization and course of the deployment: each course
// they took part in, its organizer and dates, and the credit per accrediting body with the
// certificate to download. Their own account only.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { certificates } from '#db/schema/credit.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { PARTICIPATING } from '#domain/credit/course-credit.server.ts';

export interface TranscriptCertificate {
  id: string;
  body: string;
  kind: 'credit' | 'attendance';
  credit: number;
  unit: 'credits' | 'hours' | 'points';
  code: string;
  issuedOn: string;
}

export interface TranscriptEntry {
  registrationId: string;
  organizationName: string;
  organizationSlug: string;
  courseTitle: string;
  startsOn: string;
  endsOn: string;
  certificates: TranscriptCertificate[];
}

export async function findTranscript(db: DbOrTx, userId: string): Promise<TranscriptEntry[]> {
  const rows = await db
    .select({ registration: registrations, course: courses, organizationName: organizations.name, organizationSlug: organizations.slug })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .innerJoin(organizations, eq(organizations.id, registrations.organizationId))
    .where(and(eq(registrations.userId, userId), inArray(registrations.status, [...PARTICIPATING])))
    .orderBy(asc(courses.startsOn));
  const ids = rows.map((r) => r.registration.id);
  const certs = ids.length
    ? await db
        .select()
        .from(certificates)
        .where(and(eq(certificates.userId, userId), eq(certificates.status, 'valid'), inArray(certificates.registrationId, ids)))
        .orderBy(asc(certificates.body))
    : [];
  return rows.map((r) => ({
    registrationId: r.registration.id,
    organizationName: r.organizationName,
    organizationSlug: r.organizationSlug,
    courseTitle: r.course.title,
    startsOn: r.course.startsOn,
    endsOn: r.course.endsOn,
    certificates: certs
      .filter((c) => c.registrationId === r.registration.id)
      .map((c) => ({ id: c.id, body: c.body, kind: c.kind, credit: c.creditHundredths / 100, unit: c.unit, code: c.code, issuedOn: c.issuedAt.toISOString().slice(0, 10) })),
  }));
}

/** One of the person's own certificates (valid or not), for download; undefined when not theirs. */
export async function findOwnCertificate(db: DbOrTx, where: { userId: string; certificateId: string }) {
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, where.certificateId), eq(certificates.userId, where.userId)));
  return row;
}
