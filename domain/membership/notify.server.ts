// The emails membership sends, one function per message, each with a stable `kind` so an
// editable template can take its place later. Queued in the caller's transaction (the outbox);
// delivered after commit. Receipts for dues are the checkout's receipts (billing).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { MembershipReminderKind } from '#db/schema/membership.ts';
import { organizations } from '#db/schema/organizations.ts';
import { composeEmail } from '#lib/email/compose.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { addDays } from './terms.ts';

export interface TermFacts {
  organizationId: string;
  email: string;
  name: string;
  typeName: string;
  startsOn: string;
  endsOn: string;
}

async function orgOf(tx: DbOrTx, organizationId: string) {
  const [org] = await tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, organizationId));
  return org!;
}

async function send(tx: DbOrTx, kind: string, term: TermFacts, key: string, extra: Record<string, string> = {}, publicUrl?: string): Promise<string> {
  const org = await orgOf(tx, term.organizationId);
  const v = { org: org.name, type: term.typeName, from: formatDate(term.startsOn), to: formatDate(term.endsOn), ...extra };
  const mail = composeEmail({
    subject: t(`membershipEmail.${key}.subject`, v),
    greeting: t('email.greeting', { name: term.name || term.email }),
    paragraphs: [t(`membershipEmail.${key}.body`, v)],
    action: publicUrl ? { label: t('membershipEmail.action'), url: `${publicUrl}/o/${org.slug}/membership` } : undefined,
    signature: org.name,
  });
  return queueEmail(tx, { organizationId: term.organizationId, kind, to: term.email, ...mail });
}

/** Joined online (dues paid): kind `membership.welcome`. */
export function queueWelcomeEmail(tx: DbOrTx, term: TermFacts, publicUrl?: string) {
  return send(tx, 'membership.welcome', term, 'welcome', {}, publicUrl);
}

/** Renewed online (dues paid): kind `membership.renewed`. */
export function queueRenewedEmail(tx: DbOrTx, term: TermFacts, publicUrl?: string) {
  return send(tx, 'membership.renewed', term, 'renewed', {}, publicUrl);
}

/** Granted by a course: kind `membership.complimentary`. */
export function queueComplimentaryEmail(tx: DbOrTx, term: TermFacts, courseTitle: string, publicUrl?: string) {
  return send(tx, 'membership.complimentary', term, 'complimentary', { course: courseTitle }, publicUrl);
}

/** A renewal reminder: kinds `membership.reminder.before_30`, `.before_7`, `.expired`, `.grace_ended`. */
export function queueReminderEmail(tx: DbOrTx, term: TermFacts, reminder: MembershipReminderKind, graceDays: number, publicUrl?: string) {
  return send(tx, `membership.reminder.${reminder}`, term, reminder, { graceEnd: formatDate(addDays(term.endsOn, graceDays)) }, publicUrl);
}
