// What an organization's staff dashboard reads: its courses, its mail (for those who may open
// the outbox: what is waiting, and what could not be delivered lately) and its overdue refunds
// (for those who may pay them out).
import { and, count, eq, gte, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { OUTBOX_VIEWS } from '#lib/email/outbox-views.ts';
import { countOverdueRefunds } from '#domain/refunds/find-refunds.server.ts';

/** How far back the dashboard counts undelivered mail: long enough to span a course's run-up. */
export const UNDELIVERED_WINDOW_DAYS = 30;

export async function findStaffDashboard(db: DbOrTx, organizationId: string, show: { outbox: boolean; refunds: boolean }, now: Date = new Date()) {
  const mail = show.outbox ? await countMail(db, organizationId, now) : null;
  const courseRows = await db
    .select({ slug: courses.slug, title: courses.title, status: courses.status, startsOn: courses.startsOn, endsOn: courses.endsOn })
    .from(courses)
    .where(eq(courses.organizationId, organizationId))
    .orderBy(courses.startsOn);
  const overdueRefunds = show.refunds ? await countOverdueRefunds(db, organizationId) : null;
  return { mail, courses: courseRows, overdueRefunds };
}

async function countMail(db: DbOrTx, organizationId: string, now: Date) {
  const since = new Date(now.getTime() - UNDELIVERED_WINDOW_DAYS * 86_400_000);
  const [[waiting], [undelivered]] = await Promise.all([
    db
      .select({ n: count() })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.organizationId, organizationId), inArray(outboxMessages.status, [...OUTBOX_VIEWS.waiting]))),
    db
      .select({ n: count() })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.organizationId, organizationId), inArray(outboxMessages.status, [...OUTBOX_VIEWS.undelivered]), gte(outboxMessages.createdAt, since))),
  ]);
  return { waiting: waiting?.n ?? 0, undelivered: undelivered?.n ?? 0 };
}
