// React Router's default Node entry (node_modules/@react-router/dev/dist/config/defaults/
// entry.server.node.tsx) with two additions: the request's CSP nonce (made by the HTTP host,
// server/http.server.ts) goes to <ServerRouter nonce>, which hands it to <Scripts>, <Links>
// and <ScrollRestoration>, and to React's stream for its own inline scripts; and errors are
// logged through our logger, whose serializer keeps personal data out of the log.
import { PassThrough } from 'node:stream';
import type { EntryContext, HandleErrorFunction, RouterContextProvider } from 'react-router';
import { createReadableStreamFromReadable } from '@react-router/node';
import { isRouteErrorResponse, ServerRouter } from 'react-router';
import { isbot } from 'isbot';
import type { RenderToPipeableStreamOptions } from 'react-dom/server';
import { renderToPipeableStream } from 'react-dom/server';
import { appContext } from '#app/lib/context.ts';
import { cspNonceContext } from '#app/lib/csp-nonce.ts';
import { requestOutcomeContext } from '#app/lib/request-outcome.ts';
import { isDatabaseUnavailable } from '#lib/database-unavailable.server.ts';

export const streamTimeout = 5_000;

function nonceOf(loadContext: Readonly<RouterContextProvider>): string | undefined {
  try {
    return loadContext.get(cspNonceContext) || undefined;
  } catch {
    return undefined;
  }
}

function logError(loadContext: Readonly<RouterContextProvider> | undefined, error: unknown, message: string) {
  // A 4xx React Router answers by itself (a GET to a page that only has an action, a path that
  // matches nothing) is the client's mistake: a warning, not an error an operator is paged for.
  const level = isRouteErrorResponse(error) && error.status < 500 ? 'warn' : 'error';
  try {
    if (loadContext) {
      loadContext.get(appContext).log[level]({ err: error }, message);
      return;
    }
  } catch {
    // no services in this context: fall through
  }
  console.error(message, error instanceof Error ? error.name : typeof error);
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // A request the browser gave up on is not an error of ours.
  if (request.signal.aborted) return;
  if (isDatabaseUnavailable(error)) {
    try {
      context.get(requestOutcomeContext).databaseUnavailable = true;
    } catch {
      // not through the host (a test calling the handler directly): nothing to mark
    }
  }
  logError(context, error, 'route error');
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  // https://httpwg.org/specs/rfc9110.html#HEAD
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const nonce = nonceOf(loadContext);

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get('user-agent');

    // Bots and SPA mode wait for all content before responding.
    const readyOption: keyof RenderToPipeableStreamOptions = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady';

    // Abort the rendering stream after `streamTimeout` so it has time to flush the rejected boundaries.
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} nonce={nonce} />, {
      nonce,
      [readyOption]() {
        shellRendered = true;
        const body = new PassThrough({
          final(callback) {
            clearTimeout(timeoutId);
            timeoutId = undefined;
            callback();
          },
        });
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set('Content-Type', 'text/html');
        pipe(body);
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors inside the shell reject and are logged by handleError; log streaming ones here.
        if (shellRendered) logError(loadContext, error, 'streaming render error');
      },
    });
  });
}
