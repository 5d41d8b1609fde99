// What staff type into money forms, read strictly: a decimal amount in the course currency
// ("975", "975.5", "975.50"), nothing else — no thousands separators, no decimal commas, no
// exponents, no signs. A typo becomes a field error, never a wrong amount. Document numbers and
// file names for billing documents.
import { currencyDigits, readAmount } from '#domain/money/amounts.ts';

export type AmountProblem = 'REQUIRED' | 'AMOUNT_FORMAT' | 'AMOUNT_NOT_POSITIVE' | 'AMOUNT_TOO_LARGE';

/**
 * The staff reading: plain digits and one decimal point only, then the shared reader's rules
 * (decimals per currency, positive, at most MAX_AMOUNT_MINOR).
 */
export function parseAmount(input: string, currency: string, options: { allowZero?: boolean } = {}): { ok: true; minor: number } | { ok: false; problem: AmountProblem } {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'REQUIRED' };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, problem: 'AMOUNT_FORMAT' };
  const read = readAmount(text, currency, options);
  if (read.ok) return read;
  if (read.problem === 'TOO_LARGE') return { ok: false, problem: 'AMOUNT_TOO_LARGE' };
  if (read.problem === 'NOT_POSITIVE') return { ok: false, problem: 'AMOUNT_NOT_POSITIVE' };
  return { ok: false, problem: 'AMOUNT_FORMAT' };
}

/** Minor units as the plain decimal a form field shows ("975.00"). */
export function amountInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}

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
