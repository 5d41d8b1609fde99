// The combined offer (ADR 0068, "Join both"): a regional circle marks its national society as
// its partner; a person joining the circle is led, once the circle's dues are paid or invoiced,
// to the partner's own membership page. Two checkouts, each the money of its own organization:
// no checkout ever spans organizations.
import { and, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { membershipSettings } from '#db/schema/membership.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { getMembershipPage } from './self-service.server.ts';
import type { Person } from './standing.server.ts';

export type PartnerOrganization = { id: string; slug: string; name: string; shortName: string; currency: string };

const partnerColumns = { id: organizations.id, slug: organizations.slug, name: organizations.name, shortName: organizations.shortName, currency: organizations.currency };

/** The organization's partner, if it marked one. */
export async function findPartner(db: DbOrTx, organizationId: string): Promise<PartnerOrganization | null> {
  const [row] = await db
    .select(partnerColumns)
    .from(membershipSettings)
    .innerJoin(organizations, eq(organizations.id, membershipSettings.partnerOrganizationId))
    .where(eq(membershipSettings.organizationId, organizationId));
  return row ?? null;
}

/** The organizations staff may choose as partner: the deployment's national societies, other than this one. */
export async function findPartnerChoices(db: DbOrTx, organizationId: string) {
  return db
    .select(partnerColumns)
    .from(organizations)
    .where(and(eq(organizations.kind, 'national_society'), ne(organizations.id, organizationId)))
    .orderBy(asc(organizations.name));
}

/**
 * Sets the partner (or clears it, `partnerOrganizationId` null). Refused: the organization
 * itself, an unknown organization, one that is not a national society. The partner need not
 * have a partner of its own (no chain).
 */
export async function savePartner(db: DbOrTx, input: { organizationId: string; partnerOrganizationId: string | null }, actor: Actor) {
  await db.transaction(async (tx) => {
    const partnerId = input.partnerOrganizationId;
    if (partnerId !== null) {
      if (partnerId === input.organizationId) throw new DomainError('MEMBERSHIP_PARTNER_SELF', partnerId, { partnerOrganizationId: 'MEMBERSHIP_PARTNER_SELF' });
      const [partner] = await tx.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, partnerId));
      if (!partner) throw new DomainError('ORGANIZATION_NOT_FOUND', partnerId, { partnerOrganizationId: 'ORGANIZATION_NOT_FOUND' });
      if (partner.kind !== 'national_society') throw new DomainError('MEMBERSHIP_PARTNER_KIND', partnerId, { partnerOrganizationId: 'MEMBERSHIP_PARTNER_KIND' });
    }
    await tx
      .insert(membershipSettings)
      .values({ organizationId: input.organizationId, partnerOrganizationId: partnerId })
      .onConflictDoUpdate({ target: membershipSettings.organizationId, set: { partnerOrganizationId: partnerId, updatedAt: new Date() } });
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'membership.partner_set', entityType: 'organization', entityId: input.organizationId, after: { partnerOrganizationId: partnerId } });
  });
}

/**
 * The partner's offer to this person, when the organization has a partner with a type one can
 * buy and the person is neither a member of it nor waiting on a membership of it: the partner
 * and the type to pre-select. Null otherwise.
 */
export async function partnerOfferFor(db: DbOrTx, organizationId: string, person: Person, now = new Date()) {
  const partner = await findPartner(db, organizationId);
  if (!partner) return null;
  const page = await getMembershipPage(db, partner, person, now);
  if (page.standing) return null;
  const pending = page.terms.some(({ term }) => term.status === 'pending');
  const offer = page.offers.find((o) => o.quote);
  if (pending || !offer) return null;
  return { partner, typeId: offer.type.id, typeName: offer.type.name };
}
