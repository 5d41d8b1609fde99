// When what a registration owes changes after an invoice was issued (an aid award, a category
// change, an adjustment), its open invoice must not keep asking for the old amount. Called by
// the code that changes what is owed, inside the same transaction and under the same money
// locks (course, then registration), after the ledger entries are posted:
//
// - An open invoice nothing was paid against is REPLACED: it becomes void ('cancelled', keeping
//   its number, audited 'invoice.replaced') and a new invoice is issued for what the ledger
//   says is owed now, with the same gift lines (their donations are carried over, not voided)
//   and the same due date (never in the past). The payer is emailed the new invoice, which names
//   the one it replaces and why. Nothing owed and no gift: the invoice is void and the payer is
//   told there is nothing more to pay.
// - An open invoice with a payment against it stays (money was sent against that number): what
//   it asks for is derived from the ledger (invoiceRemaining caps a registration line at what
//   the registration owes), it is marked paid when it asks for nothing more, and the payer is
//   emailed what is due now.
//
// An invoice that also bills another registration is left to the derived amount (its other
// registrations are not under these locks; the pay pages only make one-registration invoices).
// See ADR 0041, "One payable invoice", and docs/payments.md.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts, payments } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { locksDisabledForTest } from '#domain/transaction.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { composeEmail } from '#lib/email/compose.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { documentNumber } from './document-numbers.ts';
import { queueInvoiceEmail } from './invoice-email.server.ts';
import { invoiceDueNow } from './invoice-remaining.server.ts';
import { settleInvoiceIfPaid } from './settle-invoice.server.ts';

/** What changed, in words the payer reads in the email. */
export type OwedChange =
  | { kind: 'aid_award'; amountMinor: number; currency: string; courseTitle: string }
  | { kind: 'category_change'; categoryLabel: string; courseTitle: string }
  | { kind: 'adjustment'; reason: string; courseTitle: string };

export function owedChangeWords(change: OwedChange): string {
  switch (change.kind) {
    case 'aid_award':
      return t('billingEmail.change_aid_award', { amount: formatMoney(change.amountMinor, change.currency), course: change.courseTitle });
    case 'category_change':
      return t('billingEmail.change_category', { category: change.categoryLabel, course: change.courseTitle });
    case 'adjustment':
      return t('billingEmail.change_adjustment', { reason: change.reason, course: change.courseTitle });
  }
}

export interface RevisedInvoices {
  /** Void invoices and what replaced each (null: nothing more to pay, no replacement). */
  replaced: { from: string; fromNumber: string; to: string | null; toNumber: string | null; totalMinor: number }[];
  /** Invoices with money against them that now ask for a different amount. */
  adjusted: { id: string; number: string; dueNowMinor: number }[];
  /** What the registration owes now (never negative; a credit is a refund, tracked apart). */
  owedMinor: number;
  emailIds: string[];
}

export async function reviseOpenInvoices(
  tx: DbOrTx,
  input: { organizationId: string; registrationId: string; change: OwedChange; actor: Actor; publicUrl: string; now?: Date },
): Promise<RevisedInvoices> {
  const now = input.now ?? new Date();
  const account = await registrationAccount(tx, input.registrationId);
  const owedMinor = Math.max(0, account.balanceMinor);
  const result: RevisedInvoices = { replaced: [], adjusted: [], owedMinor, emailIds: [] };
  const ids = (
    await tx
      .selectDistinct({ id: checkouts.id })
      .from(checkouts)
      .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
      .where(
        and(
          eq(checkouts.organizationId, input.organizationId),
          eq(checkouts.method, 'invoice'),
          inArray(checkouts.status, ['open', 'awaiting_payment']),
          eq(checkoutLines.registrationId, input.registrationId),
        ),
      )
  )
    .map((r) => r.id)
    .sort();
  if (ids.length === 0) return result;
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId));
  if (!org) return result;
  const why = owedChangeWords(input.change);

  for (const id of ids) {
    // The money lock order: the caller holds the course and the registration; then the invoice.
    const query = tx.select().from(checkouts).where(eq(checkouts.id, id));
    const [invoice] = locksDisabledForTest() ? await query : await query.for('update');
    if (!invoice || (invoice.status !== 'open' && invoice.status !== 'awaiting_payment')) continue;
    const lines = await tx.select().from(checkoutLines).where(eq(checkoutLines.checkoutId, id)).orderBy(asc(checkoutLines.position));
    if (lines.some((l) => l.registrationId !== null && l.registrationId !== input.registrationId)) continue;
    const own = lines.find((l) => l.registrationId === input.registrationId);
    if (!own) continue;
    const number = documentNumber(org.shortName, invoice.number);
    const [paid] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.checkoutId, id)).limit(1);

    if (paid) {
      // Money was sent against this number: it stays, asking for what is due now.
      const dueNowMinor = await invoiceDueNow(tx, input.organizationId, id);
      await settleInvoiceIfPaid(tx, invoice, input.actor, now);
      result.adjusted.push({ id, number, dueNowMinor });
      const templates = await loadEmailTemplates(tx, org.id);
      const email = composeEmail({
        subject: templates.subject('billing.invoice_adjusted', { number, org: org.name, why }),
        greeting: t('billingEmail.greeting', { name: invoice.payerName }),
        paragraphs: [
          ...templates.body('billing.invoice_adjusted', { number, org: org.name, why }),
          dueNowMinor > 0 ? t('billingEmail.adjustedDue', { amount: formatMoney(dueNowMinor, invoice.currency), number }) : t('billingEmail.adjustedNothingDue', { number }),
        ],
        action: { label: t('billingEmail.registrationsLink'), url: `${input.publicUrl}/o/${org.slug}/registrations` },
        signature: org.name,
      });
      result.emailIds.push(await queueEmail(tx, { organizationId: org.id, kind: 'billing.invoice_adjusted', to: invoice.payerEmail, ...email }));
      continue;
    }

    if (own.amountMinor === owedMinor) continue; // this invoice already asks for what is owed
    const gifts = lines.filter((l) => l.kind !== 'registration');
    const newLines = [...(owedMinor > 0 ? [{ ...own, amountMinor: owedMinor }] : []), ...gifts];
    const totalMinor = newLines.reduce((sum, l) => sum + l.amountMinor, 0);

    await tx.update(checkouts).set({ status: 'cancelled' }).where(eq(checkouts.id, id));
    let replacement: typeof checkouts.$inferSelect | undefined;
    if (newLines.length > 0 && totalMinor > 0) {
      const today = localDate(now, org.timeZone);
      const dueOn = invoice.dueOn && invoice.dueOn > today ? invoice.dueOn : today;
      [replacement] = await tx
        .insert(checkouts)
        .values({
          organizationId: org.id,
          userId: invoice.userId,
          payerName: invoice.payerName,
          payerEmail: invoice.payerEmail,
          method: 'invoice',
          status: 'awaiting_payment',
          currency: invoice.currency,
          totalMinor,
          dueOn,
        })
        .returning();
      await tx.insert(checkoutLines).values(
        newLines.map((l, position) => ({
          checkoutId: replacement!.id,
          position,
          kind: l.kind,
          registrationId: l.registrationId,
          donationId: l.donationId,
          description: l.description,
          amountMinor: l.amountMinor,
        })),
      );
      await recordAudit(tx, input.actor, {
        organizationId: org.id,
        action: 'checkout.created',
        entityType: 'checkout',
        entityId: replacement!.id,
        after: { method: 'invoice', totalMinor, currency: invoice.currency, dueOn, replaces: id },
      });
    }
    const toNumber = replacement ? documentNumber(org.shortName, replacement.number) : null;
    await recordAudit(tx, input.actor, {
      organizationId: org.id,
      action: 'invoice.replaced',
      entityType: 'checkout',
      entityId: id,
      before: { status: invoice.status, totalMinor: invoice.totalMinor },
      after: { status: 'cancelled', replacedBy: replacement?.id ?? null, totalMinor: replacement?.totalMinor ?? 0, reason: input.change.kind },
    });
    result.replaced.push({ from: id, fromNumber: number, to: replacement?.id ?? null, toNumber, totalMinor: replacement?.totalMinor ?? 0 });
    if (replacement) {
      result.emailIds.push(await queueInvoiceEmail(tx, { organizationId: org.id, checkoutId: replacement.id, publicUrl: input.publicUrl, replaces: { number, why } }));
    } else {
      const templates = await loadEmailTemplates(tx, org.id);
      const email = composeEmail({
        subject: templates.subject('billing.invoice_void', { number, org: org.name, why }),
        greeting: t('billingEmail.greeting', { name: invoice.payerName }),
        paragraphs: templates.body('billing.invoice_void', { number, org: org.name, why }),
        action: { label: t('billingEmail.registrationsLink'), url: `${input.publicUrl}/o/${org.slug}/registrations` },
        signature: org.name,
      });
      result.emailIds.push(await queueEmail(tx, { organizationId: org.id, kind: 'billing.invoice_void', to: invoice.payerEmail, ...email }));
    }
  }
  return result;
}
