// Idempotency-Key for applications, as Stripe does it: the same key with the same body
// returns what the first request made; the same key with a different body is a 422
// (IDEMPOTENCY_KEY_REUSED), never the first request's result. The body's fingerprint travels
// in the registration's submission key (`api:<key>#<sha256>`), so no other table is needed.
import crypto from 'node:crypto';
import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { registrations } from '#db/schema/registration.ts';

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

export interface KeyUse {
  /** The submission key the first request stored. */
  submissionKey: string;
  /** Its body's fingerprint; null for applications stored before fingerprints were kept. */
  fingerprint: string | null;
}

/** The application this key already made in this course, if any. */
export async function findKeyUse(db: Db, courseId: string, key: string): Promise<KeyUse | undefined> {
  const base = `api:${key}`;
  const [row] = await db
    .select({ submissionKey: registrations.submissionKey })
    .from(registrations)
    .where(and(eq(registrations.courseId, courseId), or(eq(registrations.submissionKey, base), sql`starts_with(${registrations.submissionKey}, ${`${base}#`})`)))
    .limit(1);
  if (!row) return undefined;
  const hash = row.submissionKey.slice(base.length + 1);
  return { submissionKey: row.submissionKey, fingerprint: row.submissionKey === base ? null : hash };
}

/** The submission key an application made through the API is stored under. */
export function apiSubmissionKey(key: string, fingerprint: string): string {
  // Namespaced so an API key can never collide with a form's one-time key.
  return `api:${key}#${fingerprint}`;
}
