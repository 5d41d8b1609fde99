import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { apiTokens } from '#db/schema/registration.ts';

/** Revokes a live token; false when no live token has this id (unknown or already revoked). */
export async function revokeApiToken(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
