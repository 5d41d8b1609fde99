// What an organization's staff dashboard reads: its courses, the mail waiting in its outbox
// (for those who may open it) and its overdue refunds (for those who may pay them out).
import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { countOverdueRefunds } from '#domain/refunds/find-refunds.server.ts';

export async function findStaffDashboard(db: DbOrTx, organizationId: string, show: { outbox: boolean; refunds: boolean }) {
  const [waiting] = show.outbox
    ? await db
        .select({ n: count() })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.organizationId, organizationId), inArray(outboxMessages.status, ['pending', 'held', 'failed'])))
    : [];
  const courseRows = await db
    .select({ slug: courses.slug, title: courses.title, status: courses.status, startsOn: courses.startsOn, endsOn: courses.endsOn })
    .from(courses)
    .where(eq(courses.organizationId, organizationId))
    .orderBy(courses.startsOn);
  const overdueRefunds = show.refunds ? await countOverdueRefunds(db, organizationId) : null;
  return { messagesWaiting: waiting ? waiting.n : null, courses: courseRows, overdueRefunds };
}
