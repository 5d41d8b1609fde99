// Rosters per small group, as a CSV and a PDF, for the director and the group's faculty.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { toCsv } from '#domain/registration/export-applications.ts';
import { renderRosterPdf, type RosterDocument } from '#lib/pdf/rosters.ts';
import { t } from '#lib/i18n.ts';
import { loadCourseGroups } from './course-groups.server.ts';
import { summarizeGroups } from './summarize.server.ts';

async function roster(db: DbOrTx, organizationId: string, courseId: string): Promise<RosterDocument & { slug: string }> {
  const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  const summary = summarizeGroups(await loadCourseGroups(db, organizationId, courseId));
  return {
    slug: course?.slug ?? 'course',
    organization: { name: org?.name ?? '', postalAddress: org?.postalAddress ?? '' },
    course: course?.title ?? '',
    groups: summary.cards.map((card) => ({
      name: card.name,
      room: card.room,
      leaders: card.leaders.map((l) => (l.credentials ? `${l.name}, ${l.credentials}` : l.name)),
      members: card.members.map((m) => ({ name: m.name, profession: m.profession, institution: m.institution, email: m.email })),
    })),
  };
}

export async function rosterCsv(db: DbOrTx, organizationId: string, courseId: string): Promise<{ filename: string; csv: string }> {
  const data = await roster(db, organizationId, courseId);
  const header = ['group', 'room', 'role', 'name', 'profession', 'institution', 'email'].map((c) => t(`smallGroupsCsv.${c}`));
  const rows = data.groups.flatMap((g) => [
    ...g.leaders.map((name) => [g.name, g.room, t('smallGroupsCsv.leader'), name, '', '', '']),
    ...g.members.map((m) => [g.name, g.room, t('smallGroupsCsv.member'), m.name, m.profession, m.institution, m.email]),
  ]);
  return { filename: `${data.slug.replace(/[^a-z0-9-]/gi, '')}-small-groups.csv`, csv: toCsv([header, ...rows]) };
}

export async function rosterPdf(db: DbOrTx, organizationId: string, courseId: string): Promise<{ filename: string; bytes: Buffer }> {
  const data = await roster(db, organizationId, courseId);
  return { filename: `${data.slug.replace(/[^a-z0-9-]/gi, '')}-small-groups.pdf`, bytes: await renderRosterPdf(data) };
}
