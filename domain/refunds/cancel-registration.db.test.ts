// Registrants cancelling online and staff recording cancellations by letter or email: the deadline
// in the course's zone, the policy snapshot, the fee, aid and category changes, the waitlist —
// on a real PostgreSQL through the real functions.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { applyForAid } from '#domain/aid/apply-for-aid.server.ts';
import { decideAidApplication } from '#domain/aid/decide-application.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { changeCategory } from '#domain/registration/change-category.server.ts';
import { application, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { BEFORE_CANCELLATION_DEADLINE as BEFORE, DAY_AFTER_CANCELLATION_DEADLINE as NEXT_DAY, LAST_SECOND_OF_CANCELLATION_DEADLINE as LAST_SECOND, moneyFixtures } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { cancelRegistration } from './cancel-registration.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://localhost:3000';
const staff = { userId: null, requestId: 'test' };

const { setup, pay, refundsOf, mailTo } = moneyFixtures(testDb, { publicUrl });

describe('cancelRegistration', () => {
  test('online before the deadline: the fee is withheld, the rest is due 30 days after the acknowledgment, acknowledged by email', async () => {
    const { org, apply } = await setup();
    const reg = await apply();
    await pay(reg, 90000);
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, { userId: reg.userId }, { publicUrl, now: BEFORE });
    expect(result.created).toBe(true);
    expect(result.cancellation).toMatchObject({ channel: 'online', receivedOn: '2025-03-12', outcome: { rule: 'before_deadline', paidMinor: 90000, retainedMinor: 10000, refundMinor: 80000 } });
    expect(result.refund).toMatchObject({ amountMinor: 80000, status: 'due', dueOn: '2025-04-11', reason: 'cancellation' });
    const [after] = await testDb.db.select().from(registrations).where(eq(registrations.id, reg.id));
    expect(after!.status).toBe('cancelled');
    const account = await registrationAccount(testDb.db, reg.id);
    expect(account).toMatchObject({ balanceMinor: -80000, feeRetainedMinor: 10000, netPaidMinor: 90000 });
    const [mail] = (await mailTo(reg.email)).filter((m) => m.kind === 'refunds.cancellation_acknowledged');
    expect(mail!.subject).toContain('Cancellation received');
    expect(mail!.text).toContain('March 12, 2025');
    expect(mail!.text).toContain('$900');
    expect(mail!.text).toContain('administrative fee of $100');
    expect(mail!.text).toContain('refund of $800 will be made by April 11, 2025');
    const audits = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, reg.id), eq(auditEvents.action, 'registration.cancelled')));
    expect(audits).toHaveLength(1);
  });

  test('a second request returns the first cancellation and writes nothing', async () => {
    const { org, apply } = await setup();
    const reg = await apply();
    await pay(reg, 90000);
    const first = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: BEFORE });
    const again = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'letter', receivedOn: '2025-03-12' }, staff, { publicUrl, now: BEFORE });
    expect(again).toMatchObject({ created: false, emailIds: [], refund: undefined });
    expect(again.cancellation.id).toBe(first.cancellation.id);
    expect(await refundsOf(reg.id)).toHaveLength(1);
    expect(await mailTo(reg.email)).toHaveLength(2); // received + acknowledgment
  });

  test('23:59:59 local on the deadline day is before it; 00:00 the next day is after: nothing refunded, nothing more owed', async () => {
    const { org, apply } = await setup();
    const early = await apply();
    const late = await apply();
    await pay(early, 90000);
    await pay(late, 90000);
    const a = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: early.id, channel: 'online', userId: early.userId }, staff, { publicUrl, now: LAST_SECOND });
    const b = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: late.id, channel: 'online', userId: late.userId }, staff, { publicUrl, now: NEXT_DAY });
    expect(a.cancellation.outcome).toMatchObject({ rule: 'before_deadline', refundMinor: 80000 });
    expect(b.cancellation.outcome).toMatchObject({ rule: 'after_deadline', refundMinor: 0, retainedMinor: 90000 });
    expect(b.refund).toBeUndefined();
    expect(await registrationAccount(testDb.db, late.id)).toMatchObject({ balanceMinor: 0, feeRetainedMinor: 90000 });
    const [mail] = (await mailTo(late.email)).filter((m) => m.subject.startsWith('Cancellation'));
    expect(mail!.text).toContain('No refund: your cancellation was received after the cancellation deadline of March 12, 2025');
    expect(mail!.text).toContain('Nothing more is owed');
  });

  test('after the deadline an unpaid registration owes nothing more', async () => {
    const { org, apply } = await setup();
    const reg = await apply();
    const partly = await apply();
    await pay(partly, 30000);
    await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: NEXT_DAY });
    await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: partly.id, channel: 'online', userId: partly.userId }, staff, { publicUrl, now: NEXT_DAY });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: 0, dueMinor: 0 });
    expect(await registrationAccount(testDb.db, partly.id)).toMatchObject({ balanceMinor: 0, feeRetainedMinor: 30000 });
    expect(await refundsOf(partly.id)).toHaveLength(0);
  });

  test('staff record a letter with its received date: the received date decides, not the day it is typed in', async () => {
    const { org, apply } = await setup();
    const reg = await apply();
    await pay(reg, 90000);
    const later = new Date('2025-03-20T18:00:00Z');
    await expect(
      cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'letter', receivedOn: '2025-03-21' }, staff, { publicUrl, now: later }),
    ).rejects.toMatchObject({ code: 'RECEIVED_ON_IN_FUTURE' });
    await expect(
      cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'letter', receivedOn: '2025-01-31' }, staff, { publicUrl, now: later }),
    ).rejects.toMatchObject({ code: 'RECEIVED_ON_BEFORE_SUBMISSION' });
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'letter', receivedOn: '2025-03-12' }, staff, { publicUrl, now: later });
    expect(result.cancellation).toMatchObject({ channel: 'letter', receivedOn: '2025-03-12', outcome: { rule: 'before_deadline', refundMinor: 80000 } });
    // Due 30 days after the acknowledgment (today), not after the received date.
    expect(result.refund!.dueOn).toBe('2025-04-19');
  });

  test('the policy snapshot decides, not the course as edited later', async () => {
    const { org, course, apply } = await setup();
    const reg = await apply();
    await pay(reg, 90000);
    await testDb.db.update(courses).set({ cancellationDeadline: '2025-03-01', cancellationFeeMinor: 50000, refundWithinDays: 5 }).where(eq(courses.id, course.id));
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: BEFORE });
    expect(result.cancellation.outcome).toMatchObject({ rule: 'before_deadline', feeMinor: 10000, refundMinor: 80000 });
    expect(result.refund!.dueOn).toBe('2025-04-11');
  });

  test('a fee larger than what was paid keeps what was paid, refunds nothing, and nothing more is owed', async () => {
    const { org, apply } = await setup();
    const reg = await apply();
    await pay(reg, 6000);
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: BEFORE });
    expect(result.cancellation.outcome).toMatchObject({ paidMinor: 6000, retainedMinor: 6000, refundMinor: 0 });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: 0 });
    expect(await refundsOf(reg.id)).toHaveLength(0);
  });

  test('the freed place goes to the waitlist in the same transaction', async () => {
    const { org, apply } = await setup({ capacity: 1 });
    const holder = await apply();
    const waiting = await apply();
    expect(waiting.status).toBe('waitlisted');
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: holder.id, channel: 'online', userId: holder.userId }, staff, { publicUrl, now: BEFORE });
    const [after] = await testDb.db.select().from(registrations).where(eq(registrations.id, waiting.id));
    expect(after!.status).toBe('offered');
    expect(result.emailIds).toHaveLength(2);
  });

  test('the organizer cancels one registration after the deadline: everything paid is refunded, the reason told, the place offered on', async () => {
    const { org, apply } = await setup({ capacity: 1 });
    const holder = await apply();
    const waiting = await apply();
    await pay(holder, 90000);
    // No reason: a field error, nothing written.
    for (const reason of ['', '  ok ']) {
      await expect(cancelRegistration(testDb.db, { organizationId: org.id, registrationId: holder.id, channel: 'organizer', reason }, staff, { publicUrl, now: NEXT_DAY })).rejects.toMatchObject({
        code: 'ORGANIZER_REASON_REQUIRED',
        fields: { reason: 'ORGANIZER_REASON_REQUIRED' },
      });
    }
    expect(await refundsOf(holder.id)).toHaveLength(0);
    const reason = 'Our faculty cannot lead a fourth small group this year.';
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: holder.id, channel: 'organizer', reason: `  ${reason} ` }, staff, { publicUrl, now: NEXT_DAY });
    // After the registrant's deadline, yet nothing is withheld: the organizer ended it.
    expect(result.cancellation).toMatchObject({ channel: 'organizer', organizerReason: reason, outcome: { rule: 'organizer_cancelled', paidMinor: 90000, retainedMinor: 0, refundMinor: 90000 } });
    expect(result.refund).toMatchObject({ amountMinor: 90000, status: 'due', reason: 'organizer_cancelled' });
    expect(await registrationAccount(testDb.db, holder.id)).toMatchObject({ balanceMinor: -90000, feeRetainedMinor: 0 });
    const [mail] = (await mailTo(holder.email)).filter((m) => m.kind === 'refunds.registration_cancelled_by_organizer');
    expect(mail!.subject).toContain('was cancelled');
    expect(mail!.text).toContain(`Reason: ${reason}`);
    expect(mail!.text).toContain('Everything you paid, $900, will be refunded by');
    expect((await mailTo(holder.email)).filter((m) => m.kind === 'refunds.cancellation_acknowledged')).toHaveLength(0);
    const [offered] = await testDb.db.select().from(registrations).where(eq(registrations.id, waiting.id));
    expect(offered!.status).toBe('offered');
    const audits = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, holder.id), eq(auditEvents.action, 'registration.cancelled')));
    expect(audits.map((a) => (a.after as { reason?: string }).reason)).toEqual([reason]);
  });

  test('only a place-holding registration is cancelled, only by its owner online', async () => {
    const { org, apply } = await setup({ capacity: 1 });
    const holder = await apply();
    const waiting = await apply();
    await expect(
      cancelRegistration(testDb.db, { organizationId: org.id, registrationId: waiting.id, channel: 'online', userId: waiting.userId }, staff, { publicUrl, now: BEFORE }),
    ).rejects.toMatchObject({ code: 'CANCELLATION_NOT_ALLOWED' });
    await expect(
      cancelRegistration(testDb.db, { organizationId: org.id, registrationId: holder.id, channel: 'online', userId: waiting.userId }, staff, { publicUrl, now: BEFORE }),
    ).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
    const other = await createOrganization(testDb.db);
    await expect(
      cancelRegistration(testDb.db, { organizationId: other.id, registrationId: holder.id, channel: 'email', receivedOn: '2025-03-01' }, staff, { publicUrl, now: BEFORE }),
    ).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
  });

  test('aid awarded after a partial payment: the fee comes out of what was paid, the aid is not cash', async () => {
    const { org, apply } = await setup({ financialAidAwards: 4, financialAidMaxMinor: 50000, financialAidDeadline: '2025-03-01' });
    const reg = await apply();
    await pay(reg, 40000);
    const { application: aid } = await applyForAid(
      testDb.db,
      { organizationId: org.id, registrationId: reg.id, userId: reg.userId, requestedMinor: 50000, content: { statement: 'hardship', groups: [], selfDescribed: '', preferNotToSay: false } },
      { userId: reg.userId },
      { keys: crypto.randomBytes(32), publicUrl, now: DURING_REGISTRATION },
    );
    await decideAidApplication(testDb.db, { organizationId: org.id, applicationId: aid.id, decision: 'award', amountMinor: 50000 }, staff, { publicUrl, now: DURING_REGISTRATION });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: 0, aidMinor: -50000 });
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: BEFORE });
    expect(result.cancellation.outcome).toMatchObject({ paidMinor: 40000, retainedMinor: 10000, refundMinor: 30000 });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: -30000 });
    expect((await refundsOf(reg.id)).map((r) => r.amountMinor)).toEqual([30000]);
  });

  test('aid awarded after full payment, then cancelled: the aid refund and the cancellation refund add up to paid minus the fee', async () => {
    const { org, apply } = await setup({ financialAidAwards: 4, financialAidMaxMinor: 50000, financialAidDeadline: '2025-03-01' });
    const reg = await apply();
    await pay(reg, 90000);
    const { application: aid } = await applyForAid(
      testDb.db,
      { organizationId: org.id, registrationId: reg.id, userId: reg.userId, requestedMinor: 30000, content: { statement: 'hardship', groups: [], selfDescribed: '', preferNotToSay: false } },
      { userId: reg.userId },
      { keys: crypto.randomBytes(32), publicUrl, now: DURING_REGISTRATION },
    );
    await decideAidApplication(testDb.db, { organizationId: org.id, applicationId: aid.id, decision: 'award', amountMinor: 30000 }, staff, { publicUrl, now: DURING_REGISTRATION });
    await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: BEFORE });
    const open = await refundsOf(reg.id);
    expect(open.map((r) => r.reason).sort()).toEqual(['aid_award', 'cancellation']);
    expect(open.reduce((sum, r) => sum + r.amountMinor, 0)).toBe(80000);
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: -80000 });
  });

  test('category changed after payment (down, then cancelled): refunds total paid minus the fee, never more than paid', async () => {
    const { org, apply } = await setup();
    const reg = await apply();
    await pay(reg, 90000);
    await changeCategory(testDb.db, { organizationId: org.id, registrationId: reg.id, categoryKey: 'trainee', reason: 'resident' }, staff, { publicUrl, now: DURING_REGISTRATION });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: -26000 });
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: BEFORE });
    expect(result.cancellation.outcome).toMatchObject({ paidMinor: 90000, refundMinor: 80000 });
    const open = await refundsOf(reg.id);
    expect(open.reduce((sum, r) => sum + r.amountMinor, 0)).toBe(80000);
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: -80000 });
  });

  test('category changed after payment (up, still owing), then cancelled: nothing more owed, paid minus fee refunded', async () => {
    const { org, apply } = await setup();
    const reg = await apply({ categoryKey: 'trainee', answers: { ...application('x', 'y').answers, trainingProgram: 'Residency', traineeAttested: true } });
    await pay(reg, 64000);
    await changeCategory(testDb.db, { organizationId: org.id, registrationId: reg.id, categoryKey: 'non_member', reason: 'not a trainee' }, staff, { publicUrl, now: DURING_REGISTRATION });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: 26000 });
    const result = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: BEFORE });
    expect(result.cancellation.outcome).toMatchObject({ paidMinor: 64000, refundMinor: 54000 });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: -54000 });
  });
});
