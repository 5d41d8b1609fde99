// The Northwest Balint Circle's site (seed 002), page by page, verbatim, as Markdown pages and
// one event. Left out, as before: site chrome ("Skip to main content", "New Text Box",
// "Shopping Cart"), the bare "Event News" heading, and the "Read more:" link labels whose
// targets the document does not include. The 2022 Leadership Training is the ABS's course,
// only announced here: an event of the circle, not a course row.
import type { SeedSiteEntry, SeedSitePage } from './site-content.ts';

export const NWBC_PAGES: SeedSitePage[] = [
  {
    slug: 'who-we-are',
    title: 'Who We Are',
    description: 'The Northwest Balint Circle: medical and mental health professionals interested in Balint group work, many trained through the American Balint Society.',
    inNavigation: true,
    onHome: true,
    body: [
      'The Northwest Balint Circle includes medical and mental health professionals with an interest in the reflective case consultation discipline known as Balint group work. Many of our members have leadership training through the American Balint Society. Some are credentialed leaders or supervisors approved to train others.',
      'We have members active at the national ABS and international IBF levels.',
      'Contact Us to arrange a speaker for your professional group or agency. Balint group demonstrations provide excellent professional development and team building, and our experienced speaker-leaders can adapt to fit your context and needs.',
      'We can help you start your own Balint groups with an Intensive on the Road, training up to twelve leaders in your own organization.',
    ].join('\n\n'),
  },
  {
    slug: 'what-is-a-balint-group',
    title: 'What is A Balint group?',
    description: 'Balint groups: clinicians meeting regularly to focus on cases and improve the clinician-patient relationship.',
    inNavigation: true,
    onHome: true,
    body: [
      'Balint groups consist of medical and mental health professionals interested in improving the clinician-patient relationship. They meet regularly to focus on specific cases with the goal of improving treatment. They do not do treatment planning, but increase the thoughts and feelings available to the clinician in difficult circumstances. The group process supports divergent (right brain) as opposed to convergent (left brain) thinking. Regular participation helps develop intuition and empathy.',
      'In spring of 2014 Seattle hosted a training attended by people from five countries and eleven states. Afterward the faculty made a video by answering the question "What is a Balint group?" Faculty of the Leadership Training Intensive.',
      'For a much more detailed description, read "Restoring the Core of Clinical Practice: What is a Balint group and how does it help?" by Laurel Milberg and Kathy Knowlton, available from Amazon books.',
      'Please note that while the pandemic dictates special circumstances for meetings, we are easily able to provide our activities virtually. The American Balint Society, which has trained our leaders, has a successful multi-year history of online meetings and consults internationally to help leaders shift from in-person to virtual sessions. If you are interested in this option for any of our activities, please be in touch.',
    ].join('\n\n'),
  },
  {
    slug: 'open-enrollment-groups',
    title: 'Open Enrollment Balint Groups',
    description: 'Balint groups led by trained leaders, starting in the fall or at the first of the year.',
    inNavigation: true,
    onHome: true,
    body: 'Several trained leaders offer groups which start in the fall or at the first of the year. We will list them here as information becomes available. Check with the individual leader for details of time, place and cost. Note: groups may be virtual for convenience or to accommodate health requirements.',
  },
  {
    slug: 'our-activities',
    title: 'Our Activities',
    description: 'Polyclinic Balints, rotating leader groups, introductory demonstrations and a Balint weekend.',
    inNavigation: true,
    onHome: true,
    body: [
      'Our members participate in, lead and demonstrate Balint groups in many settings. To respect the power and complexity of group process, our listings include only groups which involve leaders with some training through the American Balint Society. Groups may differ in cost and enrollment structure. The following examples include leader contact information where appropriate.',
      '## Polyclinic Balints: Multiple Specialties, Multiple Settings',
      'These groups are held by the largest multi-specialty clinic in the state.',
      '## Rotating Leader Groups',
      'This format was pioneered in England.',
      '## Introductory Demonstrations',
      'Members present papers and lead demonstrations at conferences, professional trainings and classes, nationally, locally and at the international level. If you are interested in hosting a speaker/trainer from the Northwest Balint Circle, contact us.',
      '## Balint Weekend',
      "Part of the Northwest Balint Circle's purpose is to provide a Balint weekend regularly.",
    ].join('\n\n'),
  },
  {
    slug: 'restoring-the-core-of-clinical-practice',
    title: 'Restoring the Core of Clinical Practice',
    description: 'The book by Laurel Milberg, PhD and Katherine Knowlton, PhD: what a Balint group is and how it helps.',
    inNavigation: false,
    onHome: true,
    body: 'Available from Amazon books in paperback or ebook format:\n\n*Restoring the Core of Clinical Practice: What is a Balint Group and How does it Help?*  \nby Laurel Milberg, PhD and Katherine Knowlton, PhD.',
  },
];

export const NWBC_ENTRIES: SeedSiteEntry[] = [
  {
    kind: 'event',
    title: 'Leadership Training',
    startsOn: '2022-04-07',
    endsOn: '2022-04-10',
    place: 'Spokane, WA',
    summary: 'Register at ABS website',
    body: '[Register at the ABS website](/o/abs)',
  },
];
