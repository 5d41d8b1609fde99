// Demo data for a course that was run: the presenting and leading rotation of each small group,
// and attendance at every past small-group or credit session — everyone present but for a few
// late arrivals (10–20 minutes) and one absence; the demo member (member@abs.example.org) with
// full attendance. Called by the demo seed once the course's schedule, small groups and members
// exist (other seeds make those). Deterministic: the same data gives the same demo. In server/
// because it composes the domain's rotation generator with the database (the layer rule keeps
// db/seed free of domain imports). ADR 0056.
import crypto from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { attendance, attendanceMarks, courseSessions, participantGroupingFacts, rotationTurns, smallGroupLeaders, smallGroupMembers, smallGroups } from '#db/schema/course-running.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { createRng } from '#domain/grouping/rng.ts';
import { generateRotation } from '#domain/rotation/generate-rotation.ts';

export const DEMO_MEMBER_EMAIL = 'member@abs.example.org';
const LATE_ARRIVALS = 4;

export async function seedRotationAndAttendance(db: DbOrTx, courseId: string, now: Date = new Date()): Promise<{ turns: number; marks: number; late: number; absent: number }> {
  const groups = await db.select().from(smallGroups).where(eq(smallGroups.courseId, courseId)).orderBy(asc(smallGroups.position));
  if (groups.length === 0) return { turns: 0, marks: 0, late: 0, absent: 0 };
  const organizationId = groups[0]!.organizationId;
  const sessions = await db.select().from(courseSessions).where(eq(courseSessions.courseId, courseId)).orderBy(asc(courseSessions.startsAt));
  const members = await db
    .select({
      registrationId: registrations.id,
      groupId: smallGroupMembers.smallGroupId,
      email: users.email,
      willingToPresent: sql<boolean>`coalesce((${registrations.answers}->>'willingToPresent')::boolean, false)`,
      coLeaderCandidate: sql<boolean>`coalesce(${participantGroupingFacts.coLeaderCandidate}, false)`,
    })
    .from(smallGroupMembers)
    .innerJoin(registrations, eq(registrations.id, smallGroupMembers.registrationId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .leftJoin(participantGroupingFacts, eq(participantGroupingFacts.registrationId, registrations.id))
    .where(and(eq(smallGroupMembers.courseId, courseId), inArray(registrations.status, ['accepted', 'confirmed'])))
    .orderBy(asc(registrations.id));
  const leaders = await db
    .select({ groupId: smallGroupLeaders.smallGroupId, userId: courseFaculty.userId })
    .from(smallGroupLeaders)
    .innerJoin(courseFaculty, eq(courseFaculty.id, smallGroupLeaders.courseFacultyId))
    .where(inArray(smallGroupLeaders.smallGroupId, groups.map((g) => g.id)))
    .orderBy(asc(courseFaculty.position));

  // The rotation: every group over the course's small-group sessions.
  const smallGroupSessions = sessions.filter((s) => s.kind === 'small_group').map((s) => s.id);
  let turns = 0;
  for (const group of groups) {
    const plan = generateRotation({ members: members.filter((m) => m.groupId === group.id), sessionIds: smallGroupSessions, seed: group.position });
    if (plan.length === 0) continue;
    const inserted = await db
      .insert(rotationTurns)
      .values(plan.map((t) => ({ organizationId, courseId, smallGroupId: group.id, sessionId: t.sessionId, registrationId: t.registrationId, role: t.role })))
      .onConflictDoNothing()
      .returning({ id: rotationTurns.id });
    turns += inserted.length;
  }

  // Attendance at past sessions that count: small groups and anything carrying credit.
  const past = sessions.filter((s) => s.endsAt.getTime() <= now.getTime() && (s.kind === 'small_group' || Object.values(s.creditMinutes).some((m) => m > 0)));
  const pairs = past.flatMap((s) => members.map((m) => ({ session: s, member: m })));
  const rng = createRng(2025);
  const eligible = pairs.filter((p) => p.member.email.toLowerCase() !== DEMO_MEMBER_EMAIL);
  const pickedLate = new Map<string, number>();
  let absentKey: string | undefined;
  const key = (p: (typeof pairs)[number]) => `${p.session.id}/${p.member.registrationId}`;
  while (eligible.length > 0 && pickedLate.size < Math.min(LATE_ARRIVALS, eligible.length - 1)) {
    const p = eligible.splice(rng.int(eligible.length), 1)[0]!;
    pickedLate.set(key(p), 10 + 5 * rng.int(3));
  }
  if (eligible.length > 0) absentKey = key(eligible[rng.int(eligible.length)]!);

  let marks = 0;
  for (const p of pairs) {
    const k = key(p);
    const late = pickedLate.get(k) ?? 0;
    const status = k === absentKey ? ('absent' as const) : ('present' as const);
    const markedBy = leaders.find((l) => l.groupId === p.member.groupId && l.userId)?.userId ?? 'demo-seed';
    const markedAt = new Date(p.session.startsAt.getTime() + (5 + late) * 60_000);
    const [row] = await db
      .insert(attendance)
      .values({ sessionId: p.session.id, registrationId: p.member.registrationId, organizationId, courseId, status, lateMinutes: late, leftEarlyMinutes: 0, markedAt, markedBy, version: 1 })
      .onConflictDoNothing()
      .returning({ sessionId: attendance.sessionId });
    if (!row) continue;
    await db.insert(attendanceMarks).values({
      id: crypto.randomUUID(),
      organizationId,
      courseId,
      sessionId: p.session.id,
      registrationId: p.member.registrationId,
      status,
      lateMinutes: late,
      leftEarlyMinutes: 0,
      markedAt,
      markedBy,
      baseVersion: 0,
      deviceId: 'demo-seed',
      outcome: 'applied',
    });
    marks++;
  }
  return { turns, marks, late: pickedLate.size, absent: absentKey ? 1 : 0 };
}
