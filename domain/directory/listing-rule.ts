// The directory's rule, from the Northwest Balint Circle's site (seed 002): "our listings
// include only groups which involve leaders with some training through the American Balint
// Society". A listing is shown to the public only when at least one of its leaders has
// Balint leadership training recorded and verified by staff, staff approved the listing, and
// it is not withdrawn.

export interface LeaderTraining {
  /** e.g. an intensive attended; verified by staff against the society's records. */
  verifiedAt: string | null;
}

export interface ListingForRule {
  approvedAt: string | null;
  withdrawnAt: string | null;
  leaders: { name: string; training: LeaderTraining[] }[];
}

export type ListingVerdict = { publishable: true } | { publishable: false; reasons: ('no_trained_leader' | 'not_approved' | 'withdrawn' | 'no_leader')[] };

export function listingVerdict(listing: ListingForRule): ListingVerdict {
  const reasons: ('no_trained_leader' | 'not_approved' | 'withdrawn' | 'no_leader')[] = [];
  if (listing.leaders.length === 0) reasons.push('no_leader');
  else if (!listing.leaders.some((l) => l.training.some((t) => t.verifiedAt !== null))) reasons.push('no_trained_leader');
  if (!listing.approvedAt) reasons.push('not_approved');
  if (listing.withdrawnAt) reasons.push('withdrawn');
  return reasons.length ? { publishable: false, reasons } : { publishable: true };
}
