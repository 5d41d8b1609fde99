// What the application page shows after a signed-in person applied (Post/Redirect/Get): their
// own registration to that course, found by id and owner — anyone else finds nothing.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { mayPayNow } from './pay-now.ts';
import { waitlistPosition } from './availability.server.ts';

export async function getOwnApplication(db: DbOrTx, input: { organizationId: string; courseId: string; userId: string; registrationId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(input.registrationId)) return undefined;
  const [r] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.id, input.registrationId),
        eq(registrations.organizationId, input.organizationId),
        eq(registrations.courseId, input.courseId),
        eq(registrations.userId, input.userId),
      ),
    );
  if (!r) return undefined;
  const [course] = await db.select({ paymentTiming: courses.paymentTiming }).from(courses).where(eq(courses.id, r.courseId));
  const account = await registrationAccount(db, r.id);
  return {
    id: r.id,
    status: r.status,
    amountMinor: r.amountMinor,
    currency: r.currency,
    categoryLabel: r.policy.categoryLabel,
    tier: r.tier,
    email: r.email,
    addressConfirmed: r.addressConfirmedAt !== null,
    // The seed's practice: pay with the application (signed-in applicants can pay right away).
    payNow: mayPayNow({ status: r.status, balanceMinor: account.balanceMinor, applied: r.policy.paymentTiming, course: course!.paymentTiming }),
    position: r.status === 'waitlisted' ? await waitlistPosition(db, r.courseId, r.sequence) : undefined,
  };
}
