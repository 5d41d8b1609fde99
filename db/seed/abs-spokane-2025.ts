// The course exactly as published: Spokane, WA, April 23-26, 2025 (seed 000). Past, so
// 'closed'. Every date below is printed in the document; see abs-intensive.ts for the rest.
import type { CourseSection, HotelBlock } from '#db/schema/index.ts';
import {
  AMA_AAFP_EQUIVALENCY,
  APA,
  HOTEL_BLOCK_PARAGRAPHS,
  HOTEL_NIGHTLY_RATE_MINOR,
  INTENSIVE_TITLE,
  aafpApprovedStatement,
} from './abs-intensive.ts';
import type { SeedIntensive } from './seed-intensive.ts';
import { intensiveCourse } from './seed-intensive.ts';

const HOTEL: HotelBlock = {
  name: 'Ruby River Hotel',
  nightlyRateMinor: HOTEL_NIGHTLY_RATE_MINOR,
  note: 'plus taxes',
  availableFrom: '2025-04-22',
  availableTo: '2025-04-26',
  reservationPhone: '(509) 326-5577',
  reservationCode: 'AMERI250422-163208',
  reservationDeadline: '2025-03-23',
};

const VENUE_SECTIONS: CourseSection[] = [
  {
    key: 'venue',
    heading: 'Welcome to Spokane!',
    body: [
      'The conference will be held at the Ruby River Hotel where hometown hospitality and peaceful river views greet every guest. Located on the Spokane River with easy access to the Centennial Trail and Riverfront Park, perfect for a leisurely walk or bike ride.',
      `${HOTEL_BLOCK_PARAGRAPHS.residing} Amenities include a fitness center, swimming pool, free WiFi, and use of free bicycles.`,
      HOTEL_BLOCK_PARAGRAPHS.reserving,
      'The conference rate of $125/night plus tax is available April 22 - 26, 2025 and can be made online or by calling reservations at (509) 326-5577 with reservation code AMERI250422-163208.',
      'Room Reservation Deadline: March 23, 2025',
    ].join('\n\n'),
  },
  {
    key: 'explore_city',
    heading: 'Explore the City',
    body: [
      "Spokane provides a wonderful mix of culture, history, and outdoor pursuits. It's home to the Northwest Museum of Arts and Culture, which explores the region's history through exhibits on art, culture, and Native American heritage. The vast Riverfront Park, site of the 1974 World's Fair, features a sculpture walk, an historic carousel, and a cable car offering views over tumbling Spokane Falls, the second largest urban waterfall in the US.",
      'More than half the buildings in downtown Spokane are on the Historic Register, including the Art Deco Fox Theater and the Kirtland Cutter designed Davenport Hotel.',
    ].join('\n\n'),
  },
];

export const SPOKANE_2025: SeedIntensive = intensiveCourse({
  slug: 'leadership-intensive-2025-spokane',
  status: 'closed',
  title: INTENSIVE_TITLE,
  cityName: 'Spokane',
  startsOn: '2025-04-23',
  endsOn: '2025-04-26',
  timeZone: 'America/Los_Angeles',
  venueName: 'Ruby River Hotel',
  city: 'Spokane',
  region: 'WA',
  // Not published for this course.
  registrationOpensOn: null,
  registrationDeadline: '2025-03-12',
  cancellationDeadline: '2025-03-12',
  financialAidDeadline: '2025-02-25',
  hotel: HOTEL,
  venueSections: VENUE_SECTIONS,
  accreditation: [aafpApprovedStatement('2024-09-26', '2025-09-25'), AMA_AAFP_EQUIVALENCY, APA],
});
