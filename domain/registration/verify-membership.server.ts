// Staff settle a "to verify" membership check by hand (they looked the person up elsewhere).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { registrations, type MembershipCheck } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';

export async function verifyMembership(db: DbOrTx, input: { organizationId: string; registrationId: string }, actor: Actor): Promise<MembershipCheck> {
  const [before] = await db
    .select({ id: registrations.id, check: registrations.membershipCheck })
    .from(registrations)
    .where(and(eq(registrations.id, input.registrationId), eq(registrations.organizationId, input.organizationId)));
  if (!before) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
  if (before.check !== 'to_verify') throw new DomainError('TRANSITION_NOT_ALLOWED', `membership ${before.check}`);
  await db.update(registrations).set({ membershipCheck: 'verified', updatedAt: new Date() }).where(eq(registrations.id, before.id));
  await recordAudit(db, actor, {
    organizationId: input.organizationId,
    action: 'registration.membership_verified',
    entityType: 'registration',
    entityId: before.id,
    before: { membershipCheck: before.check },
    after: { membershipCheck: 'verified' },
  });
  return 'verified';
}
