// The demo's member directory, a person's data download and the deletion of an account, on the
// full demo (ADR 0070): member@abs sees the members who opted in, with only their consented
// fields; a non-member is refused; the demo member's export holds every category of their data;
// deleting the demo member keeps the money reports and the reconcile report as they were,
// removes sign-in and leaves no trace of the name or address; the last administrator of an
// organization and a person with money owed cannot delete.
import { and, eq, ilike, or, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { authAccounts, organizationRoles, profiles, sessions, users } from '#db/schema/accounts.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { certificates } from '#db/schema/credit.ts';
import { directoryConsents } from '#db/schema/member-directory.ts';
import { membershipTerms } from '#db/schema/membership.ts';
import { checkouts, ledgerEntries } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { memberships, registrations } from '#db/schema/registration.ts';
import { reconcile } from '#domain/billing/reconcile.server.ts';
import { moneyReport } from '#domain/billing/reports.server.ts';
import { findMemberDirectory } from '#domain/member-directory/find-member-directory.server.ts';
import { DELETED_NAME, deleteAccount, isDeletedEmail, previewAccountDeletion } from '#domain/personal-data/delete-account.server.ts';
import { exportPersonalData } from '#domain/personal-data/export-personal-data.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import type { DemoAccount } from './demo.server.ts';
import { seedDemo } from './demo.server.ts';

const testDb = useTestDatabase();
const TODAY = '2026-12-06';
const KEY = Buffer.alloc(32, 7);
let accounts: DemoAccount[];
let abs: string;
let nwbc: string;

const person = async (email: string) => {
  const [row] = await testDb.db.select().from(users).where(eq(users.email, email));
  return { userId: row!.id, email, name: row!.name };
};

beforeAll(async () => {
  accounts = await seedDemo(testDb.db, TODAY);
  const orgs = await testDb.db.select().from(organizations);
  abs = orgs.find((o) => o.slug === 'abs')!.id;
  nwbc = orgs.find((o) => o.slug === 'nwbc')!.id;
});

describe('demo: the member directory', () => {
  test('member@abs sees the members who opted in, each with only the fields they chose', async () => {
    const viewer = await person('member@abs.example.org');
    const directory = await findMemberDirectory(testDb.db, { organizationId: abs, viewer, today: TODAY });
    expect(directory.entries.map((e) => [e.name, e.credentials, e.city, e.profession, e.training, e.leaderStatus])).toEqual([
      ['Farrah Faculty', 'PhD', null, null, null, 'credentialed_leader'],
      ['Grace Whitfield', null, null, null, null, null],
      ['Leah Feldman', 'PsyD', 'Boise', 'Psychology', null, null],
      ['Morgan Member', 'MD', 'Coeur d’Alene', 'Family medicine', ['Balint Leadership Training Intensive'], null],
      ['Priya Raman', null, 'Spokane', 'Family medicine', null, null],
      ['Tomás Lindqvist', 'MD', null, 'Psychiatry', null, null],
    ]);
    // Not listed: Adaeze (no name consent), Hannah (no consent), Walter (membership lapsed).
    expect(directory.listed).toBe(6);
    expect(directory.cities).toEqual(['Boise', 'Coeur d’Alene', 'Spokane']);
  });

  test('search reads only shown fields: a city nobody showed finds nobody', async () => {
    const viewer = await person('faculty@abs.example.org');
    const search = (filter: { q?: string; city?: string; profession?: string }) =>
      findMemberDirectory(testDb.db, { organizationId: abs, viewer, today: TODAY, filter }).then((d) => d.entries.map((e) => e.name));
    expect(await search({ city: 'Spokane' })).toEqual(['Priya Raman']);
    expect(await search({ city: 'Tacoma' })).toEqual([]);
    expect(await search({ profession: 'family' })).toEqual(['Morgan Member', 'Priya Raman']);
    expect(await search({ q: 'tomas' })).toEqual(['Tomás Lindqvist']);
  });

  test('not a current member of the organization: refused', async () => {
    const nwbcAdmin = await person('admin@nwbc.example.org');
    await expect(findMemberDirectory(testDb.db, { organizationId: abs, viewer: nwbcAdmin, today: TODAY })).rejects.toMatchObject({ code: 'MEMBERS_ONLY' });
    // Walter's membership lapsed: he opted in to everything and still sees nothing.
    const walter = await person('walter.brandt@example.org');
    await expect(findMemberDirectory(testDb.db, { organizationId: abs, viewer: walter, today: TODAY })).rejects.toMatchObject({ code: 'MEMBERS_ONLY' });
    // The circle's directory is its own: nobody there opted in yet.
    expect((await findMemberDirectory(testDb.db, { organizationId: nwbc, viewer: nwbcAdmin, today: TODAY })).listed).toBe(0);
  });
});

describe('demo: the member downloads their data', () => {
  test('every category of the demo member’s data is in the JSON, and the download is audited', async () => {
    const member = await person('member@abs.example.org');
    const document = JSON.parse(JSON.stringify(await exportPersonalData(testDb.db, member.userId, { userId: member.userId }, { keys: KEY })));
    expect(document.account).toMatchObject({ name: 'Morgan Member', email: 'member@abs.example.org' });
    expect(document.profile).toMatchObject({ credentials: 'MD', city: 'Coeur d’Alene' });
    for (const category of ['roles', 'directoryConsents', 'memberships', 'membershipTerms', 'registrations', 'applicationAnswers', 'ledgerEntries', 'payments', 'attendance', 'smallGroupPlacements', 'certificates', 'leaderTrainings', 'groupsLed']) {
      expect(document[category], category).not.toHaveLength(0);
    }
    // Last year from the old member list, this year a paid term with its dues in the ledger.
    expect(document.membershipTerms.map((t: { type: string; duesMinor: number }) => [t.type, t.duesMinor])).toEqual([['Regular', 15000]]);
    expect(document.ledgerEntries.some((e: { membershipTermId: string | null }) => e.membershipTermId === document.membershipTerms[0].id)).toBe(true);
    expect(document.registrations[0].course.title).toBe('Balint Leadership Training Intensive');
    expect(document.payments.every((p: { organization: string }) => p.organization === 'abs')).toBe(true);
    expect(document.certificates.map((c: { body: string }) => c.body).sort()).toEqual(['AAFP', 'APA']);
    expect(JSON.stringify(document)).not.toContain('password');
    const [audit] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'personal_data.exported'), eq(auditEvents.entityId, member.userId)));
    expect(audit).toBeDefined();
  });
});

describe('demo: deleting an account', () => {
  test('the last administrator of an organization cannot delete; neither can someone who owes money', async () => {
    const nwbcAdmin = await person('admin@nwbc.example.org');
    expect((await previewAccountDeletion(testDb.db, nwbcAdmin, TODAY)).blockers.lastAdminOf).toEqual(['Northwest Balint Circle']);
    const password = accounts.find((a) => a.email === nwbcAdmin.email)!.password;
    await expect(
      testDb.db.transaction((tx) => deleteAccount(tx, { userId: nwbcAdmin.userId, password, confirmation: nwbcAdmin.email, today: TODAY }, { userId: nwbcAdmin.userId }, { keys: KEY })),
    ).rejects.toMatchObject({ code: 'DELETE_LAST_ADMIN' });
    // Simon Hale was accepted on the Spokane course and never paid.
    const unpaid = await person('simon.hale@example.org');
    expect((await previewAccountDeletion(testDb.db, unpaid, TODAY)).blockers.openBalances).toBe(1);
  });

  test('a wrong password or confirmation deletes nothing', async () => {
    const member = await person('member@abs.example.org');
    const password = accounts.find((a) => a.email === member.email)!.password;
    const attempt = (input: { password: string; confirmation: string }) =>
      testDb.db.transaction((tx) => deleteAccount(tx, { userId: member.userId, today: TODAY, ...input }, { userId: member.userId }, { keys: KEY }));
    await expect(attempt({ password: 'not-the-password', confirmation: member.email })).rejects.toMatchObject({ code: 'DELETE_PASSWORD_WRONG' });
    await expect(attempt({ password, confirmation: 'someone@else.example.org' })).rejects.toMatchObject({ code: 'DELETE_CONFIRMATION_MISMATCH' });
    expect((await person(member.email)).name).toBe('Morgan Member');
  });

  test('the demo member deletes their account: sign-in gone, name and address gone everywhere, the ledger and the reports unchanged', async () => {
    const member = await person('member@abs.example.org');
    const password = accounts.find((a) => a.email === member.email)!.password;
    const now = new Date('2026-12-06T20:00:00Z');
    const before = await moneyReport(testDb.db, { organizationId: abs, now });
    const ledgerBefore = await testDb.db.select().from(ledgerEntries).orderBy(ledgerEntries.sequence);
    expect(await reconcile(testDb.db, abs)).toEqual([]);
    await testDb.db.insert(sessions).values({ id: 'demo-session', token: 'demo-token', userId: member.userId, expiresAt: new Date(Date.now() + 3_600_000) });
    const [registration] = await testDb.db.select().from(registrations).where(eq(registrations.userId, member.userId));

    await testDb.db.transaction((tx) => deleteAccount(tx, { userId: member.userId, password, confirmation: ' Member@ABS.example.org ', today: TODAY }, { userId: member.userId }, { keys: KEY }));

    // Money: every ledger entry as it was, the reports and the reconcile report the same.
    expect(await testDb.db.select().from(ledgerEntries).orderBy(ledgerEntries.sequence)).toEqual(ledgerBefore);
    expect(await moneyReport(testDb.db, { organizationId: abs, now })).toEqual(before);
    expect(await reconcile(testDb.db, abs)).toEqual([]);
    // Sign-in: no password, no session, no role; the address can receive nothing.
    const [user] = await testDb.db.select().from(users).where(eq(users.id, member.userId));
    expect(user!.name).toBe(DELETED_NAME);
    expect(isDeletedEmail(user!.email)).toBe(true);
    expect(await testDb.db.select().from(authAccounts).where(eq(authAccounts.userId, member.userId))).toEqual([]);
    expect(await testDb.db.select().from(sessions).where(eq(sessions.userId, member.userId))).toEqual([]);
    expect(await testDb.db.select().from(organizationRoles).where(eq(organizationRoles.userId, member.userId))).toEqual([]);
    expect(await testDb.db.select().from(profiles).where(eq(profiles.userId, member.userId))).toEqual([]);
    expect(await testDb.db.select().from(directoryConsents).where(eq(directoryConsents.userId, member.userId))).toEqual([]);
    // Kept, anonymised: the registration (with its ledger account), the membership, the certificates.
    const [kept] = await testDb.db.select().from(registrations).where(eq(registrations.id, registration!.id));
    expect(kept).toMatchObject({ name: DELETED_NAME, status: registration!.status, amountMinor: registration!.amountMinor });
    expect(kept!.answers.institution).toBe('');
    expect((await testDb.db.select().from(certificates).where(eq(certificates.userId, member.userId))).map((c) => c.recipientName)).toEqual([DELETED_NAME, DELETED_NAME]);
    expect(await testDb.db.select().from(memberships).where(eq(memberships.userId, member.userId))).toHaveLength(1);
    expect((await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.userId, member.userId))).map((t) => [t.name, isDeletedEmail(t.email)])).toEqual([[DELETED_NAME, true]]);
    // Nowhere is the name or the address left: not in the kept rows, not in the audit records.
    const traces = async (needle: string) =>
      [
        ...(await testDb.db.select({ id: registrations.id }).from(registrations).where(or(ilike(registrations.email, needle), ilike(registrations.name, needle)))),
        ...(await testDb.db.select({ id: memberships.id }).from(memberships).where(or(ilike(memberships.email, needle), ilike(memberships.name, needle)))),
        ...(await testDb.db.select({ id: membershipTerms.id }).from(membershipTerms).where(or(ilike(membershipTerms.email, needle), ilike(membershipTerms.name, needle)))),
        ...(await testDb.db.select({ id: checkouts.id }).from(checkouts).where(or(ilike(checkouts.payerEmail, needle), ilike(checkouts.payerName, needle)))),
        ...(await testDb.db.select({ id: certificates.id }).from(certificates).where(ilike(certificates.recipientName, needle))),
        ...(await testDb.db.select({ id: auditEvents.id }).from(auditEvents).where(sql`coalesce(${auditEvents.before}::text, '') || coalesce(${auditEvents.after}::text, '') ilike ${needle}`)),
      ].length;
    expect(await traces('%member@abs.example.org%')).toBe(0);
    expect(await traces('%Morgan Member%')).toBe(0);
    // The directory no longer lists them; the deletion is audited.
    const viewer = await person('faculty@abs.example.org');
    expect((await findMemberDirectory(testDb.db, { organizationId: abs, viewer, today: TODAY })).entries.map((e) => e.name)).not.toContain('Morgan Member');
    expect(await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'account.deleted'), eq(auditEvents.entityId, member.userId)))).toHaveLength(1);
  });
});
