// Money amounts, one module for all of them (ADR 0050): integer minor units of an ISO 4217
// currency, with the number of minor units from ISO 4217 itself (USD and EUR 2, JPY and KRW 0,
// KWD and BHD 3) — never an assumed 100. Every form that reads a typed amount, every edit
// field that shows one, every CSV, PDF, email and page goes through these functions.
//
// The minor units come from a table, not from Intl: ICU follows CLDR, which differs from ISO
// 4217 for some currencies (it gives HUF and IDR 0 digits and IQD 0 where ISO says 2, 2 and 3),
// and the browser's ICU may differ from the server's. A table gives one answer everywhere.
import { t } from '#lib/i18n.ts';

/** ISO 4217 currencies with 0 or 3 minor units; every other listed currency has 2. */
const ZERO_DIGITS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF';
const THREE_DIGITS = 'BHD IQD JOD KWD LYD OMR TND';
const TWO_DIGITS =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUP CVE CZK DKK ' +
  'DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP ' +
  'LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD ' +
  'RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD ' +
  'XCG YER ZAR ZMW ZWG';

/**
 * Minor units of every currency a price may be set in: the ISO 4217 list of national
 * currencies. Fund codes (CLF, UYW, BOV, …), precious metals and testing codes are left out:
 * nobody pays a course fee in them.
 */
export const MINOR_UNITS: ReadonlyMap<string, 0 | 2 | 3> = new Map([
  ...ZERO_DIGITS.split(' ').map((c) => [c, 0] as const),
  ...TWO_DIGITS.split(' ').map((c) => [c, 2] as const),
  ...THREE_DIGITS.split(' ').map((c) => [c, 3] as const),
]);

export function isCurrency(code: string): boolean {
  return MINOR_UNITS.has(code);
}

/** The ISO 4217 minor units of a currency (2 for USD, 0 for JPY, 3 for KWD); an unknown code throws. */
export function minorUnits(currency: string): 0 | 2 | 3 {
  const digits = MINOR_UNITS.get(currency);
  if (digits === undefined) throw new RangeError(`Not an ISO 4217 currency this app prices in: ${JSON.stringify(currency)}`);
  return digits;
}

/** Minor units in one major unit: 100 for USD, 1 for JPY, 1000 for KWD. */
export function minorPerMajor(currency: string): number {
  return 10 ** minorUnits(currency);
}

/** `count` whole units of the currency in minor units (100,000 USD → 10,000,000). */
export function wholeUnits(count: number, currency: string): number {
  return count * minorPerMajor(currency);
}

/** Largest amount a form accepts (minor units): far above any fee, well inside the 32-bit columns. */
export const MAX_AMOUNT_MINOR = 100_000_000;

export const AMOUNT_PROBLEMS = ['AMOUNT_FORMAT', 'AMOUNT_DECIMALS', 'AMOUNT_NOT_POSITIVE', 'AMOUNT_TOO_LARGE'] as const;
/** What can be wrong with a typed amount; REQUIRED is the shared empty-field code. */
export type AmountProblem = 'REQUIRED' | (typeof AMOUNT_PROBLEMS)[number];
export type AmountParse = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

export function isAmountProblem(code: string): code is (typeof AMOUNT_PROBLEMS)[number] {
  return (AMOUNT_PROBLEMS as readonly string[]).includes(code);
}

/**
 * A typed amount in minor units. One form, strictly: digits, then optionally a point and at
 * most the currency's minor units ("1250", "1250.5", "1250.50" for USD; "1250" for JPY;
 * "1.250" for KWD). No thousands separators, decimal commas, signs, spaces, exponents or
 * currency symbols: "1,250" means 1250 to one reader and 1.25 to another, so it is refused,
 * and the message shows the form to use. Zero only with `allowZero`.
 */
export function parseAmount(input: string, currency: string, options: { allowZero?: boolean; maxMinor?: number } = {}): AmountParse {
  const digits = minorUnits(currency);
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'REQUIRED' };
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, problem: 'AMOUNT_FORMAT' };
  const [, minus, whole = '', fraction = ''] = match;
  if (minus) return { ok: false, problem: options.allowZero ? 'AMOUNT_FORMAT' : 'AMOUNT_NOT_POSITIVE' };
  if (fraction.length > digits) return { ok: false, problem: 'AMOUNT_DECIMALS' };
  const significant = whole.replace(/^0+(?=\d)/, '');
  // Twelve whole digits and three decimals stay exact in a double; anything longer is too large anyway.
  if (significant.length > 12) return { ok: false, problem: 'AMOUNT_TOO_LARGE' };
  const minor = Number(significant) * 10 ** digits + (digits > 0 ? Number(fraction.padEnd(digits, '0')) : 0);
  if (minor === 0 && !options.allowZero) return { ok: false, problem: 'AMOUNT_NOT_POSITIVE' };
  if (minor > (options.maxMinor ?? MAX_AMOUNT_MINOR)) return { ok: false, problem: 'AMOUNT_TOO_LARGE' };
  return { ok: true, minor };
}

/**
 * Minor units as the plain decimal an edit field or a CSV cell holds, with all the currency's
 * decimals: "1250.00" (USD), "1250" (JPY), "1.250" (KWD), "-12.50". What parseAmount reads back
 * (for amounts of zero or more).
 */
export function formatAmountInput(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not a whole number of minor units: ${minor}`);
  const digits = minorUnits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${abs}`;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/**
 * An amount for people to read, in the viewer's locale ("$975.50", "¥1,250", "KWD 1.250",
 * "125 €" in de-DE). Whole amounts leave out the zero decimals ("$900"). Exact: Intl is given
 * the decimal string, never minor / 100 as a floating-point number.
 */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const digits = minorUnits(currency);
  const whole = minor % 10 ** digits === 0;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits });
  return format.format(formatAmountInput(minor, currency) as Intl.StringNumericLiteral);
}

/** The example a message shows: 1250 units as they are typed ("1250.00", "1250", "1250.000"). */
export function amountExample(currency: string): string {
  return formatAmountInput(wholeUnits(1250, currency), currency);
}

/**
 * A typed amount's problem in words, for its field: the form to use, with an example in that
 * currency ("like 1250.00"; "like 1250" for JPY). `maxMinor` is the limit the parse was given.
 */
export function amountMessage(problem: AmountProblem, currency: string, options: { maxMinor?: number; locale?: string } = {}): string {
  const digits = minorUnits(currency);
  const values = { currency, example: amountExample(currency), digits };
  switch (problem) {
    case 'REQUIRED':
      return t('form.required');
    case 'AMOUNT_FORMAT':
      return t(digits === 0 ? 'amount.formatWhole' : 'amount.format', values);
    case 'AMOUNT_DECIMALS':
      return t(digits === 0 ? 'amount.decimalsWhole' : 'amount.decimals', values);
    case 'AMOUNT_NOT_POSITIVE':
      return t('amount.notPositive');
    case 'AMOUNT_TOO_LARGE':
      return t('amount.tooLarge', { max: formatMoney(options.maxMinor ?? MAX_AMOUNT_MINOR, currency, options.locale) });
  }
}
