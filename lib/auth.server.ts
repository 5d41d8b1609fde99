// better-auth does passwords, sessions, verification and reset tokens; Balint Hub decides who
// may do what (organization_roles). What happens around an account event — the email through
// the outbox, the audit row — is the accounts capability's, handed in as `events`
// (domain/accounts/auth.server.ts), so this wrapper knows only the library and the tables.
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Db } from '#db/client.server.ts';
import { authAccounts, rateLimits, sessions, users, verifications } from '#db/schema/accounts.ts';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
}

/** What the accounts capability does when better-auth reports an event. */
export interface AuthEvents {
  /** A reset link was made: mail it. */
  sendResetPassword(user: AuthUser, url: string): Promise<void>;
  /** The password was reset through the emailed link. */
  passwordWasReset(user: AuthUser): Promise<void>;
  /** A verification link was made: mail it. */
  sendVerificationEmail(user: AuthUser, url: string): Promise<void>;
  /** The emailed verification link was followed. */
  emailWasVerified(user: AuthUser): Promise<void>;
}

export interface AuthOptions {
  db: Db;
  baseUrl: string;
  secret: string;
  sessionDays: number;
  minPasswordLength: number;
  events: AuthEvents;
}

/** Set by the HTTP host on requests it passes to better-auth; any incoming copy is dropped. */
export const CLIENT_ADDRESS_HEADER = 'x-balint-client-address';

export function createAuth(options: AuthOptions) {
  const { db } = options;
  const base = new URL(options.baseUrl);
  const trustedOrigins = [base.origin];
  if (base.hostname === 'localhost') trustedOrigins.push(base.origin.replace('localhost', '127.0.0.1'));
  if (base.hostname === '127.0.0.1') trustedOrigins.push(base.origin.replace('127.0.0.1', 'localhost'));

  return betterAuth({
    appName: 'Balint Hub',
    baseURL: options.baseUrl,
    secret: options.secret,
    trustedOrigins,
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: authAccounts, verification: verifications, rateLimit: rateLimits },
    }),
    session: {
      expiresIn: options.sessionDays * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: 60, max: 10 },
        '/request-password-reset': { window: 60, max: 5 },
      },
    },
    advanced: {
      // The client's address comes only from this header, which the host sets itself from
      // the socket (or a configured proxy) and never takes from the request.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      cookiePrefix: 'balint',
      useSecureCookies: base.protocol === 'https:',
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: options.minPasswordLength,
      maxPasswordLength: 256,
      autoSignIn: false,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: ({ user, url }) => options.events.sendResetPassword(user, url),
      onPasswordReset: ({ user }) => options.events.passwordWasReset(user),
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: false,
      expiresIn: 24 * 60 * 60,
      afterEmailVerification: (user) => options.events.emailWasVerified(user),
      sendVerificationEmail: ({ user, url }) => options.events.sendVerificationEmail(user, url),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
