// The Northwest Balint Circle's home page (seed 002), verbatim, in page order. Left out:
// site chrome ("Skip to main content", "New Text Box", "Shopping Cart") and bare link
// labels ("Read more: Polyclinic Balint", "Read more: Rotating Leader Groups", "Read more:")
// whose targets the document does not include. The book notice printed at the page foot is
// kept with the paragraph that recommends the book. The 2022 Spokane training is the ABS's
// course, only linked from here, so it stays a content section.
import type { organizations } from '#db/schema/index.ts';
import type { SeedPageSection } from './abs-society.ts';

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

export const NWBC_HOME: SeedPageSection[] = [
  {
    heading: 'Who We Are',
    body: [
      'The Northwest Balint Circle includes medical and mental health professionals with an interest in the reflective case consultation discipline known as Balint group work. Many of our members have leadership training through the American Balint Society. Some are credentialed leaders or supervisors approved to train others.',
      'We have members active at the national ABS and international IBF levels.',
    ].join('\n\n'),
  },
  {
    heading: 'Contact Us',
    body: 'Contact Us to arrange a speaker for your professional group or agency. Balint group demonstrations provide excellent professional development and team building, and our experienced speaker-leaders can adapt to fit your context and needs.',
  },
  {
    heading: 'Intensive on the Road',
    body: 'We can help you start your own Balint groups with an Intensive on the Road, training up to twelve leaders in your own organization.',
  },
  {
    heading: 'What is A Balint group?',
    body: 'Balint groups consist of medical and mental health professionals interested in improving the clinician-patient relationship. They meet regularly to focus on specific cases with the goal of improving treatment. They do not do treatment planning, but increase the thoughts and feelings available to the clinician in difficult circumstances. The group process supports divergent (right brain) as opposed to convergent (left brain) thinking. Regular participation helps develop intuition and empathy.',
  },
  {
    heading: 'Seattle, Spring 2014',
    body: 'In spring of 2014 Seattle hosted a training attended by people from five countries and eleven states. Afterward the faculty made a video by answering the question "What is a Balint group?" Faculty of the Leadership Training Intensive.',
  },
  {
    heading: 'Restoring the Core of Clinical Practice',
    body: [
      'For a much more detailed description, read "Restoring the Core of Clinical Practice: What is a Balint group and how does it help?" by Laurel Milberg and Kathy Knowlton, available from Amazon books.',
      'Available from Amazon books in paperback or ebook format:\nRestoring the Core of Clinical Practice: What is a Balint Group and How does it Help?\nby Laurel Milberg, PhD and Katherine Knowlton, PhD.',
    ].join('\n\n'),
  },
  {
    heading: 'Virtual Meetings',
    body: 'Please note that while the pandemic dictates special circumstances for meetings, we are easily able to provide our activities virtually. The American Balint Society, which has trained our leaders, has a successful multi-year history of online meetings and consults internationally to help leaders shift from in-person to virtual sessions. If you are interested in this option for any of our activities, please be in touch.',
  },
  // A heading without text of its own on the published page.
  { heading: 'Event News', body: '' },
  {
    heading: 'Open Enrollment Balint Groups',
    body: 'Several trained leaders offer groups which start in the fall or at the first of the year. We will list them here as information becomes available. Check with the individual leader for details of time, place and cost. Note: groups may be virtual for convenience or to accommodate health requirements.',
  },
  {
    heading: 'Our Activities',
    body: 'Our members participate in, lead and demonstrate Balint groups in many settings. To respect the power and complexity of group process, our listings include only groups which involve leaders with some training through the American Balint Society. Groups may differ in cost and enrollment structure. The following examples include leader contact information where appropriate.',
  },
  {
    heading: 'Polyclinic Balints: Multiple Specialties, Multiple Settings',
    body: 'These groups are held by the largest multi-specialty clinic in the state.',
  },
  { heading: 'Rotating Leader Groups', body: 'This format was pioneered in England.' },
  {
    heading: 'Introductory Demonstrations',
    body: 'Members present papers and lead demonstrations at conferences, professional trainings and classes, nationally, locally and at the international level. If you are interested in hosting a speaker/trainer from the Northwest Balint Circle, contact us.',
  },
  {
    heading: 'Balint Weekend',
    body: "Part of the Northwest Balint Circle's purpose is to provide a Balint weekend regularly.",
  },
  {
    heading: "What's happening?",
    body: 'Leadership Training\nSpokane, WA\nApril 7-10, 2022\nRegister at ABS website',
  },
];
