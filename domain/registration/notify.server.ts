import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import type { registrations } from '#db/schema/registration.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { registrationEmail, type RegistrationEmailFacts, type RegistrationEmailKind } from './emails.ts';

type Registration = typeof registrations.$inferSelect;
type Course = typeof courses.$inferSelect;

export interface NotifyContext {
  publicUrl: string;
}

/** Writes the email about a registration into the outbox, in the caller's transaction. */
export async function queueRegistrationEmail(
  tx: DbOrTx,
  kind: RegistrationEmailKind,
  registration: Registration,
  course: Course,
  context: NotifyContext,
  extra: Partial<RegistrationEmailFacts> = {},
): Promise<string> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, course.organizationId));
  // The acceptance states what is owed now, from the ledger (aid, payments and changes included).
  const owedMinor = kind === 'accepted' ? Math.max(0, (await registrationAccount(tx, registration.id)).balanceMinor) : undefined;
  const email = registrationEmail(kind, {
    orgName: org?.name ?? '',
    orgSlug: org?.slug ?? '',
    publicUrl: context.publicUrl,
    name: registration.name,
    course,
    amountMinor: registration.amountMinor,
    categoryLabel: registration.policy.categoryLabel,
    tier: registration.tier,
    hours: course.offerHoldHours,
    owedMinor,
    templates: await loadEmailTemplates(tx, course.organizationId),
    ...extra,
  });
  return queueEmail(tx, { organizationId: course.organizationId, kind: `registration.${kind}`, to: registration.email, ...email });
}
