// Availability is computed, never trusted from a counter: capacity minus what is held.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { PLACE_HOLDING, registrations } from '#db/schema/registration.ts';
import { earlyRateAvailable, localToday } from './rules.ts';

export interface Counts {
  taken: number;
  earlyTaken: number;
  waitlisted: number;
  offered: number;
}

export async function countPlaces(tx: DbOrTx, courseId: string): Promise<Counts> {
  const [row] = await tx
    .select({
      taken: sql<number>`count(*) filter (where ${inArray(registrations.status, [...PLACE_HOLDING])})::int`,
      earlyTaken: sql<number>`count(*) filter (where ${registrations.holdsEarlyPlace})::int`,
      waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
      offered: sql<number>`count(*) filter (where ${registrations.status} = 'offered')::int`,
    })
    .from(registrations)
    .where(eq(registrations.courseId, courseId));
  return { taken: row?.taken ?? 0, earlyTaken: row?.earlyTaken ?? 0, waitlisted: row?.waitlisted ?? 0, offered: row?.offered ?? 0 };
}

export interface Availability extends Counts {
  capacity: number;
  placesLeft: number;
  earlyPlaceLimit: number | null;
  earlyPlacesLeft: number | null;
  earlyRateOpen: boolean;
}

export async function getAvailability(db: DbOrTx, organizationId: string, courseId: string, now = new Date()): Promise<Availability> {
  const [course] = await db.select().from(courses).where(and(eq(courses.id, courseId), eq(courses.organizationId, organizationId)));
  if (!course) throw new Error(`course ${courseId} not found`);
  const counts = await countPlaces(db, courseId);
  const today = localToday(course.timeZone, now);
  const placesLeft = Math.max(0, course.capacity - counts.taken);
  return {
    ...counts,
    capacity: course.capacity,
    placesLeft,
    earlyPlaceLimit: course.earlyPlaceLimit,
    earlyPlacesLeft: course.earlyPlaceLimit === null ? null : Math.max(0, course.earlyPlaceLimit - counts.earlyTaken),
    earlyRateOpen: placesLeft > 0 && earlyRateAvailable(course, counts.earlyTaken, today),
  };
}

/** 1-based place in the waitlist queue (the queue is ordered by waitlistedAt, then sequence). */
export async function waitlistPosition(db: DbOrTx, courseId: string, sequence: number): Promise<number> {
  const [self] = await db.select({ at: registrations.waitlistedAt }).from(registrations).where(and(eq(registrations.courseId, courseId), eq(registrations.sequence, sequence)));
  if (!self?.at) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(registrations)
    .where(
      and(
        eq(registrations.courseId, courseId),
        eq(registrations.status, 'waitlisted'),
        sql`(${registrations.waitlistedAt}, ${registrations.sequence}) <= (${self.at}, ${sequence})`,
      ),
    );
  return row?.n ?? 1;
}

/** A registration's 1-based place in the waitlist, or null when it is not waitlisted. */
export async function waitlistPositionOf(db: DbOrTx, registration: { status: string; courseId: string; sequence: number }): Promise<number | null> {
  if (registration.status !== 'waitlisted') return null;
  return (await waitlistPosition(db, registration.courseId, registration.sequence)) || null;
}
