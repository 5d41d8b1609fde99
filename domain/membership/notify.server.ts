// The emails membership sends, one function per message, each with a stable `kind` registered
// in the email-template registry (ADR 0069), so an organization can reword it. Queued in the
// caller's transaction (the outbox); delivered after commit. Receipts for dues are the
// checkout's receipts (billing). Welcome, renewal and complimentary welcome are essential;
// renewal reminders are not: they carry the signed unsubscribe link and List-Unsubscribe
// header, and are suppressed (kept in the outbox, not sent) for an address that unsubscribed.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { MembershipReminderKind } from '#db/schema/membership.ts';
import { organizations } from '#db/schema/organizations.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { nonEssentialParts } from '#domain/email-templates/unsubscribe-link.ts';
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

/** What a reminder needs to sign its unsubscribe link (services' encryptionKey). */
export interface ReminderLinkContext {
  publicUrl: string;
  secretKey: Buffer;
}

async function orgOf(tx: DbOrTx, organizationId: string) {
  const [org] = await tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, organizationId));
  return org!;
}

async function send(tx: DbOrTx, kind: string, term: TermFacts, extra: Record<string, string>, options: { publicUrl?: string; unsubscribeKey?: Buffer }): Promise<string> {
  const org = await orgOf(tx, term.organizationId);
  const templates = await loadEmailTemplates(tx, term.organizationId);
  const v = { org: org.name, type: term.typeName, from: formatDate(term.startsOn), to: formatDate(term.endsOn), ...extra };
  const publicUrl = options.publicUrl?.replace(/\/$/, '');
  const nonEssential =
    options.unsubscribeKey && publicUrl !== undefined
      ? nonEssentialParts({ publicUrl, organizationId: term.organizationId, orgSlug: org.slug, secretKey: options.unsubscribeKey }, term.email)
      : undefined;
  const mail = composeEmail({
    subject: templates.subject(kind, v),
    greeting: t('email.greeting', { name: term.name || term.email }),
    paragraphs: templates.body(kind, v),
    action: publicUrl ? { label: t('membershipEmail.action'), url: `${publicUrl}/o/${org.slug}/membership` } : undefined,
    signature: org.name,
    unsubscribe: nonEssential?.unsubscribe,
  });
  return queueEmail(tx, { organizationId: term.organizationId, kind, to: term.email, listUnsubscribe: nonEssential?.listUnsubscribe, ...mail });
}

/** Joined online (dues paid): kind `membership.welcome`, essential. */
export function queueWelcomeEmail(tx: DbOrTx, term: TermFacts, publicUrl?: string) {
  return send(tx, 'membership.welcome', term, {}, { publicUrl });
}

/** Renewed online (dues paid): kind `membership.renewed`, essential. */
export function queueRenewedEmail(tx: DbOrTx, term: TermFacts, publicUrl?: string) {
  return send(tx, 'membership.renewed', term, {}, { publicUrl });
}

/** Granted by a course: kind `membership.complimentary`, essential. */
export function queueComplimentaryEmail(tx: DbOrTx, term: TermFacts, courseTitle: string, publicUrl?: string) {
  return send(tx, 'membership.complimentary', term, { course: courseTitle }, { publicUrl });
}

/**
 * A renewal reminder: kinds `membership.reminder.before_30`, `.before_7`, `.expired`,
 * `.grace_ended`. Non-essential: with the unsubscribe link, suppressed for an unsubscribed address.
 */
export function queueReminderEmail(tx: DbOrTx, term: TermFacts, reminder: MembershipReminderKind, graceDays: number, link: ReminderLinkContext) {
  return send(tx, `membership.reminder.${reminder}`, term, { graceEnd: formatDate(addDays(term.endsOn, graceDays)) }, { publicUrl: link.publicUrl, unsubscribeKey: link.secretKey });
}
