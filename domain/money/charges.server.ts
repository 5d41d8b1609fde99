// When a registration is charged: as soon as it takes a place (at submission, or when a
// waitlist offer gives it one). The waitlist owes nothing; a lapsed offer or an ended
// application has its charge reversed (closeAccount), so nothing is owed or left behind.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { aidApplications } from '#db/schema/aid.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import type { Registration } from './ledger-rows.ts';
import { postEntries } from './post-entries.server.ts';
import { registrationAccount } from './read-account.server.ts';
import { localDate } from './policy.ts';

/** Posts the price and the discount of a registration that holds a place and is not charged yet. */
export async function chargeRegistration(tx: DbOrTx, registration: Registration, actor: Actor, now = new Date()): Promise<void> {
  const account = await registrationAccount(tx, registration.id);
  if (account.dueMinor !== 0) return;
  const effectiveOn = localDate(now, registration.policy.timeZone);
  const base = { organizationId: registration.organizationId, registrationId: registration.id, currency: registration.currency, effectiveOn, createdBy: actor.userId };
  await postEntries(tx, [
    { ...base, kind: 'charge', amountMinor: registration.baseAmountMinor, reason: `${registration.policy.courseTitle}: ${registration.policy.categoryLabel} (${registration.tier})` },
    { ...base, kind: 'discount', amountMinor: -registration.discountMinor, reason: 'discount code' },
  ]);
  // A registration whose category was changed before its price and discount were re-quoted
  // with it (migration 0009 folded the old adjustment into its amount): the difference.
  const legacy = registration.amountMinor - (registration.baseAmountMinor - registration.discountMinor);
  if (legacy !== 0) await postEntries(tx, [{ ...base, kind: 'adjustment', amountMinor: legacy, reason: 'category change' }]);
  // Charged again after a spell on the waitlist: an aid award already made still applies (its
  // own aid_award entry was reversed with the charge and cannot be posted twice).
  const [award] = await tx
    .select({ awardedMinor: aidApplications.awardedMinor })
    .from(aidApplications)
    .where(and(eq(aidApplications.registrationId, registration.id), eq(aidApplications.status, 'awarded')));
  if (award?.awardedMinor) {
    const charged = await registrationAccount(tx, registration.id);
    const amount = Math.min(award.awardedMinor, Math.max(0, charged.dueMinor));
    await postEntries(tx, [{ ...base, kind: 'adjustment', amountMinor: -amount, reason: 'financial-aid award, applied again' }]);
  }
}
