// The directory's rule, from the Northwest Balint Circle's site (seed 002): "our listings
// include only groups which involve leaders with some training through the American Balint
// Society". A listing is shown to the public only when at least one of its leaders has
// Balint leadership training recorded and verified by staff — of the listing's own
// organization or of its national society (a circle's leaders trained at the society's
// intensive) —, staff approved the listing, and it is not withdrawn.

export interface LeaderTraining {
  /** The organization whose staff recorded and verified it. */
  organizationId: string;
  /** e.g. an intensive attended; verified by staff against the society's records. */
  verifiedAt: string | null;
}

export interface ListingForRule {
  organizationId: string;
  /** The national society of a regional circle: its verified training counts too. */
  parentOrganizationId: string | null;
  approvedAt: string | null;
  withdrawnAt: string | null;
  leaders: { name: string; training: LeaderTraining[] }[];
}

export type ListingProblem = 'no_trained_leader' | 'not_approved' | 'withdrawn' | 'no_leader';
export type ListingVerdict = { publishable: true } | { publishable: false; reasons: ListingProblem[] };

/** Whether a training record makes its person a trained leader of this listing. */
export function trainingCounts(listing: Pick<ListingForRule, 'organizationId' | 'parentOrganizationId'>, training: LeaderTraining): boolean {
  if (training.verifiedAt === null) return false;
  return training.organizationId === listing.organizationId || (listing.parentOrganizationId !== null && training.organizationId === listing.parentOrganizationId);
}

export function hasTrainedLeader(listing: Omit<ListingForRule, 'approvedAt' | 'withdrawnAt'>): boolean {
  return listing.leaders.some((l) => l.training.some((t) => trainingCounts(listing, t)));
}

export function listingVerdict(listing: ListingForRule): ListingVerdict {
  const reasons: ListingProblem[] = [];
  if (listing.leaders.length === 0) reasons.push('no_leader');
  else if (!hasTrainedLeader(listing)) reasons.push('no_trained_leader');
  if (!listing.approvedAt) reasons.push('not_approved');
  if (listing.withdrawnAt) reasons.push('withdrawn');
  return reasons.length ? { publishable: false, reasons } : { publishable: true };
}

/**
 * Whether staff may approve it now: everything but the approval itself must already hold —
 * a listing without a trained leader cannot be approved, and the page says why.
 */
export function approvalVerdict(listing: Omit<ListingForRule, 'approvedAt'>): ListingVerdict {
  return listingVerdict({ ...listing, approvedAt: 'now' });
}
