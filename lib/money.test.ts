import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { amountMessage, formatAmountInput, formatMoney, isCurrency, MAX_AMOUNT_MINOR, minorPerMajor, minorUnits, parseAmount, wholeUnits } from './money.ts';

// The currencies of the issue: two decimals, none, three.
const CURRENCIES = [
  ['USD', 2],
  ['EUR', 2],
  ['JPY', 0],
  ['KRW', 0],
  ['KWD', 3],
  ['BHD', 3],
] as const;

describe('minor units by ISO 4217', () => {
  test.each(CURRENCIES)('%s has %i', (currency, digits) => {
    expect(minorUnits(currency)).toBe(digits);
    expect(minorPerMajor(currency)).toBe(10 ** digits);
    // Intl agrees for these; the table is what counts where CLDR does not (below).
    expect(new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits).toBe(digits);
  });

  it('follows ISO 4217 where Intl (CLDR) does not: HUF and IDR have 2 decimals, IQD 3', () => {
    expect(minorUnits('HUF')).toBe(2);
    expect(minorUnits('IDR')).toBe(2);
    expect(minorUnits('IQD')).toBe(3);
    expect(minorUnits('ISK')).toBe(0);
  });

  it('knows no minor units for a code that is not a currency, rather than assuming 100', () => {
    for (const code of ['XYZ', 'usd', 'US', 'CLF', 'XAU', '']) {
      expect(isCurrency(code), code).toBe(false);
      expect(() => minorUnits(code), code).toThrow(RangeError);
    }
  });

  it('counts whole units in minor units', () => {
    expect(wholeUnits(100_000, 'USD')).toBe(10_000_000);
    expect(wholeUnits(100_000, 'JPY')).toBe(100_000);
    expect(wholeUnits(1, 'KWD')).toBe(1000);
  });
});

describe('parseAmount', () => {
  test.each([
    ['975', 'USD', 97500],
    ['975.5', 'USD', 97550],
    ['975.50', 'USD', 97550],
    ['  0.05 ', 'USD', 5],
    ['007', 'USD', 700],
    ['1250', 'JPY', 1250],
    ['1250', 'KRW', 1250],
    ['1.250', 'KWD', 1250],
    ['1.25', 'BHD', 1250],
    ['12.345', 'KWD', 12345],
  ])('%s %s → %i minor units', (text, currency, minor) => expect(parseAmount(text, currency)).toEqual({ ok: true, minor }));

  test.each([
    ['', 'REQUIRED'],
    ['   ', 'REQUIRED'],
    ['1,250.00', 'AMOUNT_FORMAT'],
    ['12,50', 'AMOUNT_FORMAT'],
    ['1 250', 'AMOUNT_FORMAT'],
    ['$12', 'AMOUNT_FORMAT'],
    ['12 USD', 'AMOUNT_FORMAT'],
    ['+5', 'AMOUNT_FORMAT'],
    ['1e5', 'AMOUNT_FORMAT'],
    ['.5', 'AMOUNT_FORMAT'],
    ['5.', 'AMOUNT_FORMAT'],
    ['12..3', 'AMOUNT_FORMAT'],
    ['NaN', 'AMOUNT_FORMAT'],
    ['１２', 'AMOUNT_FORMAT'],
    ['12.345', 'AMOUNT_DECIMALS'],
    ['-5', 'AMOUNT_NOT_POSITIVE'],
    ['0', 'AMOUNT_NOT_POSITIVE'],
    ['0.00', 'AMOUNT_NOT_POSITIVE'],
    ['1000000.01', 'AMOUNT_TOO_LARGE'],
    ['9999999999999999999', 'AMOUNT_TOO_LARGE'],
  ])('USD %j is refused: %s', (text, problem) => expect(parseAmount(text, 'USD')).toEqual({ ok: false, problem }));

  it('a zero-decimal currency refuses decimals: "12.50" is not 1250 yen', () => {
    for (const currency of ['JPY', 'KRW']) {
      expect(parseAmount('12.50', currency)).toEqual({ ok: false, problem: 'AMOUNT_DECIMALS' });
      fc.assert(
        fc.property(fc.nat({ max: 99_999 }), fc.stringMatching(/^\d{1,3}$/), (whole, fraction) => {
          expect(parseAmount(`${whole}.${fraction}`, currency)).toEqual({ ok: false, problem: 'AMOUNT_DECIMALS' });
        }),
      );
    }
  });

  it('a three-decimal currency accepts "1.250" as 1.25 dinars, and any amount with up to three decimals', () => {
    for (const currency of ['KWD', 'BHD']) {
      expect(parseAmount('1.250', currency)).toEqual({ ok: true, minor: 1250 });
      expect(parseAmount('1.2505', currency)).toEqual({ ok: false, problem: 'AMOUNT_DECIMALS' });
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 99_999 }), fc.stringMatching(/^\d{1,3}$/), (whole, fraction) => {
          expect(parseAmount(`${whole}.${fraction}`, currency)).toEqual({ ok: true, minor: whole * 1000 + Number(fraction.padEnd(3, '0')) });
        }),
      );
    }
  });

  it('takes zero only when the field allows it, and never a negative amount', () => {
    expect(parseAmount('0', 'USD', { allowZero: true })).toEqual({ ok: true, minor: 0 });
    expect(parseAmount('-5', 'USD', { allowZero: true })).toEqual({ ok: false, problem: 'AMOUNT_FORMAT' });
  });

  it('applies the limit it is given', () => {
    expect(parseAmount('500', 'USD', { maxMinor: 50_000 })).toEqual({ ok: true, minor: 50_000 });
    expect(parseAmount('500.01', 'USD', { maxMinor: 50_000 })).toEqual({ ok: false, problem: 'AMOUNT_TOO_LARGE' });
    expect(parseAmount('1000000', 'USD')).toEqual({ ok: true, minor: MAX_AMOUNT_MINOR });
  });

  it('never reads any other text as an amount: what it accepts is digits and one point', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.constantFrom(...CURRENCIES.map(([c]) => c)), (text, currency) => {
        const result = parseAmount(text, currency, { allowZero: true });
        if (result.ok) {
          expect(text.trim()).toMatch(/^\d+(\.\d+)?$/);
          expect(Number.isSafeInteger(result.minor)).toBe(true);
          expect(Number(formatAmountInput(result.minor, currency))).toBe(Number(text.trim()));
        }
      }),
    );
  });
});

describe('formatAmountInput', () => {
  test.each([
    [97550, 'USD', '975.50'],
    [90000, 'USD', '900.00'],
    [5, 'USD', '0.05'],
    [0, 'EUR', '0.00'],
    [-1250, 'USD', '-12.50'],
    [1250, 'JPY', '1250'],
    [1250, 'KWD', '1.250'],
    [7, 'BHD', '0.007'],
  ])('%i %s → %s', (minor, currency, text) => expect(formatAmountInput(minor, currency)).toBe(text));

  test.each(CURRENCIES)('parse(format(x)) = x in %s', (currency) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), (minor) => {
        expect(parseAmount(formatAmountInput(minor, currency), currency, { allowZero: true })).toEqual({ ok: true, minor });
      }),
    );
  });

  it('refuses what is not a whole number of minor units', () => {
    expect(() => formatAmountInput(12.5, 'USD')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  test.each([
    [90000, 'USD', 'en-US', '$900'],
    [97550, 'USD', 'en-US', '$975.50'],
    [12500, 'EUR', 'de-DE', '125\u00a0€'],
    [12550, 'EUR', 'de-DE', '125,50\u00a0€'],
    [125000, 'JPY', 'en-US', '¥125,000'],
    [1250, 'KRW', 'en-US', '₩1,250'],
    [1250, 'KWD', 'en-US', 'KWD\u00a01.250'],
    [1000, 'BHD', 'en-US', 'BHD\u00a01'],
    [-1250, 'USD', 'en-US', '-$12.50'],
    // HUF has fillér in ISO 4217, though CLDR shows none: 1250.50 forint is not rounded away.
    [125050, 'HUF', 'en-US', 'HUF\u00a01,250.50'],
  ])('%i %s in %s → %s', (minor, currency, locale, text) => expect(formatMoney(minor, currency, locale)).toBe(text));

  it('is exact for every amount a column can hold, where minor / 100 in floating point is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_147_483_647 }), (minor) => {
        expect(formatMoney(minor, 'USD').replace(/[$,]/g, '')).toBe(formatAmountInput(minor, 'USD').replace(/\.00$/, ''));
      }),
    );
  });
});

describe('amountMessage', () => {
  it('names the form to use, with an example in the currency', () => {
    expect(amountMessage('AMOUNT_FORMAT', 'USD')).toMatch(/like 1250\.00/);
    expect(amountMessage('AMOUNT_FORMAT', 'JPY')).toMatch(/whole digits, like 1250 /);
    expect(amountMessage('AMOUNT_FORMAT', 'KWD')).toMatch(/like 1250\.000/);
    expect(amountMessage('AMOUNT_DECIMALS', 'JPY')).toBe('JPY has no decimals: enter a whole amount, like 1250.');
    expect(amountMessage('AMOUNT_DECIMALS', 'USD')).toBe('USD has 2 decimals: enter an amount like 1250.00.');
    expect(amountMessage('AMOUNT_TOO_LARGE', 'USD', { maxMinor: 50_000 })).toBe('That amount is too large: enter at most $500.');
    expect(amountMessage('AMOUNT_NOT_POSITIVE', 'USD')).toBe('Enter an amount greater than zero.');
  });

  it('shows an example the parser accepts', () => {
    for (const [currency] of CURRENCIES) {
      const example = /like ([\d.]+)/.exec(amountMessage('AMOUNT_FORMAT', currency))![1]!;
      expect(parseAmount(example, currency)).toEqual({ ok: true, minor: wholeUnits(1250, currency) });
    }
  });
});
