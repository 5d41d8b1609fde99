// The American Balint Society as an organization, and a short home page drawn verbatim from
// sentences of seed 000 (no facts beyond the seed).
import type { organizations } from '#db/schema/index.ts';
import { BALINT_GROUPS_PARAGRAPH, INTENSIVE_TAGLINE } from './abs-intensive.ts';

export interface SeedPageSection {
  heading: string;
  body: string;
}

/**
 * Demo money settings, so an invoice can be paid in the demo (the seed publishes no payment
 * details): the payee is the society, the address and bank details are obviously invented.
 * A real society replaces them at Admin → Money reports → Money settings.
 */
export const ABS_DEMO_MONEY_SETTINGS = {
  postalAddress: 'American Balint Society (DEMO ADDRESS)\nPO Box 0000\nDemo City, ST 00000',
  paymentInstructions: [
    'DEMO PAYMENT DETAILS: sample data only, do not send money.',
    'By check: payable to "American Balint Society", mailed to the address below, with the invoice number on the memo line.',
    'By bank transfer: to "American Balint Society", Demo Bank (not a real bank), routing number 000000000 (demo), account number 0000000000 (demo), with the invoice number as the reference.',
  ].join('\n'),
  invoiceDueDays: 14,
  giftReceiptStatement: 'DEMO: The American Balint Society is a nonprofit organization; no goods or services were provided in exchange for this gift.',
};

export const ABS_ORGANIZATION: Omit<typeof organizations.$inferInsert, 'id' | 'createdAt'> = {
  slug: 'abs',
  name: 'American Balint Society',
  shortName: 'ABS',
  kind: 'national_society',
  tagline: INTENSIVE_TAGLINE,
  summary:
    'Balint groups provide an opportunity to develop insight into the interpersonal aspects of the clinician/patient encounter and to become more empathic with patients and with oneself.',
  // The seed prints the directors' email addresses as empty placeholders.
  contactEmail: null,
  // A national society's default; each course carries its own zone (Spokane: Los Angeles).
  timeZone: 'America/New_York',
  currency: 'USD',
  locale: 'en-US',
  ...ABS_DEMO_MONEY_SETTINGS,
};

export const ABS_HOME: SeedPageSection[] = [
  { heading: 'Balint Groups', body: BALINT_GROUPS_PARAGRAPH },
  {
    heading: 'Leadership Training Intensives',
    body: 'The four-day Intensive course is designed to teach Balint group leadership technique primarily through experiential groups, supplemented by topic-focused small discussion groups and faculty panel discussions. Participants emerge from the course with a deeper understanding of Balint group leadership techniques and responsibilities and improved awareness of the method’s limitations and risks. All faculty members are credentialed as Balint Group Leaders by the American Balint Society.',
  },
  {
    heading: 'Financial Aid',
    body: 'The American Balint Society (ABS) seeks to increase inclusivity in its educational activities and among its membership. To support this goal, ABS has a financial aid program available to applicants of underrepresented groups (e.g. ethnic, socioeconomic, professional background, etc.) for whom the regular course tuition would present a hardship or barrier.',
  },
  {
    heading: 'Continuing Education',
    body: 'The American Balint Society is approved by the American Psychological Association to sponsor continuing education for psychologists.',
  },
];
