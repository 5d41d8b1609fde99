// Unsubscribing from an organization's non-essential mail (ADR 0069): by the signed link, without
// signing in, or from the account page. Idempotent; each change is audited without the address
// in the log's entity id (the row's key is the organization and the lower-cased address).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { emailUnsubscribes } from '#db/schema/email-templates.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { unsubscribeSigningKey, verifyUnsubscribeToken } from '#lib/email/unsubscribe.ts';

/** The organization and address a link names; refuses a link altered or meant for another organization. */
export function readUnsubscribeLink(secretKey: Buffer, organizationId: string, token: string): { address: string } {
  const named = verifyUnsubscribeToken(unsubscribeSigningKey(secretKey), token);
  if (!named || named.organizationId !== organizationId) throw new DomainError('UNSUBSCRIBE_LINK_INVALID');
  return { address: named.address };
}

export async function unsubscribeAddress(db: DbOrTx, input: { organizationId: string; address: string; source: 'link' | 'account' }, actor: Actor): Promise<{ changed: boolean }> {
  const address = input.address.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(emailUnsubscribes).values({ organizationId: input.organizationId, address, source: input.source }).onConflictDoNothing().returning();
    if (!row) return { changed: false };
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'email.unsubscribed', entityType: 'email_preference', entityId: input.organizationId, after: { source: input.source } });
    return { changed: true };
  });
}

export async function resubscribeAddress(db: DbOrTx, input: { organizationId: string; address: string }, actor: Actor): Promise<{ changed: boolean }> {
  const address = input.address.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(emailUnsubscribes)
      .where(and(eq(emailUnsubscribes.organizationId, input.organizationId), eq(emailUnsubscribes.address, address)))
      .returning();
    if (!row) return { changed: false };
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'email.resubscribed', entityType: 'email_preference', entityId: input.organizationId, after: { source: 'account' } });
    return { changed: true };
  });
}

/** Every organization of the deployment, and whether this address gets its non-essential mail. */
export async function findEmailPreferences(db: DbOrTx, address: string): Promise<{ organizationId: string; name: string; slug: string; subscribed: boolean }[]> {
  const rows = await db
    .select({ organizationId: organizations.id, name: organizations.name, slug: organizations.slug, unsubscribedAt: emailUnsubscribes.createdAt })
    .from(organizations)
    .leftJoin(emailUnsubscribes, and(eq(emailUnsubscribes.organizationId, organizations.id), eq(emailUnsubscribes.address, address.trim().toLowerCase())))
    .orderBy(organizations.name);
  return rows.map((r) => ({ organizationId: r.organizationId, name: r.name, slug: r.slug, subscribed: r.unsubscribedAt === null }));
}

export async function isAddressUnsubscribed(db: DbOrTx, organizationId: string, address: string): Promise<boolean> {
  const [row] = await db
    .select({ address: emailUnsubscribes.address })
    .from(emailUnsubscribes)
    .where(and(eq(emailUnsubscribes.organizationId, organizationId), eq(emailUnsubscribes.address, address.trim().toLowerCase())));
  return row !== undefined;
}
