// Aid amounts as people type them: a decimal in the course currency, with commas allowed only as
// thousands separators ("1,000", "12,345.50"). "12,50" is refused (a decimal comma would be read
// a hundred times too large). Each refusal names what is wrong, so the form can say it.
import { currencyDigits, readAmount, type AmountRead, type AmountReadProblem } from '#domain/money/amounts.ts';

/** The shared reader (domain/money/amounts.ts): aid amounts follow the same typing rules. */
export type AidAmountProblem = AmountReadProblem;
export type AidAmount = AmountRead;

export function parseAidAmount(input: string, currency: string): AidAmount {
  return readAmount(input, currency);
}

/** Minor units as the plain decimal an amount field shows ("500", "12.50"; "500" for JPY). */
export function aidAmountInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0 || minor % 10 ** digits === 0) return String(Math.trunc(minor / 10 ** digits));
  return (minor / 10 ** digits).toFixed(digits);
}
