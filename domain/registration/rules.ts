// The pure rules of registration: windows, tiers, prices, discounts. No database here, so
// every boundary is tested in a table (rules.test.ts).
import { Temporal } from 'temporal-polyfill';
import type { PriceTier } from '#db/schema/courses.ts';
import type { DiscountKind } from '#db/schema/registration.ts';

/** Today's calendar date where the course happens: deadlines are local dates there. */
export function localToday(timeZone: string, now: Date = new Date()): string {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

export type RegistrationWindow = 'not_open' | 'open' | 'closed';

/** Open from the opening date through the whole deadline day, both inclusive. */
export function registrationWindow(course: { registrationOpensOn: string | null; registrationDeadline: string }, today: string): RegistrationWindow {
  if (course.registrationOpensOn && today < course.registrationOpensOn) return 'not_open';
  if (today > course.registrationDeadline) return 'closed';
  return 'open';
}

export interface EarlyRule {
  earlyPlaceLimit: number | null;
  earlyRateUntil: string | null;
}

/**
 * Whether the next place taken gets the early rate: there is an early tier (a count, a date,
 * or both), the count is not used up, and the date (inclusive) has not passed.
 */
export function earlyRateAvailable(rule: EarlyRule, earlyPlacesTaken: number, today: string): boolean {
  if (rule.earlyPlaceLimit === null && rule.earlyRateUntil === null) return false;
  if (rule.earlyPlaceLimit !== null && earlyPlacesTaken >= rule.earlyPlaceLimit) return false;
  if (rule.earlyRateUntil !== null && today > rule.earlyRateUntil) return false;
  return true;
}

export interface PriceCell {
  categoryKey: string;
  tier: PriceTier;
  amountMinor: number;
}

/** The amount in the price table; a category without an early amount pays its regular one. */
export function basePrice(cells: PriceCell[], categoryKey: string, tier: PriceTier): { amountMinor: number; tier: PriceTier } | undefined {
  const find = (t: PriceTier) => cells.find((c) => c.categoryKey === categoryKey && c.tier === t);
  const cell = find(tier) ?? (tier === 'early' ? find('regular') : undefined);
  return cell ? { amountMinor: cell.amountMinor, tier: cell.tier } : undefined;
}

export interface DiscountTerms {
  kind: DiscountKind;
  amount: number;
}

/** Never more than the price; percent rounds to the nearest minor unit. */
export function discountFor(baseMinor: number, terms: DiscountTerms | undefined): number {
  if (!terms) return 0;
  const raw = terms.kind === 'fixed' ? terms.amount : Math.round((baseMinor * terms.amount) / 100);
  return Math.max(0, Math.min(baseMinor, raw));
}

export interface Quote {
  tier: PriceTier;
  baseAmountMinor: number;
  discountMinor: number;
  /** What the registration owes for its place: the price less its discount. */
  amountMinor: number;
}

/**
 * The one price of a registration: its category's price at the tier (early falling back to
 * regular), less its discount code's terms applied to that price — a percent code is a percent
 * of whatever the price now is. Used at application, on a waitlist offer's re-quote and on a
 * category change; undefined when the course has no such price.
 */
export function quote(cells: PriceCell[], categoryKey: string, tier: PriceTier, code: DiscountTerms | undefined): Quote | undefined {
  const price = basePrice(cells, categoryKey, tier);
  if (!price) return undefined;
  const discountMinor = discountFor(price.amountMinor, code);
  return { tier: price.tier, baseAmountMinor: price.amountMinor, discountMinor, amountMinor: price.amountMinor - discountMinor };
}

export type CodeProblem = 'DISCOUNT_CODE_UNKNOWN' | 'DISCOUNT_CODE_EXPIRED' | 'DISCOUNT_CODE_NOT_FOR_CATEGORY' | 'DISCOUNT_CODE_USED_UP';

export function checkDiscountCode(
  code: { expiresOn: string | null; categoryKeys: string[]; maxUses: number | null; disabledAt?: Date | null },
  uses: number,
  categoryKey: string,
  today: string,
): CodeProblem | undefined {
  // A disabled code reads as unknown to applicants: it is no longer on offer.
  if (code.disabledAt) return 'DISCOUNT_CODE_UNKNOWN';
  if (code.expiresOn && today > code.expiresOn) return 'DISCOUNT_CODE_EXPIRED';
  if (code.categoryKeys.length > 0 && !code.categoryKeys.includes(categoryKey)) return 'DISCOUNT_CODE_NOT_FOR_CATEGORY';
  if (code.maxUses !== null && uses >= code.maxUses) return 'DISCOUNT_CODE_USED_UP';
  return undefined;
}

export function normalizeCode(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '');
}

/** How long an application by someone not signed in holds its place unconfirmed (ADR 0047). */
export const CONFIRMATION_WINDOW_HOURS = 24;
