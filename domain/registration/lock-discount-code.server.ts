// The discount code's row, locked after the course row: its uses are counted under it.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { discountCodes } from '#db/schema/registration.ts';
import { locksDisabledForTest } from '#db/test-hooks.server.ts';

export async function lockDiscountCode(tx: DbOrTx, courseId: string, code: string) {
  const query = tx
    .select()
    .from(discountCodes)
    .where(sql`${discountCodes.courseId} = ${courseId} and ${discountCodes.code} = ${code}`);
  const [row] = locksDisabledForTest() ? await query : await query.for('update');
  return row;
}
