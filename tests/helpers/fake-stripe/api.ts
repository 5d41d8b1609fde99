// The REST API's front door, in the order Stripe applies it: every call is logged; the secret
// key is checked; an injected failure (setFailure) answers instead of the endpoint; a POST with
// an `Idempotency-Key` seen before is replayed (or refused with other parameters); otherwise the
// protocol area owning the path answers, and a POST's answer is stored under its key.
import type http from 'node:http';
import { routeCheckoutSessions } from './checkout-sessions.ts';
import { routePaymentIntents } from './payment-intents.ts';
import { API_VERSION, parseStripeForm, rid, StripeFailure, type Obj } from './protocol.ts';
import { routeRefunds } from './refunds.ts';
import type { FailureSpec, FakeStripeStore } from './store.ts';

export interface ApiRequest {
  method: string;
  path: string;
  /** The query string without its `?`. */
  query: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function route(store: FakeStripeStore, method: string, path: string, params: Obj): Obj {
  const answer = routeCheckoutSessions(store, method, path, params) ?? routePaymentIntents(store, method, path) ?? routeRefunds(store, method, path, params);
  if (answer) return answer;
  throw new StripeFailure(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
}

function takeFailure(store: FakeStripeStore, method: string, path: string): FailureSpec | undefined {
  const f = store.failures.find(
    (x) =>
      x.left > 0 &&
      (!x.method || x.method.toUpperCase() === method) &&
      (!x.path || (typeof x.path === 'string' ? path.startsWith(x.path) : x.path.test(path))),
  );
  if (f) {
    f.left -= 1;
    store.failures = store.failures.filter((x) => x.left > 0);
  }
  return f;
}

export function answerApiRequest(store: FakeStripeStore, request: ApiRequest, res: http.ServerResponse): void {
  const { method, path, headers } = request;
  const send = (status: number, body: string, replayed: boolean, params: Obj, key: string | null, extraHeaders: Obj = {}) => {
    store.requests.push({ method, path, idempotencyKey: key, params, status, replayed, at: new Date().toISOString() });
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': rid('req'),
      'stripe-version': API_VERSION,
      ...(key ? { 'idempotency-key': key } : {}),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      ...extraHeaders,
    });
    res.end(body);
  };

  const params = method === 'GET' || method === 'DELETE' ? parseStripeForm(request.query) : parseStripeForm(request.body);
  const key = (headers['idempotency-key'] as string | undefined) ?? null;

  const auth = headers.authorization ?? '';
  const basic = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0] : null;
  if (auth !== `Bearer ${store.secretKey}` && basic !== store.secretKey) {
    const body = { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } };
    send(401, JSON.stringify(body), false, params, key);
    return;
  }

  const failure = takeFailure(store, method, path);
  if (failure) {
    const status = failure.status ?? 500;
    const body = {
      error: {
        type: failure.type ?? (status >= 500 ? 'api_error' : status === 402 ? 'card_error' : 'invalid_request_error'),
        message: failure.message ?? 'Simulated failure from the fake Stripe server.',
        ...(failure.code ? { code: failure.code } : {}),
      },
    };
    if (failure.storedUnderKey && key && method === 'POST') store.idempotent.set(key, { route: `${method} ${path}`, params: JSON.stringify(params), status, body: JSON.stringify(body) });
    send(status, JSON.stringify(body), false, params, key, failure.shouldRetry === undefined ? {} : { 'stripe-should-retry': String(failure.shouldRetry) });
    return;
  }

  const routeKey = `${method} ${path}`;
  const paramsJson = JSON.stringify(params);
  if (key && method === 'POST') {
    const previous = store.idempotent.get(key);
    if (previous) {
      if (previous.route !== routeKey || previous.params !== paramsJson) {
        const body = {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        };
        send(400, JSON.stringify(body), false, params, key);
        return;
      }
      send(previous.status, previous.body, true, params, key);
      return;
    }
  }

  let status = 200;
  let body: string;
  try {
    body = JSON.stringify(route(store, method, path, params));
  } catch (error) {
    if (!(error instanceof StripeFailure)) throw error;
    status = error.status;
    body = JSON.stringify(error.body);
  }
  if (key && method === 'POST') store.idempotent.set(key, { route: routeKey, params: paramsJson, status, body });
  send(status, body, false, params, key);
}
