// Amounts as people type them, read once for every form: a decimal in the currency's minor
// units, a leading "$" allowed, commas only as thousands separators ("1,000", "12,345.50").
// "12,50" is refused — a decimal comma read this way would be a hundred times too large — and
// each refusal names what is wrong, so a form can say it. Stricter forms add their own rules
// on top (staff money forms also refuse separators and signs).

/** Largest amount any form accepts (minor units): far above any fee, well inside a 32-bit integer. */
export const MAX_AMOUNT_MINOR = 100_000_000;

export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type AmountReadProblem = 'REQUIRED' | 'NOT_A_NUMBER' | 'COMMA' | 'TOO_MANY_DECIMALS' | 'NOT_POSITIVE' | 'TOO_LARGE';

export type AmountRead = { ok: true; minor: number } | { ok: false; problem: AmountReadProblem };

export function readAmount(input: string, currency: string, options: { allowZero?: boolean; maxMinor?: number } = {}): AmountRead {
  const text = input.trim().replace(/^\$\s*/, '');
  if (text === '') return { ok: false, problem: 'REQUIRED' };
  const match = /^([-+])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, problem: text.includes(',') && /^[-+]?[\d,]+(\.\d+)?$/.test(text) ? 'COMMA' : 'NOT_A_NUMBER' };
  const digits = currencyDigits(currency);
  const fraction = match[3] ?? '';
  if (fraction.length > digits) return { ok: false, problem: 'TOO_MANY_DECIMALS' };
  const whole = match[2]!.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (match[1] === '-' && (whole !== '0' || /[1-9]/.test(fraction))) return { ok: false, problem: 'NOT_POSITIVE' };
  if (whole.length > 12) return { ok: false, problem: 'TOO_LARGE' };
  const minor = Number(whole) * 10 ** digits + (digits ? Number(fraction.padEnd(digits, '0')) : 0);
  if (minor === 0 && !options.allowZero) return { ok: false, problem: 'NOT_POSITIVE' };
  if (minor > (options.maxMinor ?? MAX_AMOUNT_MINOR)) return { ok: false, problem: 'TOO_LARGE' };
  return { ok: true, minor };
}
