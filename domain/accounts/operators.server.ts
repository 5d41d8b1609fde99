// The deployment's operators run the Balint Hub installation itself. They are the only
// people who may read credential-bearing mail that could not be delivered (no SMTP): no
// organization's staff is trusted with another person's credentials.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { operators } from '#db/schema/accounts.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';

export async function isOperator(db: DbOrTx, userId: string): Promise<boolean> {
  const rows = await db.select({ userId: operators.userId }).from(operators).where(eq(operators.userId, userId));
  return rows.length > 0;
}

/** Makes a person an operator of the deployment (audited, at no organization). */
export async function grantOperator(db: DbOrTx, userId: string, actor: Actor): Promise<boolean> {
  const inserted = await db.insert(operators).values({ userId, grantedBy: actor.userId }).onConflictDoNothing().returning({ userId: operators.userId });
  if (inserted[0]) {
    await recordAudit(db, actor, { organizationId: null, action: 'operator.granted', entityType: 'user', entityId: userId });
  }
  return inserted.length > 0;
}
