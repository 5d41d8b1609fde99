// A person's own data on a real database (ADR 0070): the download opens their financial-aid
// application for them (it is sealed at rest); the deletion empties it but keeps the amounts,
// keeps the books reconciling, and is refused while a place on a course not yet ended is live.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { authAccounts, users } from '#db/schema/accounts.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { membershipReminders, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { registrations } from '#db/schema/registration.ts';
import { createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { applyForAid } from '#domain/aid/apply-for-aid.server.ts';
import { openContent } from '#domain/aid/content.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { reconcile } from '#domain/billing/reconcile.server.ts';
import { applyPayment } from '#domain/money/apply-payment.server.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { payRegistration } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { DELETED_NAME, deleteAccount, previewAccountDeletion } from './delete-account.server.ts';
import { exportPersonalData } from './export-personal-data.server.ts';

const testDb = useTestDatabase();
const KEY = crypto.randomBytes(32);
const BASE = 'http://localhost:3998';
const STATEMENT = 'Our rural clinic cannot cover the tuition — phrase-9c1e.';
const PASSWORD = 'a-long-enough-password';

async function applicant() {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id, { financialAidDeadline: '2025-02-25', financialAidAwards: 4, financialAidMaxMinor: 50_000, financialAidStatement: 'Up to $500.' });
  const email = `person-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const { userId } = await createVerifiedAccount(testDb.db, { email, name: 'Robin Private', password: PASSWORD }, systemActor);
  const { registration } = await placeRegistration(testDb.db, application(org.id, course.id, { email, name: 'Robin Private', userId }), systemActor, { publicUrl: BASE, now: DURING_REGISTRATION });
  await applyForAid(
    testDb.db,
    { organizationId: org.id, registrationId: registration.id, userId: registration.userId, requestedMinor: 40_000, content: { statement: STATEMENT, groups: ['socioeconomic'], selfDescribed: 'first-generation', preferNotToSay: false } },
    { userId: registration.userId },
    { keys: KEY, publicUrl: BASE, now: DURING_REGISTRATION },
  );
  return { org, course, email, userId: registration.userId, registration };
}

describe('a person’s own data', () => {
  test('the download opens the person’s own financial-aid application and lists the registration and its answers', async () => {
    const { userId } = await applicant();
    const document = await exportPersonalData(testDb.db, userId, { userId }, { keys: KEY });
    expect(document.account.name).toBe('Robin Private');
    expect(document.financialAidApplications).toHaveLength(1);
    expect(document.financialAidApplications[0]!.content).toMatchObject({ statement: STATEMENT, selfDescribed: 'first-generation' });
    expect(document.registrations).toHaveLength(1);
    expect(document.applicationAnswers[0]!.answers).toBeDefined();
    expect(document.ledgerEntries.map((e) => e.kind)).toContain('charge');
  });

  test('a live place on a course that has not ended blocks the deletion; after the course it does not', async () => {
    const { userId, email, registration } = await applicant();
    const before = await previewAccountDeletion(testDb.db, { userId, email }, '2025-04-01');
    expect(before.blockers.livePlaces).toHaveLength(1);
    // Money owed blocks too, until it is paid.
    const owed = (await registrationAccount(testDb.db, registration.id)).balanceMinor;
    expect(owed).toBeGreaterThan(0);
    expect((await previewAccountDeletion(testDb.db, { userId, email }, '2026-12-06')).blockers).toEqual({ lastAdminOf: [], openBalances: 1, livePlaces: [] });
    await expect(
      testDb.db.transaction((tx) => deleteAccount(tx, { userId, password: PASSWORD, confirmation: email, today: '2025-04-01' }, { userId }, { keys: KEY })),
    ).rejects.toMatchObject({ code: 'DELETE_OPEN_BALANCE' });
  });

  test('deletion empties the aid statement but keeps the amount; the books still reconcile; no password remains', async () => {
    const { org, userId, email, registration } = await applicant();
    await payRegistration(testDb.db, { id: registration.id, organizationId: org.id }, (await registrationAccount(testDb.db, registration.id)).balanceMinor);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
    await testDb.db.transaction((tx) => deleteAccount(tx, { userId, password: PASSWORD, confirmation: email, today: '2026-12-06' }, { userId }, { keys: KEY }));
    const [aid] = await testDb.db.select().from(aidApplications).where(eq(aidApplications.userId, userId));
    expect(aid!.requestedMinor).toBe(40_000);
    expect(openContent(aid!.sealedContent, KEY, aid!.id)).toMatchObject({ statement: '', selfDescribed: '', groups: [] });
    expect((await registrationAccount(testDb.db, registration.id)).balanceMinor).toBe(0);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
    expect(await testDb.db.select().from(authAccounts).where(eq(authAccounts.userId, userId))).toEqual([]);
    const [row] = await testDb.db.select().from(registrations).where(eq(registrations.id, registration.id));
    expect(row).toMatchObject({ name: DELETED_NAME });
    expect(row!.email).toMatch(/@account-deleted\.invalid$/);
    const [user] = await testDb.db.select().from(users).where(eq(users.id, userId));
    expect(user!.email).toBe(row!.email);
    // A second deletion of the same account finds nothing to delete.
    await expect(testDb.db.transaction((tx) => deleteAccount(tx, { userId, password: PASSWORD, confirmation: email, today: '2026-12-06' }, { userId }, { keys: KEY }))).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    });
  });

  test('a membership term: in the download with its reminders; dues still owed on it block the deletion; once paid, the term is kept with the name and address replaced', async () => {
    const org = await createOrganization(testDb.db);
    const email = `member-${crypto.randomBytes(4).toString('hex')}@example.org`;
    const { userId } = await createVerifiedAccount(testDb.db, { email, name: 'Robin Member', password: PASSWORD }, systemActor);
    const [type] = await testDb.db.insert(membershipTypes).values({ organizationId: org.id, key: 'regular', name: 'Regular', dues: { USD: 15000 } }).returning();
    const [term] = await testDb.db
      .insert(membershipTerms)
      .values({ organizationId: org.id, typeId: type!.id, userId, email, name: 'Robin Member', status: 'pending', source: 'online', startsOn: '2026-01-01', endsOn: '2026-12-31', duesMinor: 15000, currency: 'USD' })
      .returning();
    await postEntries(testDb.db, [{ organizationId: org.id, membershipTermId: term!.id, kind: 'charge', amountMinor: 15000, currency: 'USD', reason: 'Regular membership 2026', effectiveOn: '2026-01-01' }]);
    await testDb.db.insert(membershipReminders).values({ organizationId: org.id, termId: term!.id, kind: 'before_30', sentOn: '2026-12-01' });

    const document = await exportPersonalData(testDb.db, userId, { userId }, { keys: KEY });
    expect(document.membershipTerms.map((t) => [t.type, t.startsOn, t.endsOn, t.remindersSent])).toEqual([['Regular', '2026-01-01', '2026-12-31', [{ kind: 'before_30', sentOn: '2026-12-01' }]]]);
    expect(document.ledgerEntries.map((e) => [e.kind, e.amountMinor])).toEqual([['charge', 15000]]);

    // The dues are owed: open money, like a registration's.
    const preview = await previewAccountDeletion(testDb.db, { userId, email }, '2026-12-06');
    expect(preview.blockers.openBalances).toBe(1);
    expect(preview.kept.memberships).toBe(1);
    const attempt = () => testDb.db.transaction((tx) => deleteAccount(tx, { userId, password: PASSWORD, confirmation: email, today: '2026-12-06' }, { userId }, { keys: KEY }));
    await expect(attempt()).rejects.toMatchObject({ code: 'DELETE_OPEN_BALANCE' });

    await applyPayment(testDb.db, { organizationId: org.id, method: 'check', amountMinor: 15000, currency: 'USD', receivedOn: '2026-01-05', reference: 'check 1' }, [{ membershipTermId: term!.id, amountMinor: 15000 }], systemActor, new Date('2026-01-05T18:00:00Z'));
    expect((await previewAccountDeletion(testDb.db, { userId, email }, '2026-12-06')).blockers.openBalances).toBe(0);
    await attempt();
    const [kept] = await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.id, term!.id));
    expect(kept).toMatchObject({ name: DELETED_NAME, duesMinor: 15000, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    expect(kept!.email).toMatch(/@account-deleted\.invalid$/);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
  });
});
