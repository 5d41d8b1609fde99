// The people a course's paper is printed for (issue 18): accepted and confirmed participants
// with their credentials and place from their profile and their small group, and the faculty
// with the group they lead. Sorted by name as a person reads a list (locale-aware).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { profiles } from '#db/schema/accounts.ts';
import { courseSessions, smallGroupLeaders, smallGroupMembers, smallGroups } from '#db/schema/course-running.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { getStaffCourse, type Course } from '#domain/courses/get-staff-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { paperDetails } from '#domain/member-directory/consent.ts';
import { findDirectoryConsents } from '#domain/member-directory/consent.server.ts';
import { instantToLocal } from '#domain/schedule/local-time.ts';
import { renderBadgesPdf, renderParticipantListPdf, renderSignInSheetPdf, renderTableTentsPdf, type PaperCourse, type PaperPerson } from '#lib/pdf/course-paper.ts';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';

/** Registrations that will be there: accepted (unpaid or paid later) and confirmed. */
export const ATTENDING = ['accepted', 'confirmed'] as const;

export interface CoursePeople {
  course: Course;
  paper: PaperCourse;
  participants: (PaperPerson & { registrationId: string; groupId: string | null })[];
  /**
   * The faculty's participant list (ADR 0065, 0070): name and small group, and only what each
   * participant consented to show the organization's members (credentials, profession, city).
   */
  facultyList: { name: string; credentials: string; about: string; group: string }[];
  faculty: PaperPerson[];
  groups: { id: string; name: string }[];
  sessions: { id: string; label: string }[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
const place = (city: string, region: string) => [city, region].filter((s) => s.trim()).join(', ');

export async function loadCoursePeople(db: DbOrTx, organizationId: string, courseId: string): Promise<CoursePeople> {
  const course = await getStaffCourse(db, organizationId, courseId);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  const groups = await db.select({ id: smallGroups.id, name: smallGroups.name }).from(smallGroups).where(eq(smallGroups.courseId, course.id)).orderBy(asc(smallGroups.position));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const rows = await db
    .select({
      registrationId: registrations.id,
      userId: registrations.userId,
      name: registrations.name,
      credentials: profiles.credentials,
      profession: profiles.profession,
      city: profiles.city,
      region: profiles.region,
      groupId: smallGroupMembers.smallGroupId,
    })
    .from(registrations)
    .leftJoin(profiles, eq(profiles.userId, registrations.userId))
    .leftJoin(smallGroupMembers, eq(smallGroupMembers.registrationId, registrations.id))
    .where(and(eq(registrations.courseId, course.id), eq(registrations.organizationId, organizationId), inArray(registrations.status, [...ATTENDING])));
  const participants = rows
    .map((r) => ({
      registrationId: r.registrationId,
      groupId: r.groupId,
      name: r.name,
      credentials: r.credentials ?? '',
      place: place(r.city ?? '', r.region ?? ''),
      group: r.groupId ? (groupName.get(r.groupId) ?? '') : '',
    }))
    .sort(byName);
  const consents = await findDirectoryConsents(db, organizationId, [...new Set(rows.map((r) => r.userId))]);
  const facultyList = rows
    .map((r) => ({
      name: r.name,
      group: r.groupId ? (groupName.get(r.groupId) ?? '') : '',
      ...paperDetails(consents.get(r.userId)!, { credentials: r.credentials ?? '', city: r.city ?? '', profession: r.profession ?? '' }),
    }))
    .sort(byName);
  const facultyRows = await db.select().from(courseFaculty).where(eq(courseFaculty.courseId, course.id)).orderBy(asc(courseFaculty.position));
  const leads = facultyRows.length
    ? await db.select().from(smallGroupLeaders).where(inArray(smallGroupLeaders.courseFacultyId, facultyRows.map((f) => f.id)))
    : [];
  const faculty = facultyRows.map((f) => ({
    name: f.name,
    credentials: f.credentials,
    place: f.location,
    group: leads.filter((l) => l.courseFacultyId === f.id).map((l) => groupName.get(l.smallGroupId) ?? '').join(', '),
    faculty: true,
  }));
  const sessionRows = await db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).orderBy(asc(courseSessions.startsAt));
  const sessions = sessionRows.map((s) => {
    const local = instantToLocal(s.startsAt, course.timeZone);
    return { id: s.id, label: `${s.title} — ${formatDate(local.date, 'en-US', 'medium')} ${local.time}` };
  });
  const where = [course.city, course.region].filter(Boolean).join(', ');
  return {
    course,
    paper: {
      organization: { name: org?.name ?? '', shortName: org?.shortName ?? '', postalAddress: '' },
      title: course.title,
      when: [formatDateRange(course.startsOn, course.endsOn), where].filter(Boolean).join(' · '),
    },
    participants,
    facultyList,
    faculty,
    groups,
    sessions,
  };
}

export type PaperKind = 'badges' | 'sign-in' | 'participants' | 'table-tents';

export interface PaperRequest {
  kind: PaperKind;
  /** Sign-in sheets: the session, and whether each small group gets its own page. */
  sessionId?: string;
  byGroup?: boolean;
}

/** The PDF asked for, with a file name built from the course's address. */
export async function coursePaperPdf(db: DbOrTx, organizationId: string, courseId: string, request: PaperRequest): Promise<{ filename: string; bytes: Buffer }> {
  const people = await loadCoursePeople(db, organizationId, courseId);
  const stem = people.course.slug.replace(/[^a-z0-9-]/gi, '');
  switch (request.kind) {
    case 'badges':
      return { filename: `${stem}-badges.pdf`, bytes: await renderBadgesPdf(people.paper, [...people.faculty, ...people.participants]) };
    case 'participants':
      return { filename: `${stem}-participants.pdf`, bytes: await renderParticipantListPdf(people.paper, people.facultyList) };
    case 'table-tents':
      return { filename: `${stem}-table-tents.pdf`, bytes: await renderTableTentsPdf(people.paper, people.participants) };
    case 'sign-in': {
      const session = people.sessions.find((s) => s.id === request.sessionId);
      if (!session) throw new DomainError('SESSION_NOT_FOUND', request.sessionId ?? '', { session: 'SESSION_NOT_FOUND' });
      const sections =
        request.byGroup && people.groups.length
          ? [
              ...people.groups.map((g) => ({ heading: g.name, people: people.participants.filter((p) => p.groupId === g.id) })),
              ...(people.participants.some((p) => !p.groupId) ? [{ heading: t('coursePaper.noGroup'), people: people.participants.filter((p) => !p.groupId) }] : []),
            ]
          : [{ heading: t('coursePaper.everyone'), people: people.participants }];
      return { filename: `${stem}-sign-in.pdf`, bytes: await renderSignInSheetPdf(people.paper, { session: session.label, sections }) };
    }
  }
}
