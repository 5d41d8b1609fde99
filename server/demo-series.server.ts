// Demo data for group series (issue 14, ADR 0063), in the Northwest Balint Circle: a paid
// autumn series that is filling (three of its minimum of four signed up, one paid by check),
// and a series whose decide-by date passed two days ago short of its minimum — cancelled, its
// two paying members emailed and their refunds due in the refund tracker. Everything goes
// through the domain (sign-up, payment, the decision), so the ledger tells the same story.
//
// The series belong to two of the circle's directory listings (server/demo-directory.server.ts):
// the Seattle monthly group and the Tacoma group for residents.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '#db/client.server.ts';
import { groupListings } from '#db/schema/directory.ts';
import { organizations } from '#db/schema/organizations.ts';
import { users } from '#db/schema/accounts.ts';
import { groupSeries } from '#db/schema/series.ts';
import { createVerifiedAccount, randomPassword } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { decideSeriesNow } from '#domain/series/decide.server.ts';
import { enrollInSeries } from '#domain/series/enroll.server.ts';
import { recordSeriesPayment } from '#domain/series/record-series-payment.server.ts';

const ZONE = 'America/Los_Angeles';

/** The NWBC directory listings the demo series run in (server/demo-directory.server.ts made them). */
export async function demoSeriesListings(db: Db, organizationId: string) {
  const bySlug = async (slug: string) => {
    const [row] = await db.select().from(groupListings).where(and(eq(groupListings.organizationId, organizationId), eq(groupListings.slug, slug)));
    if (!row) throw new Error(`demo: the directory listing ${slug} is missing`);
    return row;
  };
  return { seattle: await bySlug('seattle-monthly-balint-group'), residents: await bySlug('balint-group-for-residents') };
}

async function person(db: Db, name: string) {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`;
  const { userId } = await createVerifiedAccount(db, { email, name, password: randomPassword() }, systemActor);
  return { id: userId, name, email };
}

export async function seedDemoSeries(db: Db, today: string, publicUrl: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, 'nwbc'));
  const [leader] = await db.select().from(users).where(eq(users.email, 'admin@nwbc.example.org'));
  if (!org || !leader) throw new Error('demo: NWBC or its admin is missing');
  const day = (n: number) => Temporal.PlainDate.from(today).add({ days: n }).toString();
  const instant = (date: string) => new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: ZONE, plainTime: '10:00' }).epochMilliseconds);
  const { seattle, residents } = await demoSeriesListings(db, org.id);
  const signUp = (seriesId: string, p: { id: string; name: string; email: string }, on: string) =>
    enrollInSeries(db, { organizationId: org.id, seriesId, userId: p.id, name: p.name, email: p.email }, { userId: p.id, requestId: null }, { publicUrl, now: instant(on) });
  const byCheck = (enrollmentId: string, amountMinor: number, on: string, reference: string) =>
    recordSeriesPayment(db, { organizationId: org.id, seriesEnrollmentId: enrollmentId, method: 'check', amountMinor, receivedOn: on, reference }, systemActor, instant(on));

  // Filling: six Tuesdays from four weeks out, $180; three of a minimum of four, at most ten.
  const [filling] = await db
    .insert(groupSeries)
    .values({ organizationId: org.id, listingId: seattle.id, title: 'Winter series', firstSessionOn: day(28), sessionCount: 6, priceMinor: 18000, currency: org.currency, minimum: 4, maximum: 10, closesAfterSession: 2, decideBy: day(14), createdBy: leader.id })
    .returning();
  const [priya, sam, lee] = [await person(db, 'Priya Raman'), await person(db, 'Sam Okafor'), await person(db, 'Lee Whitman')];
  const first = await signUp(filling!.id, priya, day(-5));
  await byCheck(first.enrollment.id, 18000, day(-3), `check ${1000 + crypto.randomInt(9000)}`);
  await signUp(filling!.id, sam, day(-2));
  await signUp(filling!.id, lee, day(-1));

  // Missed its minimum: decide-by two days ago, two of five signed up and paid; the decision
  // ran this morning: cancelled, both told, both refunds due in the tracker.
  const [missed] = await db
    .insert(groupSeries)
    .values({ organizationId: org.id, listingId: residents.id, title: 'Evening series for residents', firstSessionOn: day(5), sessionCount: 4, priceMinor: 9000, currency: org.currency, minimum: 5, maximum: 8, closesAfterSession: 1, decideBy: day(-2), createdBy: leader.id })
    .returning();
  const [ana, tom] = [await person(db, 'Ana Lindqvist'), await person(db, 'Tom Becker')];
  for (const [p, on] of [[ana, day(-20)], [tom, day(-12)]] as const) {
    const placed = await signUp(missed!.id, p, on);
    await byCheck(placed.enrollment.id, 9000, on, `check ${1000 + crypto.randomInt(9000)}`);
  }
  await decideSeriesNow(db, { organizationId: org.id, seriesId: missed!.id }, systemActor, { publicUrl, now: instant(today) });
}
