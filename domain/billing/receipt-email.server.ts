// The receipt email: a short note with the receipt PDF attached (rendered at delivery).
// Used after staff record a check or transfer; card payments can send the same message.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { OutboxAttachment } from '#db/schema/email.ts';
import { checkoutLines, checkouts, payments } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { composeEmail } from '#lib/email/compose.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmailWithAttachments } from '#lib/email/attachments.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { documentNumber, paymentReceiptNumber, safeFilename } from './document-numbers.ts';
import { methodLabel } from './documents.server.ts';

export interface ReceiptEmailInput {
  organizationId: string;
  paymentId: string;
  to: string;
  name: string;
  publicUrl: string;
  /** Links the message to this registration's statement page. */
  registrationId?: string | null;
}

/**
 * The gift receipt that goes with a payment: when it completed a checkout with donation lines
 * (a donation is acknowledged as a gift once it is paid). Rendered at delivery like the receipt.
 */
export async function giftReceiptAttachments(tx: DbOrTx, organizationId: string, checkoutId: string | null, shortName: string): Promise<OutboxAttachment[]> {
  if (!checkoutId) return [];
  const [checkout] = await tx
    .select({ id: checkouts.id, number: checkouts.number, status: checkouts.status })
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId)));
  if (!checkout || checkout.status !== 'paid') return [];
  const gifts = await tx
    .select({ id: checkoutLines.id })
    .from(checkoutLines)
    .where(and(eq(checkoutLines.checkoutId, checkout.id), eq(checkoutLines.kind, 'donation')));
  if (gifts.length === 0) return [];
  return [{ kind: 'gift_receipt', id: checkout.id, filename: safeFilename(`gift-receipt-${documentNumber(shortName, checkout.number)}`, 'pdf') }];
}

export async function queueReceiptEmail(tx: DbOrTx, input: ReceiptEmailInput): Promise<string> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId));
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.id, input.paymentId), eq(payments.organizationId, input.organizationId)));
  if (!org || !payment) throw new Error('receipt email for an unknown payment');
  const [checkout] = payment.checkoutId ? await tx.select({ number: checkouts.number }).from(checkouts).where(eq(checkouts.id, payment.checkoutId)) : [];
  const number = paymentReceiptNumber(org.shortName, payment.id, checkout?.number ?? null);
  const templates = await loadEmailTemplates(tx, org.id);
  const values = { org: org.name, number, amount: formatMoney(payment.amountMinor, payment.currency), date: formatDate(payment.receivedOn), method: methodLabel(payment.method) };
  const email = composeEmail({
    subject: templates.subject('billing.receipt', values),
    greeting: t('billingEmail.greeting', { name: input.name }),
    paragraphs: [
      ...templates.body('billing.receipt', values),
      t('billingEmail.receiptAttached'),
    ],
    action: input.registrationId ? { label: t('billingEmail.statementLink'), url: `${input.publicUrl}/o/${org.slug}/registrations/${input.registrationId}/statement` } : undefined,
    signature: org.name,
  });
  return queueEmailWithAttachments(tx, { organizationId: org.id, kind: 'billing.receipt', to: input.to, ...email }, [
    { kind: 'receipt', id: payment.id, filename: safeFilename(`receipt-${number}`, 'pdf') },
    ...(await giftReceiptAttachments(tx, org.id, payment.checkoutId, org.shortName)),
  ]);
}

