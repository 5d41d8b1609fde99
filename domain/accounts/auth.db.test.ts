// better-auth on our schema: sessions expire, unconfirmed accounts cannot sign in, and the
// confirmation mail goes to the outbox of the organization the person signed up with.
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { sessions } from '#db/schema/accounts.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { createAccountsAuth } from './auth.server.ts';

const testDb = useTestDatabase();
const auth = () =>
  createAccountsAuth({ db: testDb.db, baseUrl: 'http://localhost:3000', secret: 'a-test-secret-that-is-long-enough-0123456789', sessionDays: 7, onEmailQueued: async () => {} });

function cookieOf(response: Response): Headers {
  const headers = new Headers();
  headers.set('cookie', response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
  return headers;
}

describe('sessions', () => {
  test('a session works until it expires, then it is refused', async () => {
    const a = auth();
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'session@example.org', name: 'Sess', password: 'session-password-1' }, systemActor);
    const response = await a.api.signInEmail({ body: { email: 'session@example.org', password: 'session-password-1' }, asResponse: true });
    expect(response.status).toBe(200);
    const headers = cookieOf(response);
    expect((await a.api.getSession({ headers }))?.user.id).toBe(userId);
    const [row] = await testDb.db.select().from(sessions).where(eq(sessions.userId, userId));
    // Seven days, as configured (give or take the test's own run time).
    expect(Math.round((row!.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(7);

    await testDb.db.update(sessions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(sessions.userId, userId));
    expect(await a.api.getSession({ headers })).toBeNull();
  });

  test('a wrong password is refused', async () => {
    await createVerifiedAccount(testDb.db, { email: 'wrong@example.org', name: 'W', password: 'right-password-1' }, systemActor);
    const response = await auth().api.signInEmail({ body: { email: 'wrong@example.org', password: 'wrong-password-1' }, asResponse: true });
    expect(response.status).toBe(401);
  });
});

describe('sign-up', () => {
  test('an unconfirmed account cannot sign in; the confirmation mail is in its organization outbox', async () => {
    const org = await createOrganization(testDb.db, 'signup-soc');
    const other = await createOrganization(testDb.db, 'other-soc');
    const a = auth();
    await a.api.signUpEmail({ body: { name: 'New Person', email: 'new@example.org', password: 'new-password-123', callbackURL: '/o/signup-soc/verified' } });
    const signIn = await a.api.signInEmail({ body: { email: 'new@example.org', password: 'new-password-123' }, asResponse: true });
    expect(signIn.status).toBe(403);
    const mails = await testDb.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, 'new@example.org'), eq(outboxMessages.kind, 'email_verification')));
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.every((m) => m.organizationId === org.id)).toBe(true);
    expect(mails.some((m) => m.organizationId === other.id)).toBe(false);
    expect(mails[0]!.text).toContain('/api/auth/verify-email?token=');
    expect(mails[0]!.subject).toBe('Confirm your email for Society signup-soc');
  });
});
