// ── SERIES SLOT ────────────────────────────────────────────────────────────────────────────
// The place on a group's public page for its series sign-ups (issue 14, domain/series and
// app/routes/series, built separately). Until then it renders nothing; the series work
// replaces this component (and adds what it needs to the listing page's loader) without
// touching the rest of the page.
export function ListingSeriesSlot(_props: { listingId: string; orgSlug: string; listingSlug: string }) {
  return null;
}
