// One Leadership Training Intensive as rows to insert: the course (without its
// organization), its price table and its faculty. Both demo courses are built here so they
// have the same shape and differ only in dates, venue and accreditation.
import type { AccreditationStatement, CourseSection, CourseStatus, CustomQuestion, HotelBlock, courses } from '#db/schema/index.ts';
import {
  CANCELLATION_FEE_MINOR,
  CE_CREDITS,
  EARLY_PLACE_LIMIT,
  FACULTY,
  FINANCIAL_AID_AWARDS,
  FINANCIAL_AID_MAX_MINOR,
  FINANCIAL_AID_PARAGRAPH,
  GOALS,
  INTENSIVE_CAPACITY,
  INTENSIVE_TAGLINE,
  PRICE_TABLE,
  REFUND_WITHIN_DAYS,
  intensiveSections,
} from './abs-intensive.ts';
import type { SeedFaculty, SeedPrice } from './abs-intensive.ts';

export type SeedCourseRow = Omit<typeof courses.$inferInsert, 'id' | 'organizationId' | 'createdAt'>;

export interface SeedIntensive {
  course: SeedCourseRow;
  prices: SeedPrice[];
  faculty: SeedFaculty[];
}

export interface IntensiveInput {
  slug: string;
  customQuestions?: CustomQuestion[];
  status: CourseStatus;
  title: string;
  /** As the course text names it: "The Spokane Leadership Intensive course…" */
  cityName: string;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  venueName: string;
  city: string;
  region: string;
  registrationOpensOn: string | null;
  registrationDeadline: string;
  cancellationDeadline: string;
  financialAidDeadline: string;
  hotel: HotelBlock;
  venueSections: CourseSection[];
  accreditation: AccreditationStatement[];
}

export function intensiveCourse(input: IntensiveInput): SeedIntensive {
  return {
    course: {
      slug: input.slug,
      kind: 'leadership_intensive',
      status: input.status,
      title: input.title,
      tagline: INTENSIVE_TAGLINE,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      timeZone: input.timeZone,
      venueName: input.venueName,
      // No street address is published.
      venueAddress: '',
      city: input.city,
      region: input.region,
      country: 'US',
      online: 0,
      capacity: INTENSIVE_CAPACITY,
      earlyPlaceLimit: EARLY_PLACE_LIMIT,
      // Early rates end by count ("the first 30 registrants"), not by date.
      earlyRateUntil: null,
      registrationOpensOn: input.registrationOpensOn,
      registrationDeadline: input.registrationDeadline,
      cancellationDeadline: input.cancellationDeadline,
      cancellationFeeMinor: CANCELLATION_FEE_MINOR,
      refundWithinDays: REFUND_WITHIN_DAYS,
      financialAidDeadline: input.financialAidDeadline,
      financialAidAwards: FINANCIAL_AID_AWARDS,
      financialAidMaxMinor: FINANCIAL_AID_MAX_MINOR,
      // The seed's eligibility statement, verbatim, shown above the aid application form.
      financialAidStatement: FINANCIAL_AID_PARAGRAPH,
      currency: 'USD',
      sections: intensiveSections({
        cityName: input.cityName,
        cancellationDeadline: input.cancellationDeadline,
        financialAidDeadline: input.financialAidDeadline,
        venueSections: input.venueSections,
      }),
      goals: [...GOALS],
      hotel: input.hotel,
      accreditation: input.accreditation,
      ceHours: String(CE_CREDITS),
      requiresApproval: true,
      offerHoldHours: 48,
      // The seed's vaccination requirement, asked as an attestation on the application.
      attestations: [
        {
          key: 'covid_vaccination',
          text: 'I understand that I will be required to provide proof of having received the CDC-recommended number of COVID-19 vaccinations no later than 2 weeks before the start of the course.',
        },
      ],
      customQuestions: input.customQuestions ?? [],
    },
    prices: PRICE_TABLE.map((price) => ({ ...price })),
    faculty: FACULTY.map((person) => ({ ...person })),
  };
}
