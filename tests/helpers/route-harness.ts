// Calling a route module's loader or action as React Router would, with the app's services
// on a test database and a signed-in person's session cookie: for the route tests of pages
// whose permission rules are subtle (who may open what), next to those routes.
import { RouterContextProvider } from 'react-router';
import { appContext, type AppServices } from '#app/lib/context.ts';
import { createAccountsAuth } from '#domain/accounts/auth.server.ts';
import { createLogger } from '#lib/log.server.ts';
import type { TestDatabase } from './test-database.ts';

export interface RouteHarness {
  readonly services: AppServices;
  /** A request carrying the person's session cookie, as the browser would send it. */
  signedInRequest(url: string, who: { email: string; password: string }): Promise<Request>;
  /** The context React Router hands a loader or action. */
  routeContext(): RouterContextProvider;
}

export function routeHarness(testDb: TestDatabase, options: { baseUrl: string; encryptionKey: Buffer }): RouteHarness {
  let services: AppServices | undefined;
  const get = () =>
    (services ??= {
      db: testDb.db,
      auth: createAccountsAuth({ db: testDb.db, baseUrl: options.baseUrl, secret: 'a-test-secret-that-is-long-enough-0123456789', sessionDays: 7, onEmailQueued: async () => {} }),
      jobs: { deliverEmails: async () => {}, requestPasswordReset: async () => {}, stop: async () => {} },
      log: createLogger('silent'),
      requestId: 'req-route-test',
      clientAddress: '127.0.0.1',
      publicUrl: options.baseUrl,
      smtpConfigured: false,
      payments: null,
      encryptionKey: options.encryptionKey,
      groupingRunner: { start: () => {} },
    });
  return {
    get services() {
      return get();
    },
    async signedInRequest(url, who) {
      const response = await get().auth.api.signInEmail({ body: { email: who.email, password: who.password }, asResponse: true });
      if (response.status !== 200) throw new Error(`sign-in as ${who.email} answered ${response.status}`);
      return new Request(url, { headers: { cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') } });
    },
    routeContext() {
      const provider = new RouterContextProvider();
      provider.set(appContext, get());
      return provider;
    },
  };
}

/** The status of what a loader threw (a data() response or a Response); fails if it did not refuse. */
export async function thrownStatus(run: () => Promise<unknown>): Promise<number> {
  const thrown = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (thrown instanceof Response) return thrown.status;
  const init = (thrown as { init?: { status?: number } } | undefined)?.init;
  if (init?.status) return init.status;
  throw new Error(`the loader did not refuse: ${String(thrown)}`);
}
