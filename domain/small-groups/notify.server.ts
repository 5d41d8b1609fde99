// Writes the placement emails into the outbox in the caller's transaction and marks the
// members told; delivery happens after commit (the caller hands the ids to the job queue).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courseSessions, smallGroupMembers } from '#db/schema/course-running.ts';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import type { CourseGroups } from './course-groups.server.ts';
import { placementEmail } from './emails.ts';

export interface NotifyContext {
  publicUrl: string;
}

export async function notifyPlacements(
  tx: DbOrTx,
  state: CourseGroups,
  registrationIds: readonly string[],
  kind: 'published' | 'changed',
  context: NotifyContext,
): Promise<string[]> {
  if (registrationIds.length === 0) return [];
  const courseId = state.plan.courseId;
  const [course] = await tx.select().from(courses).where(eq(courses.id, courseId));
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, state.plan.organizationId));
  if (!course || !org) return [];
  const templates = await loadEmailTemplates(tx, org.id);
  const [first] = await tx
    .select({ startsAt: courseSessions.startsAt })
    .from(courseSessions)
    .where(and(eq(courseSessions.courseId, courseId), eq(courseSessions.kind, 'small_group')))
    .orderBy(asc(courseSessions.startsAt))
    .limit(1);
  const firstSession = first
    ? new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: course.timeZone, timeZoneName: 'short' }).format(first.startsAt)
    : null;
  const groups = new Map(state.groups.map((g) => [g.id, g]));
  const placed = new Map(state.members.map((m) => [m.registrationId, m.smallGroupId]));
  const participants = new Map(state.participants.map((p) => [p.registrationId, p]));
  const ids: string[] = [];
  const told: string[] = [];
  for (const registrationId of registrationIds) {
    const person = participants.get(registrationId);
    const group = groups.get(placed.get(registrationId) ?? '');
    if (!person || !group) continue;
    const email = placementEmail({
      templates,
      kind,
      orgName: org.name,
      orgSlug: org.slug,
      publicUrl: context.publicUrl,
      name: person.name,
      course: course.title,
      group: group.name,
      leaders: group.leaders.map((l) => (l.credentials ? `${l.name}, ${l.credentials}` : l.name)),
      room: group.room,
      firstSession,
    });
    ids.push(await queueEmail(tx, { organizationId: org.id, kind: `small-groups.${kind}`, to: person.email, ...email }));
    told.push(registrationId);
  }
  if (told.length) await tx.update(smallGroupMembers).set({ notifiedAt: new Date() }).where(inArray(smallGroupMembers.registrationId, told));
  return ids;
}
