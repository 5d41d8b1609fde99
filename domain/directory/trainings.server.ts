// Leaders' Balint leadership training as the organization's staff record it (issue 14): a
// person, the kind, a description, optionally one of the organization's past courses; then
// verified against the society's records. Only verified training counts for the listing rule.
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { attendance } from '#db/schema/course-running.ts';
import { courses } from '#db/schema/courses.ts';
import { leaderTrainings, type TrainingKind } from '#db/schema/directory.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { PARTICIPATING } from '#domain/credit/course-credit.server.ts';
import { DomainError } from '#domain/errors.ts';

export interface TrainingRow {
  id: string;
  userId: string;
  name: string;
  email: string;
  kind: TrainingKind;
  description: string;
  courseId: string | null;
  courseTitle: string | null;
  completedOn: string | null;
  verifiedAt: Date | null;
}

export async function findTrainings(db: DbOrTx, organizationId: string): Promise<TrainingRow[]> {
  return db
    .select({
      id: leaderTrainings.id,
      userId: leaderTrainings.userId,
      name: users.name,
      email: users.email,
      kind: leaderTrainings.kind,
      description: leaderTrainings.description,
      courseId: leaderTrainings.courseId,
      courseTitle: courses.title,
      completedOn: leaderTrainings.completedOn,
      verifiedAt: leaderTrainings.verifiedAt,
    })
    .from(leaderTrainings)
    .innerJoin(users, eq(users.id, leaderTrainings.userId))
    .leftJoin(courses, eq(courses.id, leaderTrainings.courseId))
    .where(eq(leaderTrainings.organizationId, organizationId))
    .orderBy(asc(users.name), desc(leaderTrainings.createdAt));
}

/** The organization's intensives that are over, for the "attended the intensive" choice. */
export async function findPastIntensives(db: DbOrTx, organizationId: string, today: string) {
  return db
    .select({ id: courses.id, title: courses.title, endsOn: courses.endsOn })
    .from(courses)
    .where(and(eq(courses.organizationId, organizationId), eq(courses.kind, 'leadership_intensive'), lt(courses.endsOn, today)))
    .orderBy(desc(courses.endsOn));
}

/**
 * People who attended one of the organization's past intensives (a participating registration
 * present at one session at least) and have no training recorded for it yet: staff record
 * "attended the intensive" for them in one step.
 */
export async function findIntensiveAttendees(db: DbOrTx, organizationId: string, today: string) {
  const past = await findPastIntensives(db, organizationId, today);
  if (past.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: registrations.userId, name: users.name, email: users.email, courseId: courses.id, courseTitle: courses.title, endsOn: courses.endsOn })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(attendance, and(eq(attendance.registrationId, registrations.id), eq(attendance.status, 'present')))
    .leftJoin(leaderTrainings, and(eq(leaderTrainings.organizationId, organizationId), eq(leaderTrainings.userId, registrations.userId), eq(leaderTrainings.courseId, courses.id)))
    .where(
      and(
        eq(registrations.organizationId, organizationId),
        inArray(registrations.courseId, past.map((c) => c.id)),
        inArray(registrations.status, [...PARTICIPATING]),
        isNull(leaderTrainings.id),
      ),
    )
    .orderBy(asc(users.name));
  return rows;
}

async function personByEmail(db: DbOrTx, email: string) {
  const [person] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return person;
}

export interface RecordTrainingInput {
  organizationId: string;
  email: string;
  kind: TrainingKind;
  description: string;
  courseId: string | null;
  completedOn: string | null;
  /** Staff checked it as they recorded it. */
  verified: boolean;
}

export async function recordTraining(db: DbOrTx, input: RecordTrainingInput, actor: Actor): Promise<string> {
  return db.transaction(async (tx) => {
    const person = await personByEmail(tx, input.email);
    if (!person) throw new DomainError('DIRECTORY_PERSON_NOT_FOUND', undefined, { email: 'DIRECTORY_PERSON_NOT_FOUND' });
    if (input.courseId) {
      const [course] = await tx.select({ id: courses.id }).from(courses).where(and(eq(courses.id, input.courseId), eq(courses.organizationId, input.organizationId)));
      if (!course) throw new DomainError('DIRECTORY_COURSE_NOT_FOUND');
    }
    const now = new Date();
    const [row] = await tx
      .insert(leaderTrainings)
      .values({
        organizationId: input.organizationId,
        userId: person.id,
        kind: input.kind,
        description: input.description,
        courseId: input.courseId,
        completedOn: input.completedOn,
        verifiedAt: input.verified ? now : null,
        verifiedBy: input.verified ? actor.userId : null,
        createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ id: leaderTrainings.id });
    // The same course recorded twice for one person: the first record stands.
    if (!row) {
      const [existing] = await tx
        .select({ id: leaderTrainings.id })
        .from(leaderTrainings)
        .where(and(eq(leaderTrainings.organizationId, input.organizationId), eq(leaderTrainings.userId, person.id), eq(leaderTrainings.courseId, input.courseId!)));
      return existing!.id;
    }
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'directory.training.record', entityType: 'leader_training', entityId: row.id, after: { ...input, userId: person.id, email: undefined } });
    return row.id;
  });
}

/** Staff verify (or withdraw their verification of) a training record of their own organization. */
export async function setTrainingVerified(db: DbOrTx, input: { organizationId: string; trainingId: string; verified: boolean }, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(leaderTrainings)
      .set(input.verified ? { verifiedAt: new Date(), verifiedBy: actor.userId } : { verifiedAt: null, verifiedBy: null })
      .where(and(eq(leaderTrainings.id, input.trainingId), eq(leaderTrainings.organizationId, input.organizationId)))
      .returning({ id: leaderTrainings.id });
    if (!row) throw new DomainError('DIRECTORY_TRAINING_NOT_FOUND');
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: input.verified ? 'directory.training.verify' : 'directory.training.unverify', entityType: 'leader_training', entityId: row.id });
  });
}
