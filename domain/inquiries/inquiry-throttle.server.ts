// How many inquiries one client address may send an hour (ADR 0060): each one mails its
// requester and the organization's staff, so a script cannot flood either from one machine.
import type { DbOrTx } from '#db/client.server.ts';
import { takeThrottle } from '#domain/accounts/throttle.server.ts';

export const INQUIRIES_PER_ADDRESS_ENV = 'INQUIRIES_PER_ADDRESS_PER_HOUR';
/** A person sends one or two; a clinic's staff sharing an address, a few. */
export const DEFAULT_INQUIRIES_PER_ADDRESS_PER_HOUR = 10;

/** The limit from the environment (checked at start by server/config.server.ts); 0: no limit. */
export function inquiriesPerAddressPerHour(env: Record<string, string | undefined> = process.env): number {
  const raw = env[INQUIRIES_PER_ADDRESS_ENV]?.trim();
  if (!raw) return DEFAULT_INQUIRIES_PER_ADDRESS_PER_HOUR;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_INQUIRIES_PER_ADDRESS_PER_HOUR;
}

/**
 * Counts one inquiry from `clientAddress`, across the deployment's organizations (a script
 * does not get a fresh allowance per circle); refused past the limit (a refusal counts too).
 */
export async function takeInquiryThrottle(
  db: DbOrTx,
  clientAddress: string | null,
  maxPerHour = inquiriesPerAddressPerHour(),
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  if (maxPerHour <= 0) return { allowed: true, retryAfterSeconds: 0 };
  const verdict = await takeThrottle(db, [{ scope: 'inquiry:address', key: clientAddress ?? 'unknown', max: maxPerHour, windowMinutes: 60 }]);
  return { allowed: verdict.allowed, retryAfterSeconds: verdict.retryAfterMinutes * 60 };
}
