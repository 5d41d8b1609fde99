// What every API handler receives: the request, its parsed URL and path parameters, and the
// app's services (server/api/handle-api.server.ts routes to the handlers).
import type { AppServices } from '#lib/services.ts';

export interface ApiRequest {
  request: Request;
  url: URL;
  params: Record<string, string>;
  services: AppServices;
}
