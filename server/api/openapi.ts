// The OpenAPI 3.1 description of /api/v1, served at /api/openapi.json. Kept beside the
// handlers and validated by a real OpenAPI parser in openapi.test.ts.
import { REGISTRATION_STATUSES } from '#domain/registration/statuses.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: Schema;
}

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref: string } | { description: string; headers?: Record<string, { description: string; schema: Schema }>; content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier?: string; url?: string } };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<'get' | 'post', Operation>>>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, { description: string; headers?: Record<string, { description: string; schema: Schema }>; content: Record<string, { schema: Schema }> }>;
    securitySchemes: Record<string, Schema>;
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const problemRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });
const date: Schema = { type: 'string', format: 'date' };
const minor: Schema = { type: 'integer', description: 'Amount in minor units of `currency` by ISO 4217 (cents for USD, yen for JPY, fils for KWD).' };

const schemas: Record<string, Schema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details.',
    required: ['type', 'title', 'status', 'code', 'requestId'],
    properties: {
      type: { type: 'string', format: 'uri', examples: ['urn:balint-hub:problem:already-applied'] },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string', description: 'Stable machine-readable code, e.g. ALREADY_APPLIED, INVALID_APPLICATION, BUSY.' },
      errors: {
        type: 'object',
        description: 'Per-field problems, keyed by the path of the field in the request body (e.g. `answers.custom.intensives_before`).',
        additionalProperties: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
      },
      requestId: { type: 'string' },
    },
  },
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

// The project grants no license (package.json: private, "UNLICENSED"); the document says so
// rather than leave it unsaid (Redocly's info-license and info-license-strict rules). SPDX
// has no identifier for "none", so it is a LicenseRef-, SPDX's form for a license of one's own.
const LICENSE = { name: 'UNLICENSED: no license is granted (all rights reserved)', identifier: 'LicenseRef-UNLICENSED' };

const problemContent = { 'application/problem+json': { schema: ref('Problem') } };

export function openApiDocument(publicUrl: string): OpenApiDocument {
  // Every operation says who may call it (Redocly's security-defined rule): `[]` is anyone;
  // `{}` among the alternatives makes the session cookie optional.
  const open: Operation['security'] = [];
  const sessionOptional: Operation['security'] = [{}, { sessionCookie: [] }];
  const staff: Operation['security'] = [{ bearerToken: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Balint Hub API',
      version: '1.0.0',
      description:
        'Courses, availability and applications of a Balint society. Public endpoints need no authentication; staff endpoints take `Authorization: Bearer <token>` (minted with `npm run api-token`). Errors are RFC 9457 problem details. Money is in integer minor units.',
      license: LICENSE,
    },
    servers: [{ url: publicUrl }],
    tags: [
      { name: 'courses', description: 'Published courses and their availability.' },
      { name: 'applications', description: 'Applying, and reading one’s registration.' },
      { name: 'staff', description: 'Reviewing applications (token with registration:review).' },
    ],
    paths: {
      '/api/v1/organizations/{org}/courses': {
        get: {
          operationId: 'listCourses',
          summary: 'Upcoming published courses',
          tags: ['courses'],
          security: open,
          parameters: [{ $ref: '#/components/parameters/org' }],
          responses: { '200': { description: 'Courses', content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('CourseSummary') } } }) }, '404': problemRef('NotFound') },
        },
      },
      '/api/v1/organizations/{org}/courses/{course}': {
        get: {
          operationId: 'getCourse',
          summary: 'A course with its price table, attestations and questions',
          tags: ['courses'],
          security: open,
          parameters: [{ $ref: '#/components/parameters/org' }, { $ref: '#/components/parameters/course' }],
          responses: { '200': { description: 'The course', content: json(ref('Course')) }, '404': problemRef('NotFound') },
        },
      },
      '/api/v1/organizations/{org}/courses/{course}/availability': {
        get: {
          operationId: 'getAvailability',
          summary: 'Places left, early places left, waitlist length and the registration window',
          tags: ['courses'],
          security: open,
          parameters: [{ $ref: '#/components/parameters/org' }, { $ref: '#/components/parameters/course' }],
          responses: { '200': { description: 'Availability now', content: json(ref('Availability')) }, '404': problemRef('NotFound') },
        },
      },
      '/api/v1/organizations/{org}/courses/{course}/applications': {
        post: {
          operationId: 'submitApplication',
          summary: 'Apply to a course',
          description:
            'The same use case as the application form. The decision (place or waitlist, early or regular rate) is made under the course lock. Repeating a request with the same `Idempotency-Key` and the same body returns the registration the first one made (200, `Idempotent-Replayed: true`) instead of creating another; the same key with a different body is refused with 422 `IDEMPOTENCY_KEY_REUSED` (as Stripe does). Bodies are compared as JSON values: key order and whitespace do not matter. Someone not signed in always gets 202 `confirmation_sent` (the same status and body whether or not the address had already applied; the address’s owner is told by email), and the application holds its place only until the emailed link is followed within `confirmWithinHours`. A signed-in caller (session cookie) gets the registration (201/200) or 409 `ALREADY_APPLIED`. Each client address may send a limited number of applications an hour (429 with `Retry-After`).',
          tags: ['applications'],
          security: sessionOptional,
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
        get: {
          operationId: 'listApplications',
          summary: 'Applications to a course, in submission order',
          tags: ['staff'],
          security: staff,
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
          security: staff,
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
    },
    components: {
      schemas,
      parameters: {
        org: { name: 'org', in: 'path', required: true, description: 'Organization slug, e.g. `abs`', schema: { type: 'string' } },
        course: { name: 'course', in: 'path', required: true, description: 'Course slug', schema: { type: 'string' } },
        id: { name: 'id', in: 'path', required: true, description: 'Registration id', schema: { type: 'string', format: 'uuid' } },
      },
      responses: {
        BadRequest: { description: 'Malformed JSON, wrong media type, or fields that fail the schema (see `errors`)', content: problemContent },
        Unprocessable: { description: 'The application breaks a rule of the course (INVALID_APPLICATION, UNKNOWN_CATEGORY, DISCOUNT_CODE_*), see `errors`; or the Idempotency-Key was already used with a different body (IDEMPOTENCY_KEY_REUSED)', content: problemContent },
        NotFound: { description: 'No such organization, course or registration (or not yours)', content: problemContent },
        Conflict: { description: 'ALREADY_APPLIED (signed-in callers only), REGISTRATION_CLOSED, REGISTRATION_NOT_OPEN, COURSE_NOT_OPEN, TRANSITION_NOT_ALLOWED, NO_PLACE_AVAILABLE', content: problemContent },
        Unauthenticated: { description: 'No or unknown credentials', content: problemContent },
        Forbidden: { description: 'The token belongs to another organization, or its person lacks the permission now', content: problemContent },
        TooManyRequests: {
          description: 'Too many applications from this client address in the last hour (RATE_LIMITED); retry after the given time',
          headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
          content: problemContent,
        },
        Busy: {
          description: 'The course was too busy to decide in time (BUSY); retry with the same Idempotency-Key',
          headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
          content: problemContent,
        },
      },
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A staff API token (`npm run api-token -- create`).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'balint.session_token', description: 'The applicant’s signed-in session.' },
      },
    },
  };
}
