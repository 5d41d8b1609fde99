// Reading listings: a leader's own, the organization's for staff, and the public directory —
// a national society's includes its regional circles' published groups, labelled with the
// circle; a circle's shows its own only.
import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { groupListingLeaders, groupListings } from '#db/schema/directory.ts';
import { organizations } from '#db/schema/organizations.ts';
import { DomainError } from '#domain/errors.ts';
import { withLeaders, type ListingWithLeaders } from './listing-records.server.ts';

export async function findLeaderListings(db: DbOrTx, organizationId: string, userId: string): Promise<ListingWithLeaders[]> {
  const rows = await db
    .select({ listing: groupListings })
    .from(groupListings)
    .innerJoin(groupListingLeaders, and(eq(groupListingLeaders.listingId, groupListings.id), eq(groupListingLeaders.userId, userId)))
    .where(eq(groupListings.organizationId, organizationId))
    .orderBy(asc(groupListings.title));
  return withLeaders(db, rows.map((r) => r.listing));
}

/** One listing its leader may change; anyone else's is "not found". */
export async function getLeaderListing(db: DbOrTx, organizationId: string, listingId: string, userId: string): Promise<ListingWithLeaders> {
  const [found] = (await findLeaderListings(db, organizationId, userId)).filter((l) => l.id === listingId);
  if (!found) throw new DomainError('DIRECTORY_LISTING_NOT_FOUND');
  return found;
}

export async function findStaffListings(db: DbOrTx, organizationId: string): Promise<ListingWithLeaders[]> {
  const rows = await db.select().from(groupListings).where(eq(groupListings.organizationId, organizationId)).orderBy(desc(groupListings.submittedAt), asc(groupListings.title));
  return withLeaders(db, rows);
}

export interface PublicListing extends ListingWithLeaders {
  organization: { slug: string; name: string; shortName: string; own: boolean };
}

/**
 * What the public sees: approved, not withdrawn, and (checked again at every read, so a
 * training record withdrawn later takes the group out) a leader with verified training.
 */
export async function findDirectory(db: DbOrTx, organizationId: string): Promise<PublicListing[]> {
  const circles = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, shortName: organizations.shortName })
    .from(organizations)
    .where(eq(organizations.parentOrganizationId, organizationId));
  const [self] = await db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name, shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, organizationId));
  if (!self) return [];
  const orgs = new Map([self, ...circles].map((o) => [o.id, { slug: o.slug, name: o.name, shortName: o.shortName, own: o.id === self.id }]));
  const rows = await db
    .select()
    .from(groupListings)
    .where(and(inArray(groupListings.organizationId, [...orgs.keys()]), isNotNull(groupListings.approvedAt), isNull(groupListings.withdrawnAt)))
    .orderBy(asc(groupListings.title));
  const listings = await withLeaders(db, rows);
  return listings.filter((l) => l.verdict.publishable).map((l) => ({ ...l, organization: orgs.get(l.organizationId)! }));
}

/** A listing's public page: only the organization's own, and only while the rule lets the public see it. */
export async function getPublicListing(db: DbOrTx, organizationId: string, slug: string): Promise<ListingWithLeaders> {
  const rows = await db
    .select()
    .from(groupListings)
    .where(and(eq(groupListings.organizationId, organizationId), eq(groupListings.slug, slug), isNotNull(groupListings.approvedAt), isNull(groupListings.withdrawnAt)));
  const [listing] = await withLeaders(db, rows);
  if (!listing || !listing.verdict.publishable) throw new DomainError('DIRECTORY_LISTING_NOT_FOUND');
  return listing;
}
