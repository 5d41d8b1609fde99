// Pure rules of checkouts: amounts typed by people, invoice numbers, and how a received amount
// is spread over a checkout's lines.

import { documentNumber } from '#domain/billing/amounts.ts';
import { currencyDigits, readAmount } from '#domain/money/amounts.ts';

/** Minor units per major unit of a currency (100 for USD and EUR, 1 for JPY). */
export function minorPerUnit(currency: string): number {
  return 10 ** currencyDigits(currency);
}

/** The largest gift taken online, in major units of the currency (larger gifts: contact the society). */
export const MAX_GIFT_UNITS = 100_000;

/** The largest gift taken online, in minor units (100,000.00 for USD). */
export function maxGiftMinor(currency: string): number {
  return MAX_GIFT_UNITS * minorPerUnit(currency);
}

/**
 * A gift amount typed by a donor ("25", "25.50", "$1,000", "12,345.50") in minor units, or null
 * when it is not an amount. Empty input is 0 (no gift). A comma is read only as a thousands
 * separator (groups of three digits after the first group): "12,50" or "1,00,0" is not an
 * amount, never silently 1250 (domain/money/amounts.ts). Deliberately more forgiving than the
 * staff parser (domain/billing/amounts.ts), which refuses separators and signs outright. The size limit
 * (maxGiftMinor) is checked by the caller, so it can say what the limit is.
 */
export function parseAmount(text: string, currency: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  // A currency symbol in front ("$", "€") is fine; the rest is the shared reader's rules.
  const read = readAmount(trimmed.replace(/^[^\d.,+-]+/, ''), currency, { allowZero: true, maxMinor: Number.MAX_SAFE_INTEGER });
  return read.ok ? read.minor : null;
}

/** The invoice and receipt number people see: the organization's short name and six digits. */
export const checkoutNumber = documentNumber;

export interface LineAmount {
  id: string;
  amountMinor: number;
}

/**
 * Spreads a received amount over the lines, in order, each up to its own amount; anything
 * left over goes to the first line that can take it (a registration line when there is one,
 * so an overpayment becomes a refund due there). A short payment pays the first lines first.
 * Zero allocations are left out. The result always adds up to `receivedMinor`.
 */
export function allocate(lines: LineAmount[], receivedMinor: number, overflowLineId?: string): { id: string; amountMinor: number }[] {
  if (lines.length === 0 || receivedMinor <= 0) return [];
  let left = receivedMinor;
  const result = lines.map((line) => {
    const take = Math.min(line.amountMinor, left);
    left -= take;
    return { id: line.id, amountMinor: take };
  });
  if (left > 0) {
    const target = result.find((r) => r.id === overflowLineId) ?? result[0]!;
    target.amountMinor += left;
  }
  return result.filter((r) => r.amountMinor > 0);
}
