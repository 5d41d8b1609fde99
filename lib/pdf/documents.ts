// The four money documents as PDF. Each renderer takes plain data read from the ledger (see
// domain/billing/documents.server.ts) and returns the bytes: nothing is stored, a document is
// rendered again whenever it is asked for (ADR 0044).
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { createDocument, facts, finish, header, paragraph, sectionTitle, table } from './layout.ts';

export interface DocumentOrganization {
  name: string;
  postalAddress: string;
}

export interface InvoiceDocument {
  organization: DocumentOrganization;
  number: string;
  issuedOn: string;
  dueOn: string | null;
  payerName: string;
  payerEmail: string;
  currency: string;
  lines: { description: string; amountMinor: number }[];
  totalMinor: number;
  payments: { receivedOn: string; method: string; reference: string; amountMinor: number }[];
  balanceMinor: number;
  /** The invoice's total less payments, when what is owed fell after it was issued (balanceMinor is then lower). */
  loweredFromMinor?: number;
  paymentInstructions: string;
  paid: boolean;
  /** Replaced, voided by staff, or its registration ended: not to be paid. */
  void?: boolean;
}

export interface ReceiptDocument {
  organization: DocumentOrganization;
  number: string;
  payerName: string;
  payerEmail: string;
  receivedOn: string;
  method: string;
  reference: string;
  currency: string;
  amountMinor: number;
  /** One per account the payment was posted to. */
  accounts: { account: string; description: string; amountMinor: number; balanceAfterMinor: number }[];
}

export interface GiftReceiptDocument {
  organization: DocumentOrganization;
  number: string;
  donorName: string;
  donorEmail: string;
  date: string;
  currency: string;
  gifts: { fund: string; amountMinor: number }[];
  totalMinor: number;
  statement: string;
}

export interface StatementDocument {
  organization: DocumentOrganization;
  issuedOn: string;
  account: string;
  holderName: string;
  holderEmail: string;
  currency: string;
  entries: { effectiveOn: string; description: string; amountMinor: number; balanceMinor: number }[];
  balanceMinor: number;
}

function balanceWords(balanceMinor: number, currency: string): string {
  if (balanceMinor > 0) return t('billingPdf.balanceOwed', { amount: formatMoney(balanceMinor, currency) });
  if (balanceMinor < 0) return t('billingPdf.balanceCredit', { amount: formatMoney(-balanceMinor, currency) });
  return t('billingPdf.balanceSettled');
}

export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const doc = createDocument(t('billingPdf.invoiceTitle', { number: invoice.number }));
  header(doc, invoice.organization, t('billingPdf.invoiceTitle', { number: invoice.number }));
  facts(doc, [
    [t('billingPdf.invoiceNumber'), invoice.number],
    [t('billingPdf.issuedOn'), formatDate(invoice.issuedOn)],
    [t('billingPdf.dueOn'), invoice.dueOn ? formatDate(invoice.dueOn) : '—'],
    [t('billingPdf.billTo'), `${invoice.payerName}\n${invoice.payerEmail}`],
  ]);
  sectionTitle(doc, t('billingPdf.items'));
  table(
    doc,
    [
      { header: t('billingPdf.description'), width: 0.75 },
      { header: t('billingPdf.amount'), width: 0.25, align: 'right' },
    ],
    invoice.lines.map((l) => [l.description, money(l.amountMinor)]),
    [[t('billingPdf.total'), money(invoice.totalMinor)]],
  );
  sectionTitle(doc, t('billingPdf.paymentsReceived'));
  if (invoice.payments.length === 0) paragraph(doc, t('billingPdf.noPayments'));
  else
    table(
      doc,
      [
        { header: t('billingPdf.date'), width: 0.25 },
        { header: t('billingPdf.method'), width: 0.5 },
        { header: t('billingPdf.amount'), width: 0.25, align: 'right' },
      ],
      invoice.payments.map((p) => [formatDate(p.receivedOn), p.reference ? `${p.method} (${p.reference})` : p.method, money(p.amountMinor)]),
    );
  if (invoice.void) paragraph(doc, t('billingPdf.invoiceVoid'), { bold: true });
  else {
    if (invoice.loweredFromMinor !== undefined) paragraph(doc, t('billingPdf.invoiceLowered', { from: money(invoice.loweredFromMinor), amount: money(invoice.balanceMinor) }));
    paragraph(doc, `${t('billingPdf.balance')}: ${balanceWords(invoice.balanceMinor, invoice.currency)}`, { bold: true });
  }
  if (invoice.paid) paragraph(doc, t('billingPdf.invoicePaid'));
  else if (!invoice.void) {
    // New invoices always carry instructions (createCheckout refuses without); an older one says how to get them.
    sectionTitle(doc, t('billingPdf.howToPay'));
    paragraph(doc, invoice.paymentInstructions.trim() || t('billingPdf.noInstructions'));
    if (invoice.organization.postalAddress.trim()) paragraph(doc, t('billingPdf.mailTo', { address: invoice.organization.postalAddress.trim() }));
  }
  return finish(doc);
}

export async function renderReceiptPdf(receipt: ReceiptDocument): Promise<Buffer> {
  const money = (minor: number) => formatMoney(minor, receipt.currency);
  const doc = createDocument(t('billingPdf.receiptTitle', { number: receipt.number }));
  header(doc, receipt.organization, t('billingPdf.receiptTitle', { number: receipt.number }));
  facts(doc, [
    [t('billingPdf.receiptNumber'), receipt.number],
    [t('billingPdf.receivedFrom'), `${receipt.payerName}\n${receipt.payerEmail}`],
    [t('billingPdf.receivedOn'), formatDate(receipt.receivedOn)],
    [t('billingPdf.method'), receipt.reference ? `${receipt.method} (${receipt.reference})` : receipt.method],
    [t('billingPdf.amountReceived'), money(receipt.amountMinor)],
  ]);
  sectionTitle(doc, t('billingPdf.applied'));
  table(
    doc,
    [
      { header: t('billingPdf.account'), width: 0.35 },
      { header: t('billingPdf.description'), width: 0.25 },
      { header: t('billingPdf.amount'), width: 0.2, align: 'right' },
      { header: t('billingPdf.balanceAfter'), width: 0.2, align: 'right' },
    ],
    receipt.accounts.map((a) => [a.account, a.description, money(a.amountMinor), money(a.balanceAfterMinor)]),
    [[t('billingPdf.total'), '', money(receipt.amountMinor), '']],
  );
  paragraph(doc, t('billingPdf.thankYou'));
  return finish(doc);
}

export async function renderGiftReceiptPdf(gift: GiftReceiptDocument): Promise<Buffer> {
  const money = (minor: number) => formatMoney(minor, gift.currency);
  const doc = createDocument(t('billingPdf.giftTitle', { number: gift.number }));
  header(doc, gift.organization, t('billingPdf.giftTitle', { number: gift.number }));
  facts(doc, [
    [t('billingPdf.receiptNumber'), gift.number],
    [t('billingPdf.donor'), `${gift.donorName}\n${gift.donorEmail}`],
    [t('billingPdf.date'), formatDate(gift.date)],
  ]);
  paragraph(doc, t('billingPdf.giftStatement', { amount: money(gift.totalMinor), organization: gift.organization.name }), { bold: true });
  table(
    doc,
    [
      { header: t('billingPdf.fund'), width: 0.7 },
      { header: t('billingPdf.amount'), width: 0.3, align: 'right' },
    ],
    gift.gifts.map((g) => [g.fund, money(g.amountMinor)]),
    [[t('billingPdf.total'), money(gift.totalMinor)]],
  );
  paragraph(doc, t('billingPdf.noGoods'));
  paragraph(doc, gift.statement);
  return finish(doc);
}

export async function renderStatementPdf(statement: StatementDocument): Promise<Buffer> {
  const money = (minor: number) => formatMoney(minor, statement.currency);
  const doc = createDocument(t('billingPdf.statementTitle'));
  header(doc, statement.organization, t('billingPdf.statementTitle'));
  facts(doc, [
    [t('billingPdf.account'), statement.account],
    [t('billingPdf.accountHolder'), `${statement.holderName}\n${statement.holderEmail}`],
    [t('billingPdf.issuedOn'), formatDate(statement.issuedOn)],
  ]);
  table(
    doc,
    [
      { header: t('billingPdf.date'), width: 0.2 },
      { header: t('billingPdf.description'), width: 0.44 },
      { header: t('billingPdf.amount'), width: 0.18, align: 'right' },
      { header: t('billingPdf.runningBalance'), width: 0.18, align: 'right' },
    ],
    statement.entries.map((e) => [formatDate(e.effectiveOn, 'en-US', 'medium'), e.description, money(e.amountMinor), money(e.balanceMinor)]),
  );
  paragraph(doc, `${t('billingPdf.balance')}: ${balanceWords(statement.balanceMinor, statement.currency)}`, { bold: true });
  return finish(doc);
}
