// An application made through the API carries its Idempotency-Key and its body's fingerprint in
// the registration's submission key (`api:<key>#<sha256>`), so no other table is needed: the
// key's first use is the registration stored under it. The API decides what a reuse means
// (server/api/idempotency.server.ts).
import { and, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { registrations } from '#db/schema/registration.ts';

export interface KeyUse {
  /** The submission key the first request stored. */
  submissionKey: string;
  /** Its body's fingerprint; null for applications stored before fingerprints were kept. */
  fingerprint: string | null;
}

/** The submission key an application made through the API is stored under. */
export function apiSubmissionKey(key: string, fingerprint: string): string {
  // Namespaced so an API key can never collide with a form's one-time key.
  return `api:${key}#${fingerprint}`;
}

/** The application this Idempotency-Key already made in this course, if any. */
export async function findIdempotencyKeyUse(db: DbOrTx, courseId: string, key: string): Promise<KeyUse | undefined> {
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
