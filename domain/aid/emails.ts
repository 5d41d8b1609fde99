// Emails to aid applicants. They say what happened and link to the page; they never repeat
// the statement, the self-identification, a score or a comment.
import { defaultEmailTemplates, type EmailTemplates } from '#domain/email-templates/templates.ts';
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';

export type AidEmailKind = 'received' | 'awarded' | 'not_awarded';

export interface AidEmailFacts {
  orgName: string;
  orgSlug: string;
  publicUrl: string;
  name: string;
  courseTitle: string;
  registrationId: string;
  currency: string;
  requestedMinor: number;
  awardedMinor?: number;
  /** A refund created because the registration was already paid. */
  refundMinor?: number;
  /** What the registration owes after the award (from the ledger). */
  owedMinor?: number;
  /** Open invoices replaced because of the award: the void one and its replacement. */
  invoices?: { old: string; new: string; totalMinor: number }[];
  /** The organization's templates (ADR 0069); the defaults when absent. */
  templates?: EmailTemplates;
}

export function aidEmail(kind: AidEmailKind, facts: AidEmailFacts): ComposedEmail {
  const values = {
    course: facts.courseTitle,
    requested: formatMoney(facts.requestedMinor, facts.currency),
    awarded: formatMoney(facts.awardedMinor ?? 0, facts.currency),
    refund: formatMoney(facts.refundMinor ?? 0, facts.currency),
  };
  const templates = facts.templates ?? defaultEmailTemplates;
  const paragraphs = templates.body(`aid.${kind}`, values);
  if (kind === 'awarded') {
    if (facts.refundMinor) paragraphs.push(t('aidEmail.awarded.refund', values));
    // What is owed now, from the ledger: the amount the payer acts on.
    const owed = facts.owedMinor ?? 0;
    paragraphs.push(owed > 0 ? t('aidEmail.awarded.owed', { owed: formatMoney(owed, facts.currency) }) : t('aidEmail.awarded.nothingOwed'));
    for (const invoice of facts.invoices ?? []) paragraphs.push(t('aidEmail.awarded.invoiceReplaced', { old: invoice.old, new: invoice.new, amount: formatMoney(invoice.totalMinor, facts.currency) }));
  }
  return composeEmail({
    subject: templates.subject(`aid.${kind}`, values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs,
    action: { label: t('aidEmail.action'), url: `${facts.publicUrl}/o/${facts.orgSlug}/registrations/${facts.registrationId}/financial-aid` },
    signature: facts.orgName,
  });
}

/**
 * To one member of the financial-aid committee once the deadline has passed: how many
 * applications await a decision, never who applied. `{{pending}}` carries the plural.
 */
export function committeeDeadlineEmail(facts: {
  orgName: string;
  orgSlug: string;
  publicUrl: string;
  name: string;
  courseId: string;
  courseTitle: string;
  pending: number;
  templates?: EmailTemplates;
}): ComposedEmail {
  const values = { org: facts.orgName, course: facts.courseTitle, count: facts.pending, pending: t('aidEmail.committee.pending', { count: facts.pending }) };
  const templates = facts.templates ?? defaultEmailTemplates;
  return composeEmail({
    subject: templates.subject('aid.committee_deadline', values),
    greeting: t('email.greeting', { name: facts.name }),
    paragraphs: templates.body('aid.committee_deadline', values),
    action: { label: t('aidEmail.committee.action'), url: `${facts.publicUrl}/o/${facts.orgSlug}/admin/financial-aid/${facts.courseId}` },
    signature: facts.orgName,
  });
}
