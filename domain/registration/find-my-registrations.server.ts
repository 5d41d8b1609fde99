import { and, desc, eq, inArray } from 'drizzle-orm';
import { mayPayNow } from './pay-now.ts';
import type { DbOrTx } from '#db/client.server.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { courses } from '#db/schema/courses.ts';
import { refunds } from '#db/schema/money.ts';
import { PLACE_HOLDING, registrations } from '#db/schema/registration.ts';
import { registrationBalances } from '#domain/money/read-account.server.ts';
import { localToday } from './rules.ts';
import { waitlistPosition } from './availability.server.ts';

/** One person's registrations in one organization, newest first, with what to do next. */
export async function findMyRegistrations(db: DbOrTx, organizationId: string, userId: string, now = new Date()) {
  const rows = await db
    .select({
      registration: registrations,
      course: {
        slug: courses.slug,
        title: courses.title,
        startsOn: courses.startsOn,
        endsOn: courses.endsOn,
        timeZone: courses.timeZone,
        paymentTiming: courses.paymentTiming,
        financialAidAwards: courses.financialAidAwards,
        financialAidDeadline: courses.financialAidDeadline,
        financialAidMaxMinor: courses.financialAidMaxMinor,
      },
    })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(and(eq(registrations.organizationId, organizationId), eq(registrations.userId, userId)))
    .orderBy(desc(registrations.submittedAt));
  const ids = rows.map((r) => r.registration.id);
  const balances = await registrationBalances(db, ids);
  const openRefunds = ids.length
    ? await db
        .select({ registrationId: refunds.registrationId, amountMinor: refunds.amountMinor, dueOn: refunds.dueOn, status: refunds.status })
        .from(refunds)
        .where(and(inArray(refunds.registrationId, ids), eq(refunds.organizationId, organizationId)))
    : [];
  const aid = ids.length
    ? await db
        .select({ registrationId: aidApplications.registrationId, status: aidApplications.status, awardedMinor: aidApplications.awardedMinor })
        .from(aidApplications)
        .where(and(inArray(aidApplications.registrationId, ids), eq(aidApplications.organizationId, organizationId)))
    : [];
  return Promise.all(
    rows.map(async ({ registration: r, course }) => {
      const account = balances.get(r.id)!;
      const holdsPlace = PLACE_HOLDING.includes(r.status);
      const payable = mayPayNow({ status: r.status, balanceMinor: account.balanceMinor, applied: r.policy.paymentTiming, course: course.paymentTiming });
      const aidOpen = (course.financialAidAwards ?? 0) > 0 && (course.financialAidMaxMinor ?? 0) > 0 && (course.financialAidDeadline === null || localToday(course.timeZone, now) <= course.financialAidDeadline);
      return {
        id: r.id,
        course: { slug: course.slug, title: course.title, startsOn: course.startsOn, endsOn: course.endsOn, timeZone: course.timeZone },
        status: r.status,
        tier: r.tier,
        categoryLabel: r.policy.categoryLabel,
        amountMinor: r.amountMinor,
        balanceMinor: account.balanceMinor,
        paidMinor: account.netPaidMinor,
        currency: r.currency,
        membershipCheck: r.membershipCheck,
        offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
        paymentDueAt: r.paymentDueAt?.toISOString() ?? null,
        position: r.status === 'waitlisted' ? await waitlistPosition(db, r.courseId, r.sequence) : null,
        refunds: openRefunds.filter((f) => f.registrationId === r.id).map(({ amountMinor, dueOn, status }) => ({ amountMinor, dueOn, status })),
        /** What the person can do about money here (each a page of its own). */
        canPay: payable,
        canCancel: holdsPlace && r.status !== 'offered' && account.netPaidMinor > 0,
        canWithdraw: r.status === 'waitlisted' || (['submitted', 'accepted'].includes(r.status) && account.netPaidMinor <= 0),
        aid: aid.find((a) => a.registrationId === r.id) ?? null,
        canApplyForAid: aidOpen && (holdsPlace || r.status === 'waitlisted') && !aid.some((a) => a.registrationId === r.id),
        hasStatement: account.dueMinor !== 0 || account.paidMinor > 0 || account.chargedMinor > 0,
      };
    }),
  );
}
