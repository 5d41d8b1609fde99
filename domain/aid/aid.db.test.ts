// The financial-aid program on a real database: who may apply and until when, what is stored
// (sealed only), who may open an application (the committee, audited), and what an award does
// to the registrant's account.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { aidApplications } from '#db/schema/aid.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { ledgerEntries, refunds } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { saveEmailTemplate } from '#domain/email-templates/manage-templates.server.ts';
import { DomainError } from '#domain/errors.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { payRegistration } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { applyForAid } from './apply-for-aid.server.ts';
import { openContent } from './content.server.ts';
import { decideAidApplication } from './decide-application.server.ts';
import { findAidPrograms } from './find-aid.server.ts';
import { notifyCommitteeAfterDeadline } from './notify-committee.server.ts';
import type { AidContent } from './program.ts';
import { saveAidReview } from './review-application.server.ts';
import { updateAidProgram } from './update-program.server.ts';
import { viewAidApplication } from './view-application.server.ts';

const testDb = useTestDatabase();
const KEY = crypto.randomBytes(32);
const BASE = 'http://localhost:3998';
const PROGRAM = { financialAidDeadline: '2025-02-25', financialAidAwards: 4, financialAidMaxMinor: 50_000, financialAidStatement: 'Up to $500 for up to four people.' };
const STATEMENT = 'My clinic serves a rural county and my salary would not cover the tuition — unique-phrase-7f3a.';
const CONTENT: AidContent = { statement: STATEMENT, groups: ['socioeconomic', 'professional'], selfDescribed: 'first-generation physician', preferNotToSay: false };
const context = { keys: KEY, publicUrl: BASE };
const PRICE = 90_000; // Single Registration, early rate.

async function setup(program: Partial<typeof PROGRAM> = {}) {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id, { ...PROGRAM, ...program });
  return { org, course };
}

async function register(orgId: string, courseId: string) {
  const placed = await placeRegistration(testDb.db, application(orgId, courseId), systemActor, { publicUrl: BASE, now: DURING_REGISTRATION });
  return placed.registration;
}

async function apply(orgId: string, registration: { id: string; userId: string }, options: { requestedMinor?: number; now?: Date; content?: AidContent } = {}) {
  return applyForAid(
    testDb.db,
    { organizationId: orgId, registrationId: registration.id, userId: registration.userId, requestedMinor: options.requestedMinor ?? 40_000, content: options.content ?? CONTENT },
    { userId: registration.userId },
    { ...context, now: options.now ?? DURING_REGISTRATION },
  );
}

async function refused(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function pay(orgId: string, registrationId: string, amountMinor: number) {
  await payRegistration(testDb.db, { id: registrationId, organizationId: orgId }, amountMinor);
}

async function member(orgId: string, role: 'financial_aid_committee' | 'admin' | 'course_director' | 'treasurer') {
  const email = `${role}-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const password = 'member-password-123';
  const { userId } = await createVerifiedAccount(testDb.db, { email, name: `A ${role}`, password }, systemActor);
  await assignRole(testDb.db, { organizationId: orgId, userId, role }, systemActor);
  return { userId, email, password, actor: { userId } };
}

describe('applying', () => {
  test('only a person with a current registration for the course may apply, once, for their own registration', async () => {
    const { org, course } = await setup();
    const mine = await register(org.id, course.id);
    const someoneElse = await register(org.id, course.id);

    // Someone else's registration is not found for this person.
    const stranger = await refused(
      applyForAid(testDb.db, { organizationId: org.id, registrationId: someoneElse.id, userId: mine.userId, requestedMinor: 10_000, content: CONTENT }, { userId: mine.userId }, { ...context, now: DURING_REGISTRATION }),
    );
    expect(stranger.code).toBe('REGISTRATION_NOT_FOUND');

    // An application that has ended (withdrawn) no longer counts as having applied.
    const ended = await register(org.id, course.id);
    await testDb.db.update(registrations).set({ status: 'withdrawn' }).where(eq(registrations.id, ended.id));
    expect((await refused(apply(org.id, ended))).code).toBe('AID_NOT_ELIGIBLE');

    const { application: made, emailIds } = await apply(org.id, mine);
    expect(made).toMatchObject({ status: 'submitted', requestedMinor: 40_000, currency: 'USD', courseId: course.id });
    expect(emailIds).toHaveLength(1);
    expect((await refused(apply(org.id, mine))).code).toBe('AID_ALREADY_APPLIED');

    // A course without a program takes no applications.
    const other = await createCourse(testDb.db, org.id, { financialAidAwards: null, financialAidMaxMinor: null });
    expect((await refused(apply(org.id, await register(org.id, other.id)))).code).toBe('AID_NO_PROGRAM');
  });

  test('the deadline is a local date in the course’s zone, inclusive to the end of that day', async () => {
    const { org, course } = await setup({ financialAidDeadline: '2025-02-25' });
    // 23:59:59 on February 25 in Spokane (PST, UTC−8) is accepted …
    const last = await apply(org.id, await register(org.id, course.id), { now: new Date('2025-02-26T07:59:59Z') });
    expect(last.application.status).toBe('submitted');
    // … one second later it is February 26 there, and the program is closed.
    expect((await refused(apply(org.id, await register(org.id, course.id), { now: new Date('2025-02-26T08:00:00Z') }))).code).toBe('AID_CLOSED');
  });

  test('an amount over the program maximum (or not above zero) is refused as a field error', async () => {
    const { org, course } = await setup();
    const registration = await register(org.id, course.id);
    const over = await refused(apply(org.id, registration, { requestedMinor: 50_001 }));
    expect(over.code).toBe('AID_AMOUNT_OVER_MAX');
    expect(over.fields).toEqual({ requested: 'AID_AMOUNT_OVER_MAX' });
    const zero = await refused(apply(org.id, registration, { requestedMinor: 0 }));
    expect(zero.fields).toEqual({ requested: 'AID_AMOUNT_INVALID' });
    // Exactly the maximum is fine.
    expect((await apply(org.id, registration, { requestedMinor: 50_000 })).application.requestedMinor).toBe(50_000);
  });

  test('the content is stored only sealed: not in the row, the audit trail or the email', async () => {
    const { org, course } = await setup();
    const registration = await register(org.id, course.id);
    const { application: made } = await apply(org.id, registration);
    const { rows } = await testDb.pool.query<{ row: string }>(`select row_to_json(a)::text as row from aid_applications a where id = $1`, [made.id]);
    expect(rows[0]!.row).not.toContain('unique-phrase-7f3a');
    expect(rows[0]!.row).not.toContain('socioeconomic');
    expect(rows[0]!.row).not.toContain('first-generation');
    expect(made.sealedContent).toMatch(/^v1\./);
    expect(openContent(made.sealedContent, KEY, made.id)).toEqual(CONTENT);
    // Bound to its row: the same ciphertext under another application's id does not open.
    expect(() => openContent(made.sealedContent, KEY, crypto.randomUUID())).toThrow();

    const audit = await testDb.pool.query<{ row: string }>(`select row_to_json(e)::text as row from audit_events e where organization_id = $1`, [org.id]);
    const mail = await testDb.pool.query<{ row: string }>(`select row_to_json(m)::text as row from outbox_messages m where organization_id = $1`, [org.id]);
    for (const { row } of [...audit.rows, ...mail.rows]) {
      expect(row).not.toContain('unique-phrase-7f3a');
      expect(row).not.toContain('first-generation');
    }
    expect(mail.rows.some((m) => m.row.includes('Financial-aid application received'))).toBe(true);
  });

});

describe('the committee', () => {
  test('one review per member, editable; the comment is sealed to its review', async () => {
    const { org, course } = await setup();
    const { application: made } = await apply(org.id, await register(org.id, course.id));
    const a = await member(org.id, 'financial_aid_committee');
    const b = await member(org.id, 'financial_aid_committee');
    const first = await saveAidReview(testDb.db, { organizationId: org.id, applicationId: made.id, reviewerUserId: a.userId, score: 3, comment: 'comment-phrase-91' }, a.actor, context);
    const again = await saveAidReview(testDb.db, { organizationId: org.id, applicationId: made.id, reviewerUserId: a.userId, score: 5, comment: 'revised' }, a.actor, context);
    expect(again).toEqual({ reviewId: first.reviewId, created: false });
    await saveAidReview(testDb.db, { organizationId: org.id, applicationId: made.id, reviewerUserId: b.userId, score: 4, comment: '' }, b.actor, context);
    const { rows } = await testDb.pool.query<{ row: string }>(`select row_to_json(r)::text as row from aid_reviews r where application_id = $1`, [made.id]);
    expect(rows).toHaveLength(2);
    expect(rows.some((r) => r.row.includes('revised') || r.row.includes('comment-phrase-91'))).toBe(false);
    const view = await viewAidApplication(testDb.db, { organizationId: org.id, courseId: course.id, applicationId: made.id, viewerUserId: a.userId }, a.actor, context);
    expect(view.reviews.map((r) => [r.score, r.comment, r.mine])).toEqual(
      expect.arrayContaining([
        [5, 'revised', true],
        [4, '', false],
      ]),
    );
    expect(view.averageScore).toBe(4.5);
    expect((await refused(saveAidReview(testDb.db, { organizationId: org.id, applicationId: made.id, reviewerUserId: a.userId, score: 6, comment: '' }, a.actor, context))).fields).toEqual({ score: 'INVALID_CHOICE' });
  });
});

describe('decisions', () => {
  test('an award over the maximum, above what is due, or beyond the number of awards is refused', async () => {
    const { org, course } = await setup({ financialAidAwards: 2, financialAidMaxMinor: 95_000 });
    const committee = await member(org.id, 'financial_aid_committee');
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await apply(org.id, await register(org.id, course.id))).application);
    const decide = (applicationId: string, amountMinor: number) =>
      decideAidApplication(testDb.db, { organizationId: org.id, applicationId, decision: 'award', amountMinor }, committee.actor, { publicUrl: BASE, now: DURING_REGISTRATION });

    const overMax = await refused(decide(made[0]!.id, 95_001));
    expect([overMax.code, overMax.fields]).toEqual(['AID_AMOUNT_OVER_MAX', { amount: 'AID_AMOUNT_OVER_MAX' }]);
    const overDue = await refused(decide(made[0]!.id, PRICE + 1));
    expect([overDue.code, overDue.fields]).toEqual(['AID_AMOUNT_OVER_DUE', { amount: 'AID_AMOUNT_OVER_DUE' }]);
    await decide(made[0]!.id, 50_000);
    await decide(made[1]!.id, 50_000);
    expect((await refused(decide(made[2]!.id, 10_000))).code).toBe('AID_AWARDS_USED_UP');
    // An award is final: deciding again is refused.
    expect((await refused(decide(made[0]!.id, 10_000))).code).toBe('AID_ALREADY_DECIDED');
    const [totals] = (await findAidPrograms(testDb.db, org.id)).filter((p) => p.courseId === course.id);
    expect(totals).toMatchObject({ applications: 3, awards: 2, awardedMinor: 100_000, remainingAwards: 0, pending: 1 });
  });

  test('an award before payment lowers the balance; the applicant is emailed', async () => {
    const { org, course } = await setup();
    const committee = await member(org.id, 'financial_aid_committee');
    const registration = await register(org.id, course.id);
    const { application: made } = await apply(org.id, registration);
    expect((await registrationAccount(testDb.db, registration.id)).balanceMinor).toBe(PRICE);
    const result = await decideAidApplication(testDb.db, { organizationId: org.id, applicationId: made.id, decision: 'award', amountMinor: 40_000 }, committee.actor, {
      publicUrl: BASE,
      now: DURING_REGISTRATION,
    });
    expect(result.application).toMatchObject({ status: 'awarded', awardedMinor: 40_000, decidedBy: committee.userId });
    expect(result.refund).toBeUndefined();
    const account = await registrationAccount(testDb.db, registration.id);
    expect([account.aidMinor, account.balanceMinor]).toEqual([-40_000, PRICE - 40_000]);
    const entries = await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.aidApplicationId, made.id));
    expect(entries.map((e) => [e.kind, e.amountMinor, e.registrationId])).toEqual([['aid_award', -40_000, registration.id]]);
    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, result.emailIds[0]!));
    expect(mail!.subject).toContain('Financial aid awarded');
    expect(mail!.text).toContain('$400');
    expect(mail!.text).not.toContain('unique-phrase-7f3a');
  });

  test('an award after full payment creates a refund due of the award, today', async () => {
    const { org, course } = await setup();
    const committee = await member(org.id, 'financial_aid_committee');
    const registration = await register(org.id, course.id);
    const { application: made } = await apply(org.id, registration);
    await pay(org.id, registration.id, PRICE);
    expect((await registrationAccount(testDb.db, registration.id)).balanceMinor).toBe(0);
    const result = await decideAidApplication(testDb.db, { organizationId: org.id, applicationId: made.id, decision: 'award', amountMinor: 50_000 }, committee.actor, {
      publicUrl: BASE,
      now: new Date('2025-02-27T20:00:00Z'),
    });
    expect(result.refund).toMatchObject({ amountMinor: 50_000, reason: 'aid_award', status: 'due', dueOn: '2025-02-27', registrationId: registration.id });
    const due = await testDb.db.select().from(refunds).where(eq(refunds.registrationId, registration.id));
    expect(due).toHaveLength(1);
    expect((await registrationAccount(testDb.db, registration.id)).balanceMinor).toBe(-50_000);
  });

  test('a decline sets not awarded, posts nothing and emails the applicant', async () => {
    const { org, course } = await setup();
    const committee = await member(org.id, 'financial_aid_committee');
    const registration = await register(org.id, course.id);
    const { application: made } = await apply(org.id, registration);
    const result = await decideAidApplication(testDb.db, { organizationId: org.id, applicationId: made.id, decision: 'decline' }, committee.actor, { publicUrl: BASE });
    expect(result.application.status).toBe('not_awarded');
    expect(await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.aidApplicationId, made.id))).toEqual([]);
    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, result.emailIds[0]!));
    expect(mail!.subject).toContain('Your financial-aid application');
    const [row] = await testDb.db.select().from(aidApplications).where(eq(aidApplications.id, made.id));
    expect(row!.status).toBe('not_awarded');
  });
});

describe('the program', () => {
  test('settings are saved and audited; the number of awards cannot drop below the awards given', async () => {
    const { org, course } = await setup({ financialAidAwards: 3 });
    const director = await member(org.id, 'course_director');
    const committee = await member(org.id, 'financial_aid_committee');
    const { application: made } = await apply(org.id, await register(org.id, course.id));
    await decideAidApplication(testDb.db, { organizationId: org.id, applicationId: made.id, decision: 'award', amountMinor: 30_000 }, committee.actor, { publicUrl: BASE, now: DURING_REGISTRATION });
    const settings = { organizationId: org.id, courseId: course.id, financialAidDeadline: '2025-03-01', financialAidMaxMinor: 60_000, financialAidStatement: '  New statement.  ' };
    const tooFew = await refused(updateAidProgram(testDb.db, { ...settings, financialAidAwards: 0 }, director.actor));
    expect([tooFew.code, tooFew.fields]).toEqual(['AID_PROGRAM_INVALID', { financialAidAwards: 'AID_PROGRAM_INVALID' }]);
    const saved = await updateAidProgram(testDb.db, { ...settings, financialAidAwards: 1 }, director.actor);
    expect(saved).toMatchObject({ financialAidDeadline: '2025-03-01', financialAidAwards: 1, financialAidMaxMinor: 60_000, financialAidStatement: 'New statement.' });
    const [audit] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'course.financial_aid_updated'), eq(auditEvents.entityId, course.id)));
    expect(audit).toMatchObject({ actorUserId: director.userId, after: { financialAidAwards: 1 } });
    const [totals] = (await findAidPrograms(testDb.db, org.id)).filter((p) => p.courseId === course.id);
    expect(totals).toMatchObject({ awards: 1, maxAwards: 1, awardedMinor: 30_000, remainingAwards: 0, remainingBudgetMinor: 30_000 });
  });

  test('after the deadline the committee hears once that applications await a decision — no names, no content', async () => {
    const { org, course } = await setup({ financialAidDeadline: '2025-02-25' });
    const committee = await member(org.id, 'financial_aid_committee');
    await member(org.id, 'admin');
    const registration = await register(org.id, course.id);
    await apply(org.id, registration);
    // On the deadline day (Spokane time) nothing is sent yet.
    await notifyCommitteeAfterDeadline(testDb.db, { publicUrl: BASE, now: new Date('2025-02-26T07:59:00Z') });
    expect(await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.kind, 'aid.committee_deadline'), eq(outboxMessages.organizationId, org.id)))).toEqual([]);
    const sent = await notifyCommitteeAfterDeadline(testDb.db, { publicUrl: BASE, now: new Date('2025-02-26T08:01:00Z') });
    const mails = await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.kind, 'aid.committee_deadline'), eq(outboxMessages.organizationId, org.id)));
    const ours = mails.filter((m) => sent.includes(m.id));
    expect(ours).toHaveLength(mails.length);
    expect(ours.map((m) => m.toAddress)).toEqual([committee.email]);
    expect(ours[0]!.subject).toBe(`Financial aid: 1 application awaits a decision (${course.title})`);
    expect(ours[0]!.text).not.toContain(registration.name);
    expect(ours[0]!.text).not.toContain('unique-phrase-7f3a');
    // Once per course, however often the job runs.
    // (Other tests' courses may be notified by the same run; this course's committee is not, again.)
    await notifyCommitteeAfterDeadline(testDb.db, { publicUrl: BASE, now: new Date('2025-02-27T08:01:00Z') });
    expect(await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.kind, 'aid.committee_deadline'), eq(outboxMessages.organizationId, org.id)))).toHaveLength(1);
  });

  test('the committee’s notice uses the organization’s own words when it has them (ADR 0069)', async () => {
    const { org, course } = await setup({ financialAidDeadline: '2025-02-25' });
    const committee = await member(org.id, 'financial_aid_committee');
    const admin = await member(org.id, 'admin');
    for (let i = 0; i < 2; i++) await apply(org.id, await register(org.id, course.id));
    await saveEmailTemplate(testDb.db, { organizationId: org.id, kind: 'aid.committee_deadline', subject: 'To decide: {{count}} for {{course}}', body: 'Colleagues, {{pending}} you.' }, admin.actor);
    const sent = await notifyCommitteeAfterDeadline(testDb.db, { publicUrl: BASE, now: new Date('2025-02-26T08:01:00Z') });
    const [mail, ...others] = (await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.kind, 'aid.committee_deadline'), eq(outboxMessages.organizationId, org.id)))).filter((m) => sent.includes(m.id));
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ toAddress: committee.email, subject: `To decide: 2 for ${course.title}` });
    expect(mail!.text).toContain('Colleagues, 2 applications await you.');
    expect(mail!.text).not.toContain('has passed');
    expect(mail!.text).toContain(`${BASE}/o/${org.slug}/admin/financial-aid/${course.id}`);
  });
});
