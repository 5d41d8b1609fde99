// The committee's decision on an application: award an amount or decline. Awards are scarce
// (a number per course, a maximum each), so every decision runs under the money lock: the
// course row first — which serializes all decisions of the course — then the registration row.
// Then count, check, write (ADR 0021's rule; ADR 0043). An award is final.
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import type { Refund } from '#domain/money/ledger-rows.ts';
import { lockRegistrationForMoney } from '#domain/money/money-locks.server.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { settleCredit } from '#domain/money/settle-credit.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { reviseOpenInvoices } from '#domain/billing/invoice-revision.server.ts';
import type { AidApplication } from './apply-for-aid.server.ts';
import { queueAidEmail } from './notify.server.ts';
import { awardRefusal } from './program.ts';

export type AidDecision = { decision: 'award'; amountMinor: number } | { decision: 'decline' };

export interface DecidedAid {
  application: AidApplication;
  /** A refund due because the registration had already paid more than it now owes. */
  refund: Refund | undefined;
  emailIds: string[];
}

const AMOUNT_REFUSALS = new Set(['AID_AMOUNT_INVALID', 'AID_AMOUNT_OVER_MAX', 'AID_AMOUNT_OVER_DUE']);

export async function decideAidApplication(
  db: Db,
  input: { organizationId: string; applicationId: string } & AidDecision,
  actor: Actor,
  context: { publicUrl: string; now?: Date },
): Promise<DecidedAid> {
  const now = context.now ?? new Date();
  return withScarceLocks(db, async (tx) => {
    const [target] = await tx
      .select({ registrationId: aidApplications.registrationId })
      .from(aidApplications)
      .where(and(eq(aidApplications.id, input.applicationId), eq(aidApplications.organizationId, input.organizationId)));
    if (!target) throw new DomainError('AID_APPLICATION_NOT_FOUND', input.applicationId);
    const { course, registration } = await lockRegistrationForMoney(tx, input.organizationId, target.registrationId);
    // Read again under the lock: another member may have decided meanwhile.
    const [application] = await tx.select().from(aidApplications).where(eq(aidApplications.id, input.applicationId));
    if (!application) throw new DomainError('AID_APPLICATION_NOT_FOUND', input.applicationId);
    const today = localDate(now, course.timeZone);
    const email = {
      organizationId: input.organizationId,
      to: registration.email,
      publicUrl: context.publicUrl,
      name: registration.name,
      courseTitle: course.title,
      registrationId: registration.id,
      currency: application.currency,
      requestedMinor: application.requestedMinor,
    };

    if (input.decision === 'decline') {
      if (application.status !== 'submitted') throw new DomainError('AID_ALREADY_DECIDED');
      const [declined] = await tx
        .update(aidApplications)
        .set({ status: 'not_awarded', decidedAt: now, decidedBy: actor.userId })
        .where(and(eq(aidApplications.id, application.id), eq(aidApplications.status, 'submitted')))
        .returning();
      await recordAudit(tx, actor, {
        organizationId: input.organizationId,
        action: 'aid_application.not_awarded',
        entityType: 'aid_application',
        entityId: application.id,
        before: { status: application.status },
        after: { status: 'not_awarded' },
      });
      return { application: declined!, refund: undefined, emailIds: [await queueAidEmail(tx, 'not_awarded', email)] };
    }

    const [given] = await tx
      .select({ n: count() })
      .from(aidApplications)
      .where(and(eq(aidApplications.courseId, course.id), eq(aidApplications.status, 'awarded')));
    const account = await registrationAccount(tx, registration.id);
    await racePoint('aid.counted');
    const refusal = awardRefusal(course, {
      applicationStatus: application.status,
      registrationStatus: registration.status,
      amountMinor: input.amountMinor,
      awardsGiven: given?.n ?? 0,
      dueMinor: account.dueMinor,
    });
    if (refusal) throw new DomainError(refusal, undefined, AMOUNT_REFUSALS.has(refusal) ? { amount: refusal } : {});

    const [awarded] = await tx
      .update(aidApplications)
      .set({ status: 'awarded', awardedMinor: input.amountMinor, decidedAt: now, decidedBy: actor.userId })
      .where(and(eq(aidApplications.id, application.id), eq(aidApplications.status, 'submitted')))
      .returning();
    if (!awarded) throw new DomainError('AID_ALREADY_DECIDED');
    await postEntries(tx, [
      {
        organizationId: input.organizationId,
        registrationId: registration.id,
        kind: 'aid_award',
        amountMinor: -input.amountMinor,
        currency: application.currency,
        // The statement reads "Financial aid award: <course>" (domain/billing/descriptions.ts).
        reason: course.title,
        aidApplicationId: application.id,
        effectiveOn: today,
        createdBy: actor.userId,
      },
    ]);
    // Already paid: the award comes back as a refund due today.
    const refund = await settleCredit(tx, { registration, reason: 'aid_award', dueOn: today, actor });
    // What is owed changed: an open invoice is replaced (or, with money against it, asks for
    // what is due now) in this same transaction, and the payer is emailed the new amount.
    const revised = await reviseOpenInvoices(tx, {
      organizationId: input.organizationId,
      registrationId: registration.id,
      change: { kind: 'aid_award', amountMinor: input.amountMinor, currency: application.currency, courseTitle: course.title },
      actor,
      publicUrl: context.publicUrl,
      now,
    });
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'aid_application.awarded',
      entityType: 'aid_application',
      entityId: application.id,
      before: { status: application.status },
      after: { status: 'awarded', awardedMinor: input.amountMinor, currency: application.currency, refundId: refund?.id ?? null },
    });
    const emailId = await queueAidEmail(tx, 'awarded', {
      ...email,
      awardedMinor: input.amountMinor,
      refundMinor: refund?.amountMinor,
      owedMinor: revised.owedMinor,
      invoices: revised.replaced.flatMap((r) => (r.toNumber ? [{ old: r.fromNumber, new: r.toNumber, totalMinor: r.totalMinor }] : [])),
    });
    return { application: awarded, refund, emailIds: [emailId, ...revised.emailIds] };
  });
}
