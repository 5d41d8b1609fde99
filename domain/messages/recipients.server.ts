// Who a course message goes to: the course's registrations narrowed by status, category, what
// the ledger says they owe (domain/money, never a stored balance) and a required item missing.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { evaluationCompletions, evaluationForms } from '#db/schema/credit.ts';
import type { RecipientFilter } from '#db/schema/messages.ts';
import { registrations, type RegistrationStatus } from '#db/schema/registration.ts';
import { registrationBalances } from '#domain/money/read-account.server.ts';

export interface MatchingRecipient {
  registrationId: string;
  userId: string;
  name: string;
  email: string;
  status: RegistrationStatus;
  categoryKey: string;
  currency: string;
  /** From the ledger: positive = owed. */
  balanceMinor: number;
}

export async function findMatchingRecipients(db: DbOrTx, organizationId: string, courseId: string, filter: RecipientFilter): Promise<MatchingRecipient[]> {
  const where = [eq(registrations.organizationId, organizationId), eq(registrations.courseId, courseId)];
  if (filter.statuses.length > 0) where.push(inArray(registrations.status, filter.statuses));
  if (filter.categoryKeys.length > 0) where.push(inArray(registrations.categoryKey, filter.categoryKeys));
  if (filter.missing === 'address_unconfirmed') where.push(isNull(registrations.addressConfirmedAt));
  if (filter.missing === 'evaluation') {
    // Only a course with an evaluation form asks for one.
    where.push(sql`exists (select 1 from ${evaluationForms} where ${evaluationForms.courseId} = ${registrations.courseId})`);
    where.push(sql`not exists (select 1 from ${evaluationCompletions} where ${evaluationCompletions.registrationId} = ${registrations.id})`);
  }
  const rows = await db
    .select({
      registrationId: registrations.id,
      userId: registrations.userId,
      name: registrations.name,
      email: registrations.email,
      status: registrations.status,
      categoryKey: registrations.categoryKey,
      currency: registrations.currency,
    })
    .from(registrations)
    .where(and(...where))
    .orderBy(asc(registrations.name), asc(registrations.id));
  const balances = await registrationBalances(
    db,
    rows.map((r) => r.registrationId),
  );
  const withBalance = rows.map((r) => ({ ...r, balanceMinor: balances.get(r.registrationId)?.balanceMinor ?? 0 }));
  if (filter.payment === 'paid') return withBalance.filter((r) => r.balanceMinor <= 0);
  if (filter.payment === 'balance_due') return withBalance.filter((r) => r.balanceMinor > 0);
  return withBalance;
}
