// Staff manage the organization's membership types and its grace period (ADR 0068).
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { courseMembershipGrants, membershipSettings, membershipTypes } from '#db/schema/membership.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { MembershipTypeInput } from './type-form.ts';

export async function findMembershipTypes(db: DbOrTx, organizationId: string) {
  return db.select().from(membershipTypes).where(eq(membershipTypes.organizationId, organizationId)).orderBy(asc(membershipTypes.position), asc(membershipTypes.name));
}

/** Creates (no id) or updates a type. A key another type of the organization uses is refused on the field. */
export async function saveMembershipType(db: DbOrTx, input: { organizationId: string; id?: string; values: MembershipTypeInput }, actor: Actor) {
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: membershipTypes.id }).from(membershipTypes).where(and(eq(membershipTypes.organizationId, input.organizationId), eq(membershipTypes.key, input.values.key)));
    if (clash && clash.id !== input.id) throw new DomainError('MEMBERSHIP_TYPE_KEY_TAKEN', input.values.key, { key: 'MEMBERSHIP_TYPE_KEY_TAKEN' });
    if (input.id) {
      const [before] = await tx.select().from(membershipTypes).where(and(eq(membershipTypes.id, input.id), eq(membershipTypes.organizationId, input.organizationId)));
      if (!before) throw new DomainError('MEMBERSHIP_TYPE_NOT_FOUND', input.id);
      const [after] = await tx.update(membershipTypes).set({ ...input.values, updatedAt: new Date() }).where(eq(membershipTypes.id, input.id)).returning();
      await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'membership_type.updated', entityType: 'membership_type', entityId: input.id, before, after });
      return after!;
    }
    const [created] = await tx.insert(membershipTypes).values({ organizationId: input.organizationId, ...input.values }).returning();
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'membership_type.created', entityType: 'membership_type', entityId: created!.id, after: created });
    return created!;
  });
}

export async function saveGraceDays(db: DbOrTx, input: { organizationId: string; graceDays: number }, actor: Actor) {
  await db.transaction(async (tx) => {
    await tx
      .insert(membershipSettings)
      .values({ organizationId: input.organizationId, graceDays: input.graceDays })
      .onConflictDoUpdate({ target: membershipSettings.organizationId, set: { graceDays: input.graceDays, updatedAt: new Date() } });
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'membership.grace_days_set', entityType: 'organization', entityId: input.organizationId, after: { graceDays: input.graceDays } });
  });
}

/** Courses that grant a complimentary membership, with the type they grant. */
export async function findCourseGrants(db: DbOrTx, organizationId: string) {
  return db
    .select({ courseId: courses.id, courseTitle: courses.title, startsOn: courses.startsOn, typeName: membershipTypes.name })
    .from(courseMembershipGrants)
    .innerJoin(courses, eq(courses.id, courseMembershipGrants.courseId))
    .innerJoin(membershipTypes, eq(membershipTypes.id, courseMembershipGrants.typeId))
    .where(eq(courseMembershipGrants.organizationId, organizationId))
    .orderBy(asc(courses.startsOn));
}

/**
 * Sets whether a course grants a complimentary membership (and of which complimentary type), or
 * stops it (`typeId` null). Both the course and the type must be the organization's.
 */
export async function setCourseGrant(db: DbOrTx, input: { organizationId: string; courseId: string; typeId: string | null }, actor: Actor) {
  await db.transaction(async (tx) => {
    const [course] = await tx.select({ id: courses.id }).from(courses).where(and(eq(courses.id, input.courseId), eq(courses.organizationId, input.organizationId)));
    if (!course) throw new DomainError('COURSE_NOT_FOUND', input.courseId, { courseId: 'COURSE_NOT_FOUND' });
    if (input.typeId === null) {
      await tx.delete(courseMembershipGrants).where(and(eq(courseMembershipGrants.courseId, course.id), eq(courseMembershipGrants.organizationId, input.organizationId)));
    } else {
      const [type] = await tx
        .select({ id: membershipTypes.id })
        .from(membershipTypes)
        .where(and(eq(membershipTypes.id, input.typeId), eq(membershipTypes.organizationId, input.organizationId), eq(membershipTypes.complimentary, true)));
      if (!type) throw new DomainError('MEMBERSHIP_TYPE_NOT_FOUND', input.typeId, { typeId: 'MEMBERSHIP_TYPE_NOT_FOUND' });
      await tx
        .insert(courseMembershipGrants)
        .values({ courseId: course.id, organizationId: input.organizationId, typeId: type.id })
        .onConflictDoUpdate({ target: courseMembershipGrants.courseId, set: { typeId: type.id } });
    }
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'membership.course_grant_set', entityType: 'course', entityId: course.id, after: { typeId: input.typeId } });
  });
}

/** The organization's courses, newest first, for choosing one that grants. */
export async function findGrantableCourses(db: DbOrTx, organizationId: string) {
  return db.select({ id: courses.id, title: courses.title, startsOn: courses.startsOn }).from(courses).where(eq(courses.organizationId, organizationId)).orderBy(desc(courses.startsOn));
}
