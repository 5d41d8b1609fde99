// Co-leaders' account addresses, shown only to the listing's own leaders in its edit form.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';

export async function findLeaderEmails(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, [...userIds]));
  return new Map(rows.map((r) => [r.id, r.email]));
}
