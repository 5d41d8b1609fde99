// What the HTTP host needs to know about how React Router's handling of one request went,
// beyond its response: whether it failed because the database could not be reached. The host
// puts a fresh object in the context; app/entry.server.tsx's handleError marks it; the host
// then answers 503 with Retry-After instead of 500. Shared through globalThis like appContext:
// the host and the built app are two module graphs.
import { createContext, type RouterContext } from 'react-router';

export interface RequestOutcome {
  databaseUnavailable: boolean;
}

const KEY = Symbol.for('balint-hub.request-outcome');
const registry = globalThis as unknown as Record<symbol, RouterContext<RequestOutcome> | undefined>;
export const requestOutcomeContext: RouterContext<RequestOutcome> = (registry[KEY] ??= createContext<RequestOutcome>());
