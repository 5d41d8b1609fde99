// The HTTP host: request ids and access logs, health checks, static files, better-auth's
// endpoints and, for everything else, React Router. Server-to-server endpoints (payment
// webhooks) belong here, outside React Router, with the raw body intact.
import crypto from 'node:crypto';
import { createRequestHandler, RouterContextProvider, type ServerBuild } from 'react-router';
import type { ClientAddress } from '@remix-run/node-fetch-server';
import { migrationsApplied } from '#db/migrate.server.ts';
import { appContext, type AppServices } from '#app/lib/context.ts';
import { handleApi } from './api/handle-api.server.ts';
import { handleStripeWebhook, STRIPE_WEBHOOK_PATH } from './webhooks/stripe.server.ts';
import { serveStatic } from './static.server.ts';
import type pg from 'pg';

export interface HostOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  clientRoot: string | undefined;
  mode: 'production' | 'development';
  pool: pg.Pool;
  services: Omit<AppServices, 'requestId' | 'clientAddress' | 'log'> & { log: AppServices['log'] };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function containsNul(url: URL): boolean {
  try {
    return decodeURIComponent(url.pathname + url.search).includes('\0');
  } catch {
    return false; // malformed escapes are left to the routes, which treat them as text
  }
}

function json(body: unknown, status: number, headers?: HeadersInit) {
  return Response.json(body, { status, headers });
}

export function createFetchHandler(options: HostOptions) {
  const { services } = options;
  const handleRouter = async (request: Request, context: RouterContextProvider) => {
    const build = typeof options.build === 'function' ? await options.build() : options.build;
    return createRequestHandler(build, options.mode)(request, context);
  };

  return async function handle(request: Request, client: ClientAddress): Promise<Response> {
    const started = performance.now();
    const incoming = request.headers.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const log = services.log.child({ requestId });
    const url = new URL(request.url);
    let response: Response;
    try {
      response = await route(request, url, client, requestId, log);
    } catch (error) {
      log.error({ err: error, path: url.pathname }, 'unhandled error');
      response = json({ type: 'about:blank', title: 'Internal Server Error', status: 500, requestId }, 500, {
        'content-type': 'application/problem+json',
      });
    }
    response.headers.set('x-request-id', requestId);
    // Only the path: query strings can carry tokens (verification, reset links).
    log.info({ method: request.method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - started) }, 'request');
    return response;
  };

  async function route(request: Request, url: URL, client: ClientAddress, requestId: string, log: AppServices['log']): Promise<Response> {
    if (url.pathname === '/healthz') return json({ status: 'ok' }, 200);
    if (containsNul(url)) {
      // PostgreSQL cannot store NUL in text; refuse it at the door rather than fail later.
      return json({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The address contains a NUL character.', requestId }, 400, {
        'content-type': 'application/problem+json',
      });
    }
    if (url.pathname === '/readyz') {
      try {
        await options.pool.query('select 1');
        const migrated = await migrationsApplied(options.pool);
        return json({ status: migrated ? 'ready' : 'migrations pending', database: 'ok' }, migrated ? 200 : 503);
      } catch {
        return json({ status: 'database unreachable' }, 503);
      }
    }
    if (options.clientRoot && (request.method === 'GET' || request.method === 'HEAD') && url.pathname !== '/') {
      const file = serveStatic(options.clientRoot, url.pathname);
      if (file) return file;
    }
    if (url.pathname === STRIPE_WEBHOOK_PATH) {
      // Before React Router, with the body untouched: the signature covers the raw bytes.
      return handleStripeWebhook(request, { ...services, log, requestId, deliverEmails: (ids) => services.jobs.deliverEmails(ids) });
    }
    if (url.pathname.startsWith('/api/auth/')) return services.auth.handler(request);
    if (url.pathname.startsWith('/api/v1/') || url.pathname === '/api/openapi.json') {
      return handleApi(request, { ...services, log, requestId, clientAddress: client.address ?? null });
    }

    const context = new RouterContextProvider();
    context.set(appContext, { ...services, log, requestId, clientAddress: client.address ?? null });
    return handleRouter(request, context);
  }
}
