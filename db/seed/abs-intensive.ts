// The American Balint Society's Leadership Training Intensive as published for Spokane,
// April 23-26, 2025 (/work/shared/seeds/000_*.txt), transcribed verbatim. What both demo
// courses share lives here; the dates and the venue are filled in per course.
//
// Where the published text went:
//  - prose paragraphs → `sections`, in published order (scraping artifacts fixed: an empty
//    "Conference Schedule" link, empty email placeholders after the directors' names);
//  - the fee lines → `course_prices` (PRICE_TABLE), not repeated in the prose;
//  - the four goals → `goals` and, with their lead-in and note, the "Course Goals" section;
//  - the director, co-director and six faculty → `course_faculty` (FACULTY);
//  - the AAFP, AMA/AAFP and APA statements → `accreditation`, verbatim.
// Not transcribed: the "Sponsored by:" logo line and the bare link labels "ABS Intensive
// Financial Aid Application" and "ABS Grievance Policy" (no target in the document).
import type { AccreditationStatement, CourseSection, FacultyRole, PriceTier } from '#db/schema/index.ts';
import { longDate } from './dates.ts';

export const INTENSIVE_TITLE = 'Balint Leadership Training Intensive';
export const INTENSIVE_TAGLINE = 'Training leaders in relationship centered care.™';

/** "First 30 registrants receive a reduced rate!" */
export const EARLY_PLACE_LIMIT = 30;
/** "$100 of the registration fee will be withheld for administrative fees" */
export const CANCELLATION_FEE_MINOR = 100_00;
/** "the refund will occur within 30 days of acknowledgment of cancellation" */
export const REFUND_WITHIN_DAYS = 30;
/** "up to $500 tuition support for up to four individuals" */
export const FINANCIAL_AID_AWARDS = 4;
export const FINANCIAL_AID_MAX_MINOR = 500_00;
/** "This activity is approved for 19.25 CE credits." */
export const CE_CREDITS = 19.25;

// Capacity is not published ("Space is limited"). The course lists eight faculty and
// "Faculty present will depend on number of small groups"; small groups have two faculty
// co-leaders and 8-10 members, so eight faculty lead four groups of ten: 40 places.
export const INTENSIVE_CAPACITY = 40;

export interface SeedPrice {
  categoryKey: string;
  categoryLabel: string;
  position: number;
  tier: PriceTier;
  amountMinor: number;
}

const CATEGORIES: { key: string; label: string; early: number; regular: number }[] = [
  // "Single Registration: $900 early rate*; $975 regular rate"
  { key: 'non_member', label: 'Single Registration', early: 900_00, regular: 975_00 },
  // "ABS Member Registration: $800 early rate*; $875 regular rate"
  { key: 'member', label: 'ABS Member Registration', early: 800_00, regular: 875_00 },
  // "Residents, students, fellows receive a 20% discount: $640 early rate*; $700 regular rate"
  { key: 'trainee', label: 'Residents, students, fellows', early: 640_00, regular: 700_00 },
  // "ABS Member Residents, students & fellows: $560 early rate*; $620 regular rate"
  { key: 'member_trainee', label: 'ABS Member Residents, students & fellows', early: 560_00, regular: 620_00 },
];

export const PRICE_TABLE: SeedPrice[] = CATEGORIES.flatMap((category, position) => [
  { categoryKey: category.key, categoryLabel: category.label, position, tier: 'early' as const, amountMinor: category.early },
  { categoryKey: category.key, categoryLabel: category.label, position, tier: 'regular' as const, amountMinor: category.regular },
]);

export interface SeedFaculty {
  position: number;
  role: FacultyRole;
  name: string;
  credentials: string;
  /** The printed lines between name and city, one per line. */
  affiliation: string;
  location: string;
}

const lines = (...parts: string[]): string => parts.join('\n');

const PEOPLE: Omit<SeedFaculty, 'position'>[] = [
  {
    role: 'director',
    name: 'Janet Walker',
    credentials: 'MD',
    affiliation: lines('Assistant Clinical Professor', 'Elson S. Floyd School of Medicine', 'Washington State University'),
    location: 'Spokane, WA',
  },
  {
    role: 'co_director',
    name: 'Jillian Romm',
    credentials: 'RN, LCSW',
    affiliation: lines('Clinical Associate Professor, ObGyn', 'Oregon Health and Science University'),
    location: 'Portland, OR',
  },
  {
    role: 'faculty',
    name: 'Ellen Barnett',
    credentials: 'MD',
    affiliation: lines('Director of Outreach/Program Development', 'Integrative Medical Clinic Foundation'),
    location: 'Sebastopol, CA',
  },
  {
    role: 'faculty',
    name: 'Don Nease',
    credentials: 'MD',
    affiliation: lines(
      'Director of Community Engagement and Health Equity',
      'Professor, Department of Family Medicine',
      'CU Anschutz',
    ),
    location: 'Denver, CO',
  },
  {
    role: 'faculty',
    name: "Shana O'Marra",
    credentials: 'DVM',
    affiliation: lines(
      'Associate Professor/Emergency & Critical Care',
      'College of Veterinary Medicine',
      'Washington State University',
    ),
    location: 'Pullman, WA',
  },
  {
    role: 'faculty',
    name: 'Chris Rule',
    credentials: 'LCSW',
    affiliation: lines('Director of Behavioral Health', 'Baptist Health-UAMS FM Residency'),
    location: 'Little Rock, AR',
  },
  {
    role: 'faculty',
    name: 'Trevor Slocum',
    credentials: 'MA, NCC, LMHC',
    affiliation: lines(
      'Psychoanalytic Psychotherapy, Private Practice',
      'IP Institute Infant Observation Program Committee',
      'Center for Object Relations',
    ),
    location: 'Seattle, WA',
  },
  {
    role: 'faculty',
    name: 'Kris Wheeler',
    credentials: 'MA, LMHC',
    affiliation: lines('Private Practice', 'Center for Object Relations', 'Northwest Alliance for Psychoanalytic Studies'),
    location: 'Seattle, WA',
  },
];

export const FACULTY: SeedFaculty[] = PEOPLE.map((person, position) => ({ ...person, position }));

export const GOALS: string[] = [
  'Describe verbal and non-verbal behaviors of Balint Group Leaders.',
  'Recognize the effectiveness of different leadership interventions.',
  'Identify the process and progression of a Balint group over multiple sessions.',
  'Define the new perspective of a presenter as a result of the Balint group process.',
];

export const BALINT_GROUPS_PARAGRAPH =
  'Balint groups provide an opportunity to develop insight into the interpersonal aspects of the clinician/patient encounter and to become more empathic with patients and with oneself. They are used by health care clinicians throughout the United States and internationally to improve clinician/patient communication and clinical effectiveness, increase practitioner satisfaction, and decrease isolation. Residencies and other training programs use Balint groups as part of their curriculum addressing professionalism, clinician/patient communication, and clinical ethics.';

export const COURSE_OVERVIEW =
  'The four-day Intensive course is designed to teach Balint group leadership technique primarily through experiential groups, supplemented by topic-focused small discussion groups and faculty panel discussions. Attendees will have ample time to present cases, practice leading a Balint group, and engage informally with other participants. Faculty-guided debriefings provide opportunities to receive feedback on participants’ practice sessions in a safe and supportive setting. Participants emerge from the course with a deeper understanding of Balint group leadership techniques and responsibilities and improved awareness of the method’s limitations and risks. Each offering has unique aspects because of the mix of faculty and the specific cases offered in the Balint groups themselves.';

export const FINANCIAL_AID_PARAGRAPH =
  'The American Balint Society (ABS) seeks to increase inclusivity in its educational activities and among its membership. To support this goal, ABS has a financial aid program available to applicants of underrepresented groups (e.g. ethnic, socioeconomic, professional background, etc.) for whom the regular course tuition would present a hardship or barrier. The ABS Financial Aid program provides up to $500 tuition support for up to four individuals who have been accepted into an ABS Leadership Training Intensive course. You must complete the registration process prior to submitting one of the financial aid application.';

export const APA_STATEMENT =
  'The American Balint Society is approved by the American Psychological Association to sponsor continuing education for psychologists. The American Balint Society maintains responsibility for this program and its content. This activity is approved for 19.25 CE credits.';

export const AMA_AAFP_EQUIVALENCY_STATEMENT =
  "AMA/AAFP Equivalency: AAFP Prescribed credit is accepted by the American Medical Association as equivalent to AMA PRA Category 1 Credit toward the AMA Physician's Recognition Award. When applying for the AMA PRA, Prescribed credit earned must be reported as Prescribed, not as Category 1.";

/** The published AAFP statement, for a course whose term of approval is known. */
export function aafpApprovedStatement(approvalFrom: string, approvalTo: string): AccreditationStatement {
  const us = (iso: string) => {
    const [year, month, day] = iso.split('-');
    return `${month}/${day}/${year}`;
  };
  return {
    body: 'AAFP',
    statement: `The AAFP has reviewed Balint Leadership Training Intensive, and deemed it acceptable for AAFP credit. Term of approval is from ${us(approvalFrom)} to ${us(approvalTo)}. Physicians should claim only the credit commensurate with the extent of their participation in the activity.`,
    approvalFrom,
    approvalTo,
  };
}

export const AMA_AAFP_EQUIVALENCY: AccreditationStatement = { body: 'AMA/AAFP', statement: AMA_AAFP_EQUIVALENCY_STATEMENT };
export const APA: AccreditationStatement = { body: 'APA', statement: APA_STATEMENT, credits: CE_CREDITS };

export interface IntensiveTextInput {
  /** As in "The Spokane Leadership Intensive course is appropriate for…" */
  cityName: string;
  cancellationDeadline: string;
  financialAidDeadline: string;
  /** The course's own "Welcome to …" and city sections. */
  venueSections: CourseSection[];
}

/** Every published paragraph of the course page, in published order. */
export function intensiveSections(input: IntensiveTextInput): CourseSection[] {
  return [
    { key: 'overview', heading: 'Course Overview', body: COURSE_OVERVIEW },
    {
      key: 'registration_fees',
      heading: 'Registration Fees',
      body: [
        `First ${EARLY_PLACE_LIMIT} registrants receive a reduced rate!`,
        'Space is limited and previous Leadership Intensive courses have filled well before the registration deadline. Registration fee includes syllabus, refreshment breaks, breakfast, one dinner and one lunch.',
        'Residents, students, fellows receive a 20% discount.',
        `*Early rates are limited to the first ${EARLY_PLACE_LIMIT} registrants.`,
        // Published with empty email placeholders: "Janet Walker,, and Jill Romm,, by email prior to registering:"
        "Those registering at the non-member rate will have an option to apply for a one-year complimentary membership to the ABS following the conference. Current members of other countries' Balint societies also qualify for a registration discount. They should contact the Course directors, Janet Walker and Jill Romm, by email prior to registering.",
      ].join('\n\n'),
    },
    {
      key: 'financial_aid',
      heading: 'Financial Aid',
      body: `${FINANCIAL_AID_PARAGRAPH}\n\nPlease note that the deadline for financial aid applications is ${longDate(input.financialAidDeadline)}.`,
    },
    {
      key: 'cancellation_policy',
      heading: 'Cancellation Policy',
      body: `Registrants wishing to cancel their registration must do so in writing by the cancellation deadline of ${longDate(input.cancellationDeadline)}. For cancellations received by the cancellation date, $100 of the registration fee will be withheld for administrative fees and the refund will occur within 30 days of acknowledgment of cancellation. For cancellations received after the deadline, no refunds will be available.`,
    },
    ...input.venueSections,
    {
      key: 'faculty_note',
      heading: 'About the Faculty',
      body: [
        'All faculty members are credentialed as Balint Group Leaders by the American Balint Society. Faculty present will depend on number of small groups.',
        'In accordance with ACCME requirements on disclosure, information about relationships of presenters with commercial interests (if any) will be included in materials distributed at the time of the conference.',
      ].join('\n\n'),
    },
    {
      key: 'participation',
      heading: 'Participation',
      body: [
        'Participants should be clinically active and willing to present one of their cases.',
        'Because group cohesiveness affects participants’ experience of the course, registrants are required to commit to attending all sessions and to attending each session in its entirety. Please do not plan to arrive late, leave early or miss sessions.',
        'The Balint Leadership Intensive is a training course and is not intended as therapy. Nevertheless, Balint Group work can sometimes stir up strong feelings. Prospective registrants who are experiencing a particularly vulnerable period in their lives may want to consider participating in this training at a later date.',
      ].join('\n\n'),
    },
    {
      // The page prints these two paragraphs apart, either side of the acceptance policy.
      key: 'covid',
      heading: 'COVID-19',
      body: [
        'The world COVID-19 situation continues to evolve. All participants should anticipate that they will be required to provide proof of having received the CDC-recommended number of COVID-19 vaccinations no later than 2 weeks before the start of the course. Additional requirements may include having received a booster and/or testing before the event. Registrants will receive updates closer to the start of the course.',
        'COVID-19 considerations: we will monitor and comply with public health guidelines for a safe conference. Registrants will be informed closer to the event of any recommendations.',
      ].join('\n\n'),
    },
    {
      key: 'acceptance',
      heading: 'Acceptance and Cancellation by the ABS',
      body: 'Application does not guarantee acceptance. The American Balint Society (ABS) reserves the right to choose the participants and registrants for its programs and to assign participants to small groups in order to maximize the educational and professional experience offered. We reserve the right to refuse registrations and to cancel registrations already made or to postpone or cancel any course due to unforeseen circumstances or insufficient enrollment. In the event of cancellation by the ABS, any registration fees paid will be refunded. Such refund shall represent the entire liability to the registrant.',
    },
    {
      key: 'co_leader_evaluation',
      heading: 'Co-leader Candidates',
      body: "During this Balint Leadership Training Intensive, a few experienced participants may be co-leading small group sessions as part of an evaluation process by which they hope to become credentialed as Balint group leaders. If this occurs, we may ask all members of their small group to complete an assessment of the candidate's expertise during one of the two sessions in which he or she is acting as co-leader. We believe this process furthers your learning of Balint leadership skills in addition to offering the candidate helpful feedback.",
    },
    { key: 'balint_groups', heading: 'Balint Groups', body: BALINT_GROUPS_PARAGRAPH },
    {
      key: 'target_audience',
      heading: 'Target Audience',
      body: `The ${input.cityName} Leadership Intensive course is appropriate for clinicians new to the Balint Group method as well as experienced Balint Group leaders. The course is well-suited to those who are currently leading, expect to lead in the future, or are seeking a better understanding of Balint groups. The curriculum is appropriate for physicians (primary care, psychiatry, other specialists), psychologists, social workers, other mental health care providers, veterinarians, and pastoral care providers.`,
    },
    {
      key: 'course_goals',
      heading: 'Course Goals',
      body: [
        'At the end of the training, attendees will be able to:',
        GOALS.map((goal) => `- ${goal}`).join('\n'),
        'Note: a complete list of learning objectives is available on request.',
      ].join('\n\n'),
    },
    {
      key: 'grievance_policy',
      heading: 'Grievance Policy',
      // Published as "Janet Walker,; or Jill Romm," (email placeholders left empty).
      body: 'Any concerns should be brought to the attention of the Course Directors, Janet Walker or Jill Romm.',
    },
  ];
}

/** "Residing at the conference center…" through "Rooms booked through other methods…": the same for every venue. */
export const HOTEL_BLOCK_PARAGRAPHS = {
  residing:
    'Residing at the conference center is strongly recommended, even for local attendees, so you may benefit from the retreat-like nature of the course. The ABS has negotiated an exceptionally low rate of $125 per night plus taxes.',
  reserving:
    "In reserving your room, you're getting the best possible rate and helping us fulfill our contractual obligation with the hotel. Rooms booked through other methods will not be protected by our cancellation policy with the hotel.",
};

export const HOTEL_NIGHTLY_RATE_MINOR = 125_00;
