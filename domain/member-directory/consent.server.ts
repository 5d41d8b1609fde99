// A person's directory consent for one organization: read (all off when never set) and saved
// by the person themself from their profile page, audited.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { directoryConsents } from '#db/schema/member-directory.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { CONSENT_FIELDS, NO_CONSENT, type Consent } from './consent.ts';

const pick = (row: Consent): Consent => Object.fromEntries(CONSENT_FIELDS.map((f) => [f, row[f]])) as Consent;

export async function getDirectoryConsent(db: DbOrTx, organizationId: string, userId: string): Promise<Consent> {
  const [row] = await db
    .select()
    .from(directoryConsents)
    .where(and(eq(directoryConsents.organizationId, organizationId), eq(directoryConsents.userId, userId)));
  return row ? pick(row) : { ...NO_CONSENT };
}

/** Consents of many people in one organization; people without a row get all off. */
export async function findDirectoryConsents(db: DbOrTx, organizationId: string, userIds: string[]): Promise<Map<string, Consent>> {
  const result = new Map<string, Consent>(userIds.map((id) => [id, { ...NO_CONSENT }]));
  if (userIds.length === 0) return result;
  const rows = await db
    .select()
    .from(directoryConsents)
    .where(and(eq(directoryConsents.organizationId, organizationId), inArray(directoryConsents.userId, userIds)));
  for (const row of rows) result.set(row.userId, pick(row));
  return result;
}

export async function setDirectoryConsent(db: DbOrTx, input: { organizationId: string; userId: string; consent: Consent }, actor: Actor): Promise<void> {
  const before = await getDirectoryConsent(db, input.organizationId, input.userId);
  const values = pick(input.consent);
  await db
    .insert(directoryConsents)
    .values({ organizationId: input.organizationId, userId: input.userId, ...values })
    .onConflictDoUpdate({ target: [directoryConsents.organizationId, directoryConsents.userId], set: { ...values, updatedAt: new Date() } });
  await recordAudit(db, actor, { organizationId: input.organizationId, action: 'directory_consent.updated', entityType: 'user', entityId: input.userId, before, after: values });
}
