import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { waitlistPosition } from './availability.server.ts';

/** One person's registrations in one organization, newest first, with what to do next. */
export async function findMyRegistrations(db: DbOrTx, organizationId: string, userId: string) {
  const rows = await db
    .select({ registration: registrations, course: { slug: courses.slug, title: courses.title, startsOn: courses.startsOn, endsOn: courses.endsOn, timeZone: courses.timeZone } })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(and(eq(registrations.organizationId, organizationId), eq(registrations.userId, userId)))
    .orderBy(desc(registrations.submittedAt));
  return Promise.all(
    rows.map(async ({ registration: r, course }) => ({
      id: r.id,
      course,
      status: r.status,
      tier: r.tier,
      categoryLabel: r.policy.categoryLabel,
      amountMinor: r.amountMinor,
      // Payments come with the money capability; until then the balance is the price plus adjustments.
      balanceMinor: r.amountMinor + r.balanceAdjustmentMinor,
      currency: r.currency,
      membershipCheck: r.membershipCheck,
      offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
      position: r.status === 'waitlisted' ? await waitlistPosition(db, r.courseId, r.sequence) : null,
    })),
  );
}
