// The HTTP host: request ids and access logs, client addresses, body size limits, security
// headers, health checks, static files, the two better-auth links people follow from emails
// and, for everything else, React Router. Server-to-server endpoints (payment webhooks)
// belong here, outside React Router, with the raw body intact.
import crypto from 'node:crypto';
import { checkFormBody } from './form-body.server.ts';
import { createRequestHandler, RouterContextProvider, type ServerBuild } from 'react-router';
import type { ClientAddress } from '@remix-run/node-fetch-server';
import { migrationsApplied } from '#db/migrate.server.ts';
import { appContext, type AppServices } from '#app/lib/context.ts';
import { cspNonceContext } from '#app/lib/csp-nonce.ts';
import { requestOutcomeContext, type RequestOutcome } from '#app/lib/request-outcome.ts';
import { isDatabaseUnavailable } from '#lib/database-unavailable.server.ts';
import { CLIENT_ADDRESS_HEADER } from '#lib/auth.server.ts';
import { redactPath } from '#lib/log.server.ts';
import { handleApi } from './api/handle-api.server.ts';
import { BODY_LIMITS, BodyTooLargeError, declaredLength, discardRest, readLimited, SITE_IMAGE_UPLOAD_PATH, type BodyKind } from './body-limit.server.ts';
import { clientAddressOf, trustedProxies } from './client-address.server.ts';
import { compressResponse } from './compression.server.ts';
import { applySecurityHeaders, mustNotStore } from './security-headers.server.ts';
import { handleStripeWebhook, STRIPE_WEBHOOK_PATH } from './webhooks/stripe.server.ts';
import { serveStatic } from './static.server.ts';
import { unavailablePage } from './unavailable-page.server.ts';
import type pg from 'pg';

export interface HostOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  clientRoot: string | undefined;
  mode: 'production' | 'development';
  pool: pg.Pool;
  services: Omit<AppServices, 'requestId' | 'clientAddress' | 'log'> & { log: AppServices['log'] };
  /** TRUST_PROXY: addresses or CIDR ranges of the proxies whose X-Forwarded-For is believed. */
  trustProxy?: string[];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

// better-auth's HTTP endpoints: only the links in emails. Everything else it offers is
// reached through auth.api.* from our own routes, behind their throttles.
const AUTH_LINKS = [/^\/api\/auth\/verify-email$/, /^\/api\/auth\/reset-password\/[^/]+$/];

function containsNul(url: URL): boolean {
  try {
    return decodeURIComponent(url.pathname + url.search).includes('\0');
  } catch {
    return false; // malformed escapes are left to the routes, which treat them as text
  }
}

/** A form body with an encoded NUL (`%00`) or a raw one. */
function formHasNul(request: Request, body: Uint8Array): boolean {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) return false;
  if (body.includes(0)) return true;
  return /%00/i.test(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1'));
}

function json(body: unknown, status: number, headers?: HeadersInit) {
  return Response.json(body, { status, headers });
}

function problem(requestId: string, status: number, title: string, detail: string, headers?: Record<string, string>) {
  return json({ type: 'about:blank', title, status, detail, requestId }, status, { 'content-type': 'application/problem+json', ...headers });
}

function bodyKind(pathname: string): BodyKind {
  if (pathname === STRIPE_WEBHOOK_PATH) return 'webhook';
  if (pathname.startsWith('/api/auth/')) return 'auth';
  if (pathname.startsWith('/api/')) return 'api';
  if (SITE_IMAGE_UPLOAD_PATH.test(pathname)) return 'siteImage';
  return 'page';
}

function tooLarge(requestId: string, limit: number) {
  // Answered at once; the rest of the body is not kept (discardRest). The connection is not
  // closed here: a reset while the client is still sending can make it lose this answer.
  return problem(requestId, 413, 'Content Too Large', `The body is larger than ${limit} bytes.`);
}

/** How long a client is asked to wait when the database cannot be reached (a restart takes seconds). */
const RETRY_AFTER_SECONDS = '5';

/**
 * A page or data request that failed because the database could not be reached: 503 with
 * Retry-After, so browsers, monitors and load balancers see a passing outage rather than a
 * fault. A page gets one that says so (not "something went wrong"); a data request keeps the
 * error React Router encoded, which the page in the browser shows in its place.
 */
function unavailable(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('retry-after', RETRY_AFTER_SECONDS);
  if (!(headers.get('content-type') ?? '').startsWith('text/html')) {
    return new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers });
  }
  void response.body?.cancel();
  headers.delete('content-length');
  headers.set('content-type', 'text/html; charset=utf-8');
  return new Response(unavailablePage(RETRY_AFTER_SECONDS), { status: 503, statusText: 'Service Unavailable', headers });
}

/** Responses some libraries make have immutable headers; copy those before adding ours. */
function mutable(response: Response): Response {
  try {
    response.headers.set('x-balint-check', '1');
    response.headers.delete('x-balint-check');
    return response;
  } catch {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
  }
}

export function createFetchHandler(options: HostOptions) {
  const { services } = options;
  const proxies = trustedProxies(options.trustProxy ?? []);
  const https = services.publicUrl.startsWith('https:');
  // One React Router handler per build: creating it derives the route tree and its static
  // handler, which per request cost about a millisecond of CPU (measured by the resilience fuzz).
  // In development the build function may answer a new build after an edit: a new handler then.
  const handlers = new WeakMap<ServerBuild, ReturnType<typeof createRequestHandler>>();
  const handleRouter = async (request: Request, context: RouterContextProvider) => {
    const build = typeof options.build === 'function' ? await options.build() : options.build;
    let handler = handlers.get(build);
    if (!handler) handlers.set(build, (handler = createRequestHandler(build, options.mode)));
    return handler(request, context);
  };

  return async function handle(incoming: Request, client: ClientAddress): Promise<Response> {
    const started = performance.now();
    const incomingId = incoming.headers.get('x-request-id');
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID();
    const log = services.log.child({ requestId });
    const url = new URL(incoming.url);
    const nonce = crypto.randomBytes(18).toString('base64');
    const clientAddress = clientAddressOf(client.address, incoming.headers.get('x-forwarded-for'), proxies);
    let response: Response;
    let isStatic = false;
    try {
      const result = await route(incoming, url, clientAddress, requestId, log, nonce);
      response = mutable(result.response);
      isStatic = result.isStatic;
    } catch (error) {
      log.error({ err: error, path: redactPath(url.pathname) }, 'unhandled error');
      response = isDatabaseUnavailable(error)
        ? problem(requestId, 503, 'Service Unavailable', 'The database cannot be reached just now; try again in a moment.', { 'retry-after': RETRY_AFTER_SECONDS })
        : problem(requestId, 500, 'Internal Server Error', 'Something went wrong on our side.');
    }
    response.headers.set('x-request-id', requestId);
    applySecurityHeaders(response.headers, {
      nonce,
      https,
      development: options.mode === 'development',
      noStore: !isStatic && mustNotStore(incoming, url.pathname),
    });
    // Static files of a production build never change while the process runs: compressed once.
    response = await compressResponse(incoming, response, isStatic && options.mode === 'production' ? url.pathname : undefined);
    // Only the path, with token-bearing segments redacted: query strings and some paths carry
    // tokens (verification, reset links).
    log.info({ method: incoming.method, path: redactPath(url.pathname), status: response.status, ms: Math.round(performance.now() - started) }, 'request');
    return response;
  };

  async function route(
    incoming: Request,
    url: URL,
    clientAddress: string | null,
    requestId: string,
    log: AppServices['log'],
    nonce: string,
  ): Promise<{ response: Response; isStatic: boolean }> {
    const done = (response: Response) => ({ response, isStatic: false });
    if (url.pathname === '/healthz') return done(json({ status: 'ok' }, 200));
    if (containsNul(url)) {
      // PostgreSQL cannot store NUL in text; refuse it at the door rather than fail later.
      return done(problem(requestId, 400, 'Bad Request', 'The address contains a NUL character.'));
    }
    if (url.pathname === '/api/auth' || url.pathname.startsWith('/api/auth/')) {
      const allowed = (incoming.method === 'GET' || incoming.method === 'HEAD') && AUTH_LINKS.some((p) => p.test(url.pathname));
      if (!allowed) return done(problem(requestId, 404, 'Not Found', 'There is nothing here.'));
    }
    if (url.pathname === '/readyz') {
      try {
        await options.pool.query('select 1');
        const migrated = await migrationsApplied(options.pool);
        return done(json({ status: migrated ? 'ready' : 'migrations pending', database: 'ok' }, migrated ? 200 : 503));
      } catch {
        return done(json({ status: 'database unreachable' }, 503));
      }
    }
    if (options.clientRoot && (incoming.method === 'GET' || incoming.method === 'HEAD') && url.pathname !== '/') {
      const file = serveStatic(options.clientRoot, url.pathname);
      if (file) return { response: file, isStatic: true };
    }

    // The body, read up to the route kind's limit; the request passed on carries it and the
    // client's address as the host determined it (never a client-supplied copy).
    const limit = BODY_LIMITS[bodyKind(url.pathname)];
    let body: Uint8Array | null = null;
    if (incoming.body) {
      const declared = declaredLength(incoming.headers);
      if (declared !== undefined && !(declared <= limit)) {
        discardRest(incoming.body);
        return done(tooLarge(requestId, limit));
      }
      try {
        body = await readLimited(incoming.body, limit, { overflow: 'leave' });
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          discardRest(incoming.body);
          return done(tooLarge(requestId, limit));
        }
        throw error;
      }
      if (formHasNul(incoming, body)) return done(problem(requestId, 400, 'Bad Request', 'The form contains a NUL character.'));
    }
    let formType: string | null = null;
    const kind = bodyKind(url.pathname);
    // Pages with uploads (site images) have their own limit but are page actions all the same.
    if (kind === 'page' || kind === 'siteImage') {
      const verdict = await checkFormBody(url.pathname, incoming.method, incoming.headers.get('content-type'), body);
      if (!verdict.ok) return done(problem(requestId, 400, 'Bad Request', verdict.detail));
      formType = verdict.contentType;
    }
    const headers = new Headers(incoming.headers);
    if (formType) headers.set('content-type', formType);
    headers.delete(CLIENT_ADDRESS_HEADER);
    if (clientAddress) headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
    headers.delete('content-length');
    const request = new Request(incoming.url, {
      method: incoming.method,
      headers,
      body: body as BodyInit | null,
      signal: incoming.signal,
      redirect: incoming.redirect,
    });

    if (url.pathname === STRIPE_WEBHOOK_PATH) {
      // Before React Router, with the body untouched: the signature covers the raw bytes.
      return done(await handleStripeWebhook(request, { ...services, log, requestId, deliverEmails: (ids) => services.jobs.deliverEmails(ids) }));
    }
    if (url.pathname.startsWith('/api/auth/')) return done(await services.auth.handler(request));
    if (url.pathname.startsWith('/api/v1/') || url.pathname === '/api/openapi.json') {
      return done(await handleApi(request, { ...services, log, requestId, clientAddress }));
    }

    const context = new RouterContextProvider();
    context.set(appContext, { ...services, log, requestId, clientAddress });
    context.set(cspNonceContext, nonce);
    const outcome: RequestOutcome = { databaseUnavailable: false };
    context.set(requestOutcomeContext, outcome);
    const response = await handleRouter(request, context);
    return done(response.status >= 500 && outcome.databaseUnavailable ? unavailable(response) : response);
  }
}
