// better-auth does passwords, sessions, verification and reset tokens; Balint Hub decides who
// may do what (organization_roles). Mail goes through the outbox like every other message.
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Db } from '#db/client.server.ts';
import { authAccounts, rateLimits, sessions, users, verifications } from '#db/schema/accounts.ts';
import { eq } from 'drizzle-orm';
import { sendAccountEmail } from '#domain/accounts/account-emails.server.ts';
import { hasPassword } from '#domain/accounts/create-account.server.ts';
import { recordAudit } from '#domain/audit/record-audit.server.ts';

export interface AuthOptions {
  db: Db;
  baseUrl: string;
  secret: string;
  sessionDays: number;
  /** Called with outbox ids after an account email is committed. */
  onEmailQueued(ids: string[]): Promise<void>;
}

export { MIN_PASSWORD_LENGTH } from '#app/lib/limits.ts';
import { MIN_PASSWORD_LENGTH } from '#app/lib/limits.ts';

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
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      autoSignIn: false,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      async sendResetPassword({ user, url }) {
        // Someone who applied without an account has no password yet: same link, other words.
        const kind = (await hasPassword(db, user.id)) ? 'password_reset' : 'account_setup';
        const id = await sendAccountEmail(db, { kind, to: user.email, name: user.name, url });
        await recordAudit(db, { userId: null }, { organizationId: null, action: 'account.password_reset_requested', entityType: 'user', entityId: user.id, after: { kind } });
        await options.onEmailQueued(id ? [id] : []);
      },
      // Following the emailed link proves the mailbox is theirs. Audited, at no organization:
      // an account belongs to the deployment.
      async onPasswordReset({ user }) {
        await db.transaction(async (tx) => {
          await tx.update(users).set({ emailVerified: true, updatedAt: new Date() }).where(eq(users.id, user.id));
          await recordAudit(tx, { userId: user.id }, { organizationId: null, action: 'account.password_reset', entityType: 'user', entityId: user.id });
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: false,
      expiresIn: 24 * 60 * 60,
      async afterEmailVerification(user) {
        await recordAudit(db, { userId: user.id }, { organizationId: null, action: 'account.email_verified', entityType: 'user', entityId: user.id });
      },
      async sendVerificationEmail({ user, url }) {
        const id = await sendAccountEmail(db, { kind: 'email_verification', to: user.email, name: user.name, url });
        await options.onEmailQueued(id ? [id] : []);
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
