// What the directory's use cases share: a listing with its leaders and their training, the
// rule's verdict on it, and the lookups that keep every query inside one organization.
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { groupListingLeaders, groupListings, leaderTrainings } from '#db/schema/directory.ts';
import { organizations } from '#db/schema/organizations.ts';
import { DomainError } from '#domain/errors.ts';
import { listingVerdict, type ListingVerdict } from './listing-rule.ts';

export type ListingRow = typeof groupListings.$inferSelect;
export type ListingState = 'draft' | 'pending' | 'published' | 'withdrawn';

export interface ListingLeader {
  userId: string;
  name: string;
  position: number;
  receivesMessages: boolean;
  /** Verified training that counts for this listing (its organization's or its national society's). */
  trained: boolean;
}

export interface ListingWithLeaders extends ListingRow {
  leaders: ListingLeader[];
  verdict: ListingVerdict;
  state: ListingState;
}

export function listingState(row: Pick<ListingRow, 'submittedAt' | 'approvedAt' | 'withdrawnAt'>): ListingState {
  if (row.withdrawnAt) return 'withdrawn';
  if (row.approvedAt) return 'published';
  if (row.submittedAt) return 'pending';
  return 'draft';
}

export async function parentOf(db: DbOrTx, organizationId: string): Promise<string | null> {
  const [org] = await db.select({ parent: organizations.parentOrganizationId }).from(organizations).where(eq(organizations.id, organizationId));
  return org?.parent ?? null;
}

/** Listings with their leaders, each leader's countable training, and the rule's verdict. */
export async function withLeaders(db: DbOrTx, rows: readonly ListingRow[]): Promise<ListingWithLeaders[]> {
  if (rows.length === 0) return [];
  const leaders = await db
    .select({ listingId: groupListingLeaders.listingId, userId: groupListingLeaders.userId, name: users.name, position: groupListingLeaders.position, receivesMessages: groupListingLeaders.receivesMessages })
    .from(groupListingLeaders)
    .innerJoin(users, eq(users.id, groupListingLeaders.userId))
    .where(inArray(groupListingLeaders.listingId, rows.map((r) => r.id)))
    .orderBy(asc(groupListingLeaders.position), asc(users.name));
  const orgIds = [...new Set(rows.map((r) => r.organizationId))];
  const parents = new Map(await Promise.all(orgIds.map(async (id) => [id, await parentOf(db, id)] as const)));
  const trainingOrgs = [...new Set([...orgIds, ...[...parents.values()].filter((p): p is string => p !== null)])];
  const userIds = [...new Set(leaders.map((l) => l.userId))];
  const training = userIds.length
    ? await db
        .select({ userId: leaderTrainings.userId, organizationId: leaderTrainings.organizationId, verifiedAt: leaderTrainings.verifiedAt })
        .from(leaderTrainings)
        .where(and(inArray(leaderTrainings.userId, userIds), inArray(leaderTrainings.organizationId, trainingOrgs), isNotNull(leaderTrainings.verifiedAt)))
    : [];
  return rows.map((row) => {
    const parentOrganizationId = parents.get(row.organizationId) ?? null;
    const own = leaders.filter((l) => l.listingId === row.id);
    const ruleLeaders = own.map((l) => ({
      name: l.name,
      training: training.filter((t) => t.userId === l.userId).map((t) => ({ organizationId: t.organizationId, verifiedAt: t.verifiedAt?.toISOString() ?? null })),
    }));
    const verdict = listingVerdict({
      organizationId: row.organizationId,
      parentOrganizationId,
      approvedAt: row.approvedAt?.toISOString() ?? null,
      withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
      leaders: ruleLeaders,
    });
    return {
      ...row,
      state: listingState(row),
      verdict,
      leaders: own.map((l, i) => ({
        userId: l.userId,
        name: l.name,
        position: l.position,
        receivesMessages: l.receivesMessages,
        trained: ruleLeaders[i]!.training.some((t) => t.verifiedAt !== null && (t.organizationId === row.organizationId || t.organizationId === parentOrganizationId)),
      })),
    };
  });
}

/** One listing of the organization, locked for the change that follows. */
export async function lockListing(tx: DbOrTx, organizationId: string, listingId: string): Promise<ListingRow> {
  const [row] = await tx
    .select()
    .from(groupListings)
    .where(and(eq(groupListings.id, listingId), eq(groupListings.organizationId, organizationId)))
    .for('update');
  if (!row) throw new DomainError('DIRECTORY_LISTING_NOT_FOUND');
  return row;
}

/** One listing of the organization that `userId` leads, locked; another's is "not found". */
export async function lockLeadersListing(tx: DbOrTx, organizationId: string, listingId: string, userId: string): Promise<ListingRow> {
  const row = await lockListing(tx, organizationId, listingId);
  const [leader] = await tx
    .select({ userId: groupListingLeaders.userId })
    .from(groupListingLeaders)
    .where(and(eq(groupListingLeaders.listingId, row.id), eq(groupListingLeaders.userId, userId)));
  if (!leader) throw new DomainError('DIRECTORY_LISTING_NOT_FOUND');
  return row;
}
