// When places free (a decline, a withdrawal, a lapsed offer), the next people on the waitlist
// get offers that hold the place for the course's offerHoldHours. Runs inside the transaction
// that freed the place, under the same course lock.
//
// Tier rule for offers: an offer gets the early rate if an early place is free at the moment
// of the offer (and the early date, if any, has not passed); otherwise the regular rate. The
// price is re-quoted then and fixed; the applicant sees it before accepting.
import { and, asc, eq } from 'drizzle-orm';
import { chargeRegistration } from '#domain/money/charges.server.ts';
import { coursePrices, type courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { countPlaces } from './availability.server.ts';
import type { Tx } from '#domain/transaction.server.ts';
import { queueRegistrationEmail, type NotifyContext } from './notify.server.ts';
import { earlyRateAvailable, localToday, quote } from './rules.ts';
import { discountCodes } from '#db/schema/registration.ts';

type Course = typeof courses.$inferSelect;

export async function offerFreedPlaces(tx: Tx, course: Course, actor: Actor, context: NotifyContext & { now?: Date }): Promise<string[]> {
  if (course.status !== 'published' && course.status !== 'closed') return [];
  const now = context.now ?? new Date();
  const today = localToday(course.timeZone, now);
  const emailIds: string[] = [];
  for (;;) {
    const counts = await countPlaces(tx, course.id);
    if (counts.taken >= course.capacity) break;
    const [next] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.courseId, course.id), eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.waitlistedAt), asc(registrations.sequence))
      .limit(1);
    if (!next) break;
    const early = earlyRateAvailable(course, counts.earlyTaken, today);
    const cells = await tx.select().from(coursePrices).where(eq(coursePrices.courseId, course.id));
    const [code] = next.discountCodeId ? await tx.select().from(discountCodes).where(eq(discountCodes.id, next.discountCodeId)) : [];
    const terms = code ? { kind: code.kind, amount: code.amount } : undefined;
    // A price removed since the application: the quote it was made at.
    const price = quote(cells, next.categoryKey, early ? 'early' : 'regular', terms) ?? { tier: next.tier, baseAmountMinor: next.baseAmountMinor, discountMinor: next.discountMinor, amountMinor: next.baseAmountMinor - next.discountMinor };
    const expires = new Date(now.getTime() + course.offerHoldHours * 3_600_000);
    const [offered] = await tx
      .update(registrations)
      .set({
        status: 'offered',
        tier: price.tier,
        holdsEarlyPlace: price.tier === 'early',
        baseAmountMinor: price.baseAmountMinor,
        discountMinor: price.discountMinor,
        amountMinor: price.amountMinor,
        policy: { ...next.policy, tier: price.tier },
        offerExpiresAt: expires,
        updatedAt: now,
      })
      .where(eq(registrations.id, next.id))
      .returning();
    await chargeRegistration(tx, offered!, actor, now);
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: 'registration.offered',
      entityType: 'registration',
      entityId: next.id,
      before: { status: next.status },
      after: { status: 'offered', tier: price.tier, amountMinor: offered!.amountMinor, offerExpiresAt: expires.toISOString() },
    });
    const until = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'long', timeZone: course.timeZone }).format(expires);
    emailIds.push(await queueRegistrationEmail(tx, 'offered', offered!, course, context, { offerUntil: until }));
  }
  return emailIds;
}
