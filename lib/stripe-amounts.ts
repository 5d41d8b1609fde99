// Amounts at the Stripe boundary (ADR 0050). Stripe's API takes an integer in "the currency's
// smallest unit", but its idea of that unit is not always ISO 4217's:
// - zero-decimal currencies (JPY, KRW, …) take whole units, as ISO 4217 does — except MGA,
//   which ISO gives 2 decimals and Stripe none;
// - ISK has no decimals in ISO 4217 but stays two-decimal in Stripe's API (100 = 1 króna,
//   a multiple of 100 required); HUF and TWD are two-decimal in both (Stripe only pays them
//   out in whole units, which does not concern a charge or a refund);
// - three-decimal currencies (BHD, JOD, KWD, OMR, TND) are three-decimal in both, but the last
//   digit must be 0 (5.124 KWD cannot be charged).
// The ledger keeps ISO 4217 minor units; these two functions are the only conversion.
import { minorUnits } from '#lib/money.ts';

const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);
/** Two-decimal in Stripe's API, but only whole units may be charged. */
const WHOLE_UNITS_ONLY = new Set(['ISK']);

function stripeDigits(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/**
 * ISO 4217 minor units → the integer Stripe's API takes for the same money, or undefined when
 * Stripe cannot charge or refund that exact amount (12.345 KWD; 123.45 MGA).
 */
export function toStripeAmount(minor: number, currency: string): number | undefined {
  const shift = stripeDigits(currency) - minorUnits(currency);
  let amount: number;
  if (shift >= 0) amount = minor * 10 ** shift;
  else {
    const factor = 10 ** -shift;
    if (minor % factor !== 0) return undefined;
    amount = minor / factor;
  }
  if (THREE_DECIMAL.has(currency) && amount % 10 !== 0) return undefined;
  if (WHOLE_UNITS_ONLY.has(currency) && amount % 100 !== 0) return undefined;
  return amount;
}

/** Stripe's integer for an amount (a payment received, a refund) → ISO 4217 minor units; undefined if ISO 4217 cannot hold it. */
export function fromStripeAmount(amount: number, currency: string): number | undefined {
  const shift = minorUnits(currency) - stripeDigits(currency);
  if (shift >= 0) return amount * 10 ** shift;
  const factor = 10 ** -shift;
  return amount % factor === 0 ? amount / factor : undefined;
}
