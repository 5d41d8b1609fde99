// The staff tag: reviewing applications with a token (registration:review).
import { REGISTRATION_STATUSES } from '#domain/registration/statuses.ts';
import { json, nullable, problemRef, ref, security, type Paths, type Schema } from './document.ts';

export const staffSchemas: Record<string, Schema> = {
  StaffRegistration: {
    allOf: [
      ref('Registration'),
      {
        type: 'object',
        properties: {
          membershipCheck: { type: 'string', enum: ['not_needed', 'verified', 'to_verify'] },
          complimentaryMembershipRequested: { type: 'boolean' },
          answers: ref('Answers'),
          waitlistedAt: nullable('string', { format: 'date-time' }),
        },
      },
    ],
  },
  ApplicationPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: { items: { type: 'array', items: ref('StaffRegistration') }, nextCursor: nullable('string') },
  },
  DecisionRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['decision'],
    properties: {
      decision: { type: 'string', enum: ['accept', 'decline', 'waitlist'] },
      message: { type: 'string', maxLength: 4000, description: 'Included in the email to the applicant.' },
    },
  },
};

export const staffPaths: Paths = {
  '/api/v1/organizations/{org}/courses/{course}/applications': {
    get: {
      operationId: 'listApplications',
      summary: 'Applications to a course, in submission order',
      tags: ['staff'],
      security: security.staff,
      parameters: [
        { $ref: '#/components/parameters/org' },
        { $ref: '#/components/parameters/course' },
        { name: 'status', in: 'query', schema: { type: 'string', enum: [...REGISTRATION_STATUSES] } },
        { name: 'category', in: 'query', schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        { name: 'cursor', in: 'query', description: '`nextCursor` of the previous page', schema: { type: 'string' } },
      ],
      responses: {
        '200': { description: 'A page of applications', content: json(ref('ApplicationPage')) },
        '400': problemRef('BadRequest'),
        '401': problemRef('Unauthenticated'),
        '403': problemRef('Forbidden'),
        '404': problemRef('NotFound'),
      },
    },
  },
  '/api/v1/organizations/{org}/registrations/{id}/decision': {
    post: {
      operationId: 'decideApplication',
      summary: 'Accept, decline or waitlist an application',
      description: 'The applicant is emailed. Declining a place-holding application offers the freed place to the waitlist.',
      tags: ['staff'],
      security: security.staff,
      parameters: [{ $ref: '#/components/parameters/org' }, { $ref: '#/components/parameters/id' }],
      requestBody: { required: true, content: json(ref('DecisionRequest')) },
      responses: {
        '200': { description: 'The registration after the decision', content: json(ref('StaffRegistration')) },
        '400': problemRef('BadRequest'),
        '401': problemRef('Unauthenticated'),
        '403': problemRef('Forbidden'),
        '404': problemRef('NotFound'),
        '409': problemRef('Conflict'),
        '503': problemRef('Busy'),
      },
    },
  },
};
