// A course being run, made by direct inserts: small-group sessions, small groups with faculty
// leaders whose entries are linked to accounts, accepted participants placed in the groups,
// one co-leader candidate per group. For the rotation and attendance tests (and the attendance
// browser test, which runs it against the app's database).
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.server.ts';
import { users } from '../../db/schema/accounts.ts';
import { courseFaculty } from '../../db/schema/courses.ts';
import { courseSessions, participantGroupingFacts, smallGroupLeaders, smallGroupMembers, smallGroups, type SessionKind } from '../../db/schema/course-running.ts';
import { registrations, type RegistrationStatus } from '../../db/schema/registration.ts';
import { createCourse, createOrganization, validAnswers, type CourseOverrides } from './fixtures.ts';

export interface CourseRunOptions {
  organizationId?: string;
  courseId?: string;
  groups?: number;
  membersPerGroup?: number;
  /** Small-group sessions, one a day from `firstSessionAt`, each `sessionMinutes` long. */
  sessions?: number;
  sessionMinutes?: number;
  firstSessionAt?: Date;
  /** Extra sessions of other kinds (a large group, a meal) after the small-group ones. */
  otherSessions?: SessionKind[];
  /** Which members (index within the group) are not willing to present. */
  unwilling?: (index: number) => boolean;
  /** Prefix of the invented people's emails (unique per call by default). */
  emailPrefix?: string;
  /** Members' user ids: an existing account for (group, index), e.g. a demo member. */
  memberUserId?: (group: number, index: number) => string | undefined;
  /** The faculty leader's account of a group (one that can sign in), instead of a new one. */
  facultyUserId?: (group: number) => string | undefined;
  /** For the new course (when no courseId is given), e.g. `{ status: 'archived' }`. */
  courseOverrides?: CourseOverrides;
}

export interface CourseRunGroup {
  id: string;
  name: string;
  faculty: { facultyId: string; userId: string; email: string }[];
  members: { registrationId: string; userId: string; name: string; coLeaderCandidate: boolean; willingToPresent: boolean }[];
}

export interface CourseRun {
  organizationId: string;
  courseId: string;
  sessions: { id: string; kind: SessionKind; startsAt: Date; endsAt: Date }[];
  groups: CourseRunGroup[];
}

const uid = () => crypto.randomBytes(5).toString('hex');

/** An account (no password) for a participant or a faculty member. */
export async function createPerson(db: DbOrTx, name: string, email = `${uid()}@example.org`): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(users).values({ id, name, email, emailVerified: true });
  return id;
}

export async function createCourseRun(db: DbOrTx, options: CourseRunOptions = {}): Promise<CourseRun> {
  const organizationId = options.organizationId ?? (await createOrganization(db as Db)).id;
  const courseId = options.courseId ?? (await createCourse(db as Db, organizationId, options.courseOverrides)).id;
  const prefix = options.emailPrefix ?? `run-${uid()}`;
  const groupCount = options.groups ?? 2;
  const perGroup = options.membersPerGroup ?? 4;
  const minutes = options.sessionMinutes ?? 90;
  const first = options.firstSessionAt ?? new Date('2025-04-24T16:00:00Z');

  const kinds: SessionKind[] = [...Array.from({ length: options.sessions ?? 3 }, () => 'small_group' as const), ...(options.otherSessions ?? [])];
  const sessions = [];
  for (const [i, kind] of kinds.entries()) {
    const startsAt = new Date(first.getTime() + i * 24 * 3600_000);
    const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
    const [row] = await db
      .insert(courseSessions)
      .values({ organizationId, courseId, kind, title: kind === 'small_group' ? `Small group ${i + 1}` : `Session ${i + 1}`, startsAt, endsAt, calendarUid: `${crypto.randomUUID()}@test`, creditMinutes: kind === 'meal' ? {} : { AAFP: minutes } })
      .returning();
    sessions.push({ id: row!.id, kind, startsAt, endsAt });
  }

  const groups: CourseRunGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    const [group] = await db
      .insert(smallGroups)
      .values({ organizationId, courseId, position: g + 1, name: `Group ${String.fromCharCode(65 + g)}`, room: `Room ${g + 1}` })
      .returning();
    const email = `${prefix}-faculty-${g}@example.org`;
    const facultyUser = options.facultyUserId?.(g) ?? (await createPerson(db, `Faculty ${g + 1}`, email));
    const [faculty] = await db
      .insert(courseFaculty)
      .values({ organizationId, courseId, position: 100 + g, role: 'faculty', name: `Faculty ${g + 1}`, userId: facultyUser })
      .returning();
    await db.insert(smallGroupLeaders).values({ smallGroupId: group!.id, courseFacultyId: faculty!.id, organizationId });
    const members: CourseRunGroup['members'] = [];
    for (let i = 0; i < perGroup; i++) {
      const name = `Participant ${String.fromCharCode(65 + g)}${i + 1}`;
      const userId = options.memberUserId?.(g, i) ?? (await createPerson(db, name, `${prefix}-${g}-${i}@example.org`));
      const willingToPresent = !(options.unwilling?.(i) ?? false);
      const reg = await createParticipant(db, { organizationId, courseId, userId, name, willingToPresent });
      await db.insert(smallGroupMembers).values({ registrationId: reg, smallGroupId: group!.id, organizationId, courseId });
      const coLeaderCandidate = i === 0;
      await db.insert(participantGroupingFacts).values({ registrationId: reg, organizationId, coLeaderCandidate, balintExperience: coLeaderCandidate ? 'leader in training' : 'group member' });
      members.push({ registrationId: reg, userId, name, coLeaderCandidate, willingToPresent });
    }
    groups.push({ id: group!.id, name: group!.name, faculty: [{ facultyId: faculty!.id, userId: facultyUser, email }], members });
  }
  return { organizationId, courseId, sessions, groups };
}

/** An accepted registration, inserted as it stands after acceptance (no money). */
export async function createParticipant(
  db: DbOrTx,
  input: { organizationId: string; courseId: string; userId: string; name: string; willingToPresent?: boolean; status?: RegistrationStatus },
): Promise<string> {
  const [row] = await db
    .insert(registrations)
    .values({
      organizationId: input.organizationId,
      courseId: input.courseId,
      userId: input.userId,
      submissionKey: `fixture-${uid()}`,
      status: input.status ?? 'accepted',
      name: input.name,
      email: `${uid()}@example.org`,
      categoryKey: 'non_member',
      tier: 'regular',
      baseAmountMinor: 97500,
      amountMinor: 97500,
      currency: 'USD',
      answers: validAnswers({ willingToPresent: input.willingToPresent ?? true }),
      policy: {
        courseTitle: 'Balint Leadership Training Intensive',
        currency: 'USD',
        categoryLabel: 'Single Registration',
        tier: 'regular',
        prices: [],
        earlyPlaceLimit: null,
        earlyRateUntil: null,
        registrationDeadline: '2025-03-12',
        cancellationDeadline: null,
        cancellationFeeMinor: 0,
        refundWithinDays: 30,
        timeZone: 'America/Los_Angeles',
        attestations: [],
        policies: [],
      },
      addressConfirmedAt: new Date(),
    })
    .returning({ id: registrations.id });
  return row!.id;
}
