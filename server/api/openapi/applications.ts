// The applications tag: applying to a course, and reading one's registration.
import { REGISTRATION_STATUSES } from '#domain/registration/statuses.ts';
import { json, minor, nullable, problemRef, ref, security, type Paths, type Schema } from './document.ts';

export const applicationSchemas: Record<string, Schema> = {
  Answers: {
    type: 'object',
    additionalProperties: false,
    required: ['discipline', 'commitsToAttendAll', 'understandsNotTherapy'],
    properties: {
      discipline: { type: 'string', maxLength: 200 },
      credentials: { type: 'string', maxLength: 200 },
      institution: { type: 'string', maxLength: 300 },
      clinicallyActive: { type: 'boolean' },
      willingToPresent: { type: 'boolean' },
      commitsToAttendAll: { type: 'boolean', description: 'Must be true.' },
      understandsNotTherapy: { type: 'boolean', description: 'Must be true.' },
      dietaryNeeds: { type: 'string', maxLength: 2000 },
      accessibilityNeeds: { type: 'string', maxLength: 2000 },
      heardAbout: { type: 'string', maxLength: 2000 },
      trainingProgram: { type: 'string', maxLength: 300, description: 'Required for trainee categories.' },
      traineeAttested: { type: 'boolean', description: 'Must be true for trainee categories.' },
      attestations: { type: 'object', additionalProperties: { type: 'boolean' } },
      custom: { type: 'object', additionalProperties: { type: 'string', maxLength: 2000 } },
    },
  },
  ApplicationRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'email', 'categoryKey', 'answers'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      email: { type: 'string', format: 'email', maxLength: 320 },
      categoryKey: { type: 'string', description: 'A `categoryKey` of the course’s price table.' },
      discountCode: { type: 'string', maxLength: 100 },
      complimentaryMembershipRequested: { type: 'boolean', default: false },
      answers: ref('Answers'),
    },
  },
  Registration: {
    type: 'object',
    required: ['id', 'organization', 'course', 'status', 'tier', 'amount', 'currency', 'waitlistPosition', 'registrationUrl', 'links'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      organization: { type: 'string' },
      course: { type: 'string' },
      status: { type: 'string', enum: [...REGISTRATION_STATUSES] },
      name: { type: 'string' },
      email: { type: 'string', format: 'email' },
      categoryKey: { type: 'string' },
      tier: { type: 'string', enum: ['early', 'regular'] },
      holdsEarlyPlace: { type: 'boolean' },
      baseAmount: minor,
      discount: minor,
      amount: { ...minor, description: 'What is owed, in minor units of `currency`.' },
      currency: { type: 'string' },
      waitlistPosition: nullable('integer', { description: '1-based, when waitlisted.' }),
      decisionMessage: nullable('string'),
      submittedAt: { type: 'string', format: 'date-time' },
      decidedAt: nullable('string', { format: 'date-time' }),
      offerExpiresAt: nullable('string', { format: 'date-time' }),
      registrationUrl: { type: 'string', format: 'uri', description: 'The applicant’s page for their registrations.' },
      links: { type: 'object', required: ['self'], properties: { self: { type: 'string', format: 'uri' } } },
    },
  },
  ConfirmationSent: {
    type: 'object',
    description:
      'The answer to an application by someone not signed in, whatever became of it (placed, or the address had already applied): the address must be confirmed through the emailed link. What happened is told by email to the address only (ADR 0047).',
    required: ['status', 'confirmWithinHours'],
    properties: {
      status: { type: 'string', const: 'confirmation_sent' },
      confirmWithinHours: { type: 'integer', description: 'An unconfirmed application lapses this many hours after submission, and its place goes to the next person.' },
    },
  },
};

export const applicationPaths: Paths = {
  '/api/v1/organizations/{org}/courses/{course}/applications': {
    post: {
      operationId: 'submitApplication',
      summary: 'Apply to a course',
      description:
        'The same use case as the application form. The decision (place or waitlist, early or regular rate) is made under the course lock. Repeating a request with the same `Idempotency-Key` and the same body returns the registration the first one made (200, `Idempotent-Replayed: true`) instead of creating another; the same key with a different body is refused with 422 `IDEMPOTENCY_KEY_REUSED` (as Stripe does). Bodies are compared as JSON values: key order and whitespace do not matter. Someone not signed in always gets 202 `confirmation_sent` (the same status and body whether or not the address had already applied; the address’s owner is told by email), and the application holds its place only until the emailed link is followed within `confirmWithinHours`. A signed-in caller (session cookie) gets the registration (201/200) or 409 `ALREADY_APPLIED`. Each client address may send a limited number of applications an hour (429 with `Retry-After`).',
      tags: ['applications'],
      security: security.sessionOptional,
      parameters: [
        { $ref: '#/components/parameters/org' },
        { $ref: '#/components/parameters/course' },
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: 'A key unique to this application attempt (e.g. a UUID), 8–200 characters of A–Z a–z 0–9 . _ : -',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' },
        },
      ],
      requestBody: { required: true, content: json(ref('ApplicationRequest')) },
      responses: {
        '201': { description: 'Registration created (signed-in caller)', headers: { Location: { description: 'The registration in the API', schema: { type: 'string' } } }, content: json(ref('Registration')) },
        '200': { description: 'A repeat of an earlier request with the same Idempotency-Key (signed-in caller)', content: json(ref('Registration')) },
        '202': { description: 'Caller not signed in: check your email to confirm the application (always this answer)', content: json(ref('ConfirmationSent')) },
        '400': problemRef('BadRequest'),
        '404': problemRef('NotFound'),
        '409': problemRef('Conflict'),
        '415': problemRef('BadRequest'),
        '422': problemRef('Unprocessable'),
        '429': problemRef('TooManyRequests'),
        '503': problemRef('Busy'),
      },
    },
  },
  '/api/v1/registrations/{id}': {
    get: {
      operationId: 'getRegistration',
      summary: 'One registration: the applicant’s own (session cookie) or any of the token’s organization',
      tags: ['applications'],
      security: [{ sessionCookie: [] }, { bearerToken: [] }],
      parameters: [{ $ref: '#/components/parameters/id' }],
      responses: {
        '200': { description: 'The registration (staff also see answers)', content: json({ oneOf: [ref('StaffRegistration'), ref('Registration')] }) },
        '401': problemRef('Unauthenticated'),
        '404': problemRef('NotFound'),
      },
    },
  },
};
