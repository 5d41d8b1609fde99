// How many applications one client address may send an hour (ADR 0047), form and API alike:
// a script cannot fill the early places with invented people from one machine.
import type { DbOrTx } from '#db/client.server.ts';
import { takeThrottle } from '#domain/accounts/throttle.server.ts';

export const APPLICATIONS_PER_ADDRESS_ENV = 'APPLICATIONS_PER_ADDRESS_PER_HOUR';
/**
 * Generous on purpose: a hospital's residents may apply together from one network address;
 * the confirmation by email (24 hours) is what stops invented people from keeping places.
 */
export const DEFAULT_APPLICATIONS_PER_ADDRESS_PER_HOUR = 30;

/**
 * The limit from the environment (0: no limit). server/config.server.ts checks the variable at
 * start, so a malformed value stops the process there; this reads the checked value.
 */
export function applicationsPerAddressPerHour(env: Record<string, string | undefined> = process.env): number {
  const raw = env[APPLICATIONS_PER_ADDRESS_ENV]?.trim();
  if (!raw) return DEFAULT_APPLICATIONS_PER_ADDRESS_PER_HOUR;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_APPLICATIONS_PER_ADDRESS_PER_HOUR;
}

/** Counts one application from `clientAddress`; refused past the limit (a refusal counts too). */
export async function takeApplyThrottle(
  db: DbOrTx,
  clientAddress: string | null,
  maxPerHour = applicationsPerAddressPerHour(),
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  if (maxPerHour <= 0) return { allowed: true, retryAfterSeconds: 0 };
  const verdict = await takeThrottle(db, [{ scope: 'apply:address', key: clientAddress ?? 'unknown', max: maxPerHour, windowMinutes: 60 }]);
  return { allowed: verdict.allowed, retryAfterSeconds: verdict.retryAfterMinutes * 60 };
}
