// Document numbers and file names for billing documents (invoices, receipts, statements).

/** Invoice and receipt numbers: the organization's short name and the checkout number, e.g. ABS-000123. */
export function documentNumber(shortName: string, number: number): string {
  return `${shortName}-${String(number).padStart(6, '0')}`;
}

/** A payment without a checkout (a check recorded by staff) is numbered from its id. */
export function paymentReceiptNumber(shortName: string, paymentId: string, checkoutNumber: number | null): string {
  if (checkoutNumber !== null) return documentNumber(shortName, checkoutNumber);
  return `${shortName}-R${paymentId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** A download name with nothing a header or a file system could trip on. */
export function safeFilename(base: string, extension: string): string {
  const clean = base.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'document';
  return `${clean}.${extension}`;
}
