// What a signed-in person sees on the membership page (ADR 0068): their standing today in the
// organization's zone, their terms, and what joining or renewing with each offered type would
// cost and cover.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { registrations } from '#db/schema/registration.ts';
import { DomainError } from '#domain/errors.ts';
import { findPersonTerms, orgToday, quoteMembership } from './membership-terms.server.ts';
import { findMemberStanding, type Person } from './standing.server.ts';
import { findMembershipTypes } from './types.server.ts';

export async function getMembershipPage(db: DbOrTx, org: { id: string; currency: string }, person: Person | null, now = new Date()) {
  const today = await orgToday(db, org.id, now);
  const types = (await findMembershipTypes(db, org.id)).filter((type) => type.active && !type.complimentary && (type.dues[org.currency] ?? 0) > 0);
  if (!person) {
    return { today, standing: undefined, terms: [], offers: types.map((type) => ({ type, quote: null })) };
  }
  const offers = [];
  for (const type of types) {
    try {
      offers.push({ type, quote: await quoteMembership(db, org.id, person, type, org.currency, today) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return { today, standing: await findMemberStanding(db, org.id, person, today), terms: await findPersonTerms(db, org.id, person), offers };
}

/** The membership a person registering could join with their registration: the organization's regular offer that gives member prices. */
export async function joinOfferFor(db: DbOrTx, org: { id: string; currency: string }, person: Person, now = new Date()) {
  const page = await getMembershipPage(db, org, person, now);
  if (page.standing?.grantsMemberPrices) return null;
  const offer = page.offers.find((o) => o.type.grantsMemberPrices && o.quote);
  return offer ? { typeId: offer.type.id, typeName: offer.type.name, quote: offer.quote! } : null;
}

/**
 * On a registration's payment page: the membership the person may join in the same payment,
 * when they chose a member rate without being a member (their membership is "to verify").
 */
export async function joinOfferForRegistration(db: DbOrTx, org: { id: string; currency: string }, person: Person & { userId: string }, registrationId: string, now = new Date()) {
  const [registration] = await db
    .select({ membershipCheck: registrations.membershipCheck, currency: registrations.currency })
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.organizationId, org.id), eq(registrations.userId, person.userId)));
  if (!registration || registration.membershipCheck !== 'to_verify' || registration.currency !== org.currency) return null;
  return joinOfferFor(db, org, person, now);
}
