// Sign-in for Balint Hub: better-auth (lib/auth.server.ts) bound to the accounts capability's
// rules — the password length, the account emails through the outbox, the audit trail of
// resets and verifications. The app, the worker and the tests make their auth here.
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { recordAudit } from '#domain/audit/record-audit.server.ts';
import { createAuth, type AuthEvents } from '#lib/auth.server.ts';
import { sendAccountEmail } from './account-emails.server.ts';
import { hasPassword } from './create-account.server.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

export interface AccountsAuthOptions {
  db: Db;
  baseUrl: string;
  secret: string;
  sessionDays: number;
  /** Called with outbox ids after an account email is committed. */
  onEmailQueued(ids: string[]): Promise<void>;
}

function accountEvents(db: Db, onEmailQueued: (ids: string[]) => Promise<void>): AuthEvents {
  return {
    async sendResetPassword(user, url) {
      // Someone who applied without an account has no password yet: same link, other words.
      const kind = (await hasPassword(db, user.id)) ? 'password_reset' : 'account_setup';
      const id = await sendAccountEmail(db, { kind, to: user.email, name: user.name, url });
      await recordAudit(db, { userId: null }, { organizationId: null, action: 'account.password_reset_requested', entityType: 'user', entityId: user.id, after: { kind } });
      await onEmailQueued(id ? [id] : []);
    },
    // Following the emailed link proves the mailbox is theirs. Audited, at no organization:
    // an account belongs to the deployment.
    async passwordWasReset(user) {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ emailVerified: true, updatedAt: new Date() }).where(eq(users.id, user.id));
        await recordAudit(tx, { userId: user.id }, { organizationId: null, action: 'account.password_reset', entityType: 'user', entityId: user.id });
      });
    },
    async sendVerificationEmail(user, url) {
      const id = await sendAccountEmail(db, { kind: 'email_verification', to: user.email, name: user.name, url });
      await onEmailQueued(id ? [id] : []);
    },
    async emailWasVerified(user) {
      await recordAudit(db, { userId: user.id }, { organizationId: null, action: 'account.email_verified', entityType: 'user', entityId: user.id });
    },
  };
}

export function createAccountsAuth(options: AccountsAuthOptions) {
  const { onEmailQueued, ...rest } = options;
  return createAuth({ ...rest, minPasswordLength: MIN_PASSWORD_LENGTH, events: accountEvents(options.db, onEmailQueued) });
}
