// Idempotency-Key for applications, as Stripe does it: the same key with the same body
// returns what the first request made; the same key with a different body is a 422
// (IDEMPOTENCY_KEY_REUSED), never the first request's result. Where the key and the body's
// fingerprint are kept is the domain's (domain/registration/find-idempotency-key-use.server.ts);
// what counts as "the same body" is the API's, here.
import crypto from 'node:crypto';

/** Canonical JSON (keys sorted at every level) of the parsed body, hashed. */
export function bodyFingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return crypto.createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}
