// Reads what a money document says from the ledger, scoped to one organization, and renders
// it. Documents are never stored: asked for twice, a receipt is rendered twice from the same
// rows (ADR 0044). Each loader also says whose document it is, for the download guard.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts, donations, ledgerEntries, payments } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { summarize } from '#domain/money/account.ts';
import { localDate } from '#domain/money/policy.ts';
import { t } from '#lib/i18n.ts';
import {
  renderGiftReceiptPdf,
  renderInvoicePdf,
  renderReceiptPdf,
  renderStatementPdf,
  type GiftReceiptDocument,
  type InvoiceDocument,
  type ReceiptDocument,
  type StatementDocument,
} from '#lib/pdf/documents.ts';
import { documentNumber, paymentReceiptNumber, safeFilename } from './document-numbers.ts';
import { entryDescription } from './descriptions.ts';
import { invoiceDueNow } from './invoice-remaining.server.ts';

export type DocumentKind = 'receipt' | 'invoice' | 'gift_receipt' | 'statement';

export interface LoadedDocument<T> {
  document: T;
  /** Users who may download it besides staff with money:read (the payer). */
  ownerUserIds: string[];
  filename: string;
}

type LedgerRow = typeof ledgerEntries.$inferSelect;

export { entryDescription };

export function methodLabel(method: string): string {
  return t(`money.method_${method}`);
}

async function getOrganization(db: DbOrTx, organizationId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  return org;
}

/** A registration's ledger in posting order with the balance after each entry. */
export function runningBalance<E extends Pick<LedgerRow, 'amountMinor'>>(entries: readonly E[]): (E & { balanceMinor: number })[] {
  let balance = 0;
  return entries.map((e) => {
    balance += e.amountMinor;
    return { ...e, balanceMinor: balance };
  });
}

export async function loadStatement(db: DbOrTx, organizationId: string, registrationId: string, now = new Date()): Promise<LoadedDocument<StatementDocument> | undefined> {
  const org = await getOrganization(db, organizationId);
  const [registration] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.organizationId, organizationId)));
  if (!org || !registration) return undefined;
  const entries = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.registrationId, registration.id), eq(ledgerEntries.organizationId, organizationId))).orderBy(asc(ledgerEntries.sequence));
  const rows = runningBalance(entries);
  return {
    ownerUserIds: [registration.userId],
    filename: safeFilename(`statement-${org.shortName}-${registration.policy.courseTitle}`, 'pdf'),
    document: {
      organization: { name: org.name, postalAddress: org.postalAddress },
      issuedOn: localDate(now, registration.policy.timeZone),
      account: registration.policy.courseTitle,
      holderName: registration.name,
      holderEmail: registration.email,
      currency: registration.currency,
      entries: rows.map((e) => ({ effectiveOn: e.effectiveOn, description: entryDescription(e, { courseTitle: registration.policy.courseTitle }), amountMinor: e.amountMinor, balanceMinor: e.balanceMinor })),
      balanceMinor: summarize(entries).balanceMinor,
    },
  };
}

export async function loadReceipt(db: DbOrTx, organizationId: string, paymentId: string): Promise<LoadedDocument<ReceiptDocument> | undefined> {
  const org = await getOrganization(db, organizationId);
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.organizationId, organizationId)));
  if (!org || !payment) return undefined;
  const [checkout] = payment.checkoutId
    ? await db.select().from(checkouts).where(and(eq(checkouts.id, payment.checkoutId), eq(checkouts.organizationId, organizationId)))
    : [];
  const entries = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.paymentId, payment.id), eq(ledgerEntries.organizationId, organizationId))).orderBy(asc(ledgerEntries.sequence));
  const regIds = entries.flatMap((e) => (e.registrationId ? [e.registrationId] : []));
  const donationIds = entries.flatMap((e) => (e.donationId ? [e.donationId] : []));
  const regs = regIds.length ? await db.select().from(registrations).where(and(inArray(registrations.id, regIds), eq(registrations.organizationId, organizationId))) : [];
  const gifts = donationIds.length ? await db.select().from(donations).where(and(inArray(donations.id, donationIds), eq(donations.organizationId, organizationId))) : [];
  const accounts = [];
  const payer0 = checkout ? { name: checkout.payerName } : { name: '' };
  for (const entry of entries) {
    // The balance right after this payment: every entry of the account up to this one.
    const accountFilter = entry.registrationId
      ? eq(ledgerEntries.registrationId, entry.registrationId)
      : entry.membershipTermId
        ? eq(ledgerEntries.membershipTermId, entry.membershipTermId)
        : eq(ledgerEntries.donationId, entry.donationId!);
    const history = await db.select().from(ledgerEntries).where(accountFilter).orderBy(asc(ledgerEntries.sequence));
    const upTo = history.filter((h) => h.sequence <= entry.sequence);
    const reg = regs.find((r) => r.id === entry.registrationId);
    const gift = gifts.find((d) => d.id === entry.donationId);
    const account = reg
      ? `${reg.policy.courseTitle} — ${reg.name}`
      : entry.membershipTermId
        ? t('membershipSelf.receiptLine', { name: payer0.name })
        : t('billingPdf.donationLine', { fund: t(`billingPdf.fund_${gift?.fund ?? 'general'}`) });
    accounts.push({ account, description: entryDescription(entry, { courseTitle: reg?.policy.courseTitle }), amountMinor: -entry.amountMinor, balanceAfterMinor: summarize(upTo).balanceMinor });
  }
  const payer = checkout ? { name: checkout.payerName, email: checkout.payerEmail } : regs[0] ? { name: regs[0].name, email: regs[0].email } : gifts[0] ? { name: gifts[0].name, email: gifts[0].email } : { name: '', email: '' };
  const owners = new Set<string>();
  if (checkout?.userId) owners.add(checkout.userId);
  for (const r of regs) owners.add(r.userId);
  for (const d of gifts) if (d.userId) owners.add(d.userId);
  const number = paymentReceiptNumber(org.shortName, payment.id, checkout?.number ?? null);
  return {
    ownerUserIds: [...owners],
    filename: safeFilename(`receipt-${number}`, 'pdf'),
    document: {
      organization: { name: org.name, postalAddress: org.postalAddress },
      number,
      payerName: payer.name,
      payerEmail: payer.email,
      receivedOn: payment.receivedOn,
      method: methodLabel(payment.method),
      reference: payment.method === 'card' ? '' : payment.reference,
      currency: payment.currency,
      amountMinor: payment.amountMinor,
      accounts,
    },
  };
}

async function loadCheckout(db: DbOrTx, organizationId: string, checkoutId: string) {
  const [checkout] = await db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId)));
  if (!checkout) return undefined;
  const lines = await db.select().from(checkoutLines).where(eq(checkoutLines.checkoutId, checkout.id)).orderBy(asc(checkoutLines.position));
  return { checkout, lines };
}

/** Payments recorded against an invoice, oldest first. */
export async function invoicePayments(db: DbOrTx, organizationId: string, checkoutId: string) {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.checkoutId, checkoutId), eq(payments.organizationId, organizationId)))
    .orderBy(asc(payments.receivedOn), asc(payments.createdAt));
}

export async function loadInvoice(db: DbOrTx, organizationId: string, checkoutId: string): Promise<LoadedDocument<InvoiceDocument> | undefined> {
  const org = await getOrganization(db, organizationId);
  const found = await loadCheckout(db, organizationId, checkoutId);
  if (!org || !found || found.checkout.method !== 'invoice') return undefined;
  const { checkout, lines } = found;
  const received = await invoicePayments(db, organizationId, checkout.id);
  const paidMinor = received.reduce((sum, p) => sum + p.amountMinor, 0);
  const open = checkout.status === 'awaiting_payment' || checkout.status === 'open';
  // An open invoice asks for what is owed now (the ledger), never more (invoiceRemaining).
  const dueNowMinor = open ? await invoiceDueNow(db, organizationId, checkout.id) : checkout.totalMinor - paidMinor;
  const number = documentNumber(org.shortName, checkout.number);
  return {
    ownerUserIds: checkout.userId ? [checkout.userId] : [],
    filename: safeFilename(`invoice-${number}`, 'pdf'),
    document: {
      organization: { name: org.name, postalAddress: org.postalAddress },
      number,
      issuedOn: localDate(checkout.createdAt, org.timeZone),
      dueOn: checkout.dueOn,
      payerName: checkout.payerName,
      payerEmail: checkout.payerEmail,
      currency: checkout.currency,
      lines: lines.map((l) => ({ description: l.description, amountMinor: l.amountMinor })),
      totalMinor: checkout.totalMinor,
      payments: received.map((p) => ({ receivedOn: p.receivedOn, method: methodLabel(p.method), reference: p.reference, amountMinor: p.amountMinor })),
      balanceMinor: dueNowMinor,
      loweredFromMinor: open && dueNowMinor < checkout.totalMinor - paidMinor ? checkout.totalMinor - paidMinor : undefined,
      // A void invoice (replaced, voided by staff, or its registration ended; ADR 0041) does not say how to pay it.
      paymentInstructions: checkout.status === 'cancelled' || checkout.status === 'expired' ? '' : org.paymentInstructions,
      paid: checkout.status === 'paid',
      void: checkout.status === 'cancelled' || checkout.status === 'expired',
    },
  };
}

/** A gift receipt exists for a paid checkout with donation lines. */
export async function loadGiftReceipt(db: DbOrTx, organizationId: string, checkoutId: string): Promise<LoadedDocument<GiftReceiptDocument> | undefined> {
  const org = await getOrganization(db, organizationId);
  const found = await loadCheckout(db, organizationId, checkoutId);
  if (!org || !found || found.checkout.status !== 'paid') return undefined;
  const { checkout, lines } = found;
  const donationIds = lines.flatMap((l) => (l.kind === 'donation' && l.donationId ? [l.donationId] : []));
  if (donationIds.length === 0) return undefined;
  const gifts = await db.select().from(donations).where(and(inArray(donations.id, donationIds), eq(donations.organizationId, organizationId)));
  const totalMinor = gifts.reduce((sum, d) => sum + d.amountMinor, 0);
  const number = documentNumber(org.shortName, checkout.number);
  return {
    ownerUserIds: checkout.userId ? [checkout.userId] : [],
    filename: safeFilename(`gift-receipt-${number}`, 'pdf'),
    document: {
      organization: { name: org.name, postalAddress: org.postalAddress },
      number,
      donorName: checkout.payerName,
      donorEmail: checkout.payerEmail,
      date: localDate(checkout.paidAt ?? checkout.createdAt, org.timeZone),
      currency: checkout.currency,
      gifts: gifts.map((d) => ({ fund: t(`billingPdf.fund_${d.fund}`), amountMinor: d.amountMinor })),
      totalMinor,
      statement: org.giftReceiptStatement,
    },
  };
}

export interface RenderedDocument {
  bytes: Buffer;
  filename: string;
  ownerUserIds: string[];
}

/** Loads and renders one document of the organization; undefined when there is no such document. */
export async function renderDocument(db: DbOrTx, organizationId: string, kind: DocumentKind, id: string): Promise<RenderedDocument | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  switch (kind) {
    case 'receipt': {
      const loaded = await loadReceipt(db, organizationId, id);
      return loaded && { bytes: await renderReceiptPdf(loaded.document), filename: loaded.filename, ownerUserIds: loaded.ownerUserIds };
    }
    case 'invoice': {
      const loaded = await loadInvoice(db, organizationId, id);
      return loaded && { bytes: await renderInvoicePdf(loaded.document), filename: loaded.filename, ownerUserIds: loaded.ownerUserIds };
    }
    case 'gift_receipt': {
      const loaded = await loadGiftReceipt(db, organizationId, id);
      return loaded && { bytes: await renderGiftReceiptPdf(loaded.document), filename: loaded.filename, ownerUserIds: loaded.ownerUserIds };
    }
    case 'statement': {
      const loaded = await loadStatement(db, organizationId, id);
      return loaded && { bytes: await renderStatementPdf(loaded.document), filename: loaded.filename, ownerUserIds: loaded.ownerUserIds };
    }
  }
}

/** The mailer's attachment renderer (lib/email/attachments.server.ts): a document's bytes as it stands now. */
export async function renderAttachmentDocument(db: DbOrTx, organizationId: string, kind: DocumentKind | 'certificate', id: string): Promise<Buffer | undefined> {
  if (kind === 'certificate') return undefined; // the certificates capability renders those (server/attachments.server.ts)
  return (await renderDocument(db, organizationId, kind, id))?.bytes;
}

/** The documents of one registration, for its statement page: receipts and invoices. */
export async function registrationDocuments(db: DbOrTx, organizationId: string, registrationId: string) {
  const paymentRows = await db
    .selectDistinct({ id: payments.id, receivedOn: payments.receivedOn, amountMinor: payments.amountMinor, currency: payments.currency, method: payments.method, checkoutId: payments.checkoutId })
    .from(payments)
    .innerJoin(ledgerEntries, eq(ledgerEntries.paymentId, payments.id))
    .where(and(eq(ledgerEntries.registrationId, registrationId), eq(payments.organizationId, organizationId)))
    .orderBy(asc(payments.receivedOn));
  const invoiceRows = await db
    .selectDistinct({ id: checkouts.id, number: checkouts.number, status: checkouts.status, totalMinor: checkouts.totalMinor, currency: checkouts.currency, dueOn: checkouts.dueOn })
    .from(checkouts)
    .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
    .where(and(eq(checkoutLines.registrationId, registrationId), eq(checkouts.organizationId, organizationId), eq(checkouts.method, 'invoice')))
    .orderBy(asc(checkouts.number));
  // Gift receipts: paid checkouts that paid this registration together with a donation.
  const giftRows = await db
    .selectDistinct({ id: checkouts.id, number: checkouts.number })
    .from(checkouts)
    .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
    .where(
      and(
        eq(checkouts.organizationId, organizationId),
        eq(checkouts.status, 'paid'),
        eq(checkoutLines.kind, 'donation'),
        inArray(checkouts.id, db.select({ id: checkoutLines.checkoutId }).from(checkoutLines).where(eq(checkoutLines.registrationId, registrationId))),
      ),
    )
    .orderBy(asc(checkouts.number));
  return { payments: paymentRows, invoices: invoiceRows, giftReceipts: giftRows };
}
