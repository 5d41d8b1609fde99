// The OpenAPI 3.1 description of /api/v1, served at /api/openapi.json. Kept beside the
// handlers and validated by a real OpenAPI parser in openapi.test.ts. Its parts are in
// openapi/, one per tag (courses, applications, staff), the problem responses and the shapes
// they share (document.ts); this file assembles them.
import { applicationPaths, applicationSchemas } from './openapi/applications.ts';
import { coursePaths, courseSchemas } from './openapi/courses.ts';
import type { OpenApiDocument, Paths } from './openapi/document.ts';
import { problemResponses, problemSchemas } from './openapi/problems.ts';
import { staffPaths, staffSchemas } from './openapi/staff.ts';

export type { OpenApiDocument } from './openapi/document.ts';

// The project grants no license (package.json: private, "UNLICENSED"); the document says so
// rather than leave it unsaid (Redocly's info-license and info-license-strict rules). SPDX
// has no identifier for "none", so it is a LicenseRef-, SPDX's form for a license of one's own.
const LICENSE = { name: 'UNLICENSED: no license is granted (all rights reserved)', identifier: 'LicenseRef-UNLICENSED' };

/** The parts' paths in one table; a path two parts describe (applying, and listing applications) gets both operations. */
function mergePaths(...parts: Paths[]): Paths {
  const paths: Paths = {};
  for (const part of parts) for (const [path, operations] of Object.entries(part)) paths[path] = { ...paths[path], ...operations };
  return paths;
}

export function openApiDocument(publicUrl: string): OpenApiDocument {
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
    paths: mergePaths(coursePaths, applicationPaths, staffPaths),
    components: {
      schemas: { ...problemSchemas, ...courseSchemas, ...applicationSchemas, ...staffSchemas },
      parameters: {
        org: { name: 'org', in: 'path', required: true, description: 'Organization slug, e.g. `abs`', schema: { type: 'string' } },
        course: { name: 'course', in: 'path', required: true, description: 'Course slug', schema: { type: 'string' } },
        id: { name: 'id', in: 'path', required: true, description: 'Registration id', schema: { type: 'string', format: 'uuid' } },
      },
      responses: problemResponses,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A staff API token (`npm run api-token -- create`).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'balint.session_token', description: 'The applicant’s signed-in session.' },
      },
    },
  };
}
