// Gifts typed by donors: read by the money module (lib/money.ts), with the limits of a gift
// taken online, in whole units of the currency.
import { t } from '#lib/i18n.ts';
import { amountMessage, formatMoney, parseAmount, wholeUnits, type AmountParse, type AmountProblem } from '#lib/money.ts';

/** The largest gift taken online, in major units of the currency (larger gifts: contact the society). */
export const MAX_GIFT_UNITS = 100_000;

/** The largest gift taken online, in minor units (100,000.00 USD; ¥100,000). */
export function maxGiftMinor(currency: string): number {
  return wholeUnits(MAX_GIFT_UNITS, currency);
}

/** The smallest gift taken online: one whole unit of the currency ($1, ¥1, 1 KWD). */
export function minGiftMinor(currency: string): number {
  return wholeUnits(1, currency);
}

/**
 * A typed gift in minor units. `optional`: the gift beside a payment, where an empty field or
 * 0 is no gift. The size limit is part of the reading, so the message can name it.
 */
export function parseGift(text: string, currency: string, options: { optional?: boolean } = {}): AmountParse {
  if (options.optional && text.trim() === '') return { ok: true, minor: 0 };
  return parseAmount(text, currency, { allowZero: options.optional ?? false, maxMinor: maxGiftMinor(currency) });
}

/** A gift's problem in words: the money module's, or the gift limit. */
export function giftMessage(problem: AmountProblem, currency: string): string {
  if (problem === 'AMOUNT_TOO_LARGE') return t('payments.giftTooLarge', { max: formatMoney(maxGiftMinor(currency), currency) });
  return amountMessage(problem, currency);
}
