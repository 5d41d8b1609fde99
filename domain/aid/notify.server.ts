import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { organizations } from '#db/schema/organizations.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { aidEmail, type AidEmailFacts, type AidEmailKind } from './emails.ts';

/** Queues an aid email in the caller's transaction; returns its id for delivery after commit. */
export async function queueAidEmail(
  tx: DbOrTx,
  kind: AidEmailKind,
  input: { organizationId: string; to: string; publicUrl: string } & Omit<AidEmailFacts, 'orgName' | 'orgSlug' | 'publicUrl'>,
): Promise<string> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId));
  const email = aidEmail(kind, { ...input, orgName: org?.name ?? '', orgSlug: org?.slug ?? '', templates: await loadEmailTemplates(tx, input.organizationId) });
  return queueEmail(tx, { organizationId: input.organizationId, kind: `aid.${kind}`, to: input.to, ...email });
}
