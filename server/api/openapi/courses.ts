// The courses tag: published courses, one course, its availability.
import { date, json, minor, nullable, problemRef, ref, security, type Paths, type Schema } from './document.ts';

export const courseSchemas: Record<string, Schema> = {
  CourseSummary: {
    type: 'object',
    required: ['slug', 'title', 'kind', 'status', 'startsOn', 'endsOn', 'timeZone', 'capacity', 'currency', 'registrationDeadline'],
    properties: {
      slug: { type: 'string' },
      title: { type: 'string' },
      kind: { type: 'string', enum: ['leadership_intensive', 'balint_weekend', 'online_series', 'demonstration'] },
      status: { type: 'string', enum: ['published', 'closed', 'cancelled'] },
      startsOn: date,
      endsOn: date,
      timeZone: { type: 'string', examples: ['America/Los_Angeles'] },
      city: { type: 'string' },
      region: { type: 'string' },
      country: { type: 'string' },
      online: { type: 'boolean' },
      capacity: { type: 'integer' },
      currency: { type: 'string', examples: ['USD'] },
      registrationOpensOn: nullable('string', { format: 'date' }),
      registrationDeadline: { ...date, description: 'Inclusive, to the end of that day in the course time zone.' },
      earlyPlaceLimit: nullable('integer', { description: 'How many places get the early rate (first come), if limited by count.' }),
      earlyRateUntil: nullable('string', { format: 'date' }),
      requiresApproval: { type: 'boolean', description: 'Applications wait for a director’s decision.' },
    },
  },
  Course: {
    allOf: [
      ref('CourseSummary'),
      {
        type: 'object',
        required: ['prices', 'attestations', 'customQuestions', 'faculty'],
        properties: {
          tagline: { type: 'string' },
          venueName: { type: 'string' },
          cancellationDeadline: nullable('string', { format: 'date' }),
          cancellationFee: minor,
          prices: {
            type: 'array',
            description: 'The price table: one row per category, one amount per tier (minor units).',
            items: {
              type: 'object',
              required: ['categoryKey', 'categoryLabel', 'early', 'regular'],
              properties: { categoryKey: { type: 'string' }, categoryLabel: { type: 'string' }, early: nullable('integer'), regular: nullable('integer') },
            },
          },
          attestations: {
            type: 'array',
            description: 'Each must be confirmed in `answers.attestations[key]`.',
            items: { type: 'object', required: ['key', 'text'], properties: { key: { type: 'string' }, text: { type: 'string' } } },
          },
          customQuestions: {
            type: 'array',
            description: 'Answered in `answers.custom[key]`.',
            items: {
              type: 'object',
              required: ['key', 'label', 'type', 'required'],
              properties: {
                key: { type: 'string' },
                label: { type: 'string' },
                type: { type: 'string', enum: ['text', 'textarea', 'yes_no', 'choice'] },
                required: { type: 'boolean' },
                options: { type: 'array', items: { type: 'string' } },
              },
            },
          },
          faculty: {
            type: 'array',
            items: {
              type: 'object',
              properties: { role: { type: 'string' }, name: { type: 'string' }, credentials: { type: 'string' }, affiliation: { type: 'string' } },
            },
          },
        },
      },
    ],
  },
  Availability: {
    type: 'object',
    required: ['capacity', 'taken', 'placesLeft', 'earlyPlacesLeft', 'earlyRateOpen', 'waitlistLength', 'registration'],
    properties: {
      capacity: { type: 'integer' },
      taken: { type: 'integer', description: 'Places held by submitted, accepted, offered and confirmed applications.' },
      placesLeft: { type: 'integer' },
      earlyPlaceLimit: nullable('integer'),
      earlyPlacesLeft: nullable('integer'),
      earlyRateOpen: { type: 'boolean', description: 'Whether the next place taken gets the early rate.' },
      earlyRateUntil: nullable('string', { format: 'date' }),
      waitlistLength: { type: 'integer' },
      registration: {
        type: 'object',
        required: ['state', 'deadline', 'timeZone'],
        properties: {
          state: { type: 'string', enum: ['not_open', 'open', 'closed'] },
          opensOn: nullable('string', { format: 'date' }),
          deadline: date,
          timeZone: { type: 'string' },
        },
      },
    },
  },
};

export const coursePaths: Paths = {
  '/api/v1/organizations/{org}/courses': {
    get: {
      operationId: 'listCourses',
      summary: 'Upcoming published courses',
      tags: ['courses'],
      security: security.open,
      parameters: [{ $ref: '#/components/parameters/org' }],
      responses: { '200': { description: 'Courses', content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('CourseSummary') } } }) }, '404': problemRef('NotFound') },
    },
  },
  '/api/v1/organizations/{org}/courses/{course}': {
    get: {
      operationId: 'getCourse',
      summary: 'A course with its price table, attestations and questions',
      tags: ['courses'],
      security: security.open,
      parameters: [{ $ref: '#/components/parameters/org' }, { $ref: '#/components/parameters/course' }],
      responses: { '200': { description: 'The course', content: json(ref('Course')) }, '404': problemRef('NotFound') },
    },
  },
  '/api/v1/organizations/{org}/courses/{course}/availability': {
    get: {
      operationId: 'getAvailability',
      summary: 'Places left, early places left, waitlist length and the registration window',
      tags: ['courses'],
      security: security.open,
      parameters: [{ $ref: '#/components/parameters/org' }, { $ref: '#/components/parameters/course' }],
      responses: { '200': { description: 'Availability now', content: json(ref('Availability')) }, '404': problemRef('NotFound') },
    },
  },
};
