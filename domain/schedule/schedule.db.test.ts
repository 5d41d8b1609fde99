// The schedule's use cases on a real PostgreSQL: sessions with their checks and audit rows,
// SEQUENCE bumps, copying a day and a previous course, publication, credit totals, the agenda
// and its feed tokens.
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { agendaFeeds, attendance, courseSessions, smallGroupLeaders, smallGroupMembers, smallGroupPlans, smallGroups } from '#db/schema/course-running.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { parseCalendar } from '../../tests/helpers/ics.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { findAgenda } from './agenda.server.ts';
import { createAgendaFeed, findActiveAgendaFeed, hashFeedToken, openAgendaFeed, revokeAgendaFeed } from './agenda-feeds.server.ts';
import { agendaCalendar, courseCalendar } from './calendar.ts';
import { CopyRejected, copyDay, copySchedule, findCopySources } from './copy-sessions.server.ts';
import { findPublishedSessions, findStaffSchedule } from './find-schedule.server.ts';
import { instantToLocal } from './local-time.ts';
import { setSchedulePublished } from './publish-schedule.server.ts';
import type { SessionDraft } from './rules.ts';
import { createSession, deleteSession, SessionRejected, updateSession } from './save-session.server.ts';

const testDb = useTestDatabase();
const PUBLIC_URL = 'https://hub.example.org';
const ACCREDITATION = [
  { body: 'AAFP', statement: 'AAFP credit.' },
  { body: 'APA', statement: 'APA credit.', credits: 19.25 },
];

async function setup(overrides: Parameters<typeof createCourse>[2] = {}) {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id, { accreditation: ACCREDITATION, ...overrides });
  return { org, course, scope: { organizationId: org.id, courseId: course.id } };
}

const draft = (over: Partial<SessionDraft> = {}): SessionDraft => ({
  kind: 'small_group',
  title: 'Small group I',
  description: '',
  date: '2025-04-23',
  startTime: '09:00',
  endTime: '10:30',
  room: 'Cedar',
  onlineUrl: '',
  isPublic: true,
  creditMinutes: {},
  ...over,
});

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function participant(org: { id: string }, course: { id: string }, status: 'accepted' | 'confirmed' | 'submitted' | 'waitlisted') {
  const placed = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, { publicUrl: PUBLIC_URL, now: DURING_REGISTRATION });
  await testDb.db.update(registrations).set({ status }).where(eq(registrations.id, placed.registration.id));
  return { registrationId: placed.registration.id, userId: placed.registration.userId };
}

const audits = (entityId: string) => testDb.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId));

describe('sessions', () => {
  test('created in the course zone, audited; a refused session writes nothing', async () => {
    const { scope } = await setup();
    const actor = { userId: null, requestId: 'req-1' };
    const session = await createSession(testDb.db, scope, draft(), actor);
    expect(session.startsAt.toISOString()).toBe('2025-04-23T16:00:00.000Z');
    expect(session.creditMinutes).toEqual({ AAFP: 90, APA: 90 });
    expect(session.sequence).toBe(0);
    expect((await audits(session.id)).map((a) => [a.action, a.requestId])).toEqual([['course_session.created', 'req-1']]);

    const overlap = await refusal(createSession(testDb.db, scope, draft({ title: 'Clash', startTime: '10:00', endTime: '11:00' }), systemActor));
    expect(overlap).toBeInstanceOf(SessionRejected);
    expect(overlap.fields).toEqual({ startTime: 'SESSION_OVERLAPS' });
    expect((overlap as SessionRejected).overlapping?.title).toBe('Small group I');
    const outside = await refusal(createSession(testDb.db, scope, draft({ date: '2025-04-27' }), systemActor));
    expect(outside.fields).toEqual({ date: 'SESSION_OUTSIDE_COURSE' });
    const credit = await refusal(createSession(testDb.db, scope, draft({ kind: 'meal', title: 'Lunch', startTime: '12:00', endTime: '13:00', creditMinutes: { AAFP: 60 } }), systemActor));
    expect(credit.fields).toEqual({ credit0: 'SESSION_KIND_NO_CREDIT' });
    expect(await testDb.db.select().from(courseSessions).where(eq(courseSessions.courseId, scope.courseId))).toHaveLength(1);
  });

  test('SEQUENCE grows on a change a calendar shows, the UID never changes, and the ICS says so', async () => {
    const { course, scope } = await setup();
    const session = await createSession(testDb.db, scope, draft(), systemActor);
    const credited = await updateSession(testDb.db, scope, session.id, draft({ creditMinutes: { APA: 60 } }), systemActor);
    expect(credited.sequence).toBe(0); // credit is not on the calendar
    const moved = await updateSession(testDb.db, scope, session.id, draft({ startTime: '09:30', endTime: '11:00' }), systemActor);
    const renamed = await updateSession(testDb.db, scope, session.id, draft({ startTime: '09:30', endTime: '11:00', room: 'Pine' }), systemActor);
    expect([moved.sequence, renamed.sequence]).toEqual([1, 2]);
    expect(renamed.calendarUid).toBe(session.calendarUid);

    const before = parseCalendar(courseCalendar(course, [session], PUBLIC_URL, PUBLIC_URL));
    ICAL.TimezoneService.reset();
    const after = parseCalendar(courseCalendar(course, [renamed], PUBLIC_URL, PUBLIC_URL));
    ICAL.TimezoneService.reset();
    expect(after.events[0]!.uid).toBe(before.events[0]!.uid);
    expect(after.events[0]!.uid).toBe(`${session.calendarUid}@hub.example.org`);
    expect(after.events[0]!.sequence).toBeGreaterThan(before.events[0]!.sequence);
    expect(after.events[0]!.start.toISOString()).toBe('2025-04-23T16:30:00.000Z');
    expect(after.events[0]!.location).toContain('Pine');
    expect((await audits(session.id)).map((a) => a.action)).toEqual(['course_session.created', 'course_session.updated', 'course_session.updated', 'course_session.updated']);
  });

  test('delete: audited with what was deleted; another organization\'s session is not found', async () => {
    const { scope } = await setup();
    const other = await setup();
    const session = await createSession(testDb.db, scope, draft(), systemActor);
    expect((await refusal(deleteSession(testDb.db, other.scope, session.id, systemActor))).code).toBe('SESSION_NOT_FOUND');
    expect((await refusal(updateSession(testDb.db, { organizationId: other.scope.organizationId, courseId: scope.courseId }, session.id, draft(), systemActor))).code).toBe('COURSE_NOT_FOUND');
    await deleteSession(testDb.db, scope, session.id, systemActor);
    expect(await testDb.db.select().from(courseSessions).where(eq(courseSessions.id, session.id))).toHaveLength(0);
    const rows = await audits(session.id);
    expect(rows.map((a) => a.action)).toEqual(['course_session.created', 'course_session.deleted']);
    expect((rows[1]!.before as { title: string }).title).toBe('Small group I');
  });
});

test('a session at which attendance was taken cannot be deleted', async () => {
  const { org, course, scope } = await setup();
  const session = await createSession(testDb.db, scope, draft(), systemActor);
  const person = await participant(org, course, 'confirmed');
  await testDb.db.insert(attendance).values({ sessionId: session.id, registrationId: person.registrationId, organizationId: org.id, courseId: course.id, status: 'present', markedAt: new Date(), markedBy: 'faculty' });
  expect((await refusal(deleteSession(testDb.db, scope, session.id, systemActor))).code).toBe('SESSION_HAS_ATTENDANCE');
  expect(await testDb.db.select().from(courseSessions).where(eq(courseSessions.id, session.id))).toHaveLength(1);
});

describe('copying', () => {
  test('copy a day keeps local times and credit; overlaps on the target day refuse the whole copy', async () => {
    const { scope } = await setup();
    await createSession(testDb.db, scope, draft(), systemActor);
    await createSession(testDb.db, scope, draft({ kind: 'break', title: 'Break', startTime: '10:30', endTime: '10:45' }), systemActor);
    await createSession(testDb.db, scope, draft({ kind: 'faculty_panel', title: 'Panel', startTime: '10:45', endTime: '12:00', creditMinutes: { APA: 60 } }), systemActor);
    expect(await copyDay(testDb.db, scope, { fromDate: '2025-04-23', toDate: '2025-04-24' }, systemActor)).toBe(3);
    const all = await testDb.db.select().from(courseSessions).where(eq(courseSessions.courseId, scope.courseId));
    const day2 = all.filter((s) => instantToLocal(s.startsAt, 'America/Los_Angeles').date === '2025-04-24').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    expect(day2.map((s) => [s.title, instantToLocal(s.startsAt, 'America/Los_Angeles').time, s.creditMinutes, s.sequence])).toEqual([
      ['Small group I', '09:00', { AAFP: 90, APA: 90 }, 0],
      ['Break', '10:30', {}, 0],
      ['Panel', '10:45', { AAFP: 75, APA: 60 }, 0],
    ]);
    expect(new Set(all.map((s) => s.calendarUid)).size).toBe(6);

    // Day 3 already has something at 11:00: nothing of day 1 is copied there.
    await createSession(testDb.db, scope, draft({ date: '2025-04-25', title: 'Large group', kind: 'large_group', startTime: '11:00', endTime: '11:30' }), systemActor);
    const refused = await refusal(copyDay(testDb.db, scope, { fromDate: '2025-04-23', toDate: '2025-04-25' }, systemActor));
    expect(refused).toBeInstanceOf(CopyRejected);
    expect((refused as CopyRejected).failures).toEqual([
      { title: 'Panel', date: '2025-04-25', startTime: '10:45', problem: 'SESSION_OVERLAPS', overlapping: { title: 'Large group', startsAt: new Date('2025-04-25T18:00:00Z'), endsAt: new Date('2025-04-25T18:30:00Z') } },
    ]);
    expect(await testDb.db.select().from(courseSessions).where(eq(courseSessions.courseId, scope.courseId))).toHaveLength(7);
    expect((await refusal(copyDay(testDb.db, scope, { fromDate: '2025-04-23', toDate: '2025-04-23' }, systemActor))).code).toBe('COPY_SAME_DAY');
    expect((await refusal(copyDay(testDb.db, scope, { fromDate: '2025-04-26', toDate: '2025-04-24' }, systemActor))).code).toBe('COPY_NOTHING');
    expect((await refusal(copyDay(testDb.db, scope, { fromDate: '2025-04-23', toDate: '2025-04-28' }, systemActor))).code).toBe('SESSION_OUTSIDE_COURSE');
  });

  test('copy a previous course: shifted by the days between start dates, same clock time across DST, same organization only', async () => {
    const { org, scope: past } = await setup();
    await createSession(testDb.db, past, draft(), systemActor);
    await createSession(testDb.db, past, draft({ date: '2025-04-26', title: 'Closing large group', kind: 'large_group', startTime: '11:00', endTime: '12:00' }), systemActor);
    // A winter course (Pacific standard time) of the same organization.
    const next = await createCourse(testDb.db, org.id, { startsOn: '2026-01-14', endsOn: '2026-01-17', accreditation: [{ body: 'APA', statement: 'APA.' }] });
    const scope = { organizationId: org.id, courseId: next.id };
    expect((await findCopySources(testDb.db, scope)).map((c) => c.id)).toEqual([past.courseId]);
    expect(await copySchedule(testDb.db, scope, { sourceCourseId: past.courseId }, systemActor)).toBe(2);
    const copied = await testDb.db.select().from(courseSessions).where(eq(courseSessions.courseId, next.id));
    expect(copied.map((s) => [s.title, s.startsAt.toISOString(), s.creditMinutes]).sort()).toEqual([
      ['Closing large group', '2026-01-17T19:00:00.000Z', { APA: 60 }],
      ['Small group I', '2026-01-14T17:00:00.000Z', { APA: 90 }],
    ]);
    const [audit] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, next.id), eq(auditEvents.action, 'course_schedule.copied')));
    expect(audit!.after).toMatchObject({ sourceCourseId: past.courseId, dayShift: 266 });

    const stranger = await setup();
    expect((await refusal(copySchedule(testDb.db, stranger.scope, { sourceCourseId: past.courseId }, systemActor))).code).toBe('COPY_SOURCE_NOT_FOUND');
    // A course too short for the source: nothing is copied, each session that would fall outside is named.
    const short = await createCourse(testDb.db, org.id, { startsOn: '2026-05-01', endsOn: '2026-05-02' });
    const refused = await refusal(copySchedule(testDb.db, { organizationId: org.id, courseId: short.id }, { sourceCourseId: past.courseId }, systemActor));
    expect((refused as CopyRejected).failures.map((f) => [f.title, f.problem])).toEqual([['Closing large group', 'SESSION_OUTSIDE_COURSE']]);
    expect(await testDb.db.select().from(courseSessions).where(eq(courseSessions.courseId, short.id))).toHaveLength(0);
  });
});

test('credit totals per body, and publication gating the public sessions', async () => {
  const { course, scope } = await setup();
  await createSession(testDb.db, scope, draft(), systemActor);
  await createSession(testDb.db, scope, draft({ kind: 'meal', title: 'Lunch', startTime: '12:00', endTime: '13:00' }), systemActor);
  await createSession(testDb.db, scope, draft({ kind: 'debrief', title: 'Debrief', startTime: '13:00', endTime: '13:45', creditMinutes: { AAFP: 30 } }), systemActor);
  await createSession(testDb.db, scope, draft({ kind: 'other', title: 'Faculty meeting', startTime: '07:30', endTime: '08:30', isPublic: false }), systemActor);
  const staff = await findStaffSchedule(testDb.db, course);
  expect(staff.totals).toEqual([
    { body: 'AAFP', minutes: 120 },
    { body: 'APA', minutes: 135 },
  ]);
  expect(staff.publishedAt).toBeNull();
  expect(await findPublishedSessions(testDb.db, scope.organizationId, scope.courseId)).toBeNull();
  await setSchedulePublished(testDb.db, scope, true, systemActor);
  expect((await findPublishedSessions(testDb.db, scope.organizationId, scope.courseId))!.map((s) => s.title)).toEqual(['Small group I', 'Lunch', 'Debrief']);
  await setSchedulePublished(testDb.db, scope, false, systemActor);
  expect(await findPublishedSessions(testDb.db, scope.organizationId, scope.courseId)).toBeNull();
  expect((await audits(scope.courseId)).map((a) => a.action)).toEqual(['course_schedule.published', 'course_schedule.unpublished']);
});

describe('the agenda and its feed', () => {
  test('participants with a place see public sessions with their group once groups are published; others have no agenda', async () => {
    const { org, course, scope } = await setup();
    const small = await createSession(testDb.db, scope, draft({ room: 'Ballroom' }), systemActor);
    await createSession(testDb.db, scope, draft({ kind: 'faculty_panel', title: 'Panel', startTime: '10:30', endTime: '11:30' }), systemActor);
    await createSession(testDb.db, scope, draft({ kind: 'other', title: 'Faculty meeting', startTime: '07:00', endTime: '08:00', isPublic: false }), systemActor);
    const accepted = await participant(org, course, 'accepted');
    const applied = await participant(org, course, 'submitted');
    expect(await findAgenda(testDb.db, scope, applied.userId)).toBeNull();

    // Not published yet: an agenda with no items.
    expect(await findAgenda(testDb.db, scope, accepted.userId)).toMatchObject({ role: 'participant', items: null, groups: [] });
    await setSchedulePublished(testDb.db, scope, true, systemActor);
    const pending = (await findAgenda(testDb.db, scope, accepted.userId))!;
    expect(pending.items!.map((i) => [i.title, i.room, i.groupPending])).toEqual([
      ['Small group I', 'Ballroom', true],
      ['Panel', 'Cedar', false],
    ]);

    // The director's groups, published: the group's room and its leaders.
    const [leaderA, leaderB] = await testDb.db
      .insert(courseFaculty)
      .values([
        { organizationId: org.id, courseId: course.id, position: 0, role: 'director', name: 'Janet Walker', credentials: 'MD' },
        { organizationId: org.id, courseId: course.id, position: 1, role: 'faculty', name: 'Chris Rule', credentials: 'LCSW' },
      ])
      .returning();
    const [group] = await testDb.db.insert(smallGroups).values({ organizationId: org.id, courseId: course.id, position: 0, name: 'Group A', room: 'Spokane Falls Room' }).returning();
    await testDb.db.insert(smallGroupLeaders).values([leaderA!, leaderB!].map((l) => ({ organizationId: org.id, smallGroupId: group!.id, courseFacultyId: l.id })));
    await testDb.db.insert(smallGroupMembers).values({ organizationId: org.id, courseId: course.id, registrationId: accepted.registrationId, smallGroupId: group!.id });
    await testDb.db.insert(smallGroupPlans).values({ organizationId: org.id, courseId: course.id });
    expect((await findAgenda(testDb.db, scope, accepted.userId))!.items![0]!.groupPending).toBe(true); // drafted, not published
    await testDb.db.update(smallGroupPlans).set({ publishedAt: new Date() }).where(eq(smallGroupPlans.courseId, course.id));
    const agenda = (await findAgenda(testDb.db, scope, accepted.userId))!;
    expect(agenda.items![0]).toMatchObject({ room: 'Spokane Falls Room', groupPending: false, group: { name: 'Group A', leaders: ['Janet Walker, MD', 'Chris Rule, LCSW'] } });

    // Faculty linked to an account see every session, with the group they lead.
    await testDb.db.update(courseFaculty).set({ userId: applied.userId }).where(eq(courseFaculty.id, leaderB!.id));
    const faculty = (await findAgenda(testDb.db, scope, applied.userId))!;
    expect(faculty.role).toBe('faculty');
    expect(faculty.items!.map((i) => i.title)).toEqual(['Faculty meeting', 'Small group I', 'Panel']);
    expect(faculty.groups.map((g) => g.name)).toEqual(['Group A']);

    // The personal calendar carries the group's room and leaders.
    const parsed = parseCalendar(agendaCalendar(course, agenda, PUBLIC_URL, PUBLIC_URL));
    ICAL.TimezoneService.reset();
    const event = parsed.events.find((e) => e.uid === `${small.calendarUid}@hub.example.org`)!;
    expect(event.location).toContain('Spokane Falls Room');
    expect(event.description).toContain('Janet Walker, MD, Chris Rule, LCSW');
    expect(event.tzid).toBe('America/Los_Angeles');
  });

  test('feed tokens: only the hash is stored; a new one replaces the old; revoked or unknown tokens are not found; losing the place closes the feed', async () => {
    const { org, course, scope } = await setup();
    const person = await participant(org, course, 'confirmed');
    const stranger = await participant(org, course, 'waitlisted');
    expect((await refusal(createAgendaFeed(testDb.db, scope, stranger.userId, systemActor))).code).toBe('AGENDA_NOT_AVAILABLE');

    const first = await createAgendaFeed(testDb.db, scope, person.userId, systemActor);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await testDb.db.select().from(agendaFeeds).where(eq(agendaFeeds.id, first.id));
    expect(stored[0]!.tokenHash).toBe(hashFeedToken(first.token));
    expect(JSON.stringify(stored)).not.toContain(first.token);
    expect(JSON.stringify(await audits(first.id))).not.toContain(first.token);
    expect(await openAgendaFeed(testDb.db, org.id, first.token)).toEqual({ courseId: course.id, userId: person.userId });
    expect((await findActiveAgendaFeed(testDb.db, scope, person.userId))!.lastFetchedAt).not.toBeNull();

    // Another organization's address space does not open it.
    const other = await createOrganization(testDb.db);
    expect((await refusal(openAgendaFeed(testDb.db, other.id, first.token))).code).toBe('AGENDA_FEED_NOT_FOUND');

    const second = await createAgendaFeed(testDb.db, scope, person.userId, systemActor);
    expect((await refusal(openAgendaFeed(testDb.db, org.id, first.token))).code).toBe('AGENDA_FEED_NOT_FOUND');
    await openAgendaFeed(testDb.db, org.id, second.token);
    await revokeAgendaFeed(testDb.db, scope, person.userId, second.id, systemActor);
    expect((await refusal(openAgendaFeed(testDb.db, org.id, second.token))).code).toBe('AGENDA_FEED_NOT_FOUND');
    expect((await refusal(revokeAgendaFeed(testDb.db, scope, person.userId, second.id, systemActor))).code).toBe('AGENDA_FEED_NOT_FOUND');
    expect((await refusal(openAgendaFeed(testDb.db, org.id, 'x'.repeat(43)))).code).toBe('AGENDA_FEED_NOT_FOUND');

    const third = await createAgendaFeed(testDb.db, scope, person.userId, systemActor);
    await testDb.db.update(registrations).set({ status: 'cancelled' }).where(eq(registrations.id, person.registrationId));
    expect((await refusal(openAgendaFeed(testDb.db, org.id, third.token))).code).toBe('AGENDA_FEED_NOT_FOUND');
    // Someone else cannot revoke it.
    expect((await refusal(revokeAgendaFeed(testDb.db, scope, stranger.userId, third.id, systemActor))).code).toBe('AGENDA_FEED_NOT_FOUND');
  });
});
