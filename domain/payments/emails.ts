// The card receipt: what was paid for, line by line, and any part of it that will be refunded
// (a late payment, an overpayment). The PDF receipt is an attachment rendered at delivery from
// the payment id (lib/email/attachments.server.ts). Invoices use billing's invoice email.
import { defaultEmailTemplates, type EmailTemplates } from '#domain/email-templates/templates.ts';
import { composeEmail, type ComposedEmail } from '#lib/email/compose.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';

export interface CheckoutEmailFacts {
  orgName: string;
  orgSlug: string;
  publicUrl: string;
  payerName: string;
  number: string;
  checkoutId: string;
  totalMinor: number;
  currency: string;
  lines: { description: string; amountMinor: number }[];
  /** The organization's templates (ADR 0069); the defaults when absent. */
  templates?: EmailTemplates;
}

function lineText(facts: CheckoutEmailFacts): string[] {
  return facts.lines.map((l) => t('paymentsEmail.line', { description: l.description, amount: formatMoney(l.amountMinor, facts.currency) }));
}

export function receiptEmail(facts: CheckoutEmailFacts & { paidMinor: number; receivedOn: string; refundMinor: number; /** A visitor without an account: no link to a page they cannot open. */ guest?: boolean }): ComposedEmail {
  const values = { number: facts.number, amount: formatMoney(facts.paidMinor, facts.currency), date: formatDate(facts.receivedOn) };
  const templates = facts.templates ?? defaultEmailTemplates;
  const paragraphs = [...templates.body('payments.receipt', values), ...lineText(facts)];
  if (facts.refundMinor > 0) paragraphs.push(t('paymentsEmail.receipt.refund', { refund: formatMoney(facts.refundMinor, facts.currency) }));
  paragraphs.push(t('paymentsEmail.receipt.attached'));
  return composeEmail({
    subject: templates.subject('payments.receipt', values),
    greeting: t('email.greeting', { name: facts.payerName }),
    paragraphs,
    action: facts.guest ? undefined : { label: t('paymentsEmail.view'), url: `${facts.publicUrl}/o/${facts.orgSlug}/checkouts/${facts.checkoutId}` },
    signature: facts.orgName,
  });
}
