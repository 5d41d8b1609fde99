// Events and news of an organization: the admin's list and what the public site shows.
import { and, asc, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { siteEntries, type EntryKind } from '#db/schema/content.ts';
import { DomainError } from '#domain/errors.ts';

export type SiteEntry = typeof siteEntries.$inferSelect;

export async function findAllEntries(db: DbOrTx, organizationId: string) {
  return db.select().from(siteEntries).where(eq(siteEntries.organizationId, organizationId)).orderBy(desc(siteEntries.startsOn), asc(siteEntries.title));
}

export async function getEntry(db: DbOrTx, organizationId: string, entryId: string): Promise<SiteEntry> {
  const [entry] = await db
    .select()
    .from(siteEntries)
    .where(and(eq(siteEntries.organizationId, organizationId), eq(siteEntries.id, entryId)));
  if (!entry) throw new DomainError('ENTRY_NOT_FOUND', entryId);
  return entry;
}

const lastDay = sql`coalesce(${siteEntries.endsOn}, ${siteEntries.startsOn})`;

/**
 * Published events around `today` (an ISO date in the organization's zone): those not over yet,
 * soonest first, and those over, latest first.
 */
export async function findPublishedEvents(db: DbOrTx, organizationId: string, today: string, limits: { upcoming?: number; past?: number } = {}) {
  const published = and(eq(siteEntries.organizationId, organizationId), eq(siteEntries.kind, 'event' satisfies EntryKind), eq(siteEntries.published, true));
  const upcomingQuery = db.select().from(siteEntries).where(and(published, gte(lastDay, today))).orderBy(asc(siteEntries.startsOn));
  const pastQuery = db.select().from(siteEntries).where(and(published, lt(lastDay, today))).orderBy(desc(siteEntries.startsOn));
  const [upcoming, past] = await Promise.all([limits.upcoming ? upcomingQuery.limit(limits.upcoming) : upcomingQuery, limits.past ? pastQuery.limit(limits.past) : pastQuery]);
  return { upcoming, past };
}

/** Published news, latest first; items dated after `today` wait for their day. */
export async function findPublishedNews(db: DbOrTx, organizationId: string, today: string, limit?: number) {
  const query = db
    .select()
    .from(siteEntries)
    .where(and(eq(siteEntries.organizationId, organizationId), eq(siteEntries.kind, 'news' satisfies EntryKind), eq(siteEntries.published, true), or(lt(siteEntries.startsOn, today), eq(siteEntries.startsOn, today))))
    .orderBy(desc(siteEntries.startsOn), asc(siteEntries.title));
  return limit ? query.limit(limit) : query;
}

/** Which lists the site links to: the kinds the organization has published entries of. */
export async function findPublishedKinds(db: DbOrTx, organizationId: string): Promise<EntryKind[]> {
  const rows = await db
    .selectDistinct({ kind: siteEntries.kind })
    .from(siteEntries)
    .where(and(eq(siteEntries.organizationId, organizationId), eq(siteEntries.published, true)));
  return rows.map((r) => r.kind);
}
