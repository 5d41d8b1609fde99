// DEMO DATA, INVENTED FOR THE DEMO — NOT PUBLISHED BY THE AMERICAN BALINT SOCIETY.
// An upcoming intensive so that registration is open whenever the demo starts. Its dates
// are derived from `today`; the city (Portland, OR), the venue name, the hotel phone
// (a 555-01xx number, reserved for fiction) and the reservation code are made up. Prices,
// policies, faculty and text are those of the published Spokane 2025 course.
import { Temporal } from 'temporal-polyfill';
import type { CourseSection, HotelBlock } from '#db/schema/index.ts';
import {
  AMA_AAFP_EQUIVALENCY,
  APA,
  HOTEL_BLOCK_PARAGRAPHS,
  HOTEL_NIGHTLY_RATE_MINOR,
  INTENSIVE_TITLE,
} from './abs-intensive.ts';
import { longDate, longDateRange } from './dates.ts';
import type { SeedIntensive } from './seed-intensive.ts';
import { intensiveCourse } from './seed-intensive.ts';

export interface UpcomingIntensiveDates {
  startsOn: string;
  endsOn: string;
  registrationOpensOn: string;
  registrationDeadline: string;
  cancellationDeadline: string;
  financialAidDeadline: string;
  hotelFrom: string;
  hotelTo: string;
  hotelReservationDeadline: string;
}

const THURSDAY = 4;

/**
 * The offsets follow the Spokane 2025 course: Thursday to Sunday; registration and
 * cancellation deadline six weeks before the start (March 12 → April 23); financial aid two
 * weeks before that; hotel block from the night before to the last day, rooms reserved by a
 * month before (March 23 → April 23).
 */
export function upcomingIntensiveDates(today: string): UpcomingIntensiveDates {
  const now = Temporal.PlainDate.from(today);
  const inFiveMonths = now.add({ months: 5 });
  const start = inFiveMonths.add({ days: (THURSDAY - inFiveMonths.dayOfWeek + 7) % 7 });
  const registrationDeadline = start.subtract({ weeks: 6 });
  return {
    startsOn: start.toString(),
    endsOn: start.add({ days: 3 }).toString(),
    registrationOpensOn: now.subtract({ weeks: 2 }).toString(),
    registrationDeadline: registrationDeadline.toString(),
    cancellationDeadline: registrationDeadline.toString(),
    financialAidDeadline: registrationDeadline.subtract({ weeks: 2 }).toString(),
    hotelFrom: start.subtract({ days: 1 }).toString(),
    hotelTo: start.add({ days: 3 }).toString(),
    hotelReservationDeadline: start.subtract({ days: 31 }).toString(),
  };
}

const CITY = 'Portland';
const REGION = 'OR';
const VENUE = 'Riverbend Conference Center'; // invented
const HOTEL_PHONE = '(503) 555-0142'; // fictional number

export function upcomingIntensive(today: string): SeedIntensive {
  const dates = upcomingIntensiveDates(today);
  const start = Temporal.PlainDate.from(dates.startsOn);
  const reservationCode = `ABSDEMO-${dates.startsOn.replaceAll('-', '')}`;
  const hotel: HotelBlock = {
    name: VENUE,
    nightlyRateMinor: HOTEL_NIGHTLY_RATE_MINOR,
    note: 'plus taxes',
    availableFrom: dates.hotelFrom,
    availableTo: dates.hotelTo,
    reservationPhone: HOTEL_PHONE,
    reservationCode,
    reservationDeadline: dates.hotelReservationDeadline,
  };
  // The published "Welcome to Spokane!" with the Spokane-specific description left out.
  const venueSections: CourseSection[] = [
    {
      key: 'venue',
      heading: `Welcome to ${CITY}!`,
      body: [
        `The conference will be held at the ${VENUE} in ${CITY}, ${REGION}.`,
        HOTEL_BLOCK_PARAGRAPHS.residing,
        HOTEL_BLOCK_PARAGRAPHS.reserving,
        `The conference rate of $125/night plus tax is available ${longDateRange(dates.hotelFrom, dates.hotelTo)} and can be made online or by calling reservations at ${HOTEL_PHONE} with reservation code ${reservationCode}.`,
        `Room Reservation Deadline: ${longDate(dates.hotelReservationDeadline)}`,
      ].join('\n\n'),
    },
  ];
  return intensiveCourse({
    slug: `leadership-intensive-${start.year}-${String(start.month).padStart(2, '0')}`,
    status: 'published',
    // Demo custom questions (invented for the demo, like the rest of this course).
    customQuestions: [
      { key: 'leading_now', label: 'Are you leading or co-leading a Balint group now? If so, where and how often?', type: 'textarea', required: false },
      { key: 'intensives_before', label: 'How many Leadership Training Intensives have you attended before?', type: 'choice', required: true, options: ['None', 'One', 'Two or more'] },
    ],
    title: `${INTENSIVE_TITLE} — ${CITY}, ${REGION}`,
    cityName: CITY,
    startsOn: dates.startsOn,
    endsOn: dates.endsOn,
    timeZone: 'America/Los_Angeles',
    venueName: VENUE,
    city: CITY,
    region: REGION,
    registrationOpensOn: dates.registrationOpensOn,
    registrationDeadline: dates.registrationDeadline,
    cancellationDeadline: dates.cancellationDeadline,
    financialAidDeadline: dates.financialAidDeadline,
    hotel,
    venueSections,
    accreditation: [
      // No approval is invented: the AAFP's wording for an activity awaiting review.
      {
        body: 'AAFP',
        statement:
          'Application for CME credit has been filed with the American Academy of Family Physicians. Determination of credit is pending.',
      },
      AMA_AAFP_EQUIVALENCY,
      APA,
    ],
  });
}
