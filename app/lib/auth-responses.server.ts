import { APIError } from 'better-auth/api';
import { CLIENT_ADDRESS_HEADER } from '#lib/auth.server.ts';

/** Copies better-auth's Set-Cookie headers onto our own redirect. */
export function cookieHeaders(response: Response): Headers {
  const headers = new Headers();
  for (const cookie of response.headers.getSetCookie()) headers.append('set-cookie', cookie);
  return headers;
}

/** Only what better-auth needs to see of the browser's request: its session cookie, agent and address. */
export function forwardedHeaders(request: Request): Headers {
  const headers = new Headers();
  const cookie = request.headers.get('cookie');
  if (cookie) headers.set('cookie', cookie);
  const agent = request.headers.get('user-agent');
  if (agent) headers.set('user-agent', agent);
  // Set by the host from the socket (or a configured proxy), never taken from the client.
  const address = request.headers.get(CLIENT_ADDRESS_HEADER);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  return headers;
}

export function authErrorCode(error: unknown): string | undefined {
  if (error instanceof APIError) return (error.body as { code?: string } | undefined)?.code ?? error.status.toString();
  return undefined;
}
