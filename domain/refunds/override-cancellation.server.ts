// Staff change what a cancellation refunds, with a reason: any amount from nothing to all that
// was paid. The difference is posted to the ledger as an adjustment carrying the reason, and the
// open refund rows are raised, lowered, cancelled or created so the tracker and the ledger say
// the same thing. Money already paid out cannot be taken back: an override below it is refused.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { cancellations, refunds, type RefundReason } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockRegistrationForMoney } from '#domain/money/money-locks.server.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { settleCredit } from '#domain/money/settle-credit.server.ts';
import { localDate, overriddenOutcome } from '#domain/money/policy.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import type { NotifyContext } from '#domain/registration/notify.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { cancellationDueOn, findCancellation, registrationTimeZone, type Cancellation } from './cancel-registration.server.ts';
import { overrideEmail } from './emails.ts';

export interface OverrideInput {
  organizationId: string;
  registrationId: string;
  refundMinor: number;
  reason: string;
}

export async function overrideCancellation(db: Db, input: OverrideInput, actor: Actor, context: NotifyContext & { now?: Date }): Promise<{ cancellation: Cancellation; emailIds: string[] }> {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('REASON_REQUIRED', undefined, { reason: 'REQUIRED' });
  return withScarceLocks(db, async (tx) => {
    const now = context.now ?? new Date();
    const { course, registration } = await lockRegistrationForMoney(tx, input.organizationId, input.registrationId);
    const cancellation = await findCancellation(tx, registration.id);
    if (!cancellation) throw new DomainError('CANCELLATION_NOT_FOUND', registration.id);
    const before = cancellation.outcome;
    if (!Number.isInteger(input.refundMinor) || input.refundMinor < 0 || input.refundMinor > before.paidMinor) {
      throw new DomainError('OVERRIDE_OUT_OF_RANGE', `${input.refundMinor} not in 0…${before.paidMinor}`, { refund: 'OVERRIDE_OUT_OF_RANGE' });
    }
    const next = overriddenOutcome(before.paidMinor, before.feeMinor, input.refundMinor);
    const timeZone = registrationTimeZone(registration, course);
    const dueOn = cancellationDueOn(cancellation, registration, course);

    // The ledger decides, not the stored outcome: after the override the account keeps exactly
    // next.retainedMinor of the money (what it keeps now is its non-cash sum, dueMinor).
    const account = await registrationAccount(tx, registration.id);
    const delta = account.dueMinor - next.retainedMinor;
    const credit = -(account.balanceMinor - delta);
    if (credit < 0) throw new DomainError('REFUND_ALREADY_PAID', `${account.refundedMinor} already refunded`);
    const open = await tx
      .select()
      .from(refunds)
      .where(and(eq(refunds.registrationId, registration.id), inArray(refunds.status, ['due', 'failed', 'processing'])))
      .orderBy(desc(refunds.createdAt));
    const promised = open.reduce((sum, r) => sum + r.amountMinor, 0);
    let excess = promised - credit;
    const adjustable = open.filter((r) => r.status !== 'processing');
    if (excess > adjustable.reduce((sum, r) => sum + r.amountMinor, 0)) throw new DomainError('REFUND_IN_PROGRESS', registration.id);

    await postEntries(tx, [
      {
        organizationId: registration.organizationId,
        registrationId: registration.id,
        kind: 'adjustment',
        amountMinor: -delta,
        currency: registration.currency,
        reason: `cancellation override: ${reason}`,
        cancellationId: cancellation.id,
        effectiveOn: localDate(now, timeZone),
        createdBy: actor.userId,
      },
    ]);

    // Lower the promises the cancellation made first, newest first; then any other open ones.
    const cancellationReasons: RefundReason[] = ['cancellation', 'course_cancelled', 'organizer_cancelled'];
    const order = [...adjustable.filter((r) => cancellationReasons.includes(r.reason)), ...adjustable.filter((r) => !cancellationReasons.includes(r.reason))];
    for (const row of order) {
      if (excess <= 0) break;
      const take = Math.min(row.amountMinor, excess);
      excess -= take;
      const change = take === row.amountMinor ? { status: 'cancelled' as const } : { amountMinor: row.amountMinor - take };
      await tx.update(refunds).set({ ...change, note: reason }).where(eq(refunds.id, row.id));
      await recordAudit(tx, actor, {
        organizationId: registration.organizationId,
        action: 'refund.adjusted',
        entityType: 'refund',
        entityId: row.id,
        before: { amountMinor: row.amountMinor, status: row.status },
        after: { ...change, reason },
      });
    }
    // Raise the cancellation's own open refund when there is one (one row per cancellation in
    // the tracker); otherwise a new refund for the part no promise covers.
    const raise = Math.min(-excess, account.netPaidMinor - promised);
    const own = order.find((r) => cancellationReasons.includes(r.reason) && r.status === 'due');
    if (raise > 0 && own) {
      await tx.update(refunds).set({ amountMinor: own.amountMinor + raise, note: reason }).where(eq(refunds.id, own.id));
      await recordAudit(tx, actor, {
        organizationId: registration.organizationId,
        action: 'refund.adjusted',
        entityType: 'refund',
        entityId: own.id,
        before: { amountMinor: own.amountMinor },
        after: { amountMinor: own.amountMinor + raise, reason },
      });
    }
    const created = await settleCredit(tx, {
      registration,
      reason: before.rule === 'course_cancelled' || before.rule === 'organizer_cancelled' ? before.rule : 'cancellation',
      dueOn,
      actor,
      note: reason,
    });
    if (created) {
      await recordAudit(tx, actor, {
        organizationId: registration.organizationId,
        action: 'refund.created',
        entityType: 'refund',
        entityId: created.id,
        after: { amountMinor: created.amountMinor, dueOn, reason },
      });
    }

    const [after] = await tx.update(cancellations).set({ outcome: next, overrideReason: reason }).where(eq(cancellations.id, cancellation.id)).returning();
    await recordAudit(tx, actor, {
      organizationId: registration.organizationId,
      action: 'cancellation.overridden',
      entityType: 'cancellation',
      entityId: cancellation.id,
      before: { outcome: before, overrideReason: cancellation.overrideReason },
      after: { outcome: next, overrideReason: reason },
    });
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, registration.organizationId));
    const email = overrideEmail({
      orgName: org?.name ?? '',
      orgSlug: org?.slug ?? '',
      publicUrl: context.publicUrl,
      name: registration.name,
      course: { title: course.title, startsOn: course.startsOn, endsOn: course.endsOn },
      currency: registration.currency,
      refundMinor: next.refundMinor,
      dueOn,
      reason,
      templates: await loadEmailTemplates(tx, registration.organizationId),
    });
    const emailIds = delta === 0 ? [] : [await queueEmail(tx, { organizationId: registration.organizationId, kind: 'refunds.cancellation_overridden', to: registration.email, ...email })];
    return { cancellation: after!, emailIds };
  });
}
