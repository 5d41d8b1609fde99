// Complimentary memberships (ADR 0068): a course may grant non-members who ask for it (the
// application form's "complimentary membership" choice) a one-year membership, created when
// their registration is confirmed and marked with the course. Never twice for one person: the
// check and the insert run under an advisory lock on the organization and the person's email,
// so two confirmations at once (two courses, a payment and a staff action) cannot both grant.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { courseMembershipGrants, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import type { registrations } from '#db/schema/registration.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockMembershipPerson, orgToday, type MembershipTerm } from './membership-terms.server.ts';
import { queueComplimentaryEmail } from './notify.server.ts';
import { findMemberStanding } from './standing.server.ts';
import { oneYearFrom } from './terms.ts';

type Registration = typeof registrations.$inferSelect;

/**
 * Grants the complimentary membership a confirmed registration's course offers, if the person
 * asked for one, holds no membership today and never had a complimentary one. Returns the new
 * term, or null when nothing was granted.
 */
export async function grantComplimentaryMembership(tx: DbOrTx, registration: Registration, actor: Actor, now = new Date()): Promise<MembershipTerm | null> {
  if (!registration.complimentaryMembershipRequested) return null;
  const [grant] = await tx
    .select({ typeId: courseMembershipGrants.typeId, typeName: membershipTypes.name, courseTitle: courses.title })
    .from(courseMembershipGrants)
    .innerJoin(membershipTypes, eq(membershipTypes.id, courseMembershipGrants.typeId))
    .innerJoin(courses, eq(courses.id, courseMembershipGrants.courseId))
    .where(and(eq(courseMembershipGrants.courseId, registration.courseId), eq(courseMembershipGrants.organizationId, registration.organizationId)));
  if (!grant) return null;
  const organizationId = registration.organizationId;
  const email = registration.email.toLowerCase();
  await lockMembershipPerson(tx, organizationId, email);
  const person = { userId: registration.userId, email };
  const today = await orgToday(tx, organizationId, now);
  const [earlier] = await tx
    .select({ id: membershipTerms.id })
    .from(membershipTerms)
    .where(
      and(
        eq(membershipTerms.organizationId, organizationId),
        eq(membershipTerms.source, 'complimentary'),
        inArray(membershipTerms.status, ['active', 'revoked']),
        person.userId ? sql`(${membershipTerms.userId} = ${person.userId} or lower(${membershipTerms.email}) = ${email})` : sql`lower(${membershipTerms.email}) = ${email}`,
      ),
    )
    .limit(1);
  const member = await findMemberStanding(tx, organizationId, person, today);
  await racePoint('membership.granting');
  if (earlier || member) return null;
  const endsOn = oneYearFrom(today);
  const [term] = await tx
    .insert(membershipTerms)
    .values({
      organizationId,
      typeId: grant.typeId,
      userId: registration.userId,
      email,
      name: registration.name,
      status: 'active',
      source: 'complimentary',
      startsOn: today,
      endsOn,
      duesMinor: 0,
      currency: registration.currency,
      grantedByCourseId: registration.courseId,
      grantedByRegistrationId: registration.id,
      activatedAt: now,
    })
    .returning();
  await recordAudit(tx, actor, { organizationId, action: 'membership.complimentary_granted', entityType: 'membership_term', entityId: term!.id, after: { courseId: registration.courseId, registrationId: registration.id, startsOn: today, endsOn } });
  await queueComplimentaryEmail(tx, { organizationId, email, name: registration.name, typeName: grant.typeName, startsOn: today, endsOn }, grant.courseTitle);
  return term!;
}
