// The invoice email for paying by check or bank transfer: the amount, the due date, the
// organization's payment instructions, and the invoice PDF attached (rendered at delivery).
// For the checkout flow to call when a person chooses to pay by invoice.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkouts } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmailWithAttachments } from '#lib/email/attachments.server.ts';
import { composeEmail } from '#lib/email/compose.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { documentNumber, safeFilename } from './document-numbers.ts';

export async function queueInvoiceEmail(
  tx: DbOrTx,
  input: {
    organizationId: string;
    checkoutId: string;
    publicUrl: string;
    /** The void invoice this one replaces, and why (what is owed changed). */
    replaces?: { number: string; why: string };
    /** Where the payer sees the invoice online; default: their registrations page (a signed-in payer). */
    viewUrl?: string;
  },
): Promise<string> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId));
  const [checkout] = await tx
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, input.checkoutId), eq(checkouts.organizationId, input.organizationId)));
  if (!org || !checkout || checkout.method !== 'invoice') throw new Error('invoice email for an unknown invoice');
  const number = documentNumber(org.shortName, checkout.number);
  const templates = await loadEmailTemplates(tx, org.id);
  const values = { org: org.name, number, amount: formatMoney(checkout.totalMinor, checkout.currency) };
  const email = composeEmail({
    subject: templates.subject('billing.invoice', values),
    greeting: t('billingEmail.greeting', { name: checkout.payerName }),
    paragraphs: [
      input.replaces ? t('billingEmail.invoiceReplaces', { old: input.replaces.number, why: input.replaces.why }) : '',
      ...templates.body('billing.invoice', values),
      checkout.dueOn ? t('billingEmail.invoiceDue', { date: formatDate(checkout.dueOn) }) : '',
      // Invoices are issued only with payment instructions (createCheckout); an older invoice
      // reissued after they were removed says plainly how to get them.
      org.paymentInstructions.trim() || t('billingEmail.noInstructions'),
      org.postalAddress.trim() ? t('billingEmail.mailTo', { address: org.postalAddress.trim() }) : '',
      t('billingEmail.invoiceAttached'),
    ].filter((p) => p !== ''),
    action: input.viewUrl
      ? { label: t('billingEmail.invoiceLink'), url: input.viewUrl }
      : { label: t('billingEmail.registrationsLink'), url: `${input.publicUrl}/o/${org.slug}/registrations` },
    signature: org.name,
  });
  return queueEmailWithAttachments(tx, { organizationId: org.id, kind: 'billing.invoice', to: checkout.payerEmail, ...email }, [
    { kind: 'invoice', id: checkout.id, filename: safeFilename(`invoice-${number}`, 'pdf') },
  ]);
}
