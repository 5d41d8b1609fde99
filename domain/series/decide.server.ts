// The minimum-to-run decision (ADR 0063), run by the nightly job and by a leader's or staff's
// button. Under the series row's lock: a series at or above its minimum is confirmed and
// everyone is told it runs; after the decide-by date (its whole local day, in the group's zone)
// a series below it is cancelled — every place ends, every enrollee is emailed (outbox), every
// charge is reversed on the enrollment's ledger account, and whatever was paid becomes a refund
// due in the refund tracker (reason series_cancelled). Idempotent: a decided series is left
// alone, and the unique index refunds_series_cancelled makes a second refund impossible.
import { and, eq, inArray, lte } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '#db/client.server.ts';
import { groupListings } from '#db/schema/directory.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { groupSeries, seriesEnrollments } from '#db/schema/series.ts';
import { recordAudit, systemActor, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { Refund } from '#domain/money/ledger-rows.ts';
import { lockSeriesEnrollmentsForMoney } from '#domain/money/money-locks.server.ts';
import { addDays } from '#domain/money/policy.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { seriesEnrollmentAccount } from '#domain/money/read-account.server.ts';
import { settleSeriesCredit } from '#domain/money/settle-series-credit.server.ts';
import { closeCheckoutIn } from '#domain/payments/close-checkout.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import type { Logger } from '#lib/log.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { cancelledEmail, confirmedEmail } from './emails.ts';
import { decideSeries } from './minimum.ts';
import { lockSeries } from './series.server.ts';
import { localToday } from './sessions.ts';

/** A refund for a cancelled series is due this many days after the decision. */
export const SERIES_REFUND_DAYS = 14;

export interface DecisionResult {
  outcome: 'confirmed' | 'cancelled' | 'wait' | 'already_decided';
  signUps: number;
  refunds: Refund[];
  emailIds: string[];
}

export async function decideSeriesNow(db: Db, input: { organizationId: string; seriesId: string }, actor: Actor, context: { publicUrl: string; now?: Date }): Promise<DecisionResult> {
  const now = context.now ?? new Date();
  return withScarceLocks(db, async (tx) => {
    const series = await lockSeries(tx, input.organizationId, input.seriesId);
    const [listing] = await tx.select().from(groupListings).where(eq(groupListings.id, series.listingId));
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, series.organizationId));
    const enrolled = await tx
      .select()
      .from(seriesEnrollments)
      .where(and(eq(seriesEnrollments.seriesId, series.id), eq(seriesEnrollments.status, 'enrolled')));
    if (series.status !== 'open') return { outcome: 'already_decided', signUps: enrolled.length, refunds: [], emailIds: [] };
    const today = localToday(Temporal.Instant.fromEpochMilliseconds(now.getTime()), listing!.timeZone);
    const decision = decideSeries({ minimum: series.minimum, maximum: series.maximum, decideOn: series.decideBy, decidedAt: null }, enrolled.length, today);
    if (decision.decision === 'wait') return { outcome: 'wait', signUps: enrolled.length, refunds: [], emailIds: [] };

    const templates = await loadEmailTemplates(tx, series.organizationId);
    const facts = (name: string) => ({
      templates,
      orgName: org!.name,
      orgSlug: org!.slug,
      publicUrl: context.publicUrl,
      name,
      seriesId: series.id,
      title: series.title,
      groupTitle: listing!.title,
      firstSessionOn: series.firstSessionOn,
      currency: series.currency,
    });
    const emailIds: string[] = [];

    if (decision.decision === 'run') {
      await tx.update(groupSeries).set({ status: 'confirmed', decidedAt: now, decidedBy: actor.userId, updatedAt: now }).where(eq(groupSeries.id, series.id));
      await recordAudit(tx, actor, { organizationId: series.organizationId, action: 'series.confirmed', entityType: 'group_series', entityId: series.id, before: { status: 'open' }, after: { status: 'confirmed', signUps: enrolled.length } });
      for (const e of enrolled) emailIds.push(await queueEmail(tx, { organizationId: series.organizationId, kind: 'series.confirmed', to: e.email, ...confirmedEmail(facts(e.name)) }));
      return { outcome: 'confirmed', signUps: enrolled.length, refunds: [], emailIds };
    }

    // Called off. The money lock of every place (series row, then enrollments, in id order).
    const locked = await lockSeriesEnrollmentsForMoney(tx, series.organizationId, enrolled.map((e) => e.id));
    await tx.update(groupSeries).set({ status: 'cancelled', decidedAt: now, decidedBy: actor.userId, updatedAt: now }).where(eq(groupSeries.id, series.id));
    await recordAudit(tx, actor, {
      organizationId: series.organizationId,
      action: 'series.cancelled',
      entityType: 'group_series',
      entityId: series.id,
      before: { status: 'open' },
      after: { status: 'cancelled', signUps: enrolled.length, minimum: series.minimum },
    });
    // Unpaid checkouts for these places are closed: nothing more is asked.
    if (locked.length) {
      const open = await tx
        .selectDistinct({ id: checkouts.id })
        .from(checkouts)
        .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
        .where(and(eq(checkouts.organizationId, series.organizationId), inArray(checkouts.status, ['open', 'awaiting_payment']), inArray(checkoutLines.seriesEnrollmentId, locked.map((e) => e.id))));
      for (const c of open) await closeCheckoutIn(tx, { organizationId: series.organizationId, checkoutId: c.id, status: 'cancelled', reason: 'series cancelled', actor, now });
    }
    const dueOn = addDays(today, SERIES_REFUND_DAYS);
    const refunds: Refund[] = [];
    for (const enrollment of locked) {
      const [ended] = await tx
        .update(seriesEnrollments)
        .set({ status: 'cancelled', cancelledAt: now, cancelReason: 'series_cancelled' })
        .where(eq(seriesEnrollments.id, enrollment.id))
        .returning();
      const account = await seriesEnrollmentAccount(tx, enrollment.id);
      // Nothing is owed for a series that does not run: the charge is reversed.
      if (account.dueMinor > 0) {
        await postEntries(tx, [
          {
            organizationId: series.organizationId,
            seriesEnrollmentId: enrollment.id,
            kind: 'adjustment',
            amountMinor: -account.dueMinor,
            currency: series.currency,
            reason: 'series cancelled: minimum not reached',
            effectiveOn: today,
            createdBy: actor.userId,
          },
        ]);
      }
      const refund = await settleSeriesCredit(tx, { enrollment: ended!, currency: series.currency, reason: 'series_cancelled', dueOn, actor, note: series.title });
      if (refund) {
        refunds.push(refund);
        await recordAudit(tx, actor, { organizationId: series.organizationId, action: 'refund.created', entityType: 'refund', entityId: refund.id, after: { reason: 'series_cancelled', amountMinor: refund.amountMinor, seriesEnrollmentId: enrollment.id } });
      }
      const mail = cancelledEmail({ ...facts(enrollment.name), minimum: series.minimum, signUps: enrolled.length, refundMinor: refund?.amountMinor ?? 0, refundDueOn: refund ? dueOn : null });
      emailIds.push(await queueEmail(tx, { organizationId: series.organizationId, kind: 'series.cancelled', to: enrollment.email, ...mail }));
    }
    return { outcome: 'cancelled', signUps: enrolled.length, refunds, emailIds };
  });
}

/**
 * The sweep (hourly, so each zone's series is decided early in its own next day): every open
 * series whose decide-by date may have ended (on or before today's UTC date: no zone is a whole
 * day ahead of that and past it) is decided; one still inside its day in its own zone waits.
 */
export async function decideDueSeries(db: Db, context: { publicUrl: string; now?: Date; log?: Logger }): Promise<{ decided: number; emailIds: string[] }> {
  const now = context.now ?? new Date();
  const utcToday = now.toISOString().slice(0, 10);
  const due = await db
    .select({ id: groupSeries.id, organizationId: groupSeries.organizationId })
    .from(groupSeries)
    .where(and(eq(groupSeries.status, 'open'), lte(groupSeries.decideBy, utcToday)));
  const emailIds: string[] = [];
  let decided = 0;
  for (const s of due) {
    try {
      const result = await decideSeriesNow(db, { organizationId: s.organizationId, seriesId: s.id }, systemActor, { publicUrl: context.publicUrl, now });
      if (result.outcome === 'confirmed' || result.outcome === 'cancelled') decided++;
      emailIds.push(...result.emailIds);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      context.log?.info({ seriesId: s.id, code: error.code }, 'series decision skipped');
    }
  }
  return { decided, emailIds };
}
