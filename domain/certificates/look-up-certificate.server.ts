// A public lookup of a certificate by its code, limited per client address (30 per 10 minutes)
// so that codes cannot be tried in bulk; every lookup counts, answered or refused.
import type { DbOrTx } from '#db/client.server.ts';
import { takeThrottle } from '#domain/accounts/throttle.server.ts';
import { verifyCertificate, type VerificationAnswer } from './verify-certificate.server.ts';

export const VERIFY_LOOKUPS = { scope: 'verify:address', max: 30, windowMinutes: 10 } as const;

export type LookupResult = { throttled: true; retryAfterMinutes: number } | { throttled: false; answer: VerificationAnswer };

export async function lookUpCertificate(db: DbOrTx, input: { clientAddress: string | null; typed: string }): Promise<LookupResult> {
  const throttle = await takeThrottle(db, [{ ...VERIFY_LOOKUPS, key: input.clientAddress ?? 'unknown' }]);
  if (!throttle.allowed) return { throttled: true, retryAfterMinutes: throttle.retryAfterMinutes };
  return { throttled: false, answer: await verifyCertificate(db, input.typed.slice(0, 100)) };
}
