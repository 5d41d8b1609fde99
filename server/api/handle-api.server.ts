// The JSON API under /api/v1, described at /api/openapi.json. Outside React Router: no HTML,
// problem-details errors, token authentication for staff endpoints. Handlers are thin: parse,
// authorize, call one domain function, map the result.
import type { AppServices } from '#app/lib/context.ts';
import { DomainError } from '#domain/errors.ts';
import type { ApiRequest } from './api-request.ts';
import { domainProblem, problem } from './problem.server.ts';
import { openApiDocument } from './openapi.ts';
import { getAvailabilityHandler, getCourseHandler, listCoursesHandler, submitApplicationHandler } from './public.server.ts';
import { getRegistrationHandler } from './registrations.server.ts';
import { decideHandler, listApplicationsHandler } from './staff.server.ts';

export type { ApiRequest };

type Handler = (req: ApiRequest) => Promise<Response>;

const SEGMENT = '([^/]+)';
/** The API's routes. Exported so a test can hold the OpenAPI document to this table (openapi.test.ts). */
export const apiRoutes: { pattern: RegExp; names: string[]; methods: Partial<Record<string, Handler>> }[] = [
  { pattern: new RegExp(`^/api/v1/organizations/${SEGMENT}/courses$`), names: ['org'], methods: { GET: listCoursesHandler } },
  { pattern: new RegExp(`^/api/v1/organizations/${SEGMENT}/courses/${SEGMENT}$`), names: ['org', 'course'], methods: { GET: getCourseHandler } },
  {
    pattern: new RegExp(`^/api/v1/organizations/${SEGMENT}/courses/${SEGMENT}/availability$`),
    names: ['org', 'course'],
    methods: { GET: getAvailabilityHandler },
  },
  {
    pattern: new RegExp(`^/api/v1/organizations/${SEGMENT}/courses/${SEGMENT}/applications$`),
    names: ['org', 'course'],
    methods: { POST: submitApplicationHandler, GET: listApplicationsHandler },
  },
  {
    pattern: new RegExp(`^/api/v1/organizations/${SEGMENT}/registrations/${SEGMENT}/decision$`),
    names: ['org', 'id'],
    methods: { POST: decideHandler },
  },
  { pattern: new RegExp(`^/api/v1/registrations/${SEGMENT}$`), names: ['id'], methods: { GET: getRegistrationHandler } },
];

export async function handleApi(request: Request, services: AppServices): Promise<Response> {
  const url = new URL(request.url);
  const { requestId } = services;
  if (url.pathname === '/api/openapi.json') {
    if (request.method !== 'GET' && request.method !== 'HEAD') return problem(requestId, 405, 'METHOD_NOT_ALLOWED', { headers: { allow: 'GET, HEAD' } });
    return Response.json(openApiDocument(services.publicUrl), { headers: { 'cache-control': 'public, max-age=300' } });
  }
  for (const route of apiRoutes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const handler = route.methods[request.method === 'HEAD' ? 'GET' : request.method];
    if (!handler) {
      return problem(requestId, 405, 'METHOD_NOT_ALLOWED', { headers: { allow: Object.keys(route.methods).join(', ') } });
    }
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    } catch {
      return problem(requestId, 404, 'NOT_FOUND');
    }
    try {
      return await handler({ request, url, params, services });
    } catch (error) {
      if (error instanceof DomainError) {
        if (error.code === 'BUSY') services.log.warn({ detail: error.message }, 'registration busy');
        return domainProblem(requestId, error);
      }
      throw error;
    }
  }
  return problem(requestId, 404, 'NOT_FOUND');
}
