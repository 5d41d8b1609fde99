// A person's agenda feed: a calendar address behind an unguessable token (32 random bytes,
// base64url). Only the token's SHA-256 hash is kept, so the address is shown once, when it is
// made; a new address replaces the person's previous one for the course, and a revoked or
// unknown token is simply not found.
import crypto from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { agendaFeeds } from '#db/schema/course-running.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { agendaRole } from './agenda.server.ts';

type Scope = { organizationId: string; courseId: string };

export function hashFeedToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Makes a new feed address for the person (revoking their previous one); the token is returned once. */
export async function createAgendaFeed(db: Db, scope: Scope, userId: string, actor: Actor): Promise<{ id: string; token: string }> {
  if (!(await agendaRole(db, scope, userId))) throw new DomainError('AGENDA_NOT_AVAILABLE', scope.courseId);
  const token = crypto.randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const replaced = await tx
      .update(agendaFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(agendaFeeds.courseId, scope.courseId), eq(agendaFeeds.userId, userId), isNull(agendaFeeds.revokedAt)))
      .returning({ id: agendaFeeds.id });
    const [feed] = await tx
      .insert(agendaFeeds)
      .values({ organizationId: scope.organizationId, courseId: scope.courseId, userId, tokenHash: hashFeedToken(token) })
      .returning({ id: agendaFeeds.id, createdAt: agendaFeeds.createdAt });
    // The token itself is never audited, only that an address exists.
    await recordAudit(tx, actor, {
      organizationId: scope.organizationId,
      action: 'agenda_feed.created',
      entityType: 'agenda_feed',
      entityId: feed!.id,
      after: { courseId: scope.courseId, userId, replaced: replaced.map((r) => r.id) },
    });
    return { id: feed!.id, token };
  });
}

/** The person's live feed for the course (when it was made and last read), if any. */
export async function findActiveAgendaFeed(db: DbOrTx, scope: Scope, userId: string) {
  const [feed] = await db
    .select({ id: agendaFeeds.id, createdAt: agendaFeeds.createdAt, lastFetchedAt: agendaFeeds.lastFetchedAt })
    .from(agendaFeeds)
    .where(and(eq(agendaFeeds.organizationId, scope.organizationId), eq(agendaFeeds.courseId, scope.courseId), eq(agendaFeeds.userId, userId), isNull(agendaFeeds.revokedAt)))
    .orderBy(desc(agendaFeeds.createdAt))
    .limit(1);
  return feed ?? null;
}

export async function revokeAgendaFeed(db: Db, scope: Scope, userId: string, feedId: string, actor: Actor): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(feedId)) throw new DomainError('AGENDA_FEED_NOT_FOUND', feedId);
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(agendaFeeds)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(agendaFeeds.id, feedId),
          eq(agendaFeeds.organizationId, scope.organizationId),
          eq(agendaFeeds.courseId, scope.courseId),
          eq(agendaFeeds.userId, userId),
          isNull(agendaFeeds.revokedAt),
        ),
      )
      .returning({ id: agendaFeeds.id });
    if (!revoked) throw new DomainError('AGENDA_FEED_NOT_FOUND', feedId);
    await recordAudit(tx, actor, { organizationId: scope.organizationId, action: 'agenda_feed.revoked', entityType: 'agenda_feed', entityId: revoked.id });
  });
}

/**
 * The feed a token opens: its course and person, or AGENDA_FEED_NOT_FOUND for a token that is
 * unknown, revoked, of another organization, or whose person no longer has a place.
 */
export async function openAgendaFeed(db: DbOrTx, organizationId: string, token: string): Promise<{ courseId: string; userId: string }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new DomainError('AGENDA_FEED_NOT_FOUND');
  const [feed] = await db
    .select()
    .from(agendaFeeds)
    .where(and(eq(agendaFeeds.tokenHash, hashFeedToken(token)), eq(agendaFeeds.organizationId, organizationId), isNull(agendaFeeds.revokedAt)));
  if (!feed) throw new DomainError('AGENDA_FEED_NOT_FOUND');
  const scope = { organizationId, courseId: feed.courseId };
  if (!(await agendaRole(db, scope, feed.userId))) throw new DomainError('AGENDA_FEED_NOT_FOUND');
  await db.update(agendaFeeds).set({ lastFetchedAt: new Date() }).where(eq(agendaFeeds.id, feed.id));
  return { courseId: feed.courseId, userId: feed.userId };
}
