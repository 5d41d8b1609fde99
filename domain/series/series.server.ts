// Series of a listed group (ADR 0063): who may manage them, reading them, creating and editing.
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { groupListingLeaders, groupListings } from '#db/schema/directory.ts';
import { organizations } from '#db/schema/organizations.ts';
import { groupSeries, seriesEnrollments } from '#db/schema/series.ts';
import type { Role } from '#db/schema/accounts.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { seriesEnrollmentBalances } from '#domain/money/read-account.server.ts';
import { locksDisabledForTest, type Tx } from '#domain/transaction.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import type { SeriesInput } from './series-form.ts';
import { enrollmentClosesAt, seriesSessions, signUpState, type ListingPattern } from './sessions.ts';

export type Series = typeof groupSeries.$inferSelect;
export type Listing = typeof groupListings.$inferSelect;
export type Enrollment = typeof seriesEnrollments.$inferSelect;

export function patternOf(listing: Listing): ListingPattern {
  return {
    cadence: listing.cadence,
    weekday: listing.weekday,
    startTime: listing.startTime,
    durationMinutes: listing.durationMinutes,
    timeZone: listing.timeZone,
    weekOfMonth: listing.weekOfMonth ?? undefined,
  };
}

/** The listings a person may manage series for: all of the organization's (staff) or those they lead. */
export async function manageableListings(db: DbOrTx, organizationId: string, userId: string, roles: readonly Role[]): Promise<Listing[]> {
  if (rolesGrant(roles, 'series:manage')) return db.select().from(groupListings).where(eq(groupListings.organizationId, organizationId)).orderBy(asc(groupListings.title));
  return db
    .select({ listing: groupListings })
    .from(groupListings)
    .innerJoin(groupListingLeaders, eq(groupListingLeaders.listingId, groupListings.id))
    .where(and(eq(groupListings.organizationId, organizationId), eq(groupListingLeaders.userId, userId)))
    .orderBy(asc(groupListings.title))
    .then((rows) => rows.map((r) => r.listing));
}

/** A listing of the organization the person may manage series for, or SERIES_NOT_YOURS. */
export async function requireManageableListing(db: DbOrTx, organizationId: string, listingId: string, userId: string, roles: readonly Role[]): Promise<Listing> {
  const [listing] = await db.select().from(groupListings).where(and(eq(groupListings.id, listingId), eq(groupListings.organizationId, organizationId)));
  if (!listing) throw new DomainError('SERIES_LISTING_NOT_FOUND', listingId);
  if (rolesGrant(roles, 'series:manage')) return listing;
  const [leader] = await db
    .select({ userId: groupListingLeaders.userId })
    .from(groupListingLeaders)
    .where(and(eq(groupListingLeaders.listingId, listing.id), eq(groupListingLeaders.userId, userId)));
  if (!leader) throw new DomainError('SERIES_NOT_YOURS', listingId);
  return listing;
}

/** A series of the organization with its listing. */
export async function getSeries(db: DbOrTx, organizationId: string, seriesId: string): Promise<{ series: Series; listing: Listing }> {
  const [row] = await db
    .select({ series: groupSeries, listing: groupListings })
    .from(groupSeries)
    .innerJoin(groupListings, eq(groupListings.id, groupSeries.listingId))
    .where(and(eq(groupSeries.id, seriesId), eq(groupSeries.organizationId, organizationId)));
  if (!row) throw new DomainError('SERIES_NOT_FOUND', seriesId);
  return row;
}

/** A series the person may manage (a leader of its listing, or staff). */
export async function requireManageableSeries(db: DbOrTx, organizationId: string, seriesId: string, userId: string, roles: readonly Role[]) {
  const found = await getSeries(db, organizationId, seriesId);
  await requireManageableListing(db, organizationId, found.listing.id, userId, roles);
  return found;
}

export async function countSignUps(db: DbOrTx, seriesIds: string[]): Promise<Map<string, number>> {
  const result = new Map(seriesIds.map((id) => [id, 0]));
  if (seriesIds.length === 0) return result;
  const rows = await db
    .select({ seriesId: seriesEnrollments.seriesId, n: count() })
    .from(seriesEnrollments)
    .where(and(inArray(seriesEnrollments.seriesId, seriesIds), eq(seriesEnrollments.status, 'enrolled')))
    .groupBy(seriesEnrollments.seriesId);
  for (const r of rows) result.set(r.seriesId, r.n);
  return result;
}

/** The series a person may manage, newest first, with their sign-up counts. */
export async function findManageableSeries(db: DbOrTx, organizationId: string, userId: string, roles: readonly Role[]) {
  const listings = await manageableListings(db, organizationId, userId, roles);
  if (listings.length === 0) return { listings, series: [] };
  const rows = await db
    .select()
    .from(groupSeries)
    .where(and(eq(groupSeries.organizationId, organizationId), inArray(groupSeries.listingId, listings.map((l) => l.id))))
    .orderBy(desc(groupSeries.firstSessionOn));
  const counts = await countSignUps(db, rows.map((r) => r.id));
  return { listings, series: rows.map((s) => ({ series: s, listing: listings.find((l) => l.id === s.listingId)!, signUps: counts.get(s.id) ?? 0 })) };
}

export interface PublicSeries {
  id: string;
  title: string;
  firstSessionOn: string;
  sessionCount: number;
  priceMinor: number;
  currency: string;
  minimum: number;
  maximum: number;
  signUps: number;
  state: ReturnType<typeof signUpState>;
  closesAt: string;
}

/**
 * The series of one listing that a visitor can see: not cancelled and still taking sign-ups
 * or full, with whether one can sign up now. What the directory's listing page renders
 * (<ListingSeries>, app/routes/series/listing-series.tsx).
 */
export async function findOpenSeriesForListing(db: DbOrTx, organizationId: string, listingId: string, now = new Date()): Promise<PublicSeries[]> {
  const [listing] = await db.select().from(groupListings).where(and(eq(groupListings.id, listingId), eq(groupListings.organizationId, organizationId)));
  if (!listing) return [];
  const rows = await db
    .select()
    .from(groupSeries)
    .where(and(eq(groupSeries.listingId, listing.id), eq(groupSeries.organizationId, organizationId), inArray(groupSeries.status, ['open', 'confirmed'])))
    .orderBy(asc(groupSeries.firstSessionOn));
  const counts = await countSignUps(db, rows.map((r) => r.id));
  const instant = Temporal.Instant.fromEpochMilliseconds(now.getTime());
  return rows
    .map((s) => {
      const signUps = counts.get(s.id) ?? 0;
      return {
        id: s.id,
        title: s.title,
        firstSessionOn: s.firstSessionOn,
        sessionCount: s.sessionCount,
        priceMinor: s.priceMinor,
        currency: s.currency,
        minimum: s.minimum,
        maximum: s.maximum,
        signUps,
        state: signUpState(patternOf(listing), s, signUps, instant),
        closesAt: enrollmentClosesAt(patternOf(listing), s).toString(),
      };
    })
    .filter((s) => s.state === 'open' || s.state === 'full');
}

/** A series' enrollees with what each paid and owes (from the ledger). */
export async function findEnrollees(db: DbOrTx, organizationId: string, seriesId: string) {
  const rows = await db
    .select()
    .from(seriesEnrollments)
    .where(and(eq(seriesEnrollments.seriesId, seriesId), eq(seriesEnrollments.organizationId, organizationId)))
    .orderBy(asc(seriesEnrollments.createdAt), asc(seriesEnrollments.id));
  const balances = await seriesEnrollmentBalances(db, rows.map((r) => r.id));
  return rows.map((enrollment) => ({ enrollment, account: balances.get(enrollment.id)! }));
}

/** A person's own series places (My registrations), with their accounts. */
export async function findMySeriesEnrollments(db: DbOrTx, organizationId: string, userId: string) {
  const rows = await db
    .select({ enrollment: seriesEnrollments, series: groupSeries, listingTitle: groupListings.title })
    .from(seriesEnrollments)
    .innerJoin(groupSeries, eq(groupSeries.id, seriesEnrollments.seriesId))
    .innerJoin(groupListings, eq(groupListings.id, groupSeries.listingId))
    .where(and(eq(seriesEnrollments.organizationId, organizationId), eq(seriesEnrollments.userId, userId)))
    .orderBy(desc(groupSeries.firstSessionOn));
  const balances = await seriesEnrollmentBalances(db, rows.map((r) => r.enrollment.id));
  return rows.map((r) => ({ ...r, account: balances.get(r.enrollment.id)! }));
}

/** The series' sessions as instants (ISO strings) for pages. */
export function sessionsOf(listing: Listing, series: Series) {
  return seriesSessions(patternOf(listing), series).map((o) => ({ start: o.start.toInstant().toString(), end: o.end.toInstant().toString() }));
}

/** Locks a series row (the places' lock, ADR 0063); a negative control reads it unlocked. */
export async function lockSeries(tx: Tx, organizationId: string, seriesId: string): Promise<Series> {
  const query = tx
    .select()
    .from(groupSeries)
    .where(and(eq(groupSeries.id, seriesId), eq(groupSeries.organizationId, organizationId)));
  const [series] = locksDisabledForTest() ? await query : await query.for('update');
  if (!series) throw new DomainError('SERIES_NOT_FOUND', seriesId);
  return series;
}

async function orgCurrency(db: DbOrTx, organizationId: string): Promise<string> {
  const [org] = await db.select({ currency: organizations.currency }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', organizationId);
  return org.currency;
}

/** Creates a series for a listing the actor may manage; the price is in the organization's currency. */
export async function createSeries(db: Db, input: { organizationId: string; listingId: string; roles: readonly Role[] } & SeriesInput, actor: Actor & { userId: string }): Promise<Series> {
  await requireManageableListing(db, input.organizationId, input.listingId, actor.userId, input.roles);
  const currency = await orgCurrency(db, input.organizationId);
  return db.transaction(async (tx) => {
    const [series] = await tx
      .insert(groupSeries)
      .values({
        organizationId: input.organizationId,
        listingId: input.listingId,
        title: input.title,
        firstSessionOn: input.firstSessionOn,
        sessionCount: input.sessionCount,
        priceMinor: input.priceMinor,
        currency,
        minimum: input.minimum,
        maximum: input.maximum,
        closesAfterSession: input.closesAfterSession,
        decideBy: input.decideBy,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'series.created', entityType: 'group_series', entityId: series!.id, after: { ...input, roles: undefined, currency } });
    return series!;
  });
}

/**
 * Edits a series under its lock: the maximum never below the places taken, the price fixed
 * once anyone signed up (their charge is on the ledger), a decided series no longer edited.
 */
export async function updateSeries(db: Db, input: { organizationId: string; seriesId: string; roles: readonly Role[] } & SeriesInput, actor: Actor & { userId: string }): Promise<Series> {
  await requireManageableSeries(db, input.organizationId, input.seriesId, actor.userId, input.roles);
  return withScarceLocks(db, async (tx) => {
    const before = await lockSeries(tx, input.organizationId, input.seriesId);
    if (before.status !== 'open') throw new DomainError('SERIES_NOT_OPEN', before.status);
    const taken = (await countSignUps(tx, [before.id])).get(before.id) ?? 0;
    if (input.maximum < taken) throw new DomainError('SERIES_MAXIMUM_BELOW_ENROLLED', String(taken), { maximum: 'SERIES_MAXIMUM_BELOW_ENROLLED' });
    if (taken > 0 && input.priceMinor !== before.priceMinor) throw new DomainError('SERIES_PRICE_LOCKED', undefined, { price: 'SERIES_PRICE_LOCKED' });
    const [after] = await tx
      .update(groupSeries)
      .set({
        title: input.title,
        firstSessionOn: input.firstSessionOn,
        sessionCount: input.sessionCount,
        priceMinor: input.priceMinor,
        minimum: input.minimum,
        maximum: input.maximum,
        closesAfterSession: input.closesAfterSession,
        decideBy: input.decideBy,
        updatedAt: new Date(),
      })
      .where(eq(groupSeries.id, before.id))
      .returning();
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'series.updated', entityType: 'group_series', entityId: before.id, before: { ...before }, after: { ...after } });
    return after!;
  });
}

/** Whether the person leads any listed group of the organization (may manage its series). */
export async function leadsAnyListing(db: DbOrTx, organizationId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: groupListings.id })
    .from(groupListingLeaders)
    .innerJoin(groupListings, eq(groupListings.id, groupListingLeaders.listingId))
    .where(and(eq(groupListingLeaders.userId, userId), eq(groupListings.organizationId, organizationId)))
    .limit(1);
  return row !== undefined;
}

/** The person's standing place in a series, if any. */
export async function findMyEnrollment(db: DbOrTx, seriesId: string, userId: string): Promise<Enrollment | undefined> {
  const [row] = await db
    .select()
    .from(seriesEnrollments)
    .where(and(eq(seriesEnrollments.seriesId, seriesId), eq(seriesEnrollments.userId, userId), eq(seriesEnrollments.status, 'enrolled')));
  return row;
}
