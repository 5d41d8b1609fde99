// Reading one checkout and its lines.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';

/** A checkout of this person (or any, for staff pages), scoped by organization. */
export async function findCheckout(db: DbOrTx, organizationId: string, checkoutId: string) {
  const [checkout] = await db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId)));
  if (!checkout) return undefined;
  const lines = await db.select().from(checkoutLines).where(eq(checkoutLines.checkoutId, checkoutId)).orderBy(asc(checkoutLines.position));
  return { checkout, lines };
}
