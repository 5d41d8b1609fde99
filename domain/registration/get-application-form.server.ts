// What the application page needs to show: the course, its categories with the price a
// person would pay if they submitted now, availability and the registration window.
import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { coursePriceCategories, coursePrices, courses } from '#db/schema/courses.ts';
import { DomainError } from '#domain/errors.ts';
import { getAvailability } from './availability.server.ts';
import { basePrice, localToday, registrationWindow } from './rules.ts';

export async function getApplicationForm(db: DbOrTx, organizationId: string, courseSlug: string, now = new Date()) {
  const [course] = await db.select().from(courses).where(and(eq(courses.organizationId, organizationId), eq(courses.slug, courseSlug)));
  if (!course || course.status === 'draft' || course.status === 'archived') throw new DomainError('COURSE_NOT_FOUND', courseSlug);
  const [categories, cells, availability] = await Promise.all([
    db.select().from(coursePriceCategories).where(eq(coursePriceCategories.courseId, course.id)).orderBy(asc(coursePriceCategories.position)),
    db.select().from(coursePrices).where(eq(coursePrices.courseId, course.id)),
    getAvailability(db, organizationId, course.id, now),
  ]);
  const today = localToday(course.timeZone, now);
  const window = course.status === 'published' ? registrationWindow(course, today) : 'closed';
  const tierNow = availability.earlyRateOpen ? 'early' : 'regular';
  return {
    course,
    window,
    availability,
    tierNow,
    full: availability.placesLeft === 0,
    categories: categories.map((c) => {
      const price = basePrice(cells, c.key, tierNow);
      return {
        key: c.key,
        label: c.label,
        requiresMembership: c.requiresMembership,
        requiresTraineeStatus: c.requiresTraineeStatus,
        amountMinor: price?.amountMinor ?? null,
        tier: price?.tier ?? tierNow,
      };
    }),
    submissionKey: crypto.randomUUID(),
  };
}
