// Next year's course from this year's (issue 18): every date of the course moves by the days
// between the old and the new start date; clock times of sessions stay the same local time in
// the course's zone, across a change of daylight-saving time. What cannot be moved by
// arithmetic — dates written in the page's text, an accreditor's approval period — is listed
// for the director to check before publishing. Pure: the copy and its summary page share it.
import { Temporal } from 'temporal-polyfill';
import type { AccreditationStatement, CourseSection, HotelBlock } from '#db/schema/courses.ts';

/** The date columns of a course that move with its start. */
export const COURSE_DATE_FIELDS = [
  'startsOn',
  'endsOn',
  'registrationOpensOn',
  'earlyRateUntil',
  'financialAidDeadline',
  'registrationDeadline',
  'cancellationDeadline',
] as const;
export type CourseDateField = (typeof COURSE_DATE_FIELDS)[number];

export const HOTEL_DATE_FIELDS = ['availableFrom', 'availableTo', 'reservationDeadline'] as const;

export interface CourseForCopy {
  title: string;
  slug: string;
  tagline: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  registrationOpensOn: string | null;
  earlyRateUntil: string | null;
  financialAidDeadline: string | null;
  registrationDeadline: string;
  cancellationDeadline: string | null;
  hotel: HotelBlock | null;
  sections: CourseSection[];
  accreditation: AccreditationStatement[];
}

export interface MovedDate {
  /** A course column, `hotel.<field>`, or `session` / `evaluation` for instants. */
  field: string;
  from: string;
  to: string;
}

export interface CheckItem {
  field: string;
  reason: 'text_mentions_old_year' | 'accreditation_approval_period' | 'signature_not_copied';
  /** The words that need a look (a heading, an accrediting body). */
  detail: string;
}

export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

export function shiftDate(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/**
 * An instant moved by whole days at the same local clock time in `timeZone`: 09:00 in
 * Spokane stays 09:00 whether or not daylight-saving time began in between. A clock time that
 * does not exist on the new day (skipped by the spring change) moves to the first valid one.
 */
export function shiftInstant(instant: Date, days: number, timeZone: string): Date {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  const moved = zoned.toPlainDateTime().add({ days }).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return new Date(moved.epochMilliseconds);
}

/** The year of a date, as a word to look for in text. */
function yearOf(date: string): string {
  return date.slice(0, 4);
}

/** Title and slug for the copy: the old start year replaced by the new one where it appears. */
export function suggestTitleAndSlug(course: Pick<CourseForCopy, 'title' | 'slug' | 'startsOn'>, newStartsOn: string): { title: string; slug: string } {
  const oldYear = yearOf(course.startsOn);
  const newYear = yearOf(newStartsOn);
  if (oldYear === newYear) return { title: `${course.title} (copy)`, slug: `${course.slug}-copy` };
  const swap = (text: string) => text.replace(new RegExp(`\\b${oldYear}\\b`, 'g'), newYear);
  const title = swap(course.title);
  const slug = swap(course.slug);
  return { title: title === course.title ? `${course.title} ${newYear}` : title, slug: slug === course.slug ? `${course.slug}-${newYear}` : slug };
}

export interface CopyPlan {
  days: number;
  dates: Record<CourseDateField, string | null>;
  hotel: HotelBlock | null;
  moved: MovedDate[];
  check: CheckItem[];
}

/** What the copy's dates become, what moved, and what the director should read again. */
export function planCourseCopy(course: CourseForCopy, newStartsOn: string): CopyPlan {
  const days = daysBetween(course.startsOn, newStartsOn);
  const moved: MovedDate[] = [];
  const dates = {} as Record<CourseDateField, string | null>;
  for (const field of COURSE_DATE_FIELDS) {
    const from = course[field];
    const to = from === null ? null : shiftDate(from, days);
    dates[field] = to;
    if (from !== null && to !== null) moved.push({ field, from, to });
  }
  let hotel: HotelBlock | null = null;
  if (course.hotel) {
    hotel = { ...course.hotel };
    for (const field of HOTEL_DATE_FIELDS) {
      const from = course.hotel[field];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) continue;
      hotel[field] = shiftDate(from, days);
      moved.push({ field: `hotel.${field}`, from, to: hotel[field] });
    }
  }
  const check: CheckItem[] = [];
  const oldYear = yearOf(course.startsOn);
  if (days !== 0) {
    const mentions = (text: string) => mentionsYear(text, oldYear);
    if (mentions(course.tagline)) check.push({ field: 'tagline', reason: 'text_mentions_old_year', detail: course.tagline });
    for (const section of course.sections) {
      if (mentions(section.body) || mentions(section.heading)) check.push({ field: `section.${section.key}`, reason: 'text_mentions_old_year', detail: section.heading });
    }
    if (course.hotel && mentions(course.hotel.note)) check.push({ field: 'hotel.note', reason: 'text_mentions_old_year', detail: course.hotel.name });
  }
  for (const statement of course.accreditation) {
    if (statement.approvalFrom || statement.approvalTo || mentionsYear(statement.statement, oldYear)) {
      check.push({ field: `accreditation.${statement.body}`, reason: 'accreditation_approval_period', detail: statement.body });
    }
  }
  return { days, dates, hotel, moved, check };
}

function mentionsYear(text: string, year: string): boolean {
  return new RegExp(`\\b${year}\\b`).test(text);
}
