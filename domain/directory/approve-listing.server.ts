// Staff approve a listing, or take their approval back (issue 14). Approval is refused while
// the rule says no (no leader with verified training): the page shows the rule's reasons.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { groupListings } from '#db/schema/directory.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockListing, withLeaders } from './listing-records.server.ts';

export async function approveListing(db: DbOrTx, input: { organizationId: string; listingId: string }, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockListing(tx, input.organizationId, input.listingId);
    if (!row.submittedAt || row.withdrawnAt) throw new DomainError('DIRECTORY_NOT_SUBMITTED');
    if (row.approvedAt) return;
    const [listing] = await withLeaders(tx, [{ ...row, approvedAt: new Date() }]);
    if (!listing!.verdict.publishable) throw new DomainError('DIRECTORY_NO_TRAINED_LEADER', listing!.verdict.reasons.join(','));
    await tx.update(groupListings).set({ approvedAt: new Date(), approvedBy: actor.userId }).where(eq(groupListings.id, row.id));
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'directory.listing.approve', entityType: 'group_listing', entityId: row.id });
  });
}

export async function unapproveListing(db: DbOrTx, input: { organizationId: string; listingId: string }, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockListing(tx, input.organizationId, input.listingId);
    if (!row.approvedAt) return;
    await tx.update(groupListings).set({ approvedAt: null, approvedBy: null }).where(eq(groupListings.id, row.id));
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'directory.listing.unapprove', entityType: 'group_listing', entityId: row.id });
  });
}
