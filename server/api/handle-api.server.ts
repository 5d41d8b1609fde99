// The JSON API under /api/v1, described at /api/openapi.json. Outside React Router: no HTML,
// problem-details errors, token authentication for staff endpoints.
import type { AppServices } from '#app/lib/context.ts';

export async function handleApi(_request: Request, services: AppServices): Promise<Response> {
  return Response.json(
    { type: 'about:blank', title: 'Not Found', status: 404, detail: 'The API is being built.', requestId: services.requestId },
    { status: 404, headers: { 'content-type': 'application/problem+json' } },
  );
}
