// Credential-bearing mail (reset, verification, set-up links) and the reset request path:
// marked in the outbox so no organization's staff can read it, audited when used, and
// limited per address however many requests arrive.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { createAccountsAuth } from '#domain/accounts/auth.server.ts';
import { findCredentialMessages, findOutboxMessages, getCredentialMessage } from '#lib/email/outbox.server.ts';
import { WITHHELD_LINK, withholdLinks } from '#lib/email/credential.ts';
import { createLogger } from '#lib/log.server.ts';
import { startJobs, type JobQueue } from '#server/jobs.server.ts';
import { createVerifiedAccount } from './create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { takeThrottle } from './throttle.server.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { waitFor } from '../../tests/helpers/smtp-sink.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';

const testDb = useTestDatabase();
const BASE = 'http://localhost:3000';
const auth = () => createAccountsAuth({ db: testDb.db, baseUrl: BASE, secret: 'a-test-secret-that-is-long-enough-0123456789', sessionDays: 7, onEmailQueued: async () => {} });

describe('credential mail', () => {
  test('a reset asked for through another organization is credential mail there, its link withheld from staff', async () => {
    const abs = await createOrganization(testDb.db, 'cred-abs');
    const nwbc = await createOrganization(testDb.db, 'cred-nwbc');
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'treasurer@cred.example.org', name: 'Tatum', password: 'a-long-password-1' }, systemActor);
    await auth().api.requestPasswordReset({ body: { email: 'treasurer@cred.example.org', redirectTo: `/o/${nwbc.slug}/reset-password` } });

    // The wording is nwbc's, and the message is in nwbc's outbox — marked as a credential.
    const [row] = await findOutboxMessages(testDb.db, nwbc.id, { to: 'treasurer@cred.example.org' });
    expect(row!.subject).toContain('password');
    expect(row!.credential).toBe(true);
    expect(row!.text).toMatch(/\/api\/auth\/reset-password\/[A-Za-z0-9_-]+/);
    expect(await findOutboxMessages(testDb.db, abs.id, { to: 'treasurer@cred.example.org' })).toHaveLength(0);

    // What staff see: no link at all.
    const shown = withholdLinks(row!.text);
    expect(shown).not.toMatch(/https?:\/\//);
    expect(shown).toContain(WITHHELD_LINK);

    // The operator's list finds it across organizations; an ordinary message is not in it.
    const [other] = await testDb.db
      .insert(outboxMessages)
      .values({ organizationId: nwbc.id, kind: 'registration_received', toAddress: 'treasurer@cred.example.org', subject: 'Application received', text: 'x', html: 'x' })
      .returning();
    const credentialIds = (await findCredentialMessages(testDb.db, { to: 'TREASURER@cred.example.org' })).map((m) => m.id);
    expect(credentialIds).toEqual([row!.id]);
    expect(await getCredentialMessage(testDb.db, other!.id)).toBeUndefined();

    // Asking for the reset is audited at no organization (the account belongs to the deployment).
    const audits = await testDb.db.select().from(auditEvents).where(and(isNull(auditEvents.organizationId), eq(auditEvents.entityId, userId)));
    expect(audits.map((a) => a.action)).toContain('account.password_reset_requested');
  });

  test('a password reset through the link is audited', async () => {
    const org = await createOrganization(testDb.db, 'cred-reset');
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'reset-audit@example.org', name: 'Reese', password: 'a-long-password-1' }, systemActor);
    const a = auth();
    await a.api.requestPasswordReset({ body: { email: 'reset-audit@example.org', redirectTo: `/o/${org.slug}/reset-password` } });
    const [mail] = await findOutboxMessages(testDb.db, org.id, { to: 'reset-audit@example.org' });
    const token = /\/api\/auth\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    await a.api.resetPassword({ body: { token, newPassword: 'another-long-password-2' } });
    const audits = await testDb.db.select().from(auditEvents).where(and(isNull(auditEvents.organizationId), eq(auditEvents.entityId, userId)));
    expect(audits.map((x) => x.action)).toContain('account.password_reset');
  });
});

describe('throttle', () => {
  test('counts per scope and key over its window; refusals count too', async () => {
    const limit = { scope: 'test:a', key: 'Someone@Example.org', max: 2, windowMinutes: 10 };
    expect((await takeThrottle(testDb.db, [limit])).allowed).toBe(true);
    expect((await takeThrottle(testDb.db, [{ ...limit, key: 'someone@example.org ' }])).allowed).toBe(true);
    expect(await takeThrottle(testDb.db, [limit])).toEqual({ allowed: false, retryAfterMinutes: 10 });
    // Another key, another scope: their own counts.
    expect((await takeThrottle(testDb.db, [{ ...limit, key: 'other@example.org' }])).allowed).toBe(true);
    expect((await takeThrottle(testDb.db, [{ ...limit, scope: 'test:b' }])).allowed).toBe(true);
  });
});

describe('reset requests go through a job', () => {
  let jobs: JobQueue;
  const sent: string[] = [];
  beforeAll(async () => {
    jobs = await startJobs({
      url: testDb.url,
      db: testDb.db,
      log: createLogger('silent'),
      transport: undefined,
      mailFrom: 'Balint Hub <no-reply@example.org>',
      work: true,
      sendPasswordReset: async ({ email }) => void sent.push(email),
    });
  });
  afterAll(async () => jobs?.stop());

  test('twenty requests for one address in a second mail it at most three times', async () => {
    await Promise.all(Array.from({ length: 20 }, () => jobs.requestPasswordReset({ email: 'flood@example.org', redirectTo: '/o/abs/reset-password' })));
    await jobs.requestPasswordReset({ email: 'someone-else@example.org', redirectTo: '/o/abs/reset-password' });
    await waitFor(async () => (sent.includes('someone-else@example.org') && sent.filter((e) => e === 'flood@example.org').length >= 3 ? true : undefined));
    // Every job has run once the queue is empty.
    await waitFor(async () => {
      const { rows } = await testDb.pool.query(`select count(*)::int as n from pgboss.job where name = 'account.password-reset' and state in ('created', 'retry', 'active')`);
      return rows[0].n === 0 ? true : undefined;
    });
    expect(sent.filter((e) => e === 'flood@example.org')).toHaveLength(3);
    expect(sent.filter((e) => e === 'someone-else@example.org')).toHaveLength(1);
  });
});
