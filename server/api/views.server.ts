// What the API shows of courses and registrations, and the few reads it needs that the domain
// does not offer as a use case. Every read is scoped by organization.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations, type RegistrationStatus } from '#db/schema/registration.ts';
import { waitlistPosition as domainWaitlistPosition } from '#domain/registration/availability.server.ts';
import type { Registration } from '#domain/registration/place-registration.server.ts';
import { DomainError } from '#domain/errors.ts';

type Course = typeof courses.$inferSelect;

export function courseSummary(course: Course) {
  return {
    slug: course.slug,
    title: course.title,
    kind: course.kind,
    status: course.status,
    startsOn: course.startsOn,
    endsOn: course.endsOn,
    timeZone: course.timeZone,
    city: course.city,
    region: course.region,
    country: course.country,
    online: course.online === 1,
    capacity: course.capacity,
    currency: course.currency,
    registrationOpensOn: course.registrationOpensOn,
    registrationDeadline: course.registrationDeadline,
    earlyPlaceLimit: course.earlyPlaceLimit,
    earlyRateUntil: course.earlyRateUntil,
    requiresApproval: course.requiresApproval,
  };
}

export interface RegistrationLinks {
  publicUrl: string;
  organizationSlug: string;
  courseSlug: string;
}

export function registrationView(r: Registration, links: RegistrationLinks, waitlistPosition: number | null) {
  return {
    id: r.id,
    organization: links.organizationSlug,
    course: links.courseSlug,
    status: r.status,
    name: r.name,
    email: r.email,
    categoryKey: r.categoryKey,
    tier: r.tier,
    holdsEarlyPlace: r.holdsEarlyPlace,
    baseAmount: r.baseAmountMinor,
    discount: r.discountMinor,
    amount: r.amountMinor,
    currency: r.currency,
    waitlistPosition,
    decisionMessage: r.decisionMessage,
    submittedAt: r.submittedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
    registrationUrl: `${links.publicUrl}/o/${links.organizationSlug}/registrations`,
    links: { self: `${links.publicUrl}/api/v1/registrations/${r.id}` },
  };
}

export function staffRegistrationView(r: Registration, links: RegistrationLinks, waitlistPosition: number | null) {
  return {
    ...registrationView(r, links, waitlistPosition),
    membershipCheck: r.membershipCheck,
    complimentaryMembershipRequested: r.complimentaryMembershipRequested,
    answers: r.answers,
    waitlistedAt: r.waitlistedAt?.toISOString() ?? null,
  };
}

/** 1-based place in the waitlist (the domain's order), or null when not waitlisted. */
export async function waitlistPosition(db: DbOrTx, r: Registration): Promise<number | null> {
  if (r.status !== 'waitlisted') return null;
  return (await domainWaitlistPosition(db, r.courseId, r.sequence)) || null;
}

/** The ids behind a public course address, in one query (the application path is hot). */
export async function findPublicCourseIds(db: DbOrTx, organizationSlug: string, courseSlug: string) {
  const [row] = await db
    .select({ organizationId: organizations.id, courseId: courses.id, courseStatus: courses.status })
    .from(organizations)
    .leftJoin(courses, and(eq(courses.organizationId, organizations.id), eq(courses.slug, courseSlug)))
    .where(eq(organizations.slug, organizationSlug));
  if (!row) throw new DomainError('ORGANIZATION_NOT_FOUND', organizationSlug);
  if (!row.courseId || row.courseStatus === 'draft' || row.courseStatus === 'archived') throw new DomainError('COURSE_NOT_FOUND', courseSlug);
  return { organizationId: row.organizationId, courseId: row.courseId };
}

/** Any course of the organization by slug (staff see drafts and closed courses too). */
export async function findCourseBySlug(db: DbOrTx, organizationId: string, slug: string): Promise<Course | undefined> {
  const [course] = await db.select().from(courses).where(and(eq(courses.organizationId, organizationId), eq(courses.slug, slug)));
  return course;
}

/** One registration with the slugs its links need; organization given → scoped to it. */
export async function findRegistrationWithSlugs(db: DbOrTx, id: string, organizationId?: string) {
  const where = organizationId ? and(eq(registrations.id, id), eq(registrations.organizationId, organizationId)) : eq(registrations.id, id);
  const [row] = await db
    .select({ registration: registrations, organizationSlug: organizations.slug, courseSlug: courses.slug })
    .from(registrations)
    .innerJoin(courses, and(eq(courses.id, registrations.courseId), eq(courses.organizationId, registrations.organizationId)))
    .innerJoin(organizations, eq(organizations.id, registrations.organizationId))
    .where(where);
  return row;
}

export interface ApplicationPage {
  items: Registration[];
  nextCursor: string | null;
}

// The cursor names the last row seen; comparing in SQL keeps PostgreSQL's microseconds.
function encodeCursor(r: Registration): string {
  return Buffer.from(r.id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : undefined;
}

/** Applications to one course in the staff list's order (submitted, then sequence), a page at a time (keyset). */
export async function findApplications(
  db: DbOrTx,
  input: { organizationId: string; courseId: string; status?: RegistrationStatus; category?: string; limit: number; cursor?: string },
): Promise<ApplicationPage | 'BAD_CURSOR'> {
  const conditions: SQL[] = [eq(registrations.organizationId, input.organizationId), eq(registrations.courseId, input.courseId)];
  if (input.status) conditions.push(eq(registrations.status, input.status));
  if (input.category) conditions.push(eq(registrations.categoryKey, input.category));
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    if (!after) return 'BAD_CURSOR';
    conditions.push(
      sql`(${registrations.submittedAt}, ${registrations.sequence}) > (select r.submitted_at, r.sequence from registrations r where r.id = ${after} and r.course_id = ${input.courseId})`,
    );
  }
  const rows = await db
    .select()
    .from(registrations)
    .where(and(...conditions))
    .orderBy(asc(registrations.submittedAt), asc(registrations.sequence))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}
