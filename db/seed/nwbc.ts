// The Northwest Balint Circle (seed 002) as an organization. Its site's text is in
// nwbc-site.ts, page by page.
import type { organizations } from '#db/schema/index.ts';

export const NWBC_ORGANIZATION: Omit<typeof organizations.$inferInsert, 'id' | 'createdAt'> = {
  slug: 'nwbc',
  name: 'Northwest Balint Circle',
  shortName: 'NWBC',
  kind: 'regional_circle',
  tagline: 'Celebrating Collective Wisdom',
  summary:
    'The Northwest Balint Circle includes medical and mental health professionals with an interest in the reflective case consultation discipline known as Balint group work.',
  // No address is published, only "Contact Us".
  contactEmail: null,
  timeZone: 'America/Los_Angeles',
  currency: 'USD',
  locale: 'en-US',
  // Demo money settings (obviously invented: the circle publishes no payment details).
  postalAddress: 'Northwest Balint Circle (DEMO ADDRESS)\nPO Box 0000\nDemo Town, WA 00000',
  paymentInstructions: [
    'DEMO PAYMENT DETAILS: sample data only, do not send money.',
    'By check: payable to "Northwest Balint Circle", mailed to the address below, with the invoice number on the memo line.',
    'By bank transfer: to "Northwest Balint Circle", Demo Bank (not a real bank), routing number 000000000 (demo), account number 0000000000 (demo), with the invoice number as the reference.',
  ].join('\n'),
  invoiceDueDays: 14,
  giftReceiptStatement: 'DEMO: No goods or services were provided in exchange for this gift.',
};
